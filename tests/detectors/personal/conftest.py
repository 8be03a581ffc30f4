import pytest

from reviewer.detectors import DetectorRegistry, build_engine


@pytest.fixture(scope="module")
def engine_for():
    """Build an engine holding just the given recognizer classes."""
    cache = {}

    def make(*classes):
        key = tuple(classes)
        if key not in cache:
            reg = DetectorRegistry()
            for c in classes:
                reg.add(c())
            cache[key] = build_engine(reg)
        return cache[key]
    return make


@pytest.fixture(scope="session")
def full_engine():
    from reviewer.detectors import get_engine
    return get_engine()
