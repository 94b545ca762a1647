"""User text into Word runs, optionally with review comments on flagged phrases.

A comment in Word covers whole runs, so the text is cut into runs at every
finding's start and end offset before it is written. Offsets refer to the text
as stored; cutting happens before control and bidi override characters are
removed, so removing them cannot shift a comment onto the wrong words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Protocol

from docx.text.paragraph import Paragraph
from docx.text.run import Run

from facilitator.export.docx_fields import set_right_to_left
from facilitator.export.textsafe import export_text, is_right_to_left

COMMENT_AUTHOR = "Facilitator language check"
COMMENT_INITIALS = "FL"


class FindingLike(Protocol):
    """What a review comment needs from a language finding."""

    start: int
    end: int
    message: str
    suggestion: str


class FieldFindingLike(Protocol):
    """A finding and the debrief field it was found in ("summary", "timeline[3].text")."""

    field: str
    finding: Any


@dataclass(frozen=True)
class Anchor:
    """Where a comment goes in a field's text and what it says."""

    start: int
    end: int
    comment: str


def anchor_for(finding: FindingLike) -> Anchor:
    """Turn a language finding into the comment a reviewer reads."""
    message = (getattr(finding, "message", "") or "").strip()
    suggestion = (getattr(finding, "suggestion", "") or "").strip()
    text = message or "The language check flags this phrase."
    if suggestion:
        text = f"{text} Suggestion: {suggestion}"
    return Anchor(int(finding.start), int(finding.end), export_text(text))


@dataclass
class _Writer:
    first: Paragraph
    new_paragraph: Callable[[], Paragraph]
    rtl: bool

    def __post_init__(self) -> None:
        self.paragraph = self.first
        self.has_content = False
        self.pending_break = False
        if self.rtl:
            set_right_to_left(self.first)

    def add(self, text: str) -> Run | None:
        if not text:
            return None
        if self.pending_break and self.has_content:
            self.paragraph = self.new_paragraph()
            if self.rtl:
                set_right_to_left(self.paragraph)
        self.pending_break = False
        self.has_content = True
        return self.paragraph.add_run(text)


def write_text(
    first: Paragraph,
    new_paragraph: Callable[[], Paragraph],
    text: str,
    anchors: Sequence[Anchor] = (),
) -> list[tuple[Anchor, list[Run]]]:
    """Write ``text`` into ``first``, starting a new paragraph at each line break.

    Blank lines do not make empty paragraphs: paragraph spacing already separates
    them. Returns, for each anchor that covers some text, the runs it covers.
    """
    writer = _Writer(first, new_paragraph, is_right_to_left(text))
    if not anchors and "\n" not in text:
        writer.add(export_text(text).replace("\r", ""))
        return []
    size = len(text)
    cuts = {0, size}
    for anchor in anchors:
        cuts.update((min(max(anchor.start, 0), size), min(max(anchor.end, 0), size)))
    spans: list[tuple[int, int, Run]] = []
    for a, b in pairwise(sorted(cuts)):
        position = a
        for index, line in enumerate(text[a:b].split("\n")):
            if index:
                writer.pending_break = True
            run = writer.add(export_text(line).replace("\r", ""))
            if run is not None:
                spans.append((position, position + len(line), run))
            position += len(line) + 1
    placed = []
    for anchor in anchors:
        runs = [run for s, e, run in spans if s < anchor.end and e > anchor.start]
        if runs:
            placed.append((anchor, runs))
    return placed
