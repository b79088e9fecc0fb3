"""The generator's quick path (``generator.quick``): after goal edits it writes the same docs
dir a full generate writes, and it gives way to the full path for every other change."""

from __future__ import annotations

import os
import pickle
import random
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from generator import build as build_module
from generator import quick
from generator.bench import TARGET, copied_goal, first_indicator, lower_targets, raised_funds, with_indicator_copy
from generator.commands.synth import write_corpus
from generator.compare import series
from generator.load import load_projects

GOAL_LINE = re.compile(r"^(  (?:annual|total|total_period): )(?!\d)", re.M)


def edit_goals(path: Path, words: str = "（修订）") -> None:
    """Put ``words`` in front of each goal text of a project file, lines staying where they are."""
    text = path.read_text("utf-8")
    head, sep, rest = text.partition("\ngoals:\n")
    assert sep, f"{path} has no goals"
    match = re.search(r"\n(?=\S)", rest)  # the next top-level key
    block, tail = (rest, "") if match is None else (rest[: match.start()], rest[match.start():])
    edited = GOAL_LINE.sub(lambda m: m.group(1) + words, block)
    assert edited != block
    path.write_text(head + sep + edited + tail, "utf-8")


def edit_targets(path: Path, count: int = 1) -> int:
    """Lower up to ``count`` numeric targets of a project file by one (``bench.lower_targets``); how many."""
    edited, done = lower_targets(path.read_text("utf-8"), count)
    path.write_text(edited, "utf-8")
    return done


def copy_total_goal(path: Path) -> None:
    """Make the annual goal a copy of the total goal: rule ``completeness.goal-copied`` finds it (``bench.copied_goal``)."""
    edited = copied_goal(path.read_text("utf-8"))
    assert edited is not None
    path.write_text(edited, "utf-8")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


class Harness:
    """A content dir with its docs dir and quick state, as ``build`` keeps them."""

    def __init__(self, root: Path, projects: int = 24, years: int = 3, seed: int = 7) -> None:
        self.root = root
        self.content = write_corpus(root / "content", projects, years, seed)
        self.docs, self.state, self.checks = root / "docs", root / "cache" / "quick.pickle", root / "cache" / "load.pickle"
        self._add_earlier_year(self.files()[0])

    def _add_earlier_year(self, path: Path) -> None:
        """The same project (name and 实施单位) a year earlier: a series of two tables."""
        text = path.read_text("utf-8")
        year = int(re.search(r"^year: (\d+)$", text, re.M).group(1))  # type: ignore[union-attr]
        earlier = re.sub(r"^id: (.*)$", r"id: \1-earlier", text, count=1, flags=re.M)
        earlier = earlier.replace(str(year), str(year - 1))
        earlier = re.sub(r"^(  - name: |  name: )", r"\1", earlier, flags=re.M)
        (path.parent / f"earlier-{path.name}").write_text(earlier, "utf-8")

    def full(self, docs: Path | None = None) -> None:
        started = time.time_ns() + 10 * quick.RACY_NS  # every file counts as old enough to trust
        site = build_module.load_site(self.content, self.root, self.checks)
        build_module.generate(site, docs or self.docs)
        if docs is None:
            quick.record(site, self.content, self.root, self.docs, self.state, started, build_module.data_epoch(site))

    def quick(self) -> quick.Quick | None:
        """The quick run's result, or None when it gave way to the full path (``reason`` says why)."""
        result = quick.regenerate(self.content, self.root, self.docs, self.state, time.time_ns() + 10 * quick.RACY_NS, self.checks)
        self.reason = result.reason if isinstance(result, quick.Full) else ""
        return result if isinstance(result, quick.Quick) else None

    def same_as_full(self) -> None:
        fresh = self.root / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        self.full(fresh)
        got, want = tree(self.docs), tree(fresh)
        assert sorted(got) == sorted(want)
        assert [k for k in want if got[k] != want[k]] == []

    def files(self) -> list[Path]:
        return sorted(self.content.rglob("*.yaml"))

    def in_series(self) -> Path:
        """A file whose project has other years (its page and theirs show each other)."""
        loaded = load_projects(self.content)
        ids = {p.id for group in series(loaded.projects).values() for p in group}
        return next(item.path for item in loaded.items if item.project.id in ids)


