"""The constructed documents are seeded, varied, and their test split is really held out."""

from collections import Counter

from reviewer.classifier import constructed
from reviewer.classifier import phrases as P


def test_generation_is_reproducible_for_a_seed():
    a = constructed.generate(3, seed=7)
    b = constructed.generate(3, seed=7)
    c = constructed.generate(3, seed=8)
    assert [x.text for x in a] == [x.text for x in b]
    assert [x.text for x in a] != [x.text for x in c]


def test_test_split_uses_unseen_places_and_families():
    train = constructed.generate(20, split="train")
    test = constructed.generate(20, split="test")
    assert not set(P.PLACES_TRAIN) & set(P.PLACES_TEST)
    test_only = {name for name, (_, _, where) in constructed.FAMILIES.items() if where == "test"}
    assert test_only and not test_only & {x.family for x in train}
    assert test_only <= {x.family for x in test}
    for x in test:
        assert not any(x.issuer.startswith(p) for p in P.PLACES_TRAIN)


def test_every_class_is_built_and_documents_differ():
    docs = constructed.generate(30, split="train")
    assert set(Counter(x.label for x in docs)) == {"proactive", "on_request", "not_public"}
    assert len({x.text for x in docs}) == len(docs)
    lengths = [len(x.text) for x in docs]
    assert max(lengths) > 2 * min(lengths)
