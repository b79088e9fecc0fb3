"""The transparency features in real headless Chromium, checked as a reader would see them.

Filter and sort an index table, open a project (breadcrumbs, other years, comparison),
print it (A4 PDF with the form and no site chrome), download its CSV, and read a chart.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from generator.load import load_projects

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def projects_of_2023() -> list:
    projects = load_projects(ROOT / "content").projects + load_projects(ROOT / "tests" / "cases" / "multiyear").projects
    return [p for p in projects if p.year == 2023]


def visible_names(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.locator("td").first.inner_text().strip() for row in page.locator("table[data-table] tbody tr:visible").all()]


def amounts(page, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.locator("td").nth(column).inner_text().strip() for row in page.locator("table[data-table] tbody tr:visible").all()]


def test_filter_and_sort_the_year_table(features_guarded, features_server) -> None:  # type: ignore[no-untyped-def]
    page, _ = features_guarded
    expected = projects_of_2023()
    page.goto(features_server.url("years/2023/index.html"))
    count = page.locator(".table-count")
    total = sum(p.funds.total or 0 for p in expected)
    assert count.inner_text() == f"显示 {len(expected)} / {len(expected)} 行 · 项目资金总额（万元）合计 {total:,.2f}"
    assert sorted(visible_names(page)) == sorted(p.name for p in expected)

    page.get_by_label("主管部门", exact=True).select_option("测试部门乙")
    assert visible_names(page) == ['设备购置 "<b>&']
    assert count.inner_text() == f"显示 1 / {len(expected)} 行 · 项目资金总额（万元）合计 50.00"
    page.get_by_role("button", name="清除").click()

    page.get_by_placeholder("最小 项目资金总额（万元）").fill("100")
    assert sorted(visible_names(page)) == sorted(p.name for p in expected if (p.funds.total or 0) >= 100)
    page.get_by_placeholder("最小 项目资金总额（万元）").fill("")

    page.get_by_role("searchbox").fill("劳模")
    assert visible_names(page) == ["劳模慰问和管理"]
    page.get_by_role("searchbox").fill("")

    header = page.get_by_role("button", name="项目资金总额（万元）")
    header.click()  # ascending, numerically (9.00 before 12.50 before 104.08)
    shown = [Decimal(a.replace(",", "")) for a in amounts(page, 4) if a]
    assert shown == sorted(p.funds.total for p in expected if p.funds.total is not None)
    assert page.locator("th[aria-sort=ascending]").count() == 1
    header.click()
    assert amounts(page, 4)[0] == "2,863.00"


def test_without_javascript_the_table_shows_in_full(browser, features_server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(features_server.url("years/2023/index.html"))
    assert page.locator("table.jx-list tbody tr:visible").count() == len(projects_of_2023())
    assert page.locator(".table-filters").count() == 0
    context.close()


def test_open_a_project_from_the_table_and_compare_years(features_guarded, features_server) -> None:  # type: ignore[no-untyped-def]
    page, _ = features_guarded
    page.goto(features_server.url("years/2023/index.html"))
    page.get_by_role("searchbox").fill("职工培训")
    page.get_by_role("link", name="职工培训", exact=True).click()
    page.wait_for_url("**/projects/2023-zhi-gong-pei-xun.html")
    assert page.locator("h1").inner_text() == "职工培训"
    crumbs = page.locator(".jx-breadcrumbs li")
    assert [c.inner_text() for c in crumbs.all()] == ["首页", "2023年度", "测试部门甲", "职工培训"]
    assert crumbs.first.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]  # shown above the title
    years = page.locator(".jx-years")
    assert years.get_by_role("link", name="2022年度").is_visible() and years.get_by_role("link", name="2024年度").is_visible()
    compare = page.locator(".jx-compare")
    assert "与 2022年度 相比" in compare.inner_text()
    changed = compare.locator("tr.jx-changed", has_text="培训人数")
    assert changed.locator("del").inner_text() == "≥4500(名)" and changed.locator("ins").inner_text() == "≥5000(名)"
    assert compare.locator("tr.jx-added", has_text="课程数").is_visible()
    assert compare.locator("tr.jx-removed", has_text="培训及时性").is_visible()
    assert "+20.50" in compare.locator("table.jx-compare-funds tr", has_text="项目资金总额").inner_text()
    assert re.fullmatch(r"最后更新：\d{4}-\d\d-\d\d", page.locator(".jx-updated").inner_text())
    assert page.locator('meta[property="og:title"]').get_attribute("content") == "职工培训"


def test_print_view_is_the_form_on_a4_without_site_chrome(features_guarded, features_server) -> None:  # type: ignore[no-untyped-def]
    page, _ = features_guarded
    page.goto(features_server.url("projects/2023-dang-jian-jing-fei.html"))
    assert page.locator(".md-header").is_visible() and page.get_by_role("button", name="打印 / 另存为 PDF").is_visible()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".jx-downloads", ".jx-breadcrumbs"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("table.jx-indicators").is_visible()
    caption = page.evaluate("getComputedStyle(document.querySelector('h1.jx-title'), '::before').content")
    assert caption == '"财政项目支出绩效目标表"'
    pdf = pdfplumber.open(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    first = pdf.pages[0]
    assert (round(first.width), round(first.height)) == (595, 842)  # A4 in points, from @page
    # NFKC: the PDF's font maps some ideographs to look-alike Kangxi radicals (⽬ for 目)
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() or "" for p in pdf.pages))
    assert "财政项目支出绩效目标表" in text and "党建经费" in text and "支部党员大会" in text
    assert "搜索" not in text and "下载本表" not in text and "首页" not in text
    page.emulate_media(media="screen")


def test_download_the_project_csv(features_guarded, features_server) -> None:  # type: ignore[no-untyped-def]
    page, _ = features_guarded
    page.goto(features_server.url("projects/2023-she-bei-gou-zhi.html"))
    with page.expect_download() as info:
        page.get_by_role("link", name="绩效指标 CSV").click()
    download = info.value
    assert download.suggested_filename == "2023-she-bei-gou-zhi-indicators.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("project_id,position,level1,level2,name,text,operator,number,unit")
    assert lines[1].startswith("2023-she-bei-gou-zhi,1,产出指标,数量指标,设备数量,=3(台),=,3,台")
    assert len(lines) == 1 + 3
    with page.expect_download() as info:  # made in the browser (tests/browser/test_page_downloads.py compares the bytes)
        page.get_by_role("link", name="Word 表格（DOCX）").click()
    assert info.value.suggested_filename == "2023-she-bei-gou-zhi.docx"
    with zipfile.ZipFile(info.value.path()) as form:
        assert "设备数量" in form.read("word/document.xml").decode("utf-8")


def test_charts_page_and_phone_layout(browser, features_server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((features_server.base, "data:", "blob:")) else None)
    page.goto(features_server.url("charts/index.html"))
    chart = page.locator("svg.chart[role=img]").first
    assert chart.is_visible() and chart.locator("title").first.text_content() == "各主管部门项目资金总额"
    assert chart.bounding_box()["width"] <= 390
    assert page.locator("table.jx-chart-data").first.get_by_text("测试部门甲").is_visible()
    for path in ("charts/index.html", "projects/2023-zhi-gong-pei-xun.html", "years/2023/index.html"):
        page.goto(features_server.url(path))
        assert page.evaluate("document.documentElement.scrollWidth") <= 391, path  # no sideways scrolling
    page.goto(features_server.url("departments/index.html"))
    page.get_by_role("link", name="测试部门甲").click()
    assert page.locator("#chart-funds_trend svg title").first.text_content() == "测试部门甲：历年项目资金总额"
    assert outside == []
    context.close()
