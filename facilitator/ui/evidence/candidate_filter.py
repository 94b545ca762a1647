"""The filter over the candidates: search words, one person, duplicates hidden, flagged only.

Every keystroke decides all rows at once in plain Python over prepared
lower-case texts, and the proxy only looks the answer up per row, so filtering
10,000 candidates costs one pass over strings rather than 10,000 model queries.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from facilitator.evidence.people import name_key
from facilitator.ui.evidence.candidate_model import SORT_ROLE, CandidateModel

_Index = QModelIndex | QPersistentModelIndex


class CandidateFilter(QSortFilterProxyModel):
    """Shows the candidates that match every active condition; sorts by :data:`SORT_ROLE`."""

    def __init__(self, model: CandidateModel, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)
        self._model = model
        self._words: list[str] = []
        self._author = ""
        self._hide_duplicates = False
        self._flagged_only = False
        self._accepted: list[bool] | None = None
        self._generation = -1

    # -- conditions ----------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Show rows whose author, text or channel hold every word of ``text``."""
        words = text.casefold().split()
        if words != self._words:
            self._words = words
            self._refilter()

    def set_author(self, author: str) -> None:
        """Show only what ``author`` wrote ("" for everyone)."""
        key = name_key(author)
        if key != self._author:
            self._author = key
            self._refilter()

    def set_hide_duplicates(self, hide: bool) -> None:
        if hide != self._hide_duplicates:
            self._hide_duplicates = hide
            self._refilter()

    def set_flagged_only(self, flagged: bool) -> None:
        if flagged != self._flagged_only:
            self._flagged_only = flagged
            if flagged:
                self._model.check_all()
            self._refilter()

    def refresh(self) -> None:
        """Decide again after the model's duplicates or findings changed."""
        self._refilter()

    @property
    def active(self) -> bool:
        """True while some condition hides rows."""
        return bool(self._words or self._author or self._hide_duplicates or self._flagged_only)

    def source_rows(self) -> list[int]:
        """The model rows on show, in view order."""
        return [self.mapToSource(self.index(r, 0)).row() for r in range(self.rowCount())]

    # -- QSortFilterProxyModel -----------------------------------------------------------

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._generation != self._model.generation:
            self._recompute()  # the model was refilled; the proxy asks before our slot would run
        accepted = self._accepted
        return True if accepted is None else accepted[source_row]

    def _refilter(self) -> None:
        # Row by row, not invalidate(): measured in the dialog, a layout change costs the view
        # more than the scattered removals a search causes, and it would re-sort.
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._recompute()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._recompute()
            self.invalidateRowsFilter()

    def _recompute(self) -> None:
        model = self._model
        self._generation = model.generation
        if not self.active:
            self._accepted = None
            return
        hay = model.haystacks
        words = self._words
        if not words:
            accepted = [True] * len(hay)
        else:
            first = words[0]
            accepted = [first in h for h in hay]
            for word in words[1:]:  # "and" skips the rows an earlier word ruled out
                accepted = [a and word in h for a, h in zip(accepted, hay, strict=True)]
        if self._author:
            author, keys = self._author, model.author_keys
            accepted = [a and k == author for a, k in zip(accepted, keys, strict=True)]
        if self._hide_duplicates:
            duplicates = model.choice.duplicates
            for row in duplicates:
                accepted[row] = False
        if self._flagged_only:
            accepted = [a and bool(model.findings(r)) for r, a in enumerate(accepted)]
        self._accepted = accepted
