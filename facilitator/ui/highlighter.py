"""Underlining blame and counterfactual wording as the facilitator types.

A phrase that is both (a named person judged by hindsight: "Dana should have
checked") is underlined in the blame colour; its tooltip names both families.

``QSyntaxHighlighter`` calls :meth:`FindingsHighlighter.highlightBlock` for the
paragraph being edited only, so checking inside it means only the edited
paragraph is re-checked on a keystroke. Findings are stored on the block so
tooltips and the findings panel read them without checking again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextBlock,
    QTextBlockUserData,
    QTextCharFormat,
    QTextDocument,
)

from facilitator.language import BLAME, COUNTERFACTUAL, Checker, Finding, default_checker

#: Underline colours chosen to read on white and on dark backgrounds, and on a projector:
#: a saturated orange-red for blame and a clear violet-blue for counterfactuals.
CATEGORY_COLOURS = {BLAME: QColor("#e8430c"), COUNTERFACTUAL: QColor("#6a5cff")}


class BlockFindings(QTextBlockUserData):
    """The findings of one paragraph, with offsets relative to the paragraph start."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__()
        self.findings = list(findings)


def block_findings(block: QTextBlock) -> list[Finding]:
    """Return the findings stored on ``block`` (empty if it was never highlighted)."""
    data = block.userData()
    return data.findings if isinstance(data, BlockFindings) else []


class FindingsHighlighter(QSyntaxHighlighter):
    """Wavy underlines under flagged phrases, one colour per category.

    ``is_ignored(finding)`` lets the owner hide findings the facilitator chose
    to keep. Signals:
        blockChecked(): a paragraph was re-checked (its findings may have changed).
    """

    blockChecked = Signal()

    def __init__(
        self,
        document: QTextDocument,
        checker: Checker | None = None,
        people: Sequence[str] = (),
        is_ignored: Callable[[Finding], bool] | None = None,
    ) -> None:
        super().__init__(document)
        self._checker = checker or default_checker()
        self._people = tuple(people)
        self._is_ignored = is_ignored
        self._formats = {
            category: _underline(colour) for category, colour in CATEGORY_COLOURS.items()
        }

        # Qt would check the document on the next event-loop turn; doing it now means
        # findings() and tooltips are right as soon as the highlighter exists.
        if not document.isEmpty():
            self.rehighlight()

    def set_people(self, people: Sequence[str], recheck: bool = True) -> None:
        """Use these participant names; re-check the whole document unless ``recheck`` is False.

        With ``recheck`` False the owner re-checks the paragraphs itself, a few at a time.
        """
        if tuple(people) != self._people:
            self._people = tuple(people)
            if recheck:
                self.rehighlight()

    def set_checker(self, checker: Checker, recheck: bool = True) -> None:
        """Use another checker (for example with a team's rules) and re-check."""
        self._checker = checker
        if recheck:
            self.rehighlight()

    def findings(self) -> list[Finding]:
        """Return every stored finding with offsets into the whole document."""
        result: list[Finding] = []
        block = self.document().firstBlock()
        while block.isValid():
            result.extend(f.shifted(block.position()) for f in block_findings(block))
            block = block.next()
        return result

    def finding_at(self, position: int) -> Finding | None:
        """Return the finding covering document offset ``position``, if any."""
        block = self.document().findBlock(position)
        offset = position - block.position()
        for finding in block_findings(block):
            if finding.start <= offset < finding.end:
                return finding.shifted(block.position())
        return None

    def highlightBlock(self, text: str) -> None:  # Qt override
        """Check this paragraph and underline what the checker found."""
        found = self._checker.check(text, self._people) if text.strip() else []
        if self._is_ignored is not None:
            found = [f for f in found if not self._is_ignored(f)]
        for finding in found:
            self.setFormat(
                finding.start, finding.end - finding.start, self._formats[finding.category]
            )
        previous = block_findings(self.currentBlock())
        self.setCurrentBlockUserData(BlockFindings(found))
        if found != previous:
            self.blockChecked.emit()


def _underline(colour: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(colour)
    return fmt