@pytest.fixture
def harness(tmp_path: Path) -> Harness:
    h = Harness(tmp_path)
    h.full()
    return h


def test_goal_edits_give_the_docs_of_a_full_generate(harness: Harness) -> None:
    edited = [harness.in_series(), harness.files()[0], harness.files()[-1]]
    for path in edited:
        edit_goals(path)
    result = harness.quick()
    assert result is not None and result.changed == len(set(edited))
    harness.same_as_full()
    edit_goals(edited[0], "再改")  # and again, from the state the quick run left
    assert harness.quick() is not None
    harness.same_as_full()


def test_target_value_edits_give_the_docs_of_a_full_generate(harness: Harness) -> None:
    """A corrected target value: the project's page, its department's quality page (it prints
    every target) and the open data change; the lists, counts and charts cannot."""
    edited: list[Path] = []
    for path in harness.files():
        if len(edited) < 2 and edit_targets(path):
            edited.append(path)
    assert len(edited) == 2
    edit_goals(edited[0])  # goals and targets in one edit
    result = harness.quick()
    assert result is not None and result.changed == len(edited)
    harness.same_as_full()


def rename(path: Path, name: str | None = None, prefix: str = "") -> str:
    """Give a project file a new name (``name``, or ``prefix`` before the old one); the old name."""
    text = path.read_text("utf-8")
    old = re.search(r"^name: (.*)$", text, re.M).group(1)  # type: ignore[union-attr]
    path.write_text(re.sub(r"^name: .*$", lambda m: f"name: {name if name is not None else prefix + old}", text, count=1, flags=re.M), "utf-8")
    return old


def test_renames_give_the_docs_of_a_full_generate(harness: Harness) -> None:
    """A corrected name: its rows on the list pages, its department's quality page and section
    of the quality index (ordered by name), the feed, and the pages of the years of its series."""
    earlier = next(p for p in harness.files() if p.name.startswith("earlier-"))
    old = rename(earlier, prefix="新")  # leaves its series: the other year's page loses it
    assert harness.quick() is not None
    harness.same_as_full()
    rename(earlier, old)  # and joins it again
    rename(harness.files()[5], "Ａ<&>项目")  # first by name in its department, escaped
    edit_goals(harness.files()[6])
    rename(harness.files()[6], prefix="（更正）")  # with its goals
    result = harness.quick()
    assert result is not None and result.changed == 3
    harness.same_as_full()


def raise_funds(path: Path) -> bool:
    """Raise a project's total and fiscal funds by 1 万元 (``bench.raised_funds``); False when it has none."""
    edited = raised_funds(path.read_text("utf-8"))
    if edited is not None:
        path.write_text(edited, "utf-8")
    return edited is not None


def add_indicator(path: Path, suffix: str = "（新增）") -> None:
    """One more indicator, a copy of the first with ``suffix`` after its name (``bench.with_indicator_copy``)."""
    edited = with_indicator_copy(path.read_text("utf-8"), suffix)
    assert edited is not None, f"{path} has no indicators"
    path.write_text(edited, "utf-8")


def other_operator(path: Path) -> None:
    """The first numeric target's operator made ``≤`` (a text the workbook shares)."""
    path.write_text(TARGET.sub(lambda m: m.group(0).replace(m.group("op"), "≤").replace(m.group("op2"), "≤"),
                               path.read_text("utf-8"), count=1), "utf-8")


def test_funds_and_category_edits_give_the_docs_of_a_full_generate(harness: Harness) -> None:
    """New funds or another category: every aggregate (lists, totals, charts, the feed) made
    again from the shapes the state keeps, the edited projects' group links moved."""
    funded: list[Path] = []
    for path in harness.files():
        if len(funded) < 2 and raise_funds(path):
            funded.append(path)
    assert len(funded) == 2
    result = harness.quick()
    assert result is not None and result.changed == 2
    harness.same_as_full()
    path = harness.files()[4]
    text = path.read_text("utf-8")
    old = re.search(r"^category: (.*)$", text, re.M).group(1)  # type: ignore[union-attr]
    other = next(c for c in ("专项资金", "经常性项目", "一次性项目") if c != old)
    path.write_text(text.replace(f"\ncategory: {old}\n", f"\ncategory: {other}\n", 1), "utf-8")
    result = harness.quick()  # alone: the page of its old category must lose it
    assert result is not None and result.changed == 1
    harness.same_as_full()
    raise_funds(path)
    rename(funded[0], prefix="改")  # a rename in the same run: its rows come from the shapes
    edit_targets(funded[1])
    result = harness.quick()
    assert result is not None and result.changed == 3
    harness.same_as_full()
    rename(funded[0], prefix="再")  # and a rename alone after them, from the shapes they left
    assert harness.quick() is not None
    harness.same_as_full()


