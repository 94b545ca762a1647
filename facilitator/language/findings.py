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
    exclusive), so ``text[start:end] == finding.text``.
    """

    start: int
    end: int
    category: str
    rule: str
    message: str
    suggestion: str
    text: str

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
        )
