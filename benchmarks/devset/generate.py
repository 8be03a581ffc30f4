"""Generate the labelled development set: TXT, DOCX and PDF of every draft, and labels.json.

    .venv/bin/python benchmarks/devset/generate.py          # rewrites benchmarks/devset/files/ and labels.json

Deterministic (seeded): the same code gives the same files.  Each template of
``templates.py`` is drawn ``VARIANTS`` times with different fake people; each draft is
written in all three formats (DOCX with the 版头 in the body and, for some drafts, a
warning label in the page header; PDF with GB/T 9704-like layout).  ``labels.json``
maps each file to its gold labels ``{"type", "text"}``; a label's text may occur several
times in the parsed document, and every occurrence is gold.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from reviewer.synth.docx_writer import DocxBuilder  # noqa: E402
from reviewer.synth.fake import Faker  # noqa: E402
from reviewer.synth.pdf_writer import Page, Para, build_pdf  # noqa: E402
from templates import TEMPLATES  # noqa: E402

VARIANTS = 3
SEED = 20240601
FORMATS = ("txt", "docx", "pdf")


def write_txt(d) -> bytes:
    return ("\n".join(d.paras) + "\n").encode("utf-8")


def write_docx(d) -> bytes:
    b = DocxBuilder()
    for p in d.paras:
        b.paragraph(p)
    if d.docx_header:
        b.header(d.docx_header)
    return b.to_bytes()


def write_pdf(d) -> bytes:
    paras = [Para(p, align="center", indent=0) if i in d.centered else Para(p, indent=2 if len(p) > 30 else 0,
                                                                                  align="left" if len(p) <= 30 else "justify")
             for i, p in enumerate(d.paras)]
    return build_pdf([Page(paras)], page_numbers=True)


WRITERS = {"txt": write_txt, "docx": write_docx, "pdf": write_pdf}


def main() -> None:
    out_dir = HERE / "files"
    out_dir.mkdir(exist_ok=True)
    for old in out_dir.iterdir():
        old.unlink()
    labels: dict[str, list[dict]] = {}
    fk = Faker(SEED)
    r = random.Random(SEED)
    n = 0
    for template in TEMPLATES:
        for v in range(VARIANTS):
            d = template(fk, r)
            n += 1
            stem = f"{n:03d}_{template.__name__}"
            for fmt in FORMATS:
                name = f"{stem}.{fmt}"
                (out_dir / name).write_bytes(WRITERS[fmt](d))
                labels[name] = [{"type": lab[0], "text": lab[1],
                                 **({"context": lab[2]} if len(lab) > 2 and lab[2] else {}),
                                 **({"recognised": lab[3]} if len(lab) > 3 else {})}
                                for lab in d.labels]
                if fmt == "docx":  # printed in the page header: gold only where the DOCX parser puts the header
                    labels[name] += [{"type": t, "text": x, "part": "header"} for t, x in d.header_labels]
    meta = {"seed": SEED, "variants": VARIANTS, "documents": n, "files": len(labels),
            "note": "synthetic drafts; hard negatives are planted unlabelled (see templates.py)"}
    (HERE / "labels.json").write_text(json.dumps({"meta": meta, "files": labels}, ensure_ascii=False, indent=1) + "\n",
                                      encoding="utf-8")
    print(f"{n} drafts, {len(labels)} files, {sum(len(v) for v in labels.values())} labels → {out_dir}")


if __name__ == "__main__":
    main()