def test_indicator_edits_give_the_docs_of_a_full_generate(harness: Harness) -> None:
    """Indicators renamed, added, removed, another operator: the level counts and charts from the
    shapes, the workbook's indicator rows put in and taken out, the quality pages."""
    files = harness.files()
    first, second, third = files[2], files[3], files[7]
    first.write_text(re.sub(r"(\n  name: )", r"\1改", first.read_text("utf-8"), count=1), "utf-8")  # an inline text
    add_indicator(second)
    result = harness.quick()
    assert result is not None and result.changed == 2, harness.reason
    harness.same_as_full()
    head, _, tail = first_indicator(third.read_text("utf-8"))  # type: ignore[misc]
    third.write_text(head + tail, "utf-8")  # its first indicator taken out
    other_operator(second)
    result = harness.quick()
    assert result is not None and result.changed == 2, harness.reason
    harness.same_as_full()


def test_a_shared_text_that_would_move_takes_the_full_path(harness: Harness) -> None:
    """The workbook's shared strings are numbered in the order the indicators sheet first uses
    them: a project that stops using a tier it was the first to use (a later one uses it too)
    would renumber them, so the quick path gives way, and the full path gives the right table."""
    state = pickle.loads(harness.state.read_bytes())
    owner, order = state.layout["owner"], state.layout["order"]
    by_id = {state.paths[pid]: pid for pid in order}
    texts = {order.index(by_id[str(q)]): q.read_text("utf-8") for q in harness.files()}
    tier = re.compile(r"level1: (\S+)\n  level2: (\S+)\n")
    above = {two: one for text in texts.values() for one, two in tier.findall(text)}  # tier 2 → its tier 1
    for n, text in sorted(texts.items()):
        mine = [t for t, m in owner.items() if m == n > 0 and f"level2: {t}\n" in text]
        later = [t for t in mine if any(f"level2: {t}\n" in texts[k] for k in texts if k > n)]
        earlier = [t for t, m in owner.items() if m < n and t in above and later and above[t] == above[later[0]]]
        if later and earlier:
            path = Path(state.paths[order[n]])
            path.write_text(text.replace(f"level2: {later[0]}\n", f"level2: {earlier[0]}\n"), "utf-8")
            break
    else:
        pytest.fail("no project first uses a tier that a later one uses too")
    assert harness.quick() is None
    assert "would be new or move" in harness.reason, harness.reason


def test_a_listed_target_edit_rewrites_its_quality_page(tmp_path: Path) -> None:
    """The quality page lists an indicator with a finding together with its target: a new value
    must reach that page (made from the department's projects alone)."""
    h = Harness(tmp_path)
    path = next(p for p in h.files() if TARGET.search(p.read_text("utf-8")))
    text = path.read_text("utf-8")
    head, indicator = text[: TARGET.search(text).start()].rsplit("\n- level1:", 1)  # type: ignore[union-attr]
    counted = re.sub(r"level2: .*\n  name: .*", "level2: 质量指标\n  name: 服务职工人数", indicator, count=1)
    path.write_text(head + "\n- level1:" + counted + text[TARGET.search(text).start():], "utf-8")  # type: ignore[union-attr]
    h.full()
    pages = {k: v for k, v in tree(h.docs).items() if k.startswith("quality/")}
    assert any("服务职工人数" in v.decode("utf-8") for v in pages.values())  # listed, with its finding
    assert edit_targets(path)
    assert h.quick() is not None
    changed = {k for k, v in tree(h.docs).items() if k.startswith("quality/") and pages.get(k) != v}
    assert len(changed) == 1 and changed <= set(pages)
    h.same_as_full()


