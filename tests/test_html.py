"""report.html in a real headless browser (Debian's chromium through Playwright): it loads with
no console error and no network fetch, sorts and filters, and without JavaScript still shows
its figures and tables. Its text is a golden file; its screenshot is the README's
(docs/report-html.png, rewritten with --update-golden)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import run_demo

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "demo"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "out"
    run_demo(out)
    return out / "report.html"


def page_text(html: str) -> str:
    """The text a reader sees, without scripts, styles and the charts' SVG, a line per block."""
    import lxml.html

    doc = lxml.html.fromstring(html)
    for bad in doc.xpath("//head|//script|//style|//*[local-name()='svg']"):
        bad.drop_tree()
    for block in doc.xpath("//p|//li|//tr|//h1|//h2|//figcaption|//div[@class='card']"):
        block.tail = "\n" + (block.tail or "")
    for cell in doc.xpath("//td|//th|//div[@class='n']"):
        cell.tail = " | " + (cell.tail or "")
    lines = (" ".join(line.split()) for line in doc.text_content().splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def test_the_page_is_self_contained_and_its_text_golden(report: Path, update_golden) -> None:
    html = report.read_text(encoding="utf-8")
    # nothing fetched: no external script, style, image or font
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)
    assert "@import" not in html and not re.search(r"url\((?!#)", html)  # only in-page ids
    assert html.count("<svg") == 4  # linkage and conformance by agency, by level, by decision
    assert "Noto Sans CJK SC" in html and "<text" in html  # chart text as text, CJK fallback
    text = page_text(html)
    golden = GOLDEN / "report.html.txt"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert "取消仍在清单\n" in text and "97.47%" in text and "73.06%" in text


needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@needs_browser
def test_the_page_loads_without_errors_sorts_and_filters(browser, report, update_golden) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    fetched: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert errors == []
    assert fetched == [report.as_uri()]  # the page itself, nothing else
    shot = page.screenshot(full_page=False)  # the top: title, inputs, cards, first charts
    if update_golden:
        (ROOT / "docs" / "report-html.png").write_bytes(shot)
    rows = page.locator("#unlinked_work_orders tbody tr")
    assert rows.count() == 50
    first = rows.nth(0).inner_text()
    page.locator("#unlinked_work_orders th").nth(2).click()  # 办件编号
    page.locator("#unlinked_work_orders th").nth(2).click()  # descending
    assert rows.nth(0).inner_text() != first
    page.fill('input[data-for="unlinked_work_orders"]', "缺少编码")
    visible = page.locator("#unlinked_work_orders tbody tr:visible")
    assert 0 < visible.count() < 50
    assert all("缺少编码" in visible.nth(i).inner_text() for i in range(visible.count()))
    page.fill('input[data-for="unlinked_work_orders"]', "")
    page.close()


@needs_browser
def test_without_javascript_the_figures_and_tables_show(browser, report) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(report.as_uri())
    charts = page.locator("figure svg")
    assert charts.count() == 4
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 50
    assert page.locator(".card").count() == 3
    assert page.locator("#cancelled_still_listed tbody tr").count() == 35
    assert not page.locator("input.filter").first.is_visible()  # useless without a script
    context.close()


def test_charts_by_agency_level_decision_and_trend() -> None:
    """The rates drawn are worked out by hand: 甲局 1 of 2 list items matched (50 %), 乙局 1 of
    1; the trend draws each headline rate at the baseline's date and now."""
    from catalog_sync.reports.html import charts
    from catalog_sync.tables import new_table

    matched, unmatched = new_table("list_catalogue_matches"), new_table("unmatched_list_items")
    matched.rows = [
        {"agency": "甲局", "source_file": "县.csv", "source_row": 2},
        {"agency": "乙局", "source_file": "市.csv", "source_row": 2},
    ]
    unmatched.rows = [{"agency": "甲局", "source_file": "县.csv", "source_row": 3, "status": "new"}]
    cancelled = new_table("cancelled_still_listed")
    cancelled.rows = [{"decision": "国发〔2026〕1号", "status": "new"},
                      {"decision": "国发〔2026〕1号", "status": "resolved"}]  # fmt: skip
    summary = {
        "as_of": "2026-11-01",
        "baseline": {
            "as_of": "2026-10-01",
            "changes": {"work_order_linkage_rate": {"previous": 0.5, "current": 0.75}},
        },
    }
    tables = {t.name: t for t in (matched, unmatched, cancelled)}
    drawn = dict(charts(tables, summary, "zh"))
    assert list(drawn) == [
        "各部门清单符合率", "各层级（清单文件）清单符合率", "各决定涉及的问题数（取消、下放）",
        "与上次核对相比",
    ]  # fmt: skip
    assert "50.0%" in drawn["各部门清单符合率"] and "100.0%" in drawn["各部门清单符合率"]
    assert "县.csv" in drawn["各层级（清单文件）清单符合率"]
    assert ">1<" in drawn["各决定涉及的问题数（取消、下放）"].replace(" ", "")  # the open row only
    trend = drawn["与上次核对相比"]
    assert "办件关联率 2026-10-01" in trend and "办件关联率 2026-11-01" in trend
    assert "50.0%" in trend and "75.0%" in trend


def test_an_item_matched_to_a_matter_that_does_not_conform_is_a_miss() -> None:
    """Worked by hand: 甲局's two items are matched, one to a matter the catalogue has not in
    use (so also in unmatched_list_items): 1 of 2 conform, 50 %, as summary.json counts it;
    before, the chart drew 2 of 3."""
    from catalog_sync.reports.html import charts
    from catalog_sync.tables import new_table

    matched, unmatched = new_table("list_catalogue_matches"), new_table("unmatched_list_items")
    matched.rows = [
        {"agency": "甲局", "source_file": "县.csv", "source_row": 2},
        {"agency": "甲局", "source_file": "县.csv", "source_row": 3},
    ]
    unmatched.rows = [
        {
            "agency": "甲局",
            "source_file": "县.csv",
            "source_row": 3,
            "reason": "catalogue_matter_not_in_use",
        }
    ]
    tables = {t.name: t for t in (matched, unmatched)}
    drawn = dict(charts(tables, {"as_of": "2026-11-01"}, "zh"))
    assert "50.0%" in drawn["各部门清单符合率"] and "66.7%" not in drawn["各部门清单符合率"]


def test_a_chart_shows_the_thirty_lowest_of_many_agencies() -> None:
    from catalog_sync.reports.html import charts
    from catalog_sync.tables import new_table

    linkage = new_table("work_order_linkage")
    linkage.rows = [{"agency": f"局{i:02}", "linked": i, "work_orders": 40} for i in range(40)] + [
        {"agency": "合计", "linked": 780, "work_orders": 1600}
    ]
    ((caption, svg),) = charts({"work_order_linkage": linkage}, {}, "zh")
    assert caption == "各部门办件关联率（最低的 30 个，共 40 个）"
    assert "局29" in svg and "局30" not in svg and "合计" not in svg
