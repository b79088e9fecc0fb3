"""Per-project extras: downloads, year links, comparison with the previous year, dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.extras import department_charts, project_extras
from generator.load import load_projects

CASES = Path(__file__).resolve().parent / "cases" / "multiyear"


def test_extras_link_years_and_compare_with_the_previous_one() -> None:
    projects = load_projects(CASES).projects
    extras = project_extras(projects, lambda p: f"projects/{p.id}", {"2023-zhi-gong-pei-xun": date(2024, 2, 3)})
    mid = extras["2023-zhi-gong-pei-xun"]
    assert mid.updated == date(2024, 2, 3) and extras["2024-zhi-gong-pei-xun"].updated == date(2024, 1, 1)
    assert [(y.year, y.current) for y in mid.years] == [(2022, False), (2023, True), (2024, False)]
    assert mid.years[0].path == "projects/2022-zhi-gong-pei-xun"
    assert [y.year for y in mid.later] == [2024]
    assert mid.comparison is not None and mid.comparison.old.year == 2022
    assert [c.new.target.text for c in mid.comparison.changed] == ["≥5000(名)"]
    assert extras["2022-zhi-gong-pei-xun"].comparison is None
    assert mid.downloads == {"yaml": "projects/2023-zhi-gong-pei-xun.yaml"}  # CSV, DOCX: made in the browser
    assert mid.fixes == ""  # the page carries everything the browser needs
    single = extras["2023-she-bei-gou-zhi"]
    assert single.years == () and single.comparison is None
    assert set(department_charts(projects)) == {"测试部门甲"}
