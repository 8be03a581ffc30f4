"""GB/T 9704-2012 elements of a document's text, one module per zone.

``reviewer.structure.extract_structure`` is the entry point; these modules hold its parts:

* ``base``: what the zones share: the 文种 list, agency-name endings, line splitting and
  the ``Builder`` that fills a :class:`reviewer.document.Structure`;
* ``dates``: 成文日期 in Arabic or Chinese numerals (``to_iso_date``);
* ``header``: the 版头 (份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号, 签发人),
  标题 and 主送机关, with the run-on rule for text whose paragraph breaks were lost;
* ``attribute``: the 公开属性 declared in the 附注, searched in the whole text;
* ``footer``: the 版记 (抄送, 印发机关和印发日期), the 成文日期 and the 附注 lines.
"""