def test_nothing_changed_is_quick_and_writes_nothing(harness: Harness) -> None:
    before = {p: p.stat().st_mtime_ns for p in harness.docs.rglob("*") if p.is_file()}
    os.utime(harness.files()[2])  # touched, same bytes
    result = harness.quick()
    assert result is not None and result.changed == 0
    assert {p: p.stat().st_mtime_ns for p in harness.docs.rglob("*") if p.is_file()} == before


WHY = {
    "funds out of balance": "has an error",
    "new department": "the group pages change",
    "project attribute": "more than goals, indicators, the name, the department or 实施单位, funds, the category or the dates changed",
    "new category": "the group pages change",
    "new tier": "an indicator text the workbook shares would be new",
    "new file": "added, removed or renamed",
    "removed file": "added, removed or renamed",
    "bad yaml": "has problems",
}
"""What the full path is told for each change of ``test_other_changes_take_the_full_path``."""


@pytest.mark.parametrize("change", sorted(WHY))
def test_other_changes_take_the_full_path(harness: Harness, change: str) -> None:
    path = harness.files()[1]
    text = path.read_text("utf-8")
    if change == "funds out of balance":  # an error: the full path reports it
        path.write_text(re.sub(r"(\n  total: )(\d)", r"\g<1>1\2", text, count=1), "utf-8")
    elif change == "new department":  # a group page no project had
        path.write_text(re.sub(r"^department: ", "department: 新", text, count=1, flags=re.M), "utf-8")
    elif change == "project attribute":  # 项目属性: not among the fields the quick path writes out
        path.write_text(re.sub(r"^(department: .*\n)", r"\1attribute: 延续项目\n", re.sub(r"^attribute: .*\n", "", text, flags=re.M),
                               count=1, flags=re.M), "utf-8")
    elif change == "new category":  # a group page no project had
        path.write_text(re.sub(r"^category: .*$", "category: 阶段性项目", text, count=1, flags=re.M), "utf-8")
    elif change == "new tier":  # a text the workbook's shared strings do not have
        path = next(p for p in harness.files() if "level2: 经济成本指标\n" in p.read_text("utf-8"))
        path.write_text(path.read_text("utf-8").replace("level2: 经济成本指标\n", "level2: 社会成本指标\n", 1), "utf-8")
    elif change == "new file":
        path.with_name("copy-" + path.name).write_text(text.replace("\nid: ", "\nid: copy-", 1), "utf-8")
    elif change == "removed file":
        path.unlink()
    elif change == "bad yaml":
        path.write_text(text + "\n: : :\n", "utf-8")
    before = tree(harness.docs)
    assert harness.quick() is None
    assert WHY[change] in harness.reason, harness.reason
    assert tree(harness.docs) == before  # nothing written on the way out


def test_date_edits_give_the_docs_and_build_date_of_a_full_generate(harness: Harness) -> None:
    """New start and end dates: the project's page and open data, its findings (a date rule),
    and the build date, which is the newest start date of all (``dates.epoch_of``)."""
    path = harness.files()[1]
    text = path.read_text("utf-8")
    year = int(re.search(r"^year: (\d+)$", text, re.M).group(1))  # type: ignore[union-attr]
    later = re.sub(r"^start_date: .*$", f"start_date: {year + 3}-06-30", text, count=1, flags=re.M)
    path.write_text(re.sub(r"^end_date: .*$", f"end_date: {year + 3}-12-31", later, count=1, flags=re.M), "utf-8")
    result = harness.quick()  # the newest start of all, and not in the project's year: a finding
    assert result is not None, harness.reason
    harness.same_as_full()
    site = build_module.load_site(harness.content, harness.root)
    assert result.epoch == build_module.data_epoch(site)
    path.write_text(text, "utf-8")  # and back: the build date falls back to another project's
    result = harness.quick()
    assert result is not None, harness.reason
    harness.same_as_full()
    assert result.epoch == build_module.data_epoch(build_module.load_site(harness.content, harness.root))


def field_of(path: Path, key: str) -> str:
    return re.search(rf"^{key}: (.*)$", path.read_text("utf-8"), re.M).group(1)  # type: ignore[union-attr]


