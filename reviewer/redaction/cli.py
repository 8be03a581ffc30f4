"""``reviewer redact INPUT -o OUTPUT (--decisions FILE | --accept-all | --accept-suggested) [--style STYLE]``.

Parses INPUT, runs detection (reviewer.scan.scan_document), applies the decisions and
writes OUTPUT (same format) with its log beside it: ``OUTPUT.redaction-log.json`` and
the readable table ``OUTPUT.redaction-log.md``.

* ``--decisions FILE`` — JSON: either ``{finding_id: "accept"|"reject", …}`` or
  ``{"decisions": {finding_id: "accept"|"reject"|{"action", "by", "at", "reason"}},
  "manual": [{"start", "end", "type", "reason"}], "actor": "name"}``.  Findings without a
  decision are kept.
* ``--accept-all`` — every finding is removed, whatever its suggested action
  (``redact``, ``review`` or ``block``).  Removed ``block`` findings (不得公开, e.g. a
  国家秘密 mark) are listed in the log and on stderr: the document as a whole may still
  not be publishable.
* ``--accept-suggested`` — only findings whose suggested action is ``redact`` are
  removed; ``review`` findings (a person decides) and ``block`` findings stay, and the
  ``block`` ones are listed in the log and on stderr.
* Either way, every other occurrence of a removed value is removed too (logged as
  ``propagated``).
* ``--style`` — ``label`` (〔已删除：个人隐私〕), ``block`` (■■■), ``partial`` (the
  default: IDs 6+4, mobiles 3+4, names 张某, bank cards 6+4, addresses cut at 县/区,
  everything else ``label``), a JSON file with MaskStyle fields, or
  ``type=mode`` pairs separated by commas (``id_card=block,mobile=partial``).

Exit codes: 0 written and verified; 2 usage; 3 INPUT could not be parsed; 4 redaction
or verification failed (no OUTPUT is left behind).
"""

from __future__ import annotations

import json
import os
import sys

from reviewer.cli import EXIT_FAILED, EXIT_OK, EXIT_PARSE, EXIT_USAGE, register_command
from reviewer.errors import ParseError, ReviewerError, UsageError, VerificationError


def _add(p) -> None:
    p.add_argument("input", metavar="INPUT", help="TXT, DOCX or PDF file to redact")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT", help="where to write the redacted file")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--decisions", metavar="FILE", help="JSON file with accept/reject decisions and manual spans")
    how.add_argument("--accept-all", action="store_true",
                     help="remove every finding, whatever its suggested action (redact, review, block)")
    how.add_argument("--accept-suggested", action="store_true",
                     help="remove only the findings whose suggested action is 'redact' (review and block stay)")
    p.add_argument("--style", default=None, metavar="STYLE",
                   help="label | block | partial | FILE.json | type=mode,… (default: partial for IDs, "
                        "phones, names, cards, addresses; label otherwise)")
    p.add_argument("--actor", default=None, help="name recorded as the person who accepted the removals")
    p.add_argument("--keep-rsid", action="store_true", help="DOCX: keep the w:rsid* revision-session attributes")
    p.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")


def parse_style(value: str | None):
    if value is None:
        return None
    if value in ("label", "block", "partial"):
        return value
    if value.endswith(".json") or os.path.isfile(value):
        try:
            with open(value, encoding="utf-8") as fh:
                return json.load(fh)
        except (OSError, ValueError) as exc:
            raise UsageError(f"Cannot read the style file ({type(exc).__name__}).", code="bad_mask_style") from None
    types = {}
    for item in value.split(","):
        if "=" not in item:
            raise UsageError(f"--style: expected label, block, partial, a JSON file or type=mode pairs, not {value!r}.",
                             code="bad_mask_style")
        k, v = item.split("=", 1)
        types[k.strip()] = v.strip()
    return {"types": types}


def load_decisions(path: str) -> tuple[dict, list, str | None]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise UsageError(f"Cannot read the decisions file ({type(exc).__name__}).", code="bad_decisions") from None
    if not isinstance(data, dict):
        raise UsageError("The decisions file must hold a JSON object.", code="bad_decisions")
    if "decisions" in data or "manual" in data:
        decisions = data.get("decisions") or {}
        manual = data.get("manual") or []
        if not isinstance(decisions, dict) or not isinstance(manual, list):
            raise UsageError("'decisions' must be an object and 'manual' a list.", code="bad_decisions")
        return decisions, manual, data.get("actor")
    return data, [], None


