"""The format-neutral building blocks of an exported debrief.

Section builders produce these; the Word, Markdown and PDF writers only know how
to draw them. Every piece of user text keeps the debrief field it came from
(``field``) so the Word writer can anchor review comments on the exact phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """A run of user or generated text; ``field`` names its debrief field, if any."""

    text: str
    field: str = ""
    url: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; newlines inside the text start new paragraphs."""

    text: Text
    note: bool = False  # a small explanatory line (time zone, how times are measured)
    label: str = ""  # shown in bold before the text, kept apart so field offsets stay true


@dataclass(frozen=True)
class Bullets:
    """A bulleted list; ``labels``, when given, go in bold before each item."""

    items: tuple[Text, ...]
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class SubHeading:
    """A heading one level below the section heading."""

    text: str


@dataclass(frozen=True)
class Facts:
    """Label and value pairs (title block, classification).

    ``pairs_per_row`` lets a wide page show two pairs side by side, which halves
    the height of a title block; Markdown always lists them one per line.
    """

    rows: tuple[tuple[str, Text], ...]
    alt: str = "Key facts"
    pairs_per_row: int = 1


@dataclass(frozen=True)
class Table:
    """A table with a header row.

    ``widths`` are relative weights for sharing out the width left once every
    ``nowrap`` column has room for its longest value on one line, so a date,
    a status or an event kind never breaks inside a word. ``alt`` describes the
    table for screen readers (Word's alternative text).
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    widths: tuple[float, ...]
    nowrap: tuple[bool, ...] = ()
    alt: str = ""

    def keeps_on_one_line(self, column: int) -> bool:
        """True when values of ``column`` should not wrap."""
        return column < len(self.nowrap) and self.nowrap[column]


@dataclass(frozen=True)
class Moment:
    """One line of the "What happened" panel: a stage, its time, the event, what was measured."""

    label: str
    when: str
    text: Text
    measured: str = ""


@dataclass(frozen=True)
class Panel:
    """The "What happened" box: the four moments, then one-line facts (cause, factors)."""

    moments: tuple[Moment, ...]
    facts: tuple[tuple[str, Text], ...]
    alt: str = "What happened, at a glance"


Block = Paragraph | Bullets | SubHeading | Facts | Table | Panel


@dataclass(frozen=True)
class Section:
    """One titled part of the document. ``key`` is stable; ``heading`` is for readers.

    ``new_page`` starts the section on a fresh page (the appendix).
    """

    key: str
    heading: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    new_page: bool = False


@dataclass(frozen=True)
class TitleBlock:
    """What opens the document: the title, a one-line subtitle and the key facts."""

    title: str
    subtitle: str
    facts: Facts
    author: str = ""