def set_field(path: Path, key: str, value: str) -> None:
    path.write_text(re.sub(rf"^{key}: .*$", lambda m: f"{key}: {value}", path.read_text("utf-8"), count=1, flags=re.M), "utf-8")


def test_another_department_or_unit_gives_the_docs_of_a_full_generate(harness: Harness) -> None:
    """A project filed under another existing 主管部门 (both departments' list and quality pages,
    the implementers index) or another 实施单位 (its series: the earlier year's page loses it)."""
    files = harness.files()
    counts: dict[str, int] = {}
    for path in files:
        counts[field_of(path, "department")] = counts.get(field_of(path, "department"), 0) + 1
    mover = next(p for p in files if counts[field_of(p, "department")] > 1)
    target = next(d for d in counts if d != field_of(mover, "department"))
    set_field(mover, "department", target)
    set_field(mover, "implementer", target)  # a 实施单位 no project had: a new section of its page
    result = harness.quick()
    assert result is not None and result.changed == 1, harness.reason
    harness.same_as_full()
    earlier = next(p for p in files if p.name.startswith("earlier-"))
    set_field(earlier, "implementer", field_of(earlier, "implementer") + "（二）")  # leaves its series
    result = harness.quick()
    assert result is not None, harness.reason
    harness.same_as_full()
    by_year: dict[str, list[str]] = {}
    for path in files:
        by_year.setdefault(field_of(path, "year"), []).append(field_of(path, "department"))
    year = next(y for y, names in by_year.items() if len(set(names)) > 2)
    names = sorted(set(by_year[year]))
    path = next(p for p in files if field_of(p, "year") == year and field_of(p, "department") == names[0])
    set_field(path, "department", names[-1])  # first of its year before, last now
    assert harness.quick() is None  # the open data list it by year, department and id: elsewhere now
    assert "place in the open data moves" in harness.reason, harness.reason


@pytest.mark.parametrize("change", ["new unit", "target made qualitative", "new finding", "finding corrected"])
def test_units_and_findings_give_the_docs_of_a_full_generate(harness: Harness, change: str) -> None:
    """A unit no other target has (an inline text of the workbook), and a warning that appears
    or goes: the department's quality page and index parts made again, the warnings printed
    in the order a full build prints them (``Edits.notices``)."""
    path = harness.files()[1]
    text = path.read_text("utf-8")
    if change == "new unit":
        path.write_text(TARGET.sub(lambda m: m.group(0).replace(m.group("unit"), "立方千米"), text, count=1), "utf-8")
    elif change == "target made qualitative":  # 达标 is not measurable; the level counts change too
        path.write_text(TARGET.sub("target: {text: 达标}", text, count=1), "utf-8")
    else:
        copy_total_goal(path)
    if change == "finding corrected":  # the finding in the last full build, corrected since
        harness.full()
        path.write_text(text, "utf-8")
    result = harness.quick()
    assert result is not None and result.changed == 1, harness.reason
    harness.same_as_full()
    state = pickle.loads(harness.state.read_bytes())
    site = build_module.load_site(harness.content, harness.root, harness.checks)
    assert state.notices == site.notices
    copied = any(n[0].endswith(path.name) and "goal-copied" in n[1] for n in site.notices)
    assert copied == (change == "new finding")


def test_a_new_info_finding_is_counted_by_the_quality_pages(tmp_path: Path) -> None:
    """Info findings are not printed, but the quality pages count them."""
    (tmp_path / "checks.yaml").write_text("rules:\n  completeness.goal-copied: info\n", "utf-8")
    h = Harness(tmp_path)
    h.full()
    before = tree(h.docs)
    copy_total_goal(h.files()[3])
    assert h.quick() is not None, h.reason
    assert any(k.startswith("quality/") for k, v in tree(h.docs).items() if before[k] != v)
    h.same_as_full()


def test_a_new_commit_takes_the_full_path(harness: Harness) -> None:
    """'Last updated' comes from git history: a commit can change it without a byte of content."""
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], cwd=harness.content, check=True)
    harness.full()
    subprocess.run(git + ["add", "-A"], cwd=harness.content, check=True)
    subprocess.run(git + ["commit", "-qm", "data"], cwd=harness.content, check=True)
    assert harness.quick() is None


