"""Markdown export for wikis, in the same order as the Word document.

The output is CommonMark with GitHub-style tables. User text is escaped just
enough that it cannot turn into markup by accident (a leading "#", a stray "|"
in a table cell), while ordinary words like ``snake_case`` stay readable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from facilitator.domain.model import Debrief
from facilitator.domain.text import clean_text
from facilitator.export.atomic import write_atomically
from facilitator.export.blocks import (
    Block,
    Bullets,
    Facts,
    Paragraph,
    Section,
    SubHeading,
    Table,
    Text,
    TitleBlock,
)
from facilitator.export.sections import build_sections, build_title

# Emphasis underscores only count at word edges, so underscores inside words are left alone.
_INLINE = re.compile(r"([\\`*\[\]<>]|(?<!\w)_|_(?!\w))")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])(?=\s|$)")


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)


def _inline(text: Text) -> str:
    """Escape text kept on one line (headings, bullets, cells)."""
    lines = [ln.strip() for ln in clean_text(text.text).splitlines() if ln.strip()]
    body = " ".join(_escape_line(ln) for ln in lines) or "—"
    if text.url:
        # Angle brackets keep parentheses and spaces in a URL from ending the link early.
        return f"[{body}](<{text.url.replace('>', '%3E')}>)"
    return body


def _cell(text: Text) -> str:
    lines = [ln.strip() for ln in clean_text(text.text).splitlines() if ln.strip()]
    if not lines:
        return ""
    body = "<br>".join(_escape_line(ln) for ln in lines).replace("|", "\\|")
    if text.url:
        return f"[{body}](<{text.url.replace('>', '%3E').replace('|', '%7C')}>)"
    return body


def _paragraph(block: Paragraph) -> str:
    paragraphs = [p.strip() for p in clean_text(block.text.text).split("\n\n") if p.strip()]
    rendered = ["  \n".join(_escape_line(ln.strip()) for ln in p.splitlines()) for p in paragraphs]
    if block.label and rendered:
        rendered[0] = f"**{block.label}:** {rendered[0]}"
    if block.note:
        rendered = [f"*{p}*" for p in rendered]
    return "\n\n".join(rendered)


def _table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = [
        "| " + " | ".join(columns) + " |",
        "|" + "|".join(" --- " for _ in columns) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_inline(item)}" for item in block.items)
    if isinstance(block, SubHeading):
        return f"### {block.text}"
    if isinstance(block, Facts):
        return "\n".join(f"- **{label}:** {_inline(value)}" for label, value in block.rows)
    if isinstance(block, Table):
        rows = [tuple(_cell(cell) for cell in row) for row in block.rows]
        return _table(block.columns, rows)
    raise TypeError(f"Unknown block {block!r}")


def render_markdown(debrief: Debrief) -> str:
    """Return the debrief as a Markdown document."""
    return render_document(build_title(debrief), build_sections(debrief))


def render_document(title: TitleBlock, sections: Iterable[Section]) -> str:
    """Return any title block and sections (a debrief, a review summary) as Markdown."""
    parts = [f"# {_inline(Text(title.title))}", f"*{title.subtitle}*", _block(title.facts)]
    for section in sections:
        parts.append(f"## {section.heading}")
        parts += [rendered for rendered in map(_block, section.blocks) if rendered]
    return "\n\n".join(parts) + "\n"


def export_markdown(debrief: Debrief, out: str | Path) -> Path:
    """Write the debrief as Markdown to ``out`` and return the path written.

    Raises:
        ExportError: the file cannot be written; the message says why in plain words.
    """
    data = render_markdown(debrief).encode("utf-8")
    return write_atomically(Path(out), lambda stream: stream.write(data))
