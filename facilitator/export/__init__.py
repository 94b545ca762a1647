"""Document exporters (Word, Markdown); pure Python, no Qt.

All formats walk the same ordered sections (:mod:`facilitator.export.sections`),
so the Word document, the wiki page and the PDF (drawn by Qt in
:mod:`facilitator.ui.pdf`) tell the story in the same order.

The writers load on first use: importing this package (the command line does,
for its error type) must not pull in python-docx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from facilitator.export.atomic import ExportError

if TYPE_CHECKING:
    from facilitator.export.docx_writer import export_docx
    from facilitator.export.markdown_writer import export_markdown, render_markdown

__all__ = ["ExportError", "export_docx", "export_markdown", "render_markdown"]

_LAZY = {
    "export_docx": "facilitator.export.docx_writer",
    "export_markdown": "facilitator.export.markdown_writer",
    "render_markdown": "facilitator.export.markdown_writer",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
