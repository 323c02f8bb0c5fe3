"""How much each article counts when articles are weighed against each other: a duplicate
group (wire copy, `dedupe`) counts once, its weight shared by its members."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from fractions import Fraction


class Weights:
    """How much each article counts when articles are weighed against each other: its own
    weight, shared equally with its duplicate group (wire copy counts once).

    Sums over many articles (`Tally`) are exact fractions, so they do not depend on the
    order articles came and went in, and an article joining a large group updates each sum
    once rather than once per member. Each article knows the tallies it is in, and each
    group the tallies with members in it.
    """

    def __init__(self) -> None:
        self._base: dict[str, Fraction] = {}
        self._group: dict[str, str] = {}
        self._size: dict[str, int] = {}
        self._in: dict[str, dict[int, Tally]] = {}
        self._by_group: dict[str, dict[int, Tally]] = {}

    def __getitem__(self, source_id: str) -> float:
        group = self._group[source_id]
        return float(self._base[source_id] / self._size.get(group, 1))

    def add(self, source_id: str, base: float) -> None:
        """A new article, alone in its group until `move` says otherwise."""
        self._base[source_id] = Fraction(base)
        self._group[source_id] = source_id
        self._in[source_id] = {}

    def remove(self, source_id: str) -> None:
        for tally in list(self._in[source_id].values()):
            tally.drop(source_id)
        del self._base[source_id], self._group[source_id], self._in[source_id]

    def move(self, source_id: str, group: str) -> None:
        if self._group[source_id] == group:
            return
        tallies = list(self._in[source_id].values())
        for tally in tallies:
            tally._take(source_id)
        self._group[source_id] = group
        for tally in tallies:
            tally._put(source_id)

    def resize(self, group: str, size: int) -> None:
        if self._size.get(group, 1) == size:
            return
        self._size[group] = size
        for tally in list(self._by_group.get(group, {}).values()):
            tally._reweigh(group)


class Tally:
    """The weight of a set of articles (each counted once, however often it is added);
    `release` it when no longer used."""

    def __init__(self, weights: Weights, sources: Iterable[str] = ()) -> None:
        self.weights = weights
        self._count: dict[str, int] = {}
        self._shares: dict[str, Fraction] = {}
        self._terms: dict[str, Fraction] = {}
        self._total = Fraction(0)
        self._add_many(sources)

    def __float__(self) -> float:
        return float(self._total)

    def add(self, source_id: str) -> None:
        if source_id in self._count:
            self._count[source_id] += 1
            return
        self._count[source_id] = 1
        self.weights._in[source_id][id(self)] = self
        self._put(source_id)

    def discard(self, source_id: str) -> None:
        """One less mention of an article; it leaves the tally with its last."""
        count = self._count.get(source_id, 0)
        if count > 1:
            self._count[source_id] = count - 1
        elif count == 1:
            self.drop(source_id)

    def drop(self, source_id: str) -> None:
        if self._count.pop(source_id, None) is not None:
            del self.weights._in[source_id][id(self)]
            self._take(source_id)

    def release(self) -> None:
        for source_id in self._count:
            self.weights._in[source_id].pop(id(self), None)
        for group in self._shares:
            self.weights._by_group[group].pop(id(self), None)
        self._count, self._shares, self._terms, self._total = {}, {}, {}, Fraction(0)

    def _add_many(self, sources: Iterable[str]) -> None:
        """Many articles at once: shares summed as whole counts first (much faster)."""
        weights, me = self.weights, id(self)
        counted: Counter[tuple[str, Fraction]] = Counter()
        for source_id, n in Counter(sources).items():
            if source_id in self._count:
                self._count[source_id] += n
                continue
            self._count[source_id] = n
            weights._in[source_id][me] = self
            counted[weights._group[source_id], weights._base[source_id]] += 1
        for (group, base), n in counted.items():
            self._shares[group] = self._shares.get(group, 0) + base * n
        for group in {g for g, _ in counted}:
            weights._by_group.setdefault(group, {})[me] = self
            self._reweigh(group)

    def _put(self, source_id: str) -> None:
        group = self.weights._group[source_id]
        self._shares[group] = self._shares.get(group, 0) + self.weights._base[source_id]
        self.weights._by_group.setdefault(group, {})[id(self)] = self
        self._reweigh(group)

    def _take(self, source_id: str) -> None:
        group = self.weights._group[source_id]
        self._shares[group] -= self.weights._base[source_id]
        self._reweigh(group)

    def _reweigh(self, group: str) -> None:
        share = self._shares.get(group, Fraction(0))
        term = share / self.weights._size.get(group, 1) if share else Fraction(0)
        self._total += term - self._terms.get(group, 0)
        if share:
            self._terms[group] = term
        else:
            self._terms.pop(group, None)
            self._shares.pop(group, None)
            self.weights._by_group.get(group, {}).pop(id(self), None)
