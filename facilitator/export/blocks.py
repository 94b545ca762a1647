"""The format-neutral building blocks of an exported debrief.

Section builders produce these; the Word and Markdown writers only know how to
draw them. Every piece of user text keeps the debrief field it came from
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
    """A bulleted list."""

    items: tuple[Text, ...]


@dataclass(frozen=True)
class SubHeading:
    """A heading one level below the section heading."""

    text: str


@dataclass(frozen=True)
class Facts:
    """Label and value pairs (title block, classification)."""

    rows: tuple[tuple[str, Text], ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``widths`` are relative column weights."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    widths: tuple[float, ...]


Block = Paragraph | Bullets | SubHeading | Facts | Table


@dataclass(frozen=True)
class Section:
    """One titled part of the document. ``key`` is stable; ``heading`` is for readers."""

    key: str
    heading: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class TitleBlock:
    """What opens the document: the title, a one-line subtitle and the key facts."""

    title: str
    subtitle: str
    facts: Facts