def test_a_stale_state_takes_the_full_path(harness: Harness) -> None:
    (harness.docs / "data" / "projects.csv").write_bytes(b"changed by hand")
    edit_goals(harness.files()[0])
    assert harness.quick() is None
    harness.state.write_bytes(b"not a pickle")
    assert harness.quick() is None


def test_aggregates_do_not_read_goals(tmp_path: Path) -> None:
    """The contract the quick path rests on: with every goal text changed (same findings), only
    the projects' own pages and YAML files and the open-data files that carry goals differ."""
    h = Harness(tmp_path, projects=40, years=3, seed=11)
    h.full()
    before = tree(h.docs)
    for path in h.files():
        edit_goals(path)
    h.full()
    after = tree(h.docs)
    assert sorted(before) == sorted(after)
    differ = {k for k in after if after[k] != before[k]}
    local = re.compile(r"projects/[^/]+\.(md|yaml)|data/projects\.(csv|json|xlsx)")
    assert differ and all(local.fullmatch(k) for k in differ), sorted(k for k in differ if not local.fullmatch(k))


def test_aggregates_read_names_only_in_the_parts_the_quick_path_replaces(tmp_path: Path) -> None:
    """The contract for names: with every project renamed (same findings), only the projects'
    own files, the open data, the feed, the quality pages and the list pages differ, and on a
    list page only the name cells (``project_cell``), which ``quick._renamed`` replaces."""
    from generator.render import make_environment, root_prefix
    from generator.transform import page_file, project_view

    h = Harness(tmp_path, projects=40, years=3, seed=13)
    h.full()
    before = tree(h.docs)
    old = {item.project.id: item.project for item in load_projects(h.content).items}
    for path in h.files():
        rename(path, prefix="更名")
    h.full()
    after = tree(h.docs)
    differ = {k for k in after if after[k] != before[k]}
    local = re.compile(r"projects/[^/]+\.(md|yaml)|quality/([^/]+/)?index\.md|feed\.xml|data/projects\.(csv|json|xlsx)")
    lists = sorted(k for k in differ if not local.fullmatch(k))
    assert lists and all(re.fullmatch(r"(years|departments|categories)/[^/]+/index\.md", k) for k in lists), lists
    cell = make_environment().get_template("_macros.md.j2").module.project_cell
    new = {item.project.id: item.project for item in load_projects(h.content).items}
    for rel in lists:
        folder = rel.rsplit("/", 1)[0] + "/"
        text = before[rel].decode("utf-8")
        for pid in old:
            text = text.replace(str(cell(project_view(old[pid]), root_prefix(folder))), str(cell(project_view(new[pid]), root_prefix(folder))))
        assert text == after[rel].decode("utf-8"), rel
    assert page_file(folder) == rel


def test_aggregates_read_only_the_shape_of_targets(tmp_path: Path) -> None:
    """The same contract for target values: numbers changed, numeric-ness, units and operators
    kept (and so the findings), only the projects' own files, the quality pages of their
    departments and the open-data files differ."""
    from generator.check import check_projects

    h = Harness(tmp_path, projects=40, years=3, seed=12)
    h.full()
    before = tree(h.docs)
    findings = [(p.path, p.line, p.rule, p.level) for p in check_projects(load_projects(h.content).items, base=h.root)]
    assert sum(edit_targets(path, count=99) for path in h.files()) > 40
    assert [(p.path, p.line, p.rule, p.level) for p in check_projects(load_projects(h.content).items, base=h.root)] == findings
    h.full()
    after = tree(h.docs)
    differ = {k for k in after if after[k] != before[k]}
    local = re.compile(r"projects/[^/]+\.(md|yaml)|quality/[^/]+/index\.md|data/(projects|indicators)\.(csv|json|xlsx)")
    assert differ and all(local.fullmatch(k) for k in differ), sorted(k for k in differ if not local.fullmatch(k))


