"""实施单位 on the department pages, as a reader meets them in real headless Chromium.

A unit has no page of its own: its projects are a section (``#unit-<slug>``) of each department
page it appears on. Follow the 实施单位 link from a project page (over HTTP, and from disk without
JavaScript), land on that section and see that unit's projects; filter and sort the grouped table;
find a unit under two departments on the 按实施单位 index.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load_projects

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
PROJECTS = load_projects(ROOT / "tests" / "cases" / "units").projects
DEPT = "departments/ce-shi-bu-men-bing/index.html"
ANCHOR = "unit-ce-shi-dan-wei-bing-yi"

# Each <tbody> of the grouped table: its heading row's id and text, the names in its shown rows,
# and whether its heading and subtotal rows are shown.
GROUPS_JS = """() => Array.from(document.querySelectorAll('table.jx-units tbody')).map(b => {
    const head = b.querySelector('tr[data-group=head]'), sum = b.querySelector('tr[data-group=sum]');
    const rows = Array.from(b.rows).filter(r => !r.hasAttribute('data-group') && r.offsetParent !== null);
    return {id: head.cells[0].id, unit: head.innerText.trim(), head: head.offsetParent !== null,
            sum: sum.offsetParent !== null, names: rows.map(r => r.cells[0].innerText.trim()),
            funds: rows.map(r => r.cells[3].innerText.trim())};
})"""


def names(unit: str, department: str) -> list[str]:
    """The unit's project names in that department, newest year first (the site's order)."""
    chosen = [p for p in PROJECTS if p.implementer == unit and p.department == department]
    return [p.name for p in sorted(chosen, key=lambda p: (-p.year, p.id))]


def landed(page) -> dict:  # type: ignore[no-untyped-def]
    """The element the URL's #fragment targets, where it is on screen, and below which line the header ends."""
    return page.evaluate("""() => {
        const t = document.querySelector(':target'), header = document.querySelector('.md-header');
        const box = t ? t.getBoundingClientRect() : null;
        return {id: t && t.id, text: t && t.innerText.trim(), top: box && box.top,
                header: header ? header.getBoundingClientRect().bottom : 0, height: window.innerHeight};
    }""")


def test_follow_the_unit_link_from_a_project_page(units_guarded, units_server, screenshot) -> None:  # type: ignore[no-untyped-def]
    page, _ = units_guarded
    page.set_viewport_size({"width": 1280, "height": 420})  # short, so landing on the section needs a scroll
    page.goto(units_server.url("projects/2023-lv-hua-yang-hu.html"))
    page.locator("table.jx-form").get_by_role("link", name="测试单位丙一").click()
    page.wait_for_url(f"**/{DEPT}#{ANCHOR}")
    spot = landed(page)
    assert spot["id"] == ANCHOR and spot["text"] == "测试单位丙一"
    assert spot["header"] <= spot["top"] < spot["height"] / 2, f"the unit's heading is not at the top of the view: {spot}"
    groups = {g["id"]: g for g in page.evaluate(GROUPS_JS)}
    assert groups[ANCHOR]["names"] == names("测试单位丙一", "测试部门丙") == ["绿化养护", "绿化养护"]
    assert [g["unit"] for g in groups.values()] == ["测试单位丙二", "测试单位丙三", "测试单位丙一"]  # by slug
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(units_server.url(DEPT))
    screenshot(page, "department-units")


def test_from_disk_without_javascript_the_link_lands_on_the_unit(browser, units_site_dir: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 500})
    page = context.new_page()
    page.goto((units_site_dir / "projects" / "2024-dao-lu-bao-jie.html").as_uri())
    page.locator("table.jx-form").get_by_role("link", name="测试单位丙二").click()
    page.wait_for_url("**/departments/ce-shi-bu-men-ding/index.html#unit-ce-shi-dan-wei-bing-er")
    spot = landed(page)
    assert spot["id"] == "unit-ce-shi-dan-wei-bing-er" and 0 <= spot["top"] < spot["height"]
    groups = page.evaluate(GROUPS_JS)
    assert [(g["unit"], g["names"], g["sum"]) for g in groups] == [("测试单位丙二", names("测试单位丙二", "测试部门丁"), True)]
    assert page.locator(".table-filters").count() == 0
    context.close()


def test_filter_and_sort_keep_the_units(units_guarded, units_server) -> None:  # type: ignore[no-untyped-def]
    page, _ = units_guarded
    page.goto(units_server.url(DEPT))
    count = page.locator(".table-count")
    assert count.inner_text() == "显示 4 / 4 行 · 项目资金总额（万元）合计 320.00"
    page.get_by_label("年度", exact=True).select_option("2024年度")
    groups = page.evaluate(GROUPS_JS)
    assert [(g["unit"], g["head"], g["names"], g["sum"]) for g in groups] == [
        ("测试单位丙二", False, [], False), ("测试单位丙三", False, [], False), ("测试单位丙一", True, ["绿化养护"], False)]
    assert count.inner_text() == "显示 1 / 4 行 · 项目资金总额（万元）合计 110.00"
    page.get_by_role("button", name="清除").click()
    page.get_by_role("searchbox").fill("丙三")  # the table search also matches the unit's heading
    assert [g["names"] for g in page.evaluate(GROUPS_JS)] == [[], ["设施维修"], []]
    page.get_by_role("searchbox").fill("")
    page.get_by_role("button", name="项目资金总额（万元）").click()  # ascending, within each unit
    groups = page.evaluate(GROUPS_JS)
    assert [g["funds"] for g in groups] == [["80.00"], ["30.00"], ["100.00", "110.00"]]
    assert all(g["head"] and g["sum"] for g in groups)


def test_the_implementer_index_lists_each_department_of_a_unit(units_guarded, units_server) -> None:  # type: ignore[no-untyped-def]
    page, _ = units_guarded
    page.goto(units_server.url("implementers/index.html"))
    rows = page.locator("table[data-table] tbody tr", has_text="测试单位丙二")
    assert [r.locator("td").nth(1).inner_text() for r in rows.all()] == ["测试部门丙", "测试部门丁"]  # by department slug: bing < ding
    rows.nth(0).get_by_role("link", name="测试单位丙二").click()
    page.wait_for_url(f"**/{DEPT}#unit-ce-shi-dan-wei-bing-er")
    assert landed(page)["text"] == "测试单位丙二"
