"""The scale benchmark: synthetic corpora of N projects built like ``build`` does, against a naive baseline.

Our build is the real ``python -m generator build`` command in a child process,
timed by wall clock, with CPU time and peak memory read from ``os.wait4`` (its
children included) and the phase split from ``build --timings``. The naive
baseline builds the same pages with Material's defaults: every page in the
auto-generated nav, the default search plugin, and no ``data-search-exclude``
(everything indexed). The baseline grows as O(n²), so it only runs up to
``baseline_max`` projects.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from generator.commands.synth import write_corpus

ROOT = Path(__file__).resolve().parents[1]
EXCLUDE = re.compile(rb"\s*data-search-exclude(?:=\"[^\"]*\")?")
LEAN = re.compile(rb"^(?:search:\n  exclude: true\n|hide:\n(?:  - \w+\n)+)", re.M)
"""Front-matter lines of our lean pages (no Material search, no sidebars), which a naive site would not have."""


@dataclass
class Row:
    """One measured build: wall seconds, CPU seconds (user + system, children included), sizes."""

    n: int
    variant: str
    synth: float
    generate: float
    mkdocs: float
    total: float
    cpu: float
    peak_kb: int
    site_bytes: int
    index_bytes: int
    index_gz: int
    median_page: float
    incremental: float | None = None
    incremental_cpu: float | None = None
    incremental_target: float | None = None
    """``build --incremental`` after one target value was lowered (the quick path too)."""
    incremental_name: float | None = None
    """``build --incremental`` after one project was renamed (the quick path too)."""
    incremental_funds: float | None = None
    """``build --incremental`` after one project's funds were raised (the quick path too)."""
    incremental_indicator: float | None = None
    """``build --incremental`` after one project got one more indicator (the quick path too)."""
    incremental_unit: float | None = None
    """``build --incremental`` after a unit no other target has (an inline text of the workbook)."""
    incremental_implementer: float | None = None
    """``build --incremental`` after one project's 实施单位 was corrected (its series, its department's
    page and quality pages)."""
    incremental_warning: float | None = None
    """``build --incremental`` after an edit that makes a warning (the quality pages, the printed warnings)."""


def machine() -> str:
    """Cores, CPU model, memory and tool versions of this machine."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
        mem_gb = int(mem.split()[1]) / 1024 / 1024
    except (OSError, StopIteration):
        mem_gb = 0.0
    from importlib.metadata import version

    tools = ", ".join(f"{p} {version(p)}" for p in ("mkdocs", "mkdocs-material", "jieba"))
    return (f"{os.cpu_count()} cores, {model}, {mem_gb:.0f} GB RAM, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}, {tools}")


def run_measured(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """Run ``cmd``; its wall time, CPU time (user + system) and peak RSS in KB, children included.

    CPU time is reported beside wall time because a shared machine stretches wall time."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd[:4])}… failed ({proc.returncode}):\n{stderr.decode('utf-8', 'replace')[-3000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def generate_child(content: str, docs: str) -> None:
    """The generator alone (load, validate, check, transform, render, write) into ``docs``."""
    from generator.build import generate, load_site

    generate(load_site(Path(content), Path(content)), Path(docs))


