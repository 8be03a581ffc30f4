"""Drawing a box on an unreadable page picture in Chromium: the mark is stored (audited) and
shown in blue on the picture, and the page no longer blocks approval."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image

from reviewer.synth.scan_render import image_pdf
from tests.ocr.helpers import small_page
from tests.web.conftest import assert_no_traceback

pytestmark = pytest.mark.browser


def _people():
    """Six fake people with valid GB 11643 check characters (as tests/ocr/conftest.py)."""
    from reviewer.synth.fake import Faker

    fk = Faker(1515)
    return [(fk.name(), fk.id_card(), fk.mobile(), fk.bank_card(19)) for _ in range(6)]


def test_officer_draws_a_box_on_an_unreadable_page(session_factory, web_server):
    people = _people()
    name, idn, _, _ = people[1]
    readable = small_page([f"{name} 身份证号 {idn}"], page_mm=(140, 20))
    rng = np.random.default_rng(9)
    smudge = Image.fromarray((rng.random((readable.height, readable.width)) * 255).astype("uint8")).convert("RGB")
    drafter = session_factory("drafter")
    page = drafter.page
    page.goto("/upload")
    page.set_input_files("#file", files=[{"name": "污损扫描件.pdf", "mimeType": "application/pdf",
                                          "buffer": image_pdf([readable, smudge])}])
    page.click("#upload-btn")
    page.wait_for_url(re.compile(r".*/documents/\d+$"))
    case_id = int(page.url.rsplit("/", 1)[1])
    page.wait_for_selector("#doctext mark.cat-personal", timeout=180_000)

    officer = session_factory("officer")
    page = officer.page
    page.goto(f"/documents/{case_id}/review")
    assert "第 2 页无法可靠识别" in page.locator("#unreadable-banner").inner_text()
    fig = page.locator(".page-picture[data-page='2']")
    img = fig.locator("img")
    img.scroll_into_view_if_needed()
    page.wait_for_function("() => [...document.querySelectorAll('.page-picture img')].every(i => i.complete && i.naturalWidth > 0)")
    box = img.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.7, steps=5)
    page.mouse.up()
    form = fig.locator("form.page-box")
    assert float(form.locator("input[name=fx0]").input_value()) == pytest.approx(0.1, abs=0.02)
    assert float(form.locator("input[name=fy1]").input_value()) == pytest.approx(0.7, abs=0.02)
    form.locator("input[name=note]").fill("污损处疑有姓名，整块删除")
    form.locator("button").click()
    page.wait_for_url(re.compile(rf".*/documents/{case_id}/review.*"))
    assert_no_traceback(page.content())
    assert page.locator("#unreadable-banner").count() == 0          # the page is handled now
    assert "已人工框选删除 1 处" in fig.inner_text()
    officer.shot("ocr-04-drawn-box")
    status = officer.context.request.get(f"/api/documents/{case_id}/page-checks").json()
    assert status["boxed"] == ["2"] and status["unchecked"] == []
    import io

    png = officer.context.request.get(f"/documents/{case_id}/pages/2.png")
    pic = Image.open(io.BytesIO(png.body())).convert("RGB")
    blue = sum(1 for px in pic.getdata() if px[2] > 150 and px[0] < 40 and 60 < px[1] < 120)
    assert blue > 200                                            # the drawn box is outlined in blue
