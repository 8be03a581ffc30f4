"""The review service: a thin FastAPI shell around the ``reviewer`` core (docs/api.md)."""
