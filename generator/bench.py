"""The scale benchmark: synthetic corpora of N projects built like ``build`` does, against a naive baseline.

Each phase runs in its own child process, timed by wall clock, with its peak
memory read from ``os.wait4`` (the child's max RSS, including MkDocs). Our build
is the repository's mkdocs.yml; the naive baseline builds the same pages with
Material's defaults: every page in the auto-generated nav, the default search
plugin, and no ``data-search-exclude`` (everything indexed). The baseline grows
as O(n²), so it only runs up to ``baseline_max`` projects.
"""

from __future__ import annotations

import gzip
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
    """One measured build."""

    n: int
    variant: str
    synth: float
    generate: float
    mkdocs: float
    generate_cpu: float
    mkdocs_cpu: float
    peak_kb: int
    site_bytes: int
    index_bytes: int
    index_gz: int
    median_page: float

    @property
    def total(self) -> float:
        return self.generate + self.mkdocs


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
    """Child process: the generator alone (load, validate, check, transform, render, write)."""
    from generator.build import generate, load_site

    generate(load_site(Path(content), Path(content)), Path(docs))


def write_config(path: Path, docs: Path, site: Path, baseline: bool) -> Path:
    """A config inheriting the repository's mkdocs.yml with absolute paths; the baseline drops our tuning."""
    lines = [f"INHERIT: {ROOT / 'mkdocs.yml'}", f"docs_dir: {docs}", f"site_dir: {site}",
             f"theme:\n  custom_dir: {ROOT / 'overrides'}"]
    if baseline:
        lines += ["nav: null", "not_in_nav: ''", "plugins:\n  - search"]
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


def sharded_child(config: str, docs: str, site: str, k: str) -> None:
    """Child process: MkDocs as ``k`` parallel shards merged into one site."""
    from generator.build import tool_env
    from generator.shard import build_sharded

    build_sharded(Path(config), Path(docs), Path(site), int(k), env=tool_env())


def bench_size(n: int, work: Path, seed: int, baseline: bool, shards: int = 0, years: int = 5) -> list[Row]:
    """Synthesize ``n`` projects and build them (as shards too when ``shards`` > 1, and the baseline when asked)."""
    base = work / f"n{n}"
    if base.exists():
        shutil.rmtree(base)
    base.mkdir(parents=True)
    start = time.perf_counter()
    content = write_corpus(base / "content", n, years, seed)
    synth = time.perf_counter() - start
    docs, py = base / "docs", sys.executable
    gen_s, gen_cpu, gen_kb = run_measured([py, "-c", "import sys; from generator.bench import generate_child; "
                                  "generate_child(sys.argv[1], sys.argv[2])", str(content), str(docs)], ROOT)
    rows = []
    variants = [("ours", docs)]
    if shards > 1:
        variants.append((f"ours, {shards} shards", docs))
    if baseline:
        naive_pages(docs, base / "docs-naive")
        variants.append(("baseline", base / "docs-naive"))
    for number, (variant, variant_docs) in enumerate(variants):
        site = base / f"site-{number}"
        config = write_config(base / f"mkdocs-{number}.yml", variant_docs, site, variant == "baseline")
        cmd = [py, "-m", "mkdocs", "build", "--quiet", "-f", str(config)]
        if "shards" in variant:
            cmd = [py, "-c", "import sys; from generator.bench import sharded_child; sharded_child(*sys.argv[1:])",
                   str(config), str(variant_docs), str(site), str(shards)]
        mk_s, mk_cpu, mk_kb = run_measured(cmd, ROOT)
        if variant != "baseline":  # `build` finishes the site after MkDocs (generator/postbuild.py): counted as MkDocs time
            fin = [py, "-c", "import sys; from pathlib import Path; from generator.postbuild import finish; finish(Path(sys.argv[1]))", str(site)]
            fin_s, fin_cpu, _ = run_measured(fin, ROOT)
            mk_s, mk_cpu = mk_s + fin_s, mk_cpu + fin_cpu
        rows.append(Row(n, variant, synth, gen_s, mk_s, gen_cpu, mk_cpu, max(gen_kb, mk_kb), *site_figures(site)))
    return rows


def _mb(b: float) -> str:
    return f"{b / 1e6:.1f}"


def format_table(rows: list[Row], about: str) -> str:
    """One Markdown table of every build, then baseline ÷ ours ratios, then the machine."""
    head = ["N", "variant", "synth s", "generate s (CPU)", "MkDocs s (CPU)", "total s (CPU)", "peak MB", "site MB",
            "index MB", "index gz MB", "median page KB"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [f"{r.n:,}", r.variant, f"{r.synth:.1f}", f"{r.generate:.1f} ({r.generate_cpu:.1f})",
                 f"{r.mkdocs:.1f} ({r.mkdocs_cpu:.1f})", f"{r.total:.1f} ({r.generate_cpu + r.mkdocs_cpu:.1f})",
                 f"{r.peak_kb / 1024:.0f}", _mb(r.site_bytes),
                 _mb(r.index_bytes), f"{r.index_gz / 1e6:.2f}", f"{r.median_page / 1024:.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    by_key = {(r.n, r.variant): r for r in rows}
    for n in sorted({r.n for r in rows}):
        ours, naive = by_key.get((n, "ours")), by_key.get((n, "baseline"))
        if not (ours and naive):
            continue
        ratio = lambda a, b: f"{a / b:.1f}×" if b else "–"  # noqa: E731
        cells = [f"{n:,}", "baseline ÷ ours", "", "", f"{ratio(naive.mkdocs, ours.mkdocs)} ({ratio(naive.mkdocs_cpu, ours.mkdocs_cpu)})",
                 f"{ratio(naive.total, ours.total)} "
                 f"({ratio(naive.generate_cpu + naive.mkdocs_cpu, ours.generate_cpu + ours.mkdocs_cpu)})",
                 ratio(naive.peak_kb, ours.peak_kb), ratio(naive.site_bytes, ours.site_bytes),
                 ratio(naive.index_bytes, ours.index_bytes), ratio(naive.index_gz, ours.index_gz),
                 ratio(naive.median_page, ours.median_page)]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Machine: {about}.",
              "total = generate (YAML → Markdown, checks included) + MkDocs; synth (making the corpus) is not part of it.",
              "Times are wall-clock seconds with CPU seconds (user + system) in brackets; peak MB is the larger "
              "max RSS of the two build processes (for shards: of one process; the shards run at the same time).",
              "Baseline: the same generated pages built with Material's default nav (all pages), default search, "
              "nothing excluded from the index."]
    return "\n".join(lines)


def run(sizes: list[int], seed: int, work: Path, baseline_max: int, shards: int = 0) -> str:
    """Benchmark every size in ``sizes``; the table as text."""
    rows: list[Row] = []
    for n in sizes:
        rows += bench_size(n, work, seed, baseline=n <= baseline_max, shards=shards)
    return format_table(rows, machine())
