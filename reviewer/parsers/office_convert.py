"""Legacy Word, WPS and RTF files converted to DOCX by LibreOffice in a sandbox.

Each call gets its own throwaway directory and LibreOffice profile (``-env:UserInstallation``),
with macros switched off in that profile (``DisableMacrosExecution``, security level "very
high"), no network (``unshare --net`` when the kernel allows it, otherwise the conversion
still never asks for the network: links are not updated), an address-space limit and a
wall-clock timeout after which the whole process group is killed.  The input is written
under a neutral name: the file's own name never reaches a command line.

Errors (``ParseError`` codes): ``converter_missing`` (no LibreOffice), ``conversion_timeout``,
``conversion_failed``.  Results are cached by the input's sha256 for the process, so that a
parse and the redaction after it convert once.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

from reviewer.errors import ParseError

TIMEOUT_S = 60.0
MEMORY_BYTES = 3 * 1024 ** 3          # address space of the converter
_CACHE: "OrderedDict[tuple[str, str], bytes]" = OrderedDict()
_CACHE_SIZE = 8
_LOCK = threading.Lock()
STATS = {"conversions": 0, "seconds": 0.0}

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _limits() -> None:                 # in the child, before exec
    os.setsid()
    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def _unshare_ok() -> bool:
    tool = shutil.which("unshare")
    if not tool:
        return False
    try:
        return subprocess.run([tool, "--net", "--", "true"], capture_output=True, timeout=5).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


_UNSHARE: bool | None = None


def convert(data: bytes, source_ext: str, target: str = "docx", timeout_s: float = TIMEOUT_S) -> bytes:
    """``data`` (a .doc/.wps/.rtf …) converted to ``target`` bytes, or a coded ParseError."""
    global _UNSHARE
    key = (hashlib.sha256(data).hexdigest(), target)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    exe = soffice()
    if exe is None:
        raise ParseError("LibreOffice is needed to read this file and is not installed.", code="converter_missing")
    if _UNSHARE is None:
        _UNSHARE = _unshare_ok()
    import time

    work = Path(tempfile.mkdtemp(prefix="reviewer-lo-"))
    try:
        profile = work / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_XCU, encoding="utf-8")
        src = work / f"input{source_ext}"
        src.write_bytes(data)
        out = work / "out"
        out.mkdir()
        filt = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}[target]
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
               "--nolockcheck", "--nodefault", "--nologo", "--convert-to", filt, "--outdir", str(out), str(src)]
        if _UNSHARE:
            cmd = ["unshare", "--net", "--"] + cmd
        env = {"HOME": str(work), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
               "TMPDIR": str(work), "SAL_USE_VCLPLUGIN": "svp"}
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(work),
                                preexec_fn=_limits)
        try:
            proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.communicate()
            raise ParseError(f"Converting the file with LibreOffice took longer than {timeout_s:g} s; it was stopped.",
                             code="conversion_timeout", details={"limit": "conversion_timeout_s", "value": timeout_s}) from None
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)    # anything it left behind
            except (ProcessLookupError, PermissionError):
                pass
        result = out / f"input.{target}"
        if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            raise ParseError("LibreOffice could not convert the file (it may be damaged or not what it seems).",
                             code="conversion_failed", details={"returncode": proc.returncode})
        converted = result.read_bytes()
        with _LOCK:
            STATS["conversions"] += 1
            STATS["seconds"] += time.monotonic() - t0
            _CACHE[key] = converted
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
        return converted
    finally:
        shutil.rmtree(work, ignore_errors=True)