def _write_atomic(path: str, data: bytes) -> None:
    part = path + ".part"
    try:
        with open(part, "wb") as fh:
            fh.write(data)
        os.replace(part, path)
    except BaseException:
        if os.path.exists(part):
            os.unlink(part)
        raise


def _run(args) -> int:
    from reviewer.parsers import parse_file
    from reviewer.redaction import check_output_name, redact_document, write_output
    from reviewer.scan import scan_document
    from reviewer.settings import Limits

    try:
        if os.path.abspath(args.input) == os.path.abspath(args.output):
            raise UsageError("OUTPUT must differ from INPUT.")
        if os.path.exists(args.output) and not args.force:
            raise UsageError(f"{args.output} exists; use --force to overwrite it.")
        style = parse_style(args.style)
        decisions, manual, actor = ({}, [], None)
        if args.decisions:
            decisions, manual, actor = load_decisions(args.decisions)
        limits = Limits.from_env()
    except (UsageError, ValueError) as exc:
        print(f"reviewer redact: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        doc = parse_file(args.input, limits=limits)
    except ParseError as exc:
        print(f"reviewer redact: [{exc.code}] {exc.message}", file=sys.stderr)
        return EXIT_PARSE
    try:
        from reviewer import formats

        # a PDF named .docx is not written as .docx; a .doc is written as DOCX (the format it is converted to)
        check_output_name(args.output, formats.get(doc.metadata.format).out_format)
    except UsageError as exc:
        print(f"reviewer redact: [{exc.code}] {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    log_json, log_md = args.output + ".redaction-log.json", args.output + ".redaction-log.md"
    try:
        findings = scan_document(doc).findings
        result = redact_document(doc, findings, decisions=decisions, manual=manual, style=style,
                                 accept_all=args.accept_all, actor=args.actor or actor, keep_rsid=args.keep_rsid,
                                 accept_suggested=args.accept_suggested)
        _write_atomic(log_json, json.dumps(result.log, ensure_ascii=False, indent=2).encode("utf-8"))
        _write_atomic(log_md, result.log_table.encode("utf-8"))
        write_output(result, args.output)
    except UsageError as exc:
        print(f"reviewer redact: [{exc.code}] {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except (VerificationError, ReviewerError, OSError) as exc:
        # No output and no log on failure (an OUTPUT that existed was going to be replaced).
        for p in (log_json, log_md, args.output):
            if os.path.exists(p):
                try:
                    os.unlink(p)
                except OSError:
                    pass
        code = getattr(exc, "code", "io_error")
        print(f"reviewer redact: [{code}] {getattr(exc, 'message', exc)}", file=sys.stderr)
        return EXIT_FAILED
    log = result.log
    print(f"{args.output}: {len(log['removals'])} removal(s), verified ({log['verification']['extractor']}); "
          f"log: {log_json}")
    for p in log.get("rasterised_pages", []):
        print(f"  page {p['page']} rasterised: {p['reason']}")
    for w in log.get("engine", {}).get("warnings", []):
        print(f"  warning: {w}", file=sys.stderr)
    removed_blocks = log["decisions"].get("blocking_removed") or []
    if removed_blocks:
        print(f"  warning: {len(removed_blocks)} finding(s) marked 'block' (不得公开) were removed by --accept-all; "
              "removing a secrecy mark does not make the document publishable", file=sys.stderr)
    if log["decisions"].get("propagated"):
        print(f"  {log['decisions']['propagated']} other occurrence(s) of removed values removed too (propagated)")
    blocking = log["decisions"].get("blocking_unresolved") or []
    if blocking:
        print(f"  warning: {len(blocking)} finding(s) marked 'block' (不得公开) were not removed; "
              "the document may not be publishable at all", file=sys.stderr)
    return EXIT_OK


register_command("redact", "remove what must not be published and write a verified copy with its log", _add, _run)
