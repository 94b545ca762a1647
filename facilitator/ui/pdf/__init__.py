"""PDF export drawn by Qt's own PDF writer: nothing more to install.

The document is built from the same format-neutral sections as the Word and
Markdown exports (:mod:`facilitator.export.sections`), as a ``QTextDocument``
(:mod:`.builder`), then painted page by page onto a ``QPdfWriter`` with a
running header and page numbers (:mod:`.pages`). Qt embeds the fonts it uses
as subsets, turns links into link annotations and lays out right-to-left
scripts by itself. It lives in the UI layer because it needs Qt; the command
line reaches it through :mod:`.command`.
"""

from facilitator.ui.pdf.pages import export_pdf, render_pdf

__all__ = ["export_pdf", "render_pdf"]