def random_edit(rng: random.Random, path: Path, round_: int) -> str:
    """One correction an officer might make to ``path``, chosen by ``rng``; what it was."""
    text = path.read_text("utf-8")
    kind = rng.choice(["goal", "target", "name", "funds", "category", "indicator added", "indicator removed",
                       "indicator renamed", "operator", "unit", "qualitative", "goal copied", "dates", "department", "implementer"])
    if kind == "goal":
        edit_goals(path, f"第{round_}次：")
    elif kind == "unit":
        path.write_text(TARGET.sub(lambda m: m.group(0).replace(m.group("unit"), rng.choice(["立方千米", "人次", "km"])), text, count=1), "utf-8")
    elif kind == "qualitative":
        path.write_text(TARGET.sub("target: {text: 达标}", text, count=1), "utf-8")
    elif kind in ("department", "implementer"):  # one another project has (or, for a 实施单位, a new one)
        others = sorted({field_of(p, kind) for p in path.parent.parent.parent.rglob("*.yaml")} - {field_of(path, kind)})
        set_field(path, kind, rng.choice(others + ([field_of(path, kind) + "（分）"] if kind == "implementer" else [])))
    elif kind == "goal copied":
        copy_total_goal(path)
    elif kind == "dates":
        year = int(re.search(r"^year: (\d+)$", text, re.M).group(1))  # type: ignore[union-attr]
        start, end = (f"{year + rng.choice([0, 1])}-{rng.randrange(1, 13):02d}-{d}" for d in ("01", "28"))
        text = re.sub(r"^start_date: .*$", f"start_date: {start}", text, count=1, flags=re.M)
        path.write_text(re.sub(r"^end_date: .*$", f"end_date: {max(start, end)}", text, count=1, flags=re.M), "utf-8")
    elif kind == "target":
        edit_targets(path, rng.randrange(1, 4))
    elif kind == "name":
        rename(path, prefix=rng.choice(["新", "（更正）", "<&>"]))
    elif kind == "funds":
        raise_funds(path)
    elif kind == "category":
        path.write_text(re.sub(r"^category: .*$", f"category: {rng.choice(['专项资金', '经常性项目', '一次性项目'])}", text,
                               count=1, flags=re.M), "utf-8")
    elif (parts := first_indicator(text)) is not None:
        head, block, tail = parts
        if kind == "indicator added":
            add_indicator(path, f"（第{round_}项）")
        elif kind == "indicator removed" and tail.strip():
            path.write_text(head + tail, "utf-8")
        elif kind == "indicator renamed":
            path.write_text(head + re.sub(r"^(  name: )", r"\1改", block, count=1, flags=re.M) + tail, "utf-8")
        elif kind == "operator":
            other_operator(path)
    return kind


def test_random_corrections_give_the_docs_of_a_full_generate(tmp_path: Path) -> None:
    """Rounds of one to three random corrections (``random_edit``) from the state the round before
    left: each quick run gives the docs dir of a full generate; one that gives way is followed by a
    full generate, as a build would. Longer runs: ``JX_QUICK_ROUNDS``."""
    rng = random.Random(int(os.environ.get("JX_QUICK_SEED", "3")))
    h = Harness(tmp_path, projects=30, years=3, seed=17)
    h.full()
    quick_runs, kinds = 0, []
    for round_ in range(int(os.environ.get("JX_QUICK_ROUNDS", "12"))):
        for path in rng.sample(h.files(), rng.randrange(1, 4)):
            kinds.append(random_edit(rng, path, round_))
        if h.quick() is None:
            h.full()  # the build's full path; the next round starts from it
            continue
        quick_runs += 1
        h.same_as_full()
    assert quick_runs >= 6, (quick_runs, kinds)


def test_workbook_pieces_are_deflated_again_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workbook's data sheets are deflated in pieces of ``PIECE`` projects; a quick run
    inflates and deflates again only the pieces of the edited projects, and the workbook is the
    full generate's, bytes and all (small pieces here, so the corpus has many)."""
    from generator.export import opendata

    monkeypatch.setattr(opendata, "PIECE", 3)
    h = Harness(tmp_path)
    h.full()
    pieces = pickle.loads(h.state.read_bytes()).layout["pieces"]
    assert all(len(split.lengths) > 5 for split in pieces.values())
    files = h.files()
    assert edit_targets(files[4]) and raise_funds(files[11])
    add_indicator(files[17])
    result = h.quick()
    assert result is not None and result.changed == 3, h.reason
    h.same_as_full()

