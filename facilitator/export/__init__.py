"""Document exporters (Word, Markdown); pure Python, no Qt.

Both formats walk the same ordered sections (:mod:`facilitator.export.sections`),
so the Word document and the wiki page always tell the story in the same order.
"""

from facilitator.export.atomic import ExportError
from facilitator.export.docx_writer import export_docx
from facilitator.export.markdown_writer import export_markdown, render_markdown

__all__ = ["ExportError", "export_docx", "export_markdown", "render_markdown"]
