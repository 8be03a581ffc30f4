"""Training and held-out examples: the real corpus in ../shared/data plus constructed documents.

Labels
------
* hebei_gov, govcn: published on a government site, so 主动公开 unless the document's own
  附注 says otherwise (one hebei document declares 依申请公开).
* regulations: public by law → 主动公开.
* shandong_gov_letters: the declared label where there is one; otherwise the process
  letters (会签, 征求意见, 送审稿, 商请, 便函 …) → 不予公开 (条例 第十六条第二款); the
  remaining letters (meeting notices and the like, no label) are left out.
* constructed documents (constructed.py) for 依申请公开 and 不予公开, plus proactive ones
  built from the same parts.

Held-out split (never trained on): whole sources and issuers — the 教育厅 site of Hebei
(jyt.hebei.gov.cn), all of govcn, the 生态环境厅 and 应急管理厅 letters of Shandong, every
fifth regulation, and the constructed test split (unseen places, unseen template families).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from reviewer.classifier import constructed

SOURCES = ("hebei_gov.jsonl", "govcn.jsonl", "shandong_gov_letters.jsonl", "regulations.jsonl")
LABEL_KEYS = {"主动公开": "proactive", "依申请公开": "on_request", "不予公开": "not_public"}
HELD_OUT_HEBEI = {"hebei:jyt.hebei.gov.cn"}
HELD_OUT_SHANDONG = {"shandong:山东省生态环境厅", "shandong:山东省应急管理厅"}
CONSTRUCTED_TRAIN_PER_FAMILY = 160
CONSTRUCTED_TEST_PER_FAMILY = 40
CONSTRUCTED_SEED = 20241122

_PROCESS_LETTER = re.compile(r"会签|征求[^。]{0,60}意见|送审稿|商请|请确认|便函|会签稿")
_SD_ISSUER = re.compile(r"(?:中共)?山东省[\u4e00-\u9fa5]{2,16}?(?:厅|局|委员会|办公厅|中心|指挥部|办公室|馆)")


@dataclass
class Example:
    text: str
    label: str
    source: str
    group: str
    held_out: bool


def default_data_dir() -> Path:
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _hebei_group(d: dict) -> str:
    host = urlparse(d.get("url") or "").netloc
    return "hebei:" + (host or "category:" + (d.get("category") or "none"))


def _shandong_issuer(text: str) -> str:
    m = _SD_ISSUER.search(text[:200])
    return "shandong:" + (m.group(0) if m else "other")


def real_examples(data_dir: Path) -> list[Example]:
    corpus = Path(data_dir) / "corpus"
    out: list[Example] = []
    for d in _read(corpus / "hebei_gov.jsonl"):
        group = _hebei_group(d)
        label = LABEL_KEYS.get(d.get("disclosure_label") or "", "proactive")
        out.append(Example(d["text"], label, "hebei_gov", group, group in HELD_OUT_HEBEI))
    for d in _read(corpus / "govcn.jsonl"):
        label = LABEL_KEYS.get(d.get("disclosure_label") or "", "proactive")
        out.append(Example(d["text"], label, "govcn", "govcn", True))
    for d in _read(corpus / "shandong_gov_letters.jsonl"):
        label = LABEL_KEYS.get(d.get("disclosure_label") or "")
        if label is None and _PROCESS_LETTER.search(d["text"][:300]):
            label = "not_public"
        if label is None:
            continue
        group = _shandong_issuer(d["text"])
        out.append(Example(d["text"], label, "shandong_gov_letters", group, group in HELD_OUT_SHANDONG))
    for d in _read(corpus / "regulations.jsonl"):
        n = int(re.sub(r"\D", "", d["id"]) or 0)
        out.append(Example(d["text"], "proactive", "regulations", "regulations:" + d.get("kind", ""), n % 5 == 0))
    return out


def constructed_examples() -> list[Example]:
    out = []
    for split, n in (("train", CONSTRUCTED_TRAIN_PER_FAMILY), ("test", CONSTRUCTED_TEST_PER_FAMILY)):
        for c in constructed.generate(n, seed=CONSTRUCTED_SEED, split=split):
            out.append(Example(c.text, c.label, "constructed:" + c.family, "constructed:" + c.issuer, split == "test"))
    return out


def all_examples(data_dir: Path) -> list[Example]:
    return real_examples(data_dir) + constructed_examples()


def source_hashes(data_dir: Path) -> dict[str, str]:
    """sha256 of every input: the four corpus files and the generator's source and settings."""
    hashes = {}
    for name in SOURCES:
        h = hashlib.sha256()
        with open(Path(data_dir) / "corpus" / name, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        hashes["corpus/" + name] = h.hexdigest()
    g = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in ("constructed.py", "phrases.py", "corpus.py", "text.py"):
        g.update((here / name).read_bytes())
    g.update(f"{CONSTRUCTED_SEED}:{CONSTRUCTED_TRAIN_PER_FAMILY}:{CONSTRUCTED_TEST_PER_FAMILY}".encode())
    hashes["constructed(generator+settings)"] = g.hexdigest()
    return hashes


def data_hash(hashes: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()
