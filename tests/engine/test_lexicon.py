"""One lexicon: a word list the extractors share lives in `briefings.lexicon` (or
`briefings.units`) and is imported, never copied into a module where it could drift."""

from __future__ import annotations

import importlib
import pkgutil

import briefings
import briefings.extract
from briefings import lexicon, units


def word_lists(module: object) -> dict[str, frozenset[str]]:
    return {
        name: value
        for name, value in vars(module).items()
        if isinstance(value, frozenset) and value and all(isinstance(w, str) for w in value)
    }


def test_no_module_keeps_its_own_copy_of_a_shared_word_list():
    shared = {
        id(v): f"{m.__name__}.{n}" for m in (lexicon, units) for n, v in word_lists(m).items()
    }
    by_words = {v: f"{m.__name__}.{n}" for m in (lexicon, units) for n, v in word_lists(m).items()}
    packages = [briefings, briefings.extract]
    copies = []
    for package in packages:
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            if module in (lexicon, units):
                continue
            for name, words in word_lists(module).items():
                if id(words) not in shared and words in by_words:
                    copies.append(f"{module.__name__}.{name} copies {by_words[words]}")
    assert copies == []
