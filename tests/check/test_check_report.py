"""Quality report: numbers follow the stated definition, pages carry per-project anchors, user text is escaped."""

from __future__ import annotations

from pathlib import Path

import markdown
import yaml

from generator.check import check_projects, findings_href, quality_pages, quality_report, write_quality_pages
from generator.check.report import score
from generator.load import load_projects

ROOT = Path(__file__).resolve().parent.parent.parent


def _seed():  # type: ignore[no-untyped-def]
    items = load_projects(ROOT / "content", ROOT).items
    return items, check_projects(items, base=ROOT)


def test_report_counts_follow_the_definition() -> None:
    items, findings = _seed()
    report = quality_report(items, findings, base=ROOT)
    assert report.projects == len(items)
    by_id = {p.id: p for d in report.departments for p in d.projects}
    for item in items:
        q = by_id[item.project.id]
        values = [i.target for i in item.project.indicators if i.target is not None]
        assert q.targets == len(values)
        assert q.quantified == sum(1 for t in values if t.number is not None)
        mine = [f for f in findings if f.path == q.path]
        assert sorted(q.findings) == sorted(mine)
        assert q.score == max(0, q.quantified * 100 // q.targets - report.error_penalty * q.count("error") - report.warning_penalty * q.count("warning"))
    assert score(100, 0, 0) == 100 and score(10, 5, 5) == 0


def test_findings_are_attached_to_their_indicator() -> None:
    items, findings = _seed()
    report = quality_report(items, findings, base=ROOT)
    project = next(p for d in report.departments for p in d.projects if p.id == "2023-dang-jian-jing-fei")
    assert project.indicators[2].rules == ["placement.headcount-under-quality"]
    assert project.indicators[0].rules == []


def test_seed_pages_golden(tmp_path: Path, golden) -> None:  # type: ignore[no-untyped-def]
    items, findings = _seed()
    written = write_quality_pages(quality_report(items, findings, base=ROOT), tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == ["quality/index.md", "quality/min-xing-qu-zong-gong-hui-hui-zong/index.md"]
    index = written[0].read_text("utf-8")
    for item in items:
        assert f'<tr id="{item.project.id}">' in index  # quality/#<project-id>
        assert f'<section class="quality-project" id="{item.project.id}">' in written[1].read_text("utf-8")
        assert f'<a href="../../projects/{item.project.id}.html">' in written[1].read_text("utf-8")
    assert "得分定义" in index
    golden(ROOT / "tests" / "golden" / "quality_index.md", index)
    golden(ROOT / "tests" / "golden" / "quality_department.md", written[1].read_text("utf-8"))


def test_user_text_is_escaped_and_not_markdown(tmp_path: Path, case_item) -> None:  # type: ignore[no-untyped-def]
    item = case_item(None)
    item.project.name = "<script>alert(1)</script> *星* _下_"
    item.project.department = "部门<b>&'\""
    item.project.indicators[3].target.text = "<img src=x onerror=alert(1)>"  # type: ignore[union-attr]
    report = quality_report([item], check_projects([item]))
    written = write_quality_pages(report, tmp_path)
    for path in written:
        text = path.read_text("utf-8")
        assert "<script>" not in text and "<b>" not in text and "<img" not in text
        front = yaml.safe_load(text.split("---\n")[1])
        assert "<" not in text.split("---\n")[1] and isinstance(front["title"], str)
        html = markdown.markdown(text.split("---\n", 2)[2], extensions=["tables", "attr_list", "md_in_html"])
        assert "<script>" not in html and "<em>" not in html  # HTML blocks are passed through, not re-read as Markdown
    dept_page = written[1].read_text("utf-8")
    assert yaml.safe_load(dept_page.split("---\n")[1])["title"].endswith("部门<b>&'\"")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *星* _下_" in dept_page


def test_build_producer_writes_the_same_report(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``quality_pages(site, out_dir)`` (the build producer) recomputes findings from the models alone."""
    from types import SimpleNamespace

    monkeypatch.chdir(ROOT)
    items, findings = _seed()
    site = SimpleNamespace(projects=[SimpleNamespace(project=i.project) for i in items])
    quality_pages(site, tmp_path / "a")
    write_quality_pages(quality_report(items, findings, base=ROOT), tmp_path / "b")
    for name in ("quality/index.md", "quality/min-xing-qu-zong-gong-hui-hui-zong/index.md"):
        assert (tmp_path / "a" / name).read_text("utf-8") == (tmp_path / "b" / name).read_text("utf-8")
    assert findings_href("2023-x", "../../") == "../../quality/index.html#2023-x"
