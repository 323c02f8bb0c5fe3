"""`Prefix`: an immutable sequence over a list that grows, as briefings share evidence."""

from __future__ import annotations

import pickle

import pytest

from briefings.model import Prefix


def test_a_prefix_is_the_list_as_it_was() -> None:
    items = ["a", "b", "c"]
    seen = Prefix(items)
    items.append("d")
    assert len(seen) == 3 and list(seen) == ["a", "b", "c"]
    assert seen[-1] == "c" and seen[0:2] == ("a", "b") and "d" not in seen
    with pytest.raises(IndexError):
        seen[3]


def test_a_prefix_is_a_tuple_to_compare_hash_and_pickle() -> None:
    items = [1, 2]
    seen = Prefix(items)
    items.append(3)
    assert seen == (1, 2) and (1, 2) == seen and seen != (1, 2, 3) and seen != "12"
    assert hash(seen) == hash((1, 2))
    assert pickle.loads(pickle.dumps(seen)) == (1, 2)
    assert type(pickle.loads(pickle.dumps(seen))) is tuple
