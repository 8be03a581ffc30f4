"""Batch scanning of pending publications: local process pool or Celery workers.

``run_batch(source, report_dir, workers=2, queue_url=None, resume=False)`` scans a
directory (recursive), a zip archive or a file list, writes ``results.jsonl`` (the
``reviewer scan`` contract, one row per file), ``summary.csv``, ``summary.json`` and
``report.html``.  See docs/batch.md.
"""

from reviewer.batch.runner import BatchSummary, run_batch

__all__ = ["run_batch", "BatchSummary"]