def stock_extensions() -> str:
    """mkdocs.yml's ``markdown_extensions`` without ours (``generator.rawblocks``), as YAML: the
    baseline gets Python-Markdown's standard raw-HTML handling."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    stock = [e for e in config["markdown_extensions"] if not (isinstance(e, str) and e.startswith("generator."))]
    return yaml.safe_dump({"markdown_extensions": stock}, allow_unicode=True, sort_keys=False).rstrip("\n")


def write_config(path: Path, baseline: bool) -> Path:
    """A config inheriting the repository's mkdocs.yml (its docs dir is ``build/docs`` beside ``path``);
    the baseline drops our tuning."""
    lines = [f"INHERIT: {ROOT / 'mkdocs.yml'}", f"theme:\n  custom_dir: {ROOT / 'overrides'}"]
    if baseline:
        lines += ["nav: null", "not_in_nav: ''", "plugins:\n  - search", stock_extensions()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def naive_pages(docs: Path, out: Path) -> None:
    """The same pages without ``data-search-exclude`` and without our lean front matter (``search: exclude``,
    ``hide``), as a naive site would index and frame them."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(docs, out)
    for md in out.rglob("*.md"):
        data = md.read_bytes()
        naive = data
        if naive.startswith(b"---\n") and b"\n---\n" in naive[4:]:
            end = naive.index(b"\n---\n", 4)
            naive = LEAN.sub(b"", naive[:end + 1]) + naive[end + 1:]
        naive = EXCLUDE.sub(b"", naive)
        if naive != data:
            md.write_bytes(naive)


def site_figures(site: Path) -> tuple[int, int, int, float]:
    """site/ bytes, search index raw and gzip bytes, median project page bytes."""
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    pages = [p.stat().st_size for p in (site / "projects").rglob("*.html")] if (site / "projects").is_dir() else []
    return total, len(raw), len(gzip.compress(raw, 6)), statistics.median(pages) if pages else 0.0


def build_command(content: Path, root: Path, jobs: int, incremental: bool = False) -> tuple[list[str], Path]:
    """The ``build`` command line for a build root, and the file its phase timings go to."""
    timings = root / ("timings-incremental.json" if incremental else "timings.json")
    cmd = [sys.executable, "-m", "generator", "build", "--content", str(content), "--site", str(root / "site"),
           "--config", str(root / "mkdocs.yml"), "--jobs", str(jobs), "--timings", str(timings)]
    return cmd + (["--incremental"] if incremental else []), timings


def edit_one(content: Path) -> Path:
    """Change the annual goal of one project file, as an editor would (for the incremental rebuild)."""
    path = sorted(content.rglob("*.yaml"))[len(list(content.rglob("*.yaml"))) // 2]
    text = path.read_text("utf-8")
    edited = re.sub(r"^(  annual: )", r"\1（修订）", text, count=1, flags=re.M)
    if edited == text:
        raise RuntimeError(f"{path}: no annual goal to edit")
    path.write_text(edited, "utf-8")
    return path


TARGET = re.compile(r"target: \{text: (?P<op>[≥≤=<>]+)(?P<num>\d+)\.00\((?P<unit>[^)%]+)\), operator: (?P<op2>'?[≥≤=<>]+'?), "
                    r"number: (?P=num), unit: (?P=unit)\}")
"""A numeric target of a synthetic project file (not a percentage), as ``synth`` writes it."""


def lower_targets(text: str, count: int = 1) -> tuple[str, int]:
    """``text`` with up to ``count`` numeric targets of 2 or more lowered by one, text and number
    alike, as an officer correcting a value would (down: a cost stays within the funds; 0 and 1
    are often exact); and how many were lowered."""
    done = 0

    def lower(m: re.Match[str]) -> str:
        nonlocal done
        if done >= count or int(m.group("num")) < 2:
            return m.group(0)
        done += 1
        n = int(m.group("num")) - 1
        return f"target: {{text: {m.group('op')}{n}.00({m.group('unit')}), operator: {m.group('op2')}, number: {n}, unit: {m.group('unit')}}}"

    return TARGET.sub(lower, text), done


def edit_target(content: Path) -> tuple[Path, str]:
    """Lower one numeric target of the first file that has one (``lower_targets``); the file and its text before."""
    for path in sorted(content.rglob("*.yaml")):
        text = path.read_text("utf-8")
        edited, done = lower_targets(text)
        if done:
            path.write_text(edited, "utf-8")
            return path, text
    raise RuntimeError(f"{content}: no numeric target to edit")


def edit_name(content: Path) -> tuple[Path, str]:
    """Rename one project (its list rows, the quality pages and the feed change); the file and its text before."""
    path = sorted(content.rglob("*.yaml"))[1]
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"^(name: )", r"\1改名", text, count=1, flags=re.M), "utf-8")
    return path, text


