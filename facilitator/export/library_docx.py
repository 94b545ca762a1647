"""Word documents of the library: the classification matrix and the monthly learning review.

Both reuse the debrief exporter's builder (template styles, tables, bullets) on a
landscape page, so the wide matrix fits, and add the trend charts as pictures.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.shared import Emu, Inches, Pt

from facilitator.export.atomic import write_atomically
from facilitator.export.blocks import Block, Text
from facilitator.export.docx_template import open_template
from facilitator.export.docx_writer import _EMU_PER_PT, _Builder
from facilitator.library.review import Chart, Review


def _landscape(document) -> None:  # type: ignore[no-untyped-def]
    for section in document.sections:
        if section.orientation != WD_ORIENT.LANDSCAPE:
            width, height = section.page_width, section.page_height
            section.orientation = WD_ORIENT.LANDSCAPE
            if width and height and width < height:
                section.page_width, section.page_height = height, width
        for name in ("left_margin", "right_margin"):
            setattr(section, name, Inches(0.7))


class _LibraryBuilder(_Builder):
    """The debrief builder, plus pictures and a document title of our own."""

    def __init__(self, document, charts: dict[str, bytes]) -> None:  # type: ignore[no-untyped-def]
        _landscape(document)
        super().__init__(document, {})
        self.charts = charts

    def paragraph(self, style: str | None = None):  # type: ignore[no-untyped-def]
        # python-docx looks a style up by name through the whole styles part on every
        # paragraph; a review has a thousand of them, so resolve each name once.
        cache = self.__dict__.setdefault("_style_objects", {})
        if style is not None and style not in cache:
            cache[style] = self.doc.styles[style]
        paragraph = self.doc.add_paragraph()
        if style is not None:
            paragraph._p.get_or_add_pPr().style = cache[style].style_id
        if self.after_table and style not in (self.styles.heading1, self.styles.heading2):
            paragraph.paragraph_format.space_before = Pt(8)
        self.after_table = False
        return paragraph

    def heading(self, text: str, level: int = 1) -> None:
        style = self.styles.heading1 if level == 1 else self.styles.heading2
        self.paragraph(style).add_run(text)

    def chart(self, chart: Chart) -> None:
        data = self.charts.get(chart.key)
        if data is None:
            return
        self.heading(chart.title, 2)
        picture = self.paragraph().add_run().add_picture(io.BytesIO(data))
        # Full text width, keeping the aspect ratio.
        ratio = picture.height / picture.width
        width = self.width_pt * _EMU_PER_PT
        picture.width = Emu(int(width))
        picture.height = Emu(int(width * ratio))
        if chart.caption:
            self.text(self.paragraph(self.styles.note), Text(chart.caption), self.paragraph)

    def any_block(self, block: Block | Chart) -> None:
        if isinstance(block, Chart):
            self.chart(block)
        else:
            self.block(block)

    def build_review(self, review: Review) -> None:
        self.paragraph(self.styles.title).add_run(review.title)
        if self.styles.subtitle:
            self.paragraph(self.styles.subtitle).add_run(review.subtitle)
        for section in review.sections:
            self.heading(section.heading)
            for block in section.blocks:
                self.any_block(block)
        self.header_and_footer(review.title)


def export_review_docx(
    review: Review, charts: dict[str, bytes], out: str | Path, *, template: str | Path | None = None
) -> Path:
    """Write the review (charts as PNG bytes by key) as a Word document; return the path."""
    document = open_template(template)
    _LibraryBuilder(document, charts).build_review(review)
    props = document.core_properties
    props.title = review.title[:255]
    props.category = "Learning review"
    props.comments = "Exported from Facilitator."
    return write_atomically(Path(out), document.save)


def export_blocks_docx(
    title: str,
    subtitle: str,
    sections: Sequence[tuple[str, Sequence[Block]]],
    out: str | Path,
    *,
    template: str | Path | None = None,
) -> Path:
    """Write titled sections of blocks (the matrix and its action items) as a Word document."""
    from facilitator.library.review import ReviewSection

    review = Review(title, subtitle, tuple(ReviewSection(h, tuple(b)) for h, b in sections))
    return export_review_docx(review, {}, out, template=template)
