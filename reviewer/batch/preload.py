"""Imported by the local pool's fork server (``multiprocessing`` forkserver preload):
load the detectors and the disclosure model once, so that every worker forked from the
server starts warm.  See reviewer/batch/local.py."""

from reviewer.batch.task import warm_up

warm_up()