FUNDS = re.compile(r"^funds:\n  total: (?P<total>\d+\.\d\d)\n  fiscal: (?P<fiscal>\d+\.\d\d)\n", re.M)
"""The project's total and its fiscal part, as ``synth`` writes them."""


def raised_funds(text: str, by: int = 1) -> str | None:
    """A project file's text with its total and fiscal funds raised by ``by`` 万元 (its sums stay
    right); None when it has no such funds."""
    m = FUNDS.search(text)
    if m is None:
        return None
    total, fiscal = (f"{float(m.group(k)) + by:.2f}" for k in ("total", "fiscal"))
    return text[: m.start()] + f"funds:\n  total: {total}\n  fiscal: {fiscal}\n" + text[m.end():]


FIRST_INDICATOR = re.compile(r"- level1: .*\n(?:  .*\n)*")
"""An indicator's block at the start of ``indicators:``, as ``synth`` writes it."""


def first_indicator(text: str) -> tuple[str, str, str] | None:
    """(the text up to ``indicators:``, its first indicator's block, the rest) of a project file, or None."""
    head, sep, rest = text.partition("\nindicators:\n")
    block = FIRST_INDICATOR.match(rest) if sep else None
    return None if block is None else (head + sep, block.group(0), rest[block.end():])


def with_indicator_copy(text: str, suffix: str) -> str | None:
    """A project file's text with a copy of its first indicator, ``suffix`` after its name, at the
    end (``indicators`` is the last key, as ``synth`` writes it); None without indicators."""
    parts = first_indicator(text)
    if parts is None:
        return None
    copy = re.sub(r"^(  name: .*)$", lambda m: m.group(1) + suffix, parts[1], count=1, flags=re.M)
    return text + ("" if text.endswith("\n") else "\n") + copy


def edit_funds(content: Path) -> tuple[Path, str]:
    """Raise the total and the fiscal funds of one project by 1 万元 (``raised_funds``; the totals,
    charts and list rows change); the file and its text before."""
    for path in sorted(content.rglob("*.yaml"))[2:]:
        text = path.read_text("utf-8")
        edited = raised_funds(text)
        if edited is not None:
            path.write_text(edited, "utf-8")
            return path, text
    raise RuntimeError(f"{content}: no funds to edit")


def edit_indicator(content: Path) -> tuple[Path, str]:
    """Give one project one more indicator, a copy of its first under a new name (the level
    counts, charts and the workbook's rows change); the file and its text before."""
    path = sorted(content.rglob("*.yaml"))[3]
    text = path.read_text("utf-8")
    edited = with_indicator_copy(text, "（新增）")
    if edited is None:
        raise RuntimeError(f"{path}: no indicator to copy")
    path.write_text(edited, "utf-8")
    return path, text


def edit_unit(content: Path) -> tuple[Path, str]:
    """Give one numeric target of one project a unit no other target has (a text of the workbook's
    own cell, not a shared string); the file and its text before."""
    for path in sorted(content.rglob("*.yaml"))[4:]:
        text = path.read_text("utf-8")
        for m in TARGET.finditer(text):
            if "level1: 成本指标" in text[: m.start()].rsplit("\n- ", 1)[-1]:
                continue  # a cost must stay an amount of money (rule cost.weak)
            new = m.group(0).replace(f"({m.group('unit')})", "(立方千米)").replace(f"unit: {m.group('unit')}}}", "unit: 立方千米}")
            path.write_text(text[: m.start()] + new + text[m.end():], "utf-8")
            return path, text
    raise RuntimeError(f"{content}: no numeric target to edit")


