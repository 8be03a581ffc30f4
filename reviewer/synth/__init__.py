"""Synthetic documents for tests, samples and the detectors' dev set.

:mod:`reviewer.synth.docx_writer` builds real .docx files from a small spec.
"""
