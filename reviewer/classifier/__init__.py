"""Disclosure-attribute suggestion (issue #4 fills this in).

``suggest(doc, findings)`` returns a :class:`reviewer.findings.Suggestion` or None.
"""

from __future__ import annotations


def suggest(doc, findings):
    return None
