"""The committed samples: `reviewer scan --json` reads each one as samples/expected.json says,
the planted identifiers are in the extracted text and pass their checks, and
samples/generate.py reproduces the committed files exactly."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
STRUCTURE_FIELDS = ("copy_number", "secrecy_line", "secrecy_level", "secrecy_period", "urgency", "issuer_mark",
                    "doc_number", "doc_number_raw", "signer", "title", "doc_kind", "addressee", "date",
                    "annotation", "declared_attribute", "declared_attribute_text", "cc", "printed_by",
                    "printed_date", "spans")
FINDING_FIELDS = {"id": str, "category": str, "type": str, "text": str, "start": int, "end": int,
                  "score": (int, float), "location": dict, "action": str, "basis": str, "explanation": dict,
                  "detector": str}
PARSER_MODULE = {"txt": "reviewer.parsers.txt_parser", "docx": "reviewer.parsers.docx_parser",
                 "pdf": "reviewer.parsers.pdf_parser"}


def _have_parser(fmt: str) -> bool:
    return importlib.util.find_spec(PARSER_MODULE[fmt]) is not None


def _needs_parser(rel: str) -> None:
    fmt = rel.split("/")[0]
    if not _have_parser(fmt):
        pytest.skip(f"the {fmt.upper()} parser is not in this tree yet")


@pytest.fixture(scope="module")
def scanned() -> dict:
    """One `reviewer scan --json` over every sample whose parser exists: path -> result."""
    rels = [rel for rel in EXPECTED if _have_parser(rel.split("/")[0])]
    proc = subprocess.run([sys.executable, "-m", "reviewer.cli", "scan", "--json", *rels],
                          cwd=SAMPLES, capture_output=True, timeout=240)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = json.loads(proc.stdout.decode("utf-8"))
    if len(rels) == 1:
        out = [out]
    assert isinstance(out, list) and len(out) == len(rels)
    return {r["path"]: r for r in out}


def test_samples_cover_every_format_and_folder():
    fmts = {rel.split("/")[0] for rel in EXPECTED}
    assert fmts == {"txt", "docx", "pdf"}
    on_disk = {f"{p.parent.name}/{p.name}" for d in ("txt", "docx", "pdf") for p in (SAMPLES / d).iterdir()}
    assert on_disk == set(EXPECTED)
    assert {e.get("encoding") for rel, e in EXPECTED.items() if rel.startswith("txt/")} == {"utf-8", "gb18030"}


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_samples_scan_json_has_every_contract_key(rel, scanned):
    _needs_parser(rel)
    r = scanned[rel]
    assert r["errors"] == []
    assert r["contract_version"] == "2"
    assert r["path"] == rel
    assert isinstance(r["sha256"], str) and len(r["sha256"]) == 64
    assert r["format"] == EXPECTED[rel]["format"]
    assert isinstance(r["chars"], int) and r["chars"] > 0
    assert isinstance(r["size"], int) and r["size"] == (SAMPLES / rel).stat().st_size
    assert isinstance(r["properties"], dict)
    if r["format"] == "txt":
        assert r["encoding"] == EXPECTED[rel]["encoding"] and r["pages"] is None
    if r["format"] == "pdf":
        assert isinstance(r["pages"], int) and r["pages"] >= 1
    assert set(STRUCTURE_FIELDS) <= set(r["structure"])
    for name, span in r["structure"]["spans"].items():
        assert name in STRUCTURE_FIELDS and len(span) == 2 and 0 <= span[0] <= span[1] <= r["chars"]
    assert isinstance(r["findings"], list)
    for f in r["findings"]:
        for key, typ in FINDING_FIELDS.items():
            assert isinstance(f[key], typ), (key, f)
        assert 0 <= f["start"] < f["end"] <= r["chars"] and 0 <= f["score"] <= 1
        assert f["action"] in ("redact", "review", "block")
    sug = r["suggestion"]
    assert sug is None or (sug["attribute"] in ("proactive", "on_request", "not_public")
                           and isinstance(sug["reasons"], list) and isinstance(sug["needs_human"], bool))
    assert isinstance(r["warnings"], list)


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_samples_structure_matches_expected(rel, scanned):
    _needs_parser(rel)
    r = scanned[rel]
    for field, value in EXPECTED[rel]["structure"].items():
        assert r["structure"][field] == value, field
    assert r["declared_attribute"] == EXPECTED[rel]["declared_attribute"]


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_samples_planted_identifiers_are_in_the_text(rel):
    _needs_parser(rel)
    from reviewer.parsers import parse_file

    text = parse_file(SAMPLES / rel).text
    for ident in EXPECTED[rel]["identifiers"]:
        assert ident["value"] in text, ident
    for masked in EXPECTED[rel]["masked"]:
        assert masked in text


def test_samples_identifiers_pass_their_checks():
    validators = pytest.importorskip("reviewer.detectors.validators")
    seen = set()
    for e in EXPECTED.values():
        for ident in e["identifiers"]:
            t, v = ident["type"], ident["value"]
            seen.add(t)
            if t == "id_card":
                assert validators.id_checksum_ok(v) and validators.id_birth_date_ok(v) and validators.id_region_ok(v), v
            elif t == "id_card_legacy":
                assert len(v) == 15 and validators.id_birth_date_ok(v), v
            elif t == "bank_card":
                assert v.startswith("62") and 16 <= len(v) <= 19 and validators.luhn_ok(v), v
            elif t == "org_id":
                assert validators.uscc_ok(v) and validators.org_code_ok(v[8:17]), v
    assert {"id_card", "id_card_legacy", "mobile", "landline", "email", "bank_card", "passport",
            "travel_permit", "vehicle_plate", "person_name", "address", "org_id"} <= seen


def test_samples_regenerate_identically(tmp_path):
    """TXT byte for byte; DOCX and PDF by extracted text (and today also byte for byte)."""
    sys.path.insert(0, str(SAMPLES))
    try:
        import generate
    finally:
        sys.path.remove(str(SAMPLES))
    assert generate.main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / "expected.json").read_bytes() == (SAMPLES / "expected.json").read_bytes()
    from reviewer.parsers import parse_bytes

    for rel in EXPECTED:
        new, old = (tmp_path / rel).read_bytes(), (SAMPLES / rel).read_bytes()
        hint = f"{rel} is out of date: run .venv/bin/python samples/generate.py and commit the result"
        if rel.startswith("txt/") or new == old:
            assert new == old, hint
        elif _have_parser(rel.split("/")[0]):
            assert parse_bytes(new, rel).text == parse_bytes(old, rel).text, hint


def test_samples_faker_is_reproducible_and_valid():
    """The generator's source of identifiers: same seed, same values; every value passes its check."""
    validators = pytest.importorskip("reviewer.detectors.validators")
    from reviewer.synth.fake import Faker, id_check_char, mask_id, mask_mobile, mask_name, uscc_check_char

    a, b = Faker(5), Faker(5)
    assert [a.person() for _ in range(5)] == [b.person() for _ in range(5)]
    assert id_check_char("11010519491231002") == "X"          # GB 11643 example (domain.md §5)
    assert uscc_check_char("91110000600037341") == "L"         # GB 32100 example
    f = Faker(6)
    for _ in range(300):
        idc = f.id_card()
        assert validators.id_checksum_ok(idc) and validators.id_birth_date_ok(idc) and validators.id_region_ok(idc)
        assert validators.luhn_ok(f.bank_card()) and validators.uscc_ok(f.uscc())
        m = f.mobile()
        assert len(m) == 11 and m[0] == "1" and m[1] in "3456789"
        assert f.plate(new_energy=True)[2] in "DF"
        assert len(f.passport()) == 9 and f.hk_macau_permit().startswith("C")
    assert mask_id("510203199001011234") == "510203********1234"
    assert mask_mobile("138 1234 5678") == "138****5678"
    assert mask_name("张三丰") == "张某" and mask_name("张三丰", "*") == "张**"
