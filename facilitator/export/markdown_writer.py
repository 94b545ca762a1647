"""Markdown export for wikis, in the same order as the Word document.

The output is CommonMark with GitHub-style tables. User text is escaped just
enough that it cannot turn into markup by accident (a leading "#", a stray "|"
or "<" in a table cell, a tab), while ordinary words like ``snake_case`` stay
readable. Link targets are percent-encoded where needed
(:func:`facilitator.export.links.safe_url`) and written in angle brackets, so
an address with spaces or parentheses still works on GitHub.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from facilitator.domain.model import Debrief
from facilitator.export.atomic import write_atomically
from facilitator.export.blocks import (
    Block,
    Bullets,
    Facts,
    Panel,
    Paragraph,
    Section,
    SubHeading,
    Table,
    Text,
    TitleBlock,
)
from facilitator.export.sections import build_sections, build_title
from facilitator.export.textsafe import export_text

# Emphasis underscores only count at word edges, so underscores inside words are left alone.
_INLINE = re.compile(r"([\\`*\[\]<>&~]|(?<!\w)_|_(?!\w))")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])(?=\s|$)")
_TABS = re.compile(r"\t+")


def _escape_line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", _TABS.sub(" ", line))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)


def _destination(url: str) -> str:
    # safe_url already encoded spaces, "<", ">" and "|"; angle brackets keep "(" and ")" safe.
    return f"<{url}>"


def _inline(text: Text) -> str:
    """Escape text kept on one line (headings, bullets)."""
    lines = [ln.strip() for ln in export_text(text.text).splitlines() if ln.strip()]
    body = " ".join(_escape_line(ln) for ln in lines) or "—"
    if text.url:
        return f"[{body}]({_destination(text.url)})"
    return body


def _cell(text: Text) -> str:
    lines = [ln.strip() for ln in export_text(text.text).splitlines() if ln.strip()]
    if not lines:
        return ""
    # GFM splits cells at every unescaped "|", even inside code or a link's text.
    body = "<br>".join(_escape_line(ln) for ln in lines).replace("|", "\\|")
    if text.url:
        return f"[{body}]({_destination(text.url)})"
    return body


def _paragraph(block: Paragraph) -> str:
    paragraphs = [p.strip() for p in export_text(block.text.text).split("\n\n") if p.strip()]
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


def _bullets(block: Bullets) -> str:
    lines = []
    for index, item in enumerate(block.items):
        label = block.labels[index] if index < len(block.labels) else ""
        prefix = f"**{_escape_line(export_text(label))}:** " if label else ""
        lines.append(f"- {prefix}{_inline(item)}")
    return "\n".join(lines)


def _panel(block: Panel) -> str:
    rows = []
    for moment in block.moments:
        what = _cell(moment.text)
        if moment.measured:
            measured = f"*{_cell(Text(moment.measured))}*"
            what = f"{what}<br>{measured}" if what else measured
        rows.append((f"**{moment.label}**", _cell(Text(moment.when)), what))
    parts = [_table(("Stage", "When", "What happened"), rows)] if rows else []
    if block.facts:
        parts.append("\n".join(f"- **{label}:** {_inline(value)}" for label, value in block.facts))
    return "\n\n".join(parts)


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, Bullets):
        return _bullets(block)
    if isinstance(block, SubHeading):
        return f"### {block.text}"
    if isinstance(block, Facts):
        return "\n".join(f"- **{label}:** {_inline(value)}" for label, value in block.rows)
    if isinstance(block, Table):
        rows = [tuple(_cell(cell) for cell in row) for row in block.rows]
        return _table(block.columns, rows)
    if isinstance(block, Panel):
        return _panel(block)
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