def edit_implementer(content: Path) -> tuple[Path, str]:
    """File one project under another 实施单位 of its department (a unit it was wrongly filed
    under: its series, its department's page and quality pages change); the file and its text before."""
    field = re.compile(r"^(department|implementer): (.*)$", re.M)
    texts = {path: path.read_text("utf-8") for path in sorted(content.rglob("*.yaml"))}
    found = {path: dict(field.findall(text)) for path, text in texts.items()}
    units: dict[str, set[str]] = {}
    for fields in found.values():
        units.setdefault(fields["department"], set()).add(fields["implementer"])
    for path in list(texts)[5:]:
        mine = found[path]
        others = sorted(units[mine["department"]] - {mine["implementer"]})
        if others:
            text = texts[path]
            path.write_text(text.replace(f"\nimplementer: {mine['implementer']}\n", f"\nimplementer: {others[0]}\n", 1), "utf-8")
            return path, text
    raise RuntimeError(f"{content}: no department with two 实施单位")


def copied_goal(text: str) -> str | None:
    """A project file's text with its annual goal a copy of its total goal (rule
    ``completeness.goal-copied`` warns); None when it has no total goal."""
    total = re.search(r"\ngoals:\n  total: (.*)\n", text)
    return None if total is None else re.sub(r"(\n  annual: ).*", lambda m: m.group(1) + total.group(1), text, count=1)


def edit_warning(content: Path) -> tuple[Path, str]:
    """Make one project's annual goal a copy of its total goal (``copied_goal``: a warning); the
    file and its text before."""
    path = sorted(content.rglob("*.yaml"))[6]
    text = path.read_text("utf-8")
    edited = copied_goal(text)
    if edited is None or edited == text:
        raise RuntimeError(f"{path}: no goals to copy")
    path.write_text(edited, "utf-8")
    return path, text


EDITS = (("incremental_target", edit_target), ("incremental_name", edit_name), ("incremental_funds", edit_funds),
         ("incremental_indicator", edit_indicator), ("incremental_unit", edit_unit),
         ("incremental_implementer", edit_implementer), ("incremental_warning", edit_warning))
"""The edits timed after the goal edit, each from a site in step: the ``Row`` field and the edit."""


def bench_size(n: int, work: Path, seed: int, baseline: bool, jobs: list[int], years: int = 5) -> list[Row]:
    """Synthesize ``n`` projects and build them with each ``jobs`` count, then the baseline when asked.

    The first variant is also rebuilt incrementally after one project file is edited."""
    base = work / f"n{n}"
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    start = time.perf_counter()
    content = write_corpus(base / "content", n, years, seed)
    synth = time.perf_counter() - start
    rows = []
    for number, k in enumerate(jobs):
        root = base / f"ours-{k}"
        write_config(root / "mkdocs.yml", baseline=False)
        cmd, timings = build_command(content, root, k)
        wall, cpu, kb = run_measured(cmd, ROOT)
        phases = json.loads(timings.read_text("utf-8"))
        row = Row(n, "ours" if k == 1 else f"ours, {k} jobs", synth, phases["load"] + phases["generate"],
                  phases["mkdocs"], wall, cpu, kb, *site_figures(root / "site"))
        if number == 0:
            edited = edit_one(content)
            cmd, timings = build_command(content, root, k, incremental=True)
            row.incremental, row.incremental_cpu, _ = run_measured(cmd, ROOT)
            edited.write_text(edited.read_text("utf-8").replace("（修订）", "", 1), "utf-8")
            for attribute, edit in EDITS:
                run_measured(cmd, ROOT)  # back in step, not measured
                path, before = edit(content)
                setattr(row, attribute, run_measured(cmd, ROOT)[0])
                path.write_text(before, "utf-8")
        rows.append(row)
    if baseline:
        ours = base / f"ours-{jobs[0]}"
        naive = base / "baseline"
        naive_pages(ours / "build" / "docs", naive / "build" / "docs")
        config = write_config(naive / "mkdocs.yml", baseline=True)
        wall, cpu, kb = run_measured([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config),
                                      "-d", str(naive / "site")], ROOT)
        gen = rows[0]
        rows.append(Row(n, "baseline", synth, gen.generate, wall, gen.generate + wall, cpu, kb, *site_figures(naive / "site")))
    return rows


