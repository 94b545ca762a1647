"""The result of a language check: one flagged phrase and what to say instead."""

from __future__ import annotations

from dataclasses import dataclass

#: The two families of wording the checker looks for.
BLAME = "blame"
COUNTERFACTUAL = "counterfactual"
CATEGORIES = (BLAME, COUNTERFACTUAL)


@dataclass(frozen=True)
class Finding:
    """One flagged phrase in a text.

    ``start`` and ``end`` are character offsets into the checked text (``end``
    exclusive), so ``text[start:end] == finding.text``. ``category`` is the main
    family; ``also`` names any other it belongs to. "Dana should have looked at the
    graph" is blame (a named person is judged) and counterfactual (a timeline that did
    not happen) at once, so it is one finding with ``category`` blame and ``also``
    ``("counterfactual",)``.
    """

    start: int
    end: int
    category: str
    rule: str
    message: str
    suggestion: str
    text: str
    also: tuple[str, ...] = ()

    @property
    def categories(self) -> tuple[str, ...]:
        """Every family this finding belongs to, the main one first."""
        return (self.category, *self.also)

    def has(self, category: str) -> bool:
        """Return whether the finding belongs to ``category``."""
        return category == self.category or category in self.also

    def shifted(self, offset: int) -> Finding:
        """Return the same finding with offsets moved by ``offset`` characters."""
        return Finding(
            self.start + offset,
            self.end + offset,
            self.category,
            self.rule,
            self.message,
            self.suggestion,
            self.text,
            self.also,
        )


_new = object.__new__
_set = object.__setattr__


def new_finding(
    start: int,
    end: int,
    category: str,
    rule: str,
    message: str,
    suggestion: str,
    text: str,
    also: tuple[str, ...] = (),
) -> Finding:
    """Return ``Finding(start, end, ...)``, built in a third of the time.

    The checker makes one per flagged phrase, thousands in a long text; a frozen
    dataclass sets each field through ``object.__setattr__`` in turn, this sets them
    all at once. The result is an ordinary, equal and immutable :class:`Finding`.
    """
    finding = _new(Finding)
    _set(
        finding,
        "__dict__",
        {
            "start": start,
            "end": end,
            "category": category,
            "rule": rule,
            "message": message,
            "suggestion": suggestion,
            "text": text,
            "also": also,
        },
    )
    return finding


def category_label(finding: Finding) -> str:
    """How people read the finding's families: "Blame", "Counterfactual" or both."""
    names = {BLAME: "Blame", COUNTERFACTUAL: "Counterfactual"}
    labels = [names.get(c, c.capitalize()) for c in finding.categories]
    return labels[0] if len(labels) == 1 else " and ".join([labels[0], labels[1].lower()])
