"""``reviewer batch`` and ``reviewer worker``.

Exit codes of ``reviewer batch`` (docs/batch.md): 0 every file scanned; 2 usage error;
3 at least one file of SOURCE could not be read (its error row is in the reports; the
count is printed); 4 the batch could not run (``queue_unreachable`` …); 130 / 143
cancelled by SIGINT / SIGTERM (finished files are saved; ``--resume`` scans the rest).
"""

from __future__ import annotations

import sys

from reviewer.cli import EXIT_FAILED, EXIT_OK, EXIT_PARSE, EXIT_USAGE, register_command


def _add_batch(p) -> None:
    p.add_argument("source", metavar="SOURCE", help="a directory (recursive), a .zip archive, or a file listing paths")
    p.add_argument("-o", "--output", required=True, metavar="REPORT_DIR", help="where results and reports go")
    p.add_argument("--workers", type=int, default=2, help="local worker processes (0 = in this process; default 2)")
    p.add_argument("--queue", metavar="URL", help="run on Celery workers via this Redis URL instead of locally")
    p.add_argument("--queue-name", metavar="NAME", default=None,
                   help="keep this batch's queue and results under NAME: in the Redis (default $REVIEWER_QUEUE_NAME; "
                        "the workers must use the same name)")
    p.add_argument("--resume", action="store_true",
                   help="keep earlier results in REPORT_DIR and scan only new or changed files")
    p.add_argument("--file-timeout", type=float, default=None, help="seconds one file may take (default: generous)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


class _Signals:
    """SIGINT / SIGTERM during a batch: the first cancels gracefully (the files in flight are
    finished or abandoned, the reports are written), the second stops at once."""

    def __init__(self):
        import threading

        self.cancel = threading.Event()
        self.signum: int | None = None
        self._old: dict = {}

    def _handle(self, signum, frame) -> None:
        if self.cancel.is_set():
            raise KeyboardInterrupt
        self.signum = signum
        self.cancel.set()
        print("\nreviewer batch: cancelling — no new files are started; finished files are saved "
              "(press Ctrl-C again to stop at once)", file=sys.stderr, flush=True)

    def __enter__(self):
        import signal

        for sig in (signal.SIGINT, signal.SIGTERM):
            self._old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc):
        import signal

        for sig, old in self._old.items():
            signal.signal(sig, old)

    def exit_code(self) -> int:
        import signal

        return 128 + (self.signum or signal.SIGINT)     # 130 for SIGINT, 143 for SIGTERM


def _run_batch(args) -> int:
    from reviewer.batch.runner import run_batch
    from reviewer.errors import ReviewerError
    from reviewer.settings import Limits

    if args.workers < 0:
        print("reviewer batch: --workers must be 0 or more", file=sys.stderr)
        return EXIT_USAGE
    signals = _Signals()
    try:
        limits = Limits.from_env()
        with signals:
            summary = run_batch(args.source, args.output, workers=args.workers, queue_url=args.queue,
                                resume=args.resume, limits=limits, progress=not args.no_progress,
                                file_timeout=args.file_timeout, cancel=signals.cancel,
                                queue_name=args.queue_name)
    except ReviewerError as err:
        print(f"reviewer batch: [{err.code}] {err.message}", file=sys.stderr)
        return EXIT_USAGE if err.code == "usage_error" else EXIT_FAILED
    except KeyboardInterrupt:
        print("reviewer batch: interrupted — finished files are saved; run again with --resume", file=sys.stderr)
        return signals.exit_code()
    print(f"{summary.items} files: {summary.scanned} scanned, {summary.skipped} unchanged (skipped), "
          f"{summary.errors} could not be read; {summary.seconds:.1f} s, {summary.docs_per_second:.1f} files/s")
    print(f"report: {args.output}/report.html  (also summary.csv, results.jsonl)")
    if summary.cancelled:
        print(f"reviewer batch: cancelled — {summary.not_scanned} of {summary.items} files were not scanned; "
              f"run the same command with --resume to scan them", file=sys.stderr)
        return signals.exit_code()
    if summary.unreadable:
        print(f"reviewer batch: {summary.unreadable} of {summary.items} files could not be read "
              f"(error rows in results.jsonl, listed in report.html)", file=sys.stderr)
        return EXIT_PARSE
    return EXIT_OK


def _add_worker(p) -> None:
    p.add_argument("--queue", metavar="URL", default=None, help="Redis URL (default $REVIEWER_QUEUE_URL or redis://127.0.0.1:6379/0)")
    p.add_argument("-c", "--concurrency", type=int, default=1, help="worker processes in this worker (default 1)")
    p.add_argument("--hostname", default=None, help="worker name, e.g. w1@%%h")
    p.add_argument("--queue-name", metavar="NAME", default=None,
                   help="serve the batches submitted with this --queue-name (default $REVIEWER_QUEUE_NAME)")
    p.add_argument("--loglevel", default="WARNING")


def _run_worker(args) -> int:
    from reviewer.batch.cluster import queue_namespace, run_worker
    from reviewer.errors import ReviewerError

    try:
        namespace = queue_namespace(args.queue_name)
    except ReviewerError as err:
        print(f"reviewer worker: [{err.code}] {err.message}", file=sys.stderr)
        return EXIT_USAGE
    run_worker(args.queue, concurrency=args.concurrency, hostname=args.hostname, loglevel=args.loglevel,
               namespace=namespace)
    return EXIT_OK


register_command("batch", "scan a directory, zip or file list of pending publications and write reports",
                 _add_batch, _run_batch)
register_command("worker", "start a Celery worker that scans batch items from the queue", _add_worker, _run_worker)
