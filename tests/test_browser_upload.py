"""Browser: upload an xlsx through the dropzone, see the preview, commit, see the figures on 总览."""
import io

import pytest
import xlsxwriter

from tests.browser import goto_page, logged_in_page, login, screenshot, settle

pytestmark = pytest.mark.browser


def filled_xlsx() -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    ws.merge_range(0, 0, 0, 4, "示范乡2026年第四季度村级重点指标统计表（累计数）")
    ws.write_row(2, 0, ["村名", "集体经济收入（万元）", "发展党员（人）", "网格数（个）", "培训人次（人次）"])
    ws.write_row(3, 0, ["大刘庄村", 6.25, 2, 6, 80])
    ws.write_row(4, 0, ["红旗", 17.5, 3, 6, 190])  # alias without 村
    wb.close()
    return buf.getvalue()


def choose_file(page, path) -> str:
    """Drop a file on the uploader and wait for the preview; returns the page's text."""
    page.locator('input[type="file"]').first.set_input_files(str(path))
    page.wait_for_selector("text=第三步：核对预览", timeout=60_000)
    settle(page)
    return page.inner_text("body")


def preview_counts(page) -> tuple[str, str, str]:
    metrics = {m.locator('[data-testid="stMetricLabel"]').inner_text(): m.locator('[data-testid="stMetricValue"]').inner_text()
               for m in page.locator('[data-testid="stMetric"]').all()}
    return metrics["新增"], metrics["修改"], metrics["不变"]


def commit(page) -> str:
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_selector("text=已导入（批次", timeout=60_000)
    settle(page)
    return page.inner_text("body")


def test_upload_preview_commit_and_see_on_overview(chromium_browser, demo_app, tmp_path):
    path = tmp_path / "示范乡2026年四季度.xlsx"
    path.write_bytes(filled_xlsx())
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1200}, locale="zh-CN")
    try:
        login(page, demo_app)
        goto_page(page, "数据上传")
        # the uploader's own English labels are replaced by Chinese ones
        page.wait_for_selector("[data-testid=stFileUploaderDropzone] [data-testid=stBaseButton-secondary] p",
                               timeout=30_000)
        label = page.evaluate("getComputedStyle(document.querySelector("
                              "'[data-testid=stFileUploaderDropzone] [data-testid=stBaseButton-secondary] p'), '::after').content")
        assert label == '"选择文件"'

        body = choose_file(page, path)
        # The preview: the period from the title, 2 villages × 4 indicators new, nothing changed.
        assert "2026年第四季度" in body
        assert preview_counts(page) == ("8", "0", "0")
        assert page.locator('[data-testid="stDataFrame"]').count() >= 1
        screenshot(page, "upload-preview")
        commit(page)
        goto_page(page, "总览")
        page.wait_for_selector("text=2026年第四季度", timeout=30_000)
        body = page.inner_text("body")
        assert "2 / 14 个村" in body  # only two villages reported 2026Q4 so far
        assert "23.8" in body  # 6.25万 + 17.5万, the income total of the new quarter
        screenshot(page, "upload-overview")
    finally:
        page.close()


def many_quarters_csv() -> bytes:
    """Five years of every village's four figures in the long layout: 1,120 cells, more than
    the preview lists. Year-to-date flows grow through each year, so nothing needs confirming."""
    villages = ["大刘庄村", "胜利村", "红旗村", "石桥村", "王家营村", "柳树湾村", "东坡村", "西河村", "南岗村", "北山村",
                "杨庄村", "李家寨村", "新建村", "青龙村"]
    lines = ["示范乡2019—2023年村级指标（累计数）", "村名,指标,期间,数值"]
    for year in range(2019, 2024):
        for q in (1, 2, 3, 4):
            for v in villages:
                lines += [f"{v},村集体经济收入（万元）,{year}Q{q},{2.5 * q}", f"{v},发展党员数,{year}Q{q},{q}",
                          f"{v},网格数,{year}Q{q},5", f"{v},培训人次,{year}Q{q},{20 * q}"]
    return ("\n".join(lines) + "\n").encode("gb18030")


def test_a_large_file_previews_a_sample_and_commits_whole(chromium_browser, demo_app, tmp_path):
    path = tmp_path / "示范乡五年数据.csv"
    path.write_bytes(many_quarters_csv())
    with logged_in_page(chromium_browser, demo_app, "数据上传") as page:
        page.wait_for_selector("[data-testid=stFileUploaderDropzone]", timeout=30_000)
        body = choose_file(page, path)
        assert "共 1120 项，下表列出其中 1000 项" in body, body[:2000]
        assert "核对预览（2019年第一季度至2023年第四季度，共 20 个季度）" in body
        assert preview_counts(page) == ("1120", "0", "0")
        screenshot(page, "upload-large-preview")
        assert "新增 1120 项" in commit(page)
        screenshot(page, "upload-large-done")


def test_68000_in_a_wan_column_is_refused(chromium_browser, demo_app, tmp_path):
    path = tmp_path / "示范乡2026年第三季度.csv"
    path.write_text("示范乡2026年第三季度\n村名,集体经济收入（万元）,培训人次（人次）\n大刘庄村,68000,\n", encoding="utf-8")
    with logged_in_page(chromium_browser, demo_app, "数据上传") as page:
        body = choose_file(page, path)
        assert "整份文件不会导入" in body
        assert "第3行「集体经济收入（万元）」" in body and "是不是填成了元" in body
        assert "将记为未报送" in body and "培训人次" in body
        assert page.get_by_role("button", name="确认导入").count() == 0  # nothing to commit
        screenshot(page, "upload-unit-refused")
