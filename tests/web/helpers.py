"""The draft the browser tests upload: a real DOCX built with the project's DocxBuilder."""

from __future__ import annotations

import io

ID_NUMBER = "11010519491231002X"
MOBILE = "13912345678"


def draft_docx() -> bytes:
    from reviewer.synth.docx_writer import DocxBuilder

    b = DocxBuilder()
    for line in ("内部资料",
                 "示例市人民政府办公室关于开展困难群众走访慰问工作的通知",
                 "各区县人民政府，市政府各部门：",
                 f"经研究，决定对困难群众王小明（身份证号：{ID_NUMBER}）开展走访慰问。",
                 f"慰问对象家属联系电话：{MOBILE}。",
                 "请各单位按照要求认真组织实施，确保慰问资金及时足额发放。",
                 "特此通知。",
                 "（此件主动公开）"):
        b.paragraph(line)
    return b.to_bytes()


def docx_text(data: bytes) -> str:
    import docx

    d = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in d.paragraphs)
