"""OCR tests: the engine is loaded once per session; pictures are small (a few lines)."""

from __future__ import annotations

import pytest

from reviewer.synth.fake import Faker, id_check_char


@pytest.fixture(scope="session")
def ocr_engine():
    from reviewer.ocr.engine import get_engine

    return get_engine()


@pytest.fixture(scope="session")
def people():
    """Six fake people with valid GB 11643 check characters and Luhn-valid cards."""
    fk = Faker(1515)
    out = [(fk.name(), fk.id_card(), fk.mobile(), fk.bank_card(19)) for _ in range(6)]
    for _, idn, _, _ in out:
        assert id_check_char(idn[:17]) == idn[17]
    return out
