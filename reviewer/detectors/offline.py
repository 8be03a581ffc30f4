"""Keep presidio's dependencies off the network.

tldextract (imported by presidio's e-mail recognizer) fetches the Public Suffix List
on first use.  We point it at its bundled snapshot before anything can call it.
Import this module before ``presidio_analyzer`` (``reviewer.detectors`` does).

A scan never imports tldextract (presidio_core.py leaves presidio's predefined
recognizers out), and importing it costs ~0.35 s (requests, urllib3, filelock), so the
patch is applied when tldextract is first imported, by whoever imports it: a finder on
``sys.meta_path`` runs :func:`make_tldextract_offline` right after the module loads.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

_TARGET = "tldextract.tldextract"


def make_tldextract_offline() -> None:
    try:
        import tldextract
        import tldextract.tldextract as _impl
    except ImportError:  # pragma: no cover - presidio always brings it
        return
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    _impl.TLD_EXTRACTOR = offline


class _PatchWhenImported(importlib.abc.MetaPathFinder):
    """Wraps the loader of ``tldextract`` so the offline patch follows its import."""

    def find_spec(self, name, path, target=None):
        if name != "tldextract":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        real_exec = spec.loader.exec_module

        def exec_module(module):
            real_exec(module)
            sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _PatchWhenImported)]
            make_tldextract_offline()

        spec.loader.exec_module = exec_module
        return spec


def is_patched() -> bool:
    impl = sys.modules.get(_TARGET)
    extractor = getattr(impl, "TLD_EXTRACTOR", None) if impl is not None else None
    return extractor is not None and tuple(getattr(extractor, "suffix_list_urls", ("?",))) == ()


if "tldextract" in sys.modules:
    make_tldextract_offline()
elif not any(isinstance(f, _PatchWhenImported) for f in sys.meta_path):
    sys.meta_path.insert(0, _PatchWhenImported())
