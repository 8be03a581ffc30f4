import re
from pathlib import Path

import pytest

from reviewer.legal import (ARTICLE_COUNT, FILES, TITLES, check_citations, chinese_number, cite,
                            parse_chinese_number)


@pytest.mark.parametrize("n,zh", [(1, "一"), (10, "十"), (11, "十一"), (15, "十五"), (20, "二十"),
                                  (37, "三十七"), (64, "六十四"), (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_legal_chinese_numbers(n, zh):
    assert chinese_number(n) == zh
    assert parse_chinese_number(zh) == n


def test_legal_cite_forms():
    assert cite("ogi", 15) == "《中华人民共和国政府信息公开条例》第十五条"
    assert cite("ogi", 20, item=11) == "《中华人民共和国政府信息公开条例》第二十条（十一）"
    assert cite("ogi", 16, paragraph=2) == "《中华人民共和国政府信息公开条例》第十六条第二款"
    with pytest.raises(ValueError):
        cite("ogi", 57)
    with pytest.raises(KeyError):
        cite("gdpr", 5)


def test_legal_check_citations_flags_short_titles_and_missing_articles():
    assert check_citations(cite("pipl", 28)) == []
    assert check_citations("《政府信息公开条例》第十五条")  # short title: not as in the text
    assert check_citations("《中华人民共和国反不正当竞争法》第九十条")


def test_legal_titles_and_article_counts_match_the_texts(shared_data):
    for key, name in FILES.items():
        text = (shared_data / "laws" / name).read_text(encoding="utf-8")
        assert text.splitlines()[0].lstrip("# ").strip() == TITLES[key]
        arts = [parse_chinese_number(m) for m in
                re.findall(r"^\s*(?:\*\*)?第([零一二三四五六七八九十百]+)条", text, re.M)]
        assert max(arts) == ARTICLE_COUNT[key], name


def _emitted_bases():
    """Every basis the detectors and the classifier give on the samples and part of the dev set."""
    from tests.conftest import ROOT
    from reviewer.parsers import parse_file
    from reviewer.scan import scan_document

    paths = sorted((ROOT / "samples").glob("*/*.*")) + sorted((ROOT / "benchmarks" / "devset").rglob("*.txt"))[:40]
    bases = set()
    for p in paths:
        if p.suffix not in {".txt", ".docx", ".pdf"}:
            continue
        res = scan_document(parse_file(p))
        bases.update(f.basis for f in res.findings)
        if res.suggestion:
            bases.update(r.basis for r in res.suggestion.reasons)
    return bases


def test_legal_every_emitted_basis_cites_an_existing_article_by_its_exact_title():
    from reviewer.redaction.plan import BASIS as REDACTION_BASIS

    bases = _emitted_bases() | set(REDACTION_BASIS.values())
    assert len(bases) > 10
    for basis in sorted(bases):
        assert check_citations(basis) == [], basis
        assert "《" in basis and "条" in basis, f"basis without an article: {basis}"
