"""What a batch scans: a directory (recursive), a zip archive, or a file list.

Each source yields :class:`Item` objects in a stable order.  An item knows its key (the
path inside the source) and how to read its bytes once; a member that cannot be read
becomes an item with ``error`` set, so the batch reports it as a row instead of crashing
or silently dropping it.

Keys are distinct within a source: a zip archive may hold two members with the same name
(and a list may name a file twice); the second gets the key ``name#2`` (``#3`` … further
on, skipping any that is itself a name in the source), its ``name`` stays the member's
name.  The order is the archive's (or the list's), so the keys are the same on every run
and ``--resume`` finds them again.
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
    name: str | None = None       # the path inside the source, when the key had to differ

    @property
    def filename(self) -> str:
        return self.name or self.key

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


def distinct_keys(names: list[str]) -> list[str]:
    """One key per name, in order: a repeated name becomes ``name#2``, ``name#3`` …,
    never a key that is itself one of the names."""
    taken = set(names)
    used: set[str] = set()
    keys = []
    for name in names:
        key, n = name, 1
        while key in used or (key != name and key in taken):
            n += 1
            key = f"{name}#{n}"
        used.add(key)
        keys.append(key)
    return keys


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
    # sorted() is stable: members with the same name stay in archive order.
    infos = sorted((i for i in zf.infolist() if not i.is_dir()
                    and not i.filename.startswith("__MACOSX/") and not i.filename.endswith(".DS_Store")),
                   key=lambda i: i.filename)
    for info, key in zip(infos, distinct_keys([i.filename for i in infos])):
        name = info.filename if key != info.filename else None
        if info.file_size > limits.max_file_bytes:
            yield Item(key=key, name=name, size=info.file_size, error=LimitExceededError(
                f"The member is {info.file_size:,} bytes; the limit is {limits.max_file_bytes:,}.",
                details={"limit": "max_file_bytes", "value": limits.max_file_bytes}))
            continue
        yield Item(key=key, name=name, size=info.file_size, opener=_member_reader(zf, info, limits))


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
        lines = [line.strip() for line in fh]
    lines = [line for line in lines if line and not line.startswith("#")]
    for line, key in zip(lines, distinct_keys(lines)):
        name = line if key != line else None
        p = Path(line)
        if not p.is_absolute():
            p = base / p
        if not p.is_file():
            from reviewer.errors import ParseError

            yield Item(key=key, name=name, error=ParseError(f"{line}: no such file.", code="file_not_found"))
            continue
        yield Item(key=key, name=name, path=str(p), size=p.stat().st_size)


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
