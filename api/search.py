"""Full-text search over a case's title, 文号 and content.

Chinese has no spaces, so both the indexed text and the query are segmented with jieba (the
index with ``cut_for_search``, which also emits the parts of long words: 人民政府 → 人民, 政府,
人民政府) and joined by spaces.  SQLite keeps the terms in the FTS5 table ``case_fts``;
PostgreSQL matches ``to_tsvector('simple', terms)`` (GIN index) against the query terms.  A query
matches a case when every one of its terms occurs (AND).
"""

from __future__ import annotations

import logging
import re
import threading

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from api.models import Case, CaseSearch, Version

log = logging.getLogger("api")
_jieba_lock = threading.Lock()
_WORD = re.compile(r"\w", re.UNICODE)
MAX_CHARS = 200_000          # the first 200 000 characters of the text are indexed


def _jieba():
    import jieba

    with _jieba_lock:
        if not getattr(jieba, "_reviewer_quiet", False):
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            jieba._reviewer_quiet = True
    return jieba


def _clean(tokens) -> list[str]:
    out = []
    for t in tokens:
        t = t.strip().lower()
        if t and _WORD.search(t):
            out.append(t.replace('"', ""))
    return out


def index_terms(*parts: str | None) -> str:
    jieba = _jieba()
    body = " ".join(p for p in parts if p)[:MAX_CHARS]
    return " ".join(_clean(jieba.cut_for_search(body)))


def query_terms(q: str) -> list[str]:
    jieba = _jieba()
    terms: list[str] = []
    for piece in q.split():
        for t in _clean(jieba.cut(piece)):
            if t not in terms:
                terms.append(t)
    return terms[:20]


def index_case(db: Session, case_id: int, version_id: int, title: str | None, doc_number: str | None,
               body: str | None) -> None:
    """(Re)index a case with its current version; inside the caller's transaction."""
    terms = index_terms(title, doc_number, body)
    row = db.get(CaseSearch, case_id)
    if row is None:
        db.add(CaseSearch(case_id=case_id, version_id=version_id, terms=terms))
    else:
        row.version_id, row.terms = version_id, terms
    db.flush()
    if db.get_bind().dialect.name == "sqlite":
        db.execute(text("DELETE FROM case_fts WHERE rowid = :id"), {"id": case_id})
        db.execute(text("INSERT INTO case_fts (rowid, terms) VALUES (:id, :terms)"), {"id": case_id, "terms": terms})


def matching(db: Session, q: str):
    """A select of the ids of the cases that match ``q`` (None when ``q`` has no terms)."""
    terms = query_terms(q)
    if not terms:
        return None
    if db.get_bind().dialect.name == "sqlite":
        expr = " AND ".join(f'"{t}"' for t in terms)
        return select(text("rowid")).select_from(text("case_fts")).where(
            text("case_fts MATCH :fts").bindparams(fts=expr))
    return select(CaseSearch.case_id).where(
        text("to_tsvector('simple', case_search.terms) @@ plainto_tsquery('simple', :tsq)").bindparams(
            tsq=" ".join(terms)))


def backfill(rt) -> int:
    """Index the scanned cases that have no search row yet (scanned before migration 0004)."""
    import json

    n = 0
    with rt.sessions() as db:
        ids = list(db.scalars(select(Case.id).where(Case.current_version_id.is_not(None))
                              .where(~Case.id.in_(select(CaseSearch.case_id)))))
        db.commit()
    for case_id in ids:
        with rt.sessions() as db:
            case = db.get(Case, case_id)
            v = db.get(Version, case.current_version_id)
            if v is None or not v.scan_json:
                db.commit()
                continue
            scan = json.loads(v.scan_json)
            body = rt.blobs.get(scan["text_sha256"]).decode("utf-8") if scan.get("text_sha256") else ""
            index_case(db, case.id, v.id, case.title, (scan.get("structure") or {}).get("doc_number"), body)
            db.commit()
            n += 1
    if n:
        log.info("search index: %d case(s) indexed", n)
    return n
