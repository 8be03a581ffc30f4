"""A large upload shows its progress (XMLHttpRequest upload events) and is scanned in the background."""

from __future__ import annotations

import json
import re

import pytest

from tests.web.helpers import ID_NUMBER

pytestmark = pytest.mark.browser

# Keep every text the progress line shows, across the navigation that follows the upload.
RECORD_PROGRESS = """
document.addEventListener('DOMContentLoaded', () => {
  const el = document.getElementById('progress-text');
  const bar = document.getElementById('progress');
  if (!el) return;
  new MutationObserver(() => {
    const seen = JSON.parse(sessionStorage.getItem('progress') || '[]');
    seen.push([el.textContent, bar.hidden ? -1 : bar.value]);
    sessionStorage.setItem('progress', JSON.stringify(seen));
  }).observe(el, {childList: true, characterData: true, subtree: true});
});
"""


def test_large_upload_shows_progress_then_background_scan(session_factory):
    line = "根据工作安排，各单位要认真做好困难群众走访慰问的统计与核对工作，确保资金按时发放到位。\n"
    body = (f"示例市民政局关于走访慰问情况的报告\n困难群众王小明，身份证号{ID_NUMBER}。\n" + line * 3000).encode("utf-8")
    assert len(body) > 200_000                       # over the test server's background threshold
    s = session_factory("drafter")
    page = s.page
    page.add_init_script(RECORD_PROGRESS)
    page.goto("/upload")
    page.set_input_files("#file", files=[{"name": "报告.txt", "mimeType": "text/plain", "buffer": body}])
    page.click("#upload-btn")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    seen = json.loads(page.evaluate("sessionStorage.getItem('progress') || '[]'"))
    assert seen, "the progress line never changed"
    assert seen[-1] == ["上传完成，正在扫描……", 100], seen
    assert all(text.startswith(("正在上传", "上传完成")) and 0 <= value <= 100 for text, value in seen)
    if page.locator("#scan-pending").count():
        s.shot("14-document-scanning")
    page.wait_for_selector("#doctext mark.cat-personal", timeout=120000)   # the page reloads itself when done
    assert page.locator("#doctext mark", has_text=ID_NUMBER).count() == 1
    assert page.locator("#scan-pending").count() == 0
