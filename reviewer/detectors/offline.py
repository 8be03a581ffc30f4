"""Keep presidio's dependencies off the network.

tldextract (imported by presidio's e-mail recognizer) fetches the Public Suffix List
on first use.  We point it at its bundled snapshot before anything can call it.
Import this module before ``presidio_analyzer`` (``reviewer.detectors`` does).
"""

from __future__ import annotations

import os

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def make_tldextract_offline() -> None:
    try:
        import tldextract
        import tldextract.tldextract as _impl
    except ImportError:  # pragma: no cover - presidio always brings it
        return
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    _impl.TLD_EXTRACTOR = offline


make_tldextract_offline()
