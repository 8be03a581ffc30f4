import pytest

from reviewer.errors import EmptyFileError, UnsupportedFormatError
from reviewer.parsers import parse_bytes
from reviewer.parsers.txt_parser import decode

TEXT = "关于做好2024年政务公开工作的通知\n联系人：王小明，电话：13812345678。\n"


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"),
    ("gb18030", "gb18030"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),
])
def test_txt_decodes_each_encoding(encoding, expected):
    doc = parse_bytes(TEXT.encode(encoding), "a.txt")
    assert doc.text == TEXT
    assert doc.metadata.encoding == expected
    assert doc.metadata.format == "txt"


def test_txt_gb18030_rare_characters_round_trip():
    text = "𠀀𪚥䶮镕堃 曌 — 〔2017〕71号\n"  # 4-byte GB18030 sequences and CJK Ext B
    doc = parse_bytes(text.encode("gb18030"), "rare.txt")
    assert doc.text == text
    assert doc.metadata.encoding == "gb18030"


def test_txt_big5_guessed_within_allowed_encodings():
    text = "中華民國政府資訊公開法施行細則，本辦法自發布日施行。" * 3
    _text, enc = decode(text.encode("big5"))
    assert enc in {"big5", "gb18030"}  # never cp949 or another outside the allowed list


def test_txt_lines_map_to_columns():
    doc = parse_bytes("第一行\r\n第二行电话13812345678\r\n".encode("gb18030"), "a.txt")
    assert doc.metadata.newline == "\r\n"
    start = doc.text.index("138")
    loc = doc.location_of(start, start + 11)
    assert loc["line"] == 2 and loc["column"] == 5


def test_txt_empty_file_is_a_clear_error():
    with pytest.raises(EmptyFileError) as e:
        parse_bytes(b"", "empty.txt")
    assert e.value.code == "empty_file"


def test_txt_binary_garbage_is_refused():
    import random

    rnd = random.Random(7)
    garbage = bytes(rnd.randrange(256) for _ in range(4096))
    with pytest.raises(UnsupportedFormatError) as e:
        parse_bytes(garbage, "notes.txt")
    assert e.value.code in {"not_text", "unsupported_format"}


def test_txt_gb18030_with_a_few_private_use_characters_is_read_with_a_warning():
    # Offices encode self-made rare characters (造字) in the private-use area.
    text = "申请人\ue004某某，身份证号码略。" + "政务公开工作要点。" * 300
    doc = parse_bytes(text.encode("gb18030"), "zaozi.txt")
    assert doc.text == text and doc.metadata.encoding == "gb18030"
    assert [w.code for w in doc.warnings] == ["private_use_characters"]


def test_txt_bytes_that_are_not_gb18030_are_not_passed_off_as_private_use_text():
    # User-defined GB18030 rows (AAA1–AFFE) decode to the private-use area: as the whole
    # file this is not real text in that encoding.
    # (These bytes happen to be valid Big5, which the fallback then finds.)
    data = bytes([0xAA, 0xA1, 0xAB, 0xB2, 0xAC, 0xC3, 0xAD, 0xD4]) * 50
    text, encoding = decode(data)
    assert encoding != "gb18030"
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in text)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_txt_utf16_without_bom_is_detected_and_redacted_in_kind(encoding):
    from reviewer.redaction import redact_document
    from reviewer.scan import scan_document

    data = TEXT.encode(encoding)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    doc = parse_bytes(data, "utf16.txt")
    assert doc.text == TEXT and doc.metadata.encoding == encoding
    res = redact_document(doc, [f for f in scan_document(doc).findings if f.type == "mobile"], accept_all=True)
    assert not res.output.startswith((b"\xff\xfe", b"\xfe\xff"))     # no BOM added
    out = res.output.decode(encoding)
    assert "13812345678" not in out and "138****5678" in out


def test_txt_binary_with_nul_bytes_is_not_taken_for_utf16():
    import random

    rnd = random.Random(3)
    data = bytes(rnd.choice([0, rnd.randrange(1, 256)]) for _ in range(4096))
    with pytest.raises(UnsupportedFormatError):
        parse_bytes(data, "blob.txt")


def _peak_bytes(fn) -> int:
    import tracemalloc

    tracemalloc.start()
    try:
        fn()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


@pytest.mark.parametrize("text, per_char", [("政务公开工作要点。\n", 3), ("plain ascii line\n", 1)])
def test_txt_max_chars_is_checked_while_reading(text, per_char):
    from reviewer.errors import LimitExceededError
    from reviewer.settings import Limits

    limit = 1_000_000
    data = (text * (4_000_000 // len(text.encode()) + 1)).encode()   # ~4 MB, over the limit
    assert len(data) // per_char > limit

    def parse():
        with pytest.raises(LimitExceededError) as exc:
            parse_bytes(data, "big.txt", limits=Limits(max_chars=limit))
        assert exc.value.details == {"limit": "max_chars", "value": limit}

    # Refused before the whole file is decoded: far less than the decoded text would take.
    assert _peak_bytes(parse) < 2_600_000
