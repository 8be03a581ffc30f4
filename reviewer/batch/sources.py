"""What a batch scans: a directory (recursive), a zip archive, or a file list.

Each source yields :class:`Item` objects in a stable order.  An item knows its display
name (the path inside the source) and how to read its bytes once; a member that cannot
be read becomes an item with ``error`` set, so the batch reports it as a row instead of
crashing or silently dropping it.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from reviewer.errors import LimitExceededError, ReviewerError, UsageError
from reviewer.settings import Limits


@dataclass
class Item:
    key: str                      # stable identity inside the batch (path or zip member)
    path: str | None = None       # a file on disk the worker may read itself
    data: bytes | None = None     # bytes already read (zip members)
    size: int | None = None
    error: ReviewerError | None = None
    opener: Callable[[], bytes] | None = None   # reads a zip member on demand

    def read(self, limits: Limits) -> bytes:
        if self.data is not None:
            return self.data
        if self.opener is not None:
            return self.opener()
        assert self.path is not None
        size = os.path.getsize(self.path)
        if size > limits.max_file_bytes:
            raise LimitExceededError(
                f"The file is {size:,} bytes; the limit is {limits.max_file_bytes:,}.",
                details={"limit": "max_file_bytes", "value": limits.max_file_bytes},
            )
        with open(self.path, "rb") as fh:
            return fh.read()


def _walk_dir(root: Path) -> Iterator[Item]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            full = Path(dirpath) / name
            if full.is_symlink() or not full.is_file():
                continue
            rel = full.relative_to(root).as_posix()
            try:
                size = full.stat().st_size
            except OSError:
                size = None
            yield Item(key=rel, path=str(full), size=size)


def _walk_zip(path: Path, limits: Limits) -> Iterator[Item]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UsageError(f"{path.name} is not a readable zip archive ({type(exc).__name__}).") from None
    # The archive stays open while its items are read (the openers hold it).
    infos = sorted((i for i in zf.infolist() if not i.is_dir()), key=lambda i: i.filename)
    for info in infos:
        name = info.filename
        if name.startswith("__MACOSX/") or name.endswith(".DS_Store"):
            continue
        if info.file_size > limits.max_file_bytes:
            yield Item(key=name, size=info.file_size, error=LimitExceededError(
                f"The member is {info.file_size:,} bytes; the limit is {limits.max_file_bytes:,}.",
                details={"limit": "max_file_bytes", "value": limits.max_file_bytes}))
            continue
        yield Item(key=name, size=info.file_size, opener=_member_reader(zf, info, limits))


def _member_reader(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> Callable[[], bytes]:
    def read() -> bytes:
        try:
            with zf.open(info) as fh:
                data = fh.read(limits.max_file_bytes + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError) as exc:
            from reviewer.errors import CorruptFileError

            raise CorruptFileError(f"The archive member could not be read ({type(exc).__name__}).") from None
        if len(data) > limits.max_file_bytes:
            raise LimitExceededError("The member is larger than the file size limit.",
                                     details={"limit": "max_file_bytes", "value": limits.max_file_bytes})
        return data
    return read


def _walk_list(path: Path) -> Iterator[Item]:
    base = path.parent
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            p = Path(line)
            if not p.is_absolute():
                p = base / p
            if not p.is_file():
                from reviewer.errors import ParseError

                yield Item(key=line, error=ParseError(f"{line}: no such file.", code="file_not_found"))
                continue
            yield Item(key=line, path=str(p), size=p.stat().st_size)


def iter_source(source: str | os.PathLike, limits: Limits) -> Iterator[Item]:
    """Items of a directory, a ``.zip`` archive, or a list file (one path per line)."""
    p = Path(source)
    if p.is_dir():
        return _walk_dir(p)
    if p.is_file():
        with open(p, "rb") as fh:
            head = fh.read(4)
        if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
            return _walk_zip(p, limits)
        return _walk_list(p)
    raise UsageError(f"{source}: no such directory, zip archive or file list.")
