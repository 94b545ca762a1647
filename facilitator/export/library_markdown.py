"""Markdown of the monthly learning review, with its charts as PNG files beside it."""

from __future__ import annotations

from pathlib import Path

from facilitator.export.atomic import write_atomically
from facilitator.export.blocks import Text
from facilitator.export.markdown_writer import _block, _inline
from facilitator.library.review import Chart, Review


def render_review(review: Review, images: dict[str, str]) -> str:
    """The review as Markdown; ``images`` maps chart keys to relative image paths."""
    parts = [f"# {_inline(Text(review.title))}", f"*{review.subtitle}*"]
    for section in review.sections:
        parts.append(f"## {_inline(Text(section.heading))}")
        for block in section.blocks:
            if isinstance(block, Chart):
                if block.key in images:
                    parts.append(f"### {_inline(Text(block.title))}")
                    parts.append(f"![{_inline(Text(block.title))}](<{images[block.key]}>)")
                    if block.caption:
                        parts.append(f"*{_inline(Text(block.caption))}*")
                continue
            rendered = _block(block)
            if rendered:
                parts.append(rendered)
    return "\n\n".join(parts) + "\n"


def export_review_markdown(review: Review, charts: dict[str, bytes], out: str | Path) -> Path:
    """Write ``out`` and its charts into the folder ``<name>_charts`` beside it."""
    out = Path(out)
    folder = out.with_name(out.stem + "_charts")
    images: dict[str, str] = {}
    if charts:
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            from facilitator.export.atomic import ExportError

            raise ExportError(f"Cannot create {folder}: {exc.strerror or exc}.") from exc
    for key, data in charts.items():
        path = folder / f"{key}.png"
        write_atomically(path, lambda handle, data=data: handle.write(data))
        images[key] = f"{folder.name}/{path.name}"
    text = render_review(review, images).encode("utf-8")
    return write_atomically(out, lambda handle: handle.write(text))
