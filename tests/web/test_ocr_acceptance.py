"""Issue #15's scenario, as a new user would try it, in Debian's Chromium against a real
server: an image-only PDF of a 公示 listing six people with full 身份证号 → findings on the
scanned page, boxes on the page picture, removal in the pixels, verification by reading
again, three signatures → the published PDF, read by tesseract (an OCR that shares nothing
with the product), holds none of the six numbers."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from reviewer.synth.scan_render import Spoil, image_pdf, render_page
from tests.web.conftest import assert_no_traceback

pytestmark = pytest.mark.browser


def _people():
    """Six fake people with valid GB 11643 check characters (as tests/ocr/conftest.py)."""
    from reviewer.synth.fake import Faker

    fk = Faker(1515)
    return [(fk.name(), fk.id_card(), fk.mobile(), fk.bank_card(19)) for _ in range(6)]


def _gongshi(people) -> bytes:
    lines = ["关于2024年度拟录用人员的公示", "序号  姓名  身份证号码"]
    lines += [f"{i}  {n}  {idn}" for i, (n, idn, _, _) in enumerate(people, 1)]
    img = render_page(lines, dpi=200, page_mm=(170, 95), margin_mm=10, font_pt=12, spoil=Spoil(noise=6, jpeg=60))
    return image_pdf([img], dpi=200)


def _tesseract(pdf: bytes, tmp_path, name: str) -> str:
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True)
    text = "".join(subprocess.run(["tesseract", str(p), "-", "-l", "eng", "--psm", "6"], capture_output=True,
                                  text=True, check=True).stdout for p in sorted(tmp_path.glob(f"{name}*.png")))
    return "".join(text.split())


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (scripts/system-deps.sh)")
def test_scanned_gongshi_is_found_redacted_in_pixels_and_published_without_ids(session_factory, web_server,
                                                                                 tmp_path):
    people = _people()
    ids = [idn for _, idn, _, _ in people]
    data = _gongshi(people)
    assert sum(idn in _tesseract(data, tmp_path, "orig") for idn in ids) >= 4     # the reader can read them

    drafter = session_factory("drafter")
    page = drafter.page
    page.goto("/upload")
    page.set_input_files("#file", files=[{"name": "拟录用人员公示.pdf", "mimeType": "application/pdf", "buffer": data}])
    page.click("#upload-btn")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    case_id = int(page.url.rsplit("/", 1)[1])
    page.wait_for_selector("#doctext mark.cat-personal", timeout=180_000)
    body = page.locator("body").inner_text()
    for idn in ids:
        assert page.locator("#doctext mark.cat-personal", has_text=idn).count() == 1, idn
    assert "文字识别" in body                                  # the notice says the page was read by OCR
    drafter.shot("ocr-01-document")

    officer = session_factory("officer")
    page = officer.page
    page.goto(f"/documents/{case_id}/review")
    pic = page.locator("#page-pictures img").first
    pic.wait_for(state="visible")
    page.wait_for_function("() => { const i = document.querySelector('#page-pictures img'); "
                           "return i && i.complete && i.naturalWidth > 0; }")
    officer.shot("ocr-02-review-with-page-picture")
    for idn in ids:
        item = page.locator("#findings .finding", has_text=idn)
        fid = item.get_attribute("data-fid")
        item.locator("button[value=accept]").click()
        page.wait_for_function(f"document.querySelector('#f-{fid} [data-role=status]').textContent === '删除'")
    page.select_option("#approve-form select[name=attribute]", "proactive")
    page.fill("#approve-form input[name=comment]", "删除身份证号后主动公开")
    page.click("#approve-form button")
    page.wait_for_url(re.compile(rf".*/documents/{case_id}/sign$"), timeout=300_000)
    assert_no_traceback(page.content())

    s = drafter
    for username, opinion in (("drafter", "已删除身份证号，拟主动公开"), ("head", "同意公开"), ("unithead", "同意发布")):
        s = session_factory(username) if username != "drafter" else drafter
        s.page.goto(f"/documents/{case_id}/sign")
        s.page.locator("#sign-form textarea[name=opinion]").fill(opinion)
        s.page.locator("#sign-form button").click()
        s.page.wait_for_load_state()
        assert_no_traceback(s.page.content())
    page = s.page
    assert "文件已发布" in page.locator("body").inner_text()
    with page.expect_download() as dl:
        page.click("#download-output")
    out = tmp_path / "published.pdf"
    dl.value.save_as(out)
    published = out.read_bytes()
    assert published.startswith(b"%PDF")
    text_layer = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert not any(idn in "".join(text_layer.split()) for idn in ids)
    seen = _tesseract(published, tmp_path, "published")
    assert not any(idn in seen or idn[6:14] in seen for idn in ids), seen
    s.shot("ocr-03-published")
