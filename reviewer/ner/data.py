"""The NER training and evaluation sets in ../shared/data/ner, mapped to one tag set.

Tags (BIO over characters): ``PER`` person, ``LOC`` place (a country, province, city, river …),
``ADDR`` an address as CLUENER annotates it (from a province down to a house number), ``ORG``.

Sources and mapping
-------------------
* ``msra/`` — SIGHAN 2006 MSRA.  ``stanleysun233_val`` (3,000 sentences cut from the MSRA
  training set) is trained on.  ``stanleysun233_test`` is the SIGHAN 2006 gold test (the same
  text as ``insanelife_test1.txt``) and is **held out**.  PER/LOC/ORG kept.
* ``peoples_daily_1998/`` — ``example.test`` (4,636 sentences) is trained on;
  ``example.dev`` (2,318) is the **held-out** People's Daily split.  PER/LOC/ORG kept.
* ``cluener2020/`` — ``train`` is trained on, ``dev`` is **held out** (``test`` has no labels).
  name→PER, address→ADDR, company/government/organization→ORG, scene→LOC; position, book,
  game, movie → O.
* ``weibo_ner/`` (revised ``_2nd_`` files) — ``train`` and ``dev`` are trained on, ``test`` is
  held out.  Named mentions only (``.NAM``): PER→PER, GPE/LOC→LOC, ORG→ORG; nominal
  mentions (``.NOM``, 女人, 老师 …) → O.

Some MSRA-val sentences also occur in the People's Daily files; every training sentence that
shares a 20-character stretch with any held-out sentence is dropped (``dedupe_against``).
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

TYPES = ("PER", "LOC", "ADDR", "ORG")
LABELS = ("O",) + tuple(f"{p}-{t}" for t in TYPES for p in "BI")


@dataclass
class Sentence:
    text: str
    tags: list[str]
    source: str                     # e.g. "msra/val"
    spans: list[tuple[int, int, str]] = field(default_factory=list)   # [start, end) spans

    def __post_init__(self):
        if not self.spans:
            self.spans = spans_from_bio(self.tags)


def default_data_dir() -> Path:
    override = os.environ.get("REVIEWER_SHARED_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def spans_from_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """[start, end, type) spans; an I- without a matching B- starts a new span."""
    spans, start, kind = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        if tag.startswith("I-") and kind == tag[2:]:
            continue
        if kind is not None:
            spans.append((start, i, kind))
            kind = None
        if tag[:2] in ("B-", "I-"):
            start, kind = i, tag[2:]
    return spans


def bio_from_spans(n: int, spans) -> list[str]:
    tags = ["O"] * n
    for s, e, t in spans:
        if any(tags[k] != "O" for k in range(s, e)):
            continue  # overlapping annotation: keep the first
        tags[s] = f"B-{t}"
        for k in range(s + 1, e):
            tags[k] = f"I-{t}"
    return tags


def _keep(tags: list[str], mapping: dict[str, str | None]) -> list[str]:
    out = []
    for t in tags:
        if t == "O" or len(t) < 3:
            out.append("O")
            continue
        prefix, kind = t[:2], t[2:]
        new = mapping.get(kind)
        out.append(f"{prefix}{new}" if new else "O")
    return out


MSRA_MAP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}
WEIBO_MAP = {"PER.NAM": "PER", "GPE.NAM": "LOC", "LOC.NAM": "LOC", "ORG.NAM": "ORG"}
CLUENER_MAP = {"name": "PER", "address": "ADDR", "company": "ORG", "government": "ORG",
               "organization": "ORG", "scene": "LOC"}


def read_msra(folder: Path, source: str) -> list[Sentence]:
    out = []
    with open(folder / "sentences.txt", encoding="utf-8") as fs, open(folder / "tags.txt", encoding="utf-8") as ft:
        for line, tline in zip(fs, ft):
            chars, tags = line.split(), tline.split()
            if not chars or len(chars) != len(tags) or any(len(c) != 1 for c in chars):
                continue
            out.append(Sentence("".join(chars), _keep(tags, MSRA_MAP), source))
    return out


def read_char_bio(path: Path, source: str, mapping: dict[str, str | None]) -> list[Sentence]:
    """One character a line (Weibo adds a segmentation digit after it), TAB or space, tag last."""
    out, chars, tags = [], [], []

    def flush():
        if chars:
            out.append(Sentence("".join(chars), _keep(tags, mapping), source))
        chars.clear()
        tags.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            parts = line.split("\t") if "\t" in line else line.split(" ")
            token, tag = parts[0], parts[-1].strip()
            if not token:
                token = " "
            chars.append(token[0])
            tags.append(tag)
    flush()
    return out


def read_cluener(path: Path, source: str) -> list[Sentence]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = row["text"]
            spans = []
            for kind, mentions in (row.get("label") or {}).items():
                new = CLUENER_MAP.get(kind)
                if not new:
                    continue
                for offsets in mentions.values():
                    for s, e in offsets:
                        spans.append((s, e + 1, new))
            spans.sort()
            tags = bio_from_spans(len(text), spans)
            out.append(Sentence(text, tags, source))
    return out


# (relative path, reader, source name, role) — role "train" or "heldout"
def _sets(root: Path):
    ner = root / "ner"
    pd = ner / "peoples_daily_1998"
    wb = ner / "weibo_ner"
    cl = ner / "cluener2020"
    return {
        "msra/val": ("train", lambda: read_msra(ner / "msra" / "stanleysun233_val", "msra/val")),
        "msra/test": ("heldout", lambda: read_msra(ner / "msra" / "stanleysun233_test", "msra/test")),
        "pd/test": ("train", lambda: read_char_bio(pd / "example.test", "pd/test", MSRA_MAP)),
        "pd/dev": ("heldout", lambda: read_char_bio(pd / "example.dev", "pd/dev", MSRA_MAP)),
        "cluener/train": ("train", lambda: read_cluener(cl / "train.jsonl", "cluener/train")),
        "cluener/dev": ("heldout", lambda: read_cluener(cl / "dev.jsonl", "cluener/dev")),
        "weibo/train": ("train", lambda: read_char_bio(wb / "weiboNER_2nd_conll.train", "weibo/train", WEIBO_MAP)),
        "weibo/dev": ("train", lambda: read_char_bio(wb / "weiboNER_2nd_conll.dev", "weibo/dev", WEIBO_MAP)),
        "weibo/test": ("heldout", lambda: read_char_bio(wb / "weiboNER_2nd_conll.test", "weibo/test", WEIBO_MAP)),
    }


SOURCE_FILES = (
    "ner/msra/stanleysun233_val/sentences.txt", "ner/msra/stanleysun233_val/tags.txt",
    "ner/msra/stanleysun233_test/sentences.txt", "ner/msra/stanleysun233_test/tags.txt",
    "ner/peoples_daily_1998/example.test", "ner/peoples_daily_1998/example.dev",
    "ner/cluener2020/train.jsonl", "ner/cluener2020/dev.jsonl",
    "ner/weibo_ner/weiboNER_2nd_conll.train", "ner/weibo_ner/weiboNER_2nd_conll.dev",
    "ner/weibo_ner/weiboNER_2nd_conll.test",
)


def available(root: Path | None = None) -> bool:
    root = Path(root) if root is not None else default_data_dir()
    return all((root / f).is_file() for f in SOURCE_FILES)


def source_hashes(root: Path) -> dict[str, str]:
    out = {}
    for rel in SOURCE_FILES:
        out[rel] = hashlib.sha256((root / rel).read_bytes()).hexdigest()
    return out


def data_hash(hashes: dict[str, str], extra: str = "") -> str:
    h = hashlib.sha256()
    for k in sorted(hashes):
        h.update(f"{k}={hashes[k]}\n".encode())
    h.update(extra.encode())
    return h.hexdigest()


def load(role: str, root: Path | None = None, names: tuple[str, ...] | None = None) -> dict[str, list[Sentence]]:
    """{set name: sentences} for every set of ``role`` ("train" or "heldout")."""
    root = Path(root) if root is not None else default_data_dir()
    return {name: reader() for name, (r, reader) in _sets(root).items()
            if r == role and (names is None or name in names)}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def _chunks(text: str, size: int = 20) -> set[str]:
    t = _norm(text)
    return {t[i:i + size] for i in range(0, max(1, len(t) - size + 1), size // 2)} if len(t) >= size else {t}


def dedupe_against(train: list[Sentence], heldout: list[Sentence]) -> tuple[list[Sentence], int]:
    """Drop training sentences that share a 20-character stretch with any held-out sentence."""
    joined = "\n".join(_norm(s.text) for s in heldout)
    seen = {_norm(s.text) for s in heldout}
    kept, dropped = [], 0
    for s in train:
        t = _norm(s.text)
        if t in seen or any(c in joined for c in _chunks(s.text) if len(c) >= 20):
            dropped += 1
            continue
        kept.append(s)
    return kept, dropped