def _mb(b: float) -> str:
    return f"{b / 1e6:.1f}"


def format_table(rows: list[Row], about: str) -> str:
    """One Markdown table of every build, then baseline ÷ ours ratios, then the machine."""
    head = ["N", "variant", "generate s", "MkDocs s", "total s (CPU)", "incremental s (% of total)", "peak MB",
            "site MB", "index MB", "index gz MB", "median page KB",
            "incremental, target · name · funds · indicator · new unit · 实施单位 · new warning edit s (%)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        incr = f"{r.incremental:.1f} ({100 * r.incremental / r.total:.0f}%)" if r.incremental is not None else ""
        others = " · ".join(f"{t:.1f} ({100 * t / r.total:.0f}%)" for t in (getattr(r, attribute) for attribute, _ in EDITS) if t is not None)
        cells = [f"{r.n:,}", r.variant, f"{r.generate:.1f}", f"{r.mkdocs:.1f}", f"{r.total:.1f} ({r.cpu:.1f})", incr,
                 f"{r.peak_kb / 1024:.0f}", _mb(r.site_bytes), _mb(r.index_bytes), f"{r.index_gz / 1e6:.2f}",
                 f"{r.median_page / 1024:.1f}", others]
        lines.append("| " + " | ".join(cells) + " |")
    by_key = {(r.n, r.variant): r for r in rows}
    for n in sorted({r.n for r in rows}):
        ours = by_key.get((n, "ours")) or next((r for r in rows if r.n == n and r.variant.startswith("ours")), None)
        naive = by_key.get((n, "baseline"))
        if not (ours and naive):
            continue
        ratio = lambda a, b: f"{a / b:.1f}×" if b else "–"  # noqa: E731
        cells = [f"{n:,}", "baseline ÷ ours", "", ratio(naive.mkdocs, ours.mkdocs),
                 f"{ratio(naive.total, ours.total)} ({ratio(naive.cpu, ours.cpu)})", "",
                 ratio(naive.peak_kb, ours.peak_kb), ratio(naive.site_bytes, ours.site_bytes),
                 ratio(naive.index_bytes, ours.index_bytes), ratio(naive.index_gz, ours.index_gz),
                 ratio(naive.median_page, ours.median_page), ""]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Machine: {about}.",
              "generate = load, validate, check and every producer up to build/docs (YAML → Markdown); MkDocs = "
              "MkDocs (as parallel shards for jobs > 1), post-processing and the swap; total = the whole "
              "`python -m generator build` command, wall seconds, with CPU seconds (user + system, all "
              "processes) in brackets. synth (making the corpus) is not part of it.",
              "incremental = `build --incremental` after editing one project's annual goal; then, each from a site "
              "in step again, after lowering one target value, after renaming one project, after raising one project's "
              "funds, after adding an indicator to one project, after giving a target a unit no other has, after "
              "giving one project another 实施单位 and after an edit that makes a warning (a goal copied; all "
              "take the generator's quick path).",
              "peak MB = the largest resident set of any one process of the build.",
              "Baseline: the same generated pages built by MkDocs with Material's default nav (every page), "
              "default search and nothing excluded from the index (its generate time is ours; its CPU seconds are MkDocs only)."]
    return "\n".join(lines)


def run(sizes: list[int], seed: int, work: Path, baseline_max: int, jobs: list[int] | None = None) -> str:
    """Benchmark every size in ``sizes``; the table as text."""
    import compileall

    # every timed process loads this package's bytecode, also where PYTHONDONTWRITEBYTECODE is set
    compileall.compile_dir(str(ROOT / "generator"), quiet=1)
    rows: list[Row] = []
    for n in sizes:
        rows += bench_size(n, work, seed, baseline=n <= baseline_max, jobs=jobs or [1])
    return format_table(rows, machine())
