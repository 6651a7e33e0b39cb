"""Browser: no English left in any page's rendered text (material icon names, which render as icons,
and file-format names people know are not counted)."""
import re

import pytest

from tests.browser import goto_page, login, settle

pytestmark = pytest.mark.browser

PAGES = ["总览", "村级进度", "落后预警", "村级画像", "指标对比", "数据上传", "报告抽取", "目标设置", "通报导出", "审计日志",
         "审核锁定与账号"]
# Words people in a township office read as they are: file formats, units of files, product names.
ALLOWED = {"xlsx", "xls", "csv", "docx", "doc", "wps", "pdf", "txt", "jpg", "jpeg", "png", "word", "excel", "wps",
           "sha", "zhibiao", "ocr", "utf", "gbk", "bom", "kb", "mb", "ctrl", "tab", "yyyy", "mm", "dd", "admin",
           "browser_admin", "csv）", "ms"}
# Text a person sees: visible text nodes only (not font-size 0, not clipped screen-reader links), and not
# the uploaded reports' own text (.zb-report), which is content, not the interface.
VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stApp"]'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('.zb-report, [data-testid="stIconMaterial"], style, script, noscript, svg')) continue;
    const css = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (css.display === 'none' || css.visibility === 'hidden' || parseFloat(css.fontSize) < 1
        || box.width <= 1 || box.height <= 1 || css.fontFamily.includes('Material')) continue;
    out.push(node.textContent);
  }
  return out.join(' ');
}"""


def english_words(text: str) -> set[str]:
    words = {w.lower() for w in re.findall(r"(?<![0-9A-Za-z])[A-Za-z][A-Za-z_]{2,}(?![0-9A-Za-z])", text)}
    return {w for w in words if w not in ALLOWED and not re.fullmatch(r"[a-z]+_[a-z0-9_]+", w)}


def test_no_english_on_any_page(chromium_browser, demo_app):
    page = chromium_browser.new_page(viewport={"width": 1400, "height": 1100}, locale="zh-CN")
    found: dict[str, set[str]] = {}
    try:
        login(page, demo_app)
        for title in PAGES:
            goto_page(page, title)
            settle(page)
            page.wait_for_timeout(500)
            words = english_words(page.evaluate(VISIBLE_TEXT))
            if words:
                found[title] = words
    finally:
        page.close()
    assert found == {}, "\n".join(f"{k}: {sorted(v)}" for k, v in found.items())
