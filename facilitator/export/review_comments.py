"""Review comments: which language findings become Word comments, and where.

The checker's findings are read only through what every finding shape offers:
``start``/``end`` offsets, ``rule``, ``message`` and ``suggestion``. The flagged
phrase, needed to honour "keep this wording" choices, is read back from the
field's own text, so the language module may reshape its findings freely.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from facilitator.domain.model import Debrief
from facilitator.export.atomic import ExportError
from facilitator.export.blocks import Bullets, Panel, Paragraph, Table, Text
from facilitator.export.docx_text import Anchor, FieldFindingLike, anchor_for
from facilitator.export.sections import build_sections


def comment_anchors(
    debrief: Debrief, checker: Any, findings: Sequence[FieldFindingLike] | None
) -> dict[str, list[Anchor]]:
    if findings is None:
        try:
            # Imported here: exports without comments must not depend on the checker.
            from facilitator.language.debrief_findings import debrief_findings
        except ImportError as error:
            raise ExportError(
                "Review comments need the language checker, which is not available."
            ) from error
        args = (debrief,) if checker is None else (debrief, checker)
        findings = debrief_findings(*args)
    """Return the review comments to anchor, by field, leaving out wording the team kept."""
    texts = _field_texts(debrief)
    grouped: dict[str, list[Anchor]] = defaultdict(list)
    for item in findings:
        if not _kept_by_facilitator(debrief, item, texts.get(item.field, "")):
            grouped[item.field].append(anchor_for(item.finding))
    return grouped


def _field_texts(debrief: Debrief) -> dict[str, str]:
    """Every exported text by its field key, to read a flagged phrase back from its offsets."""
    texts: dict[str, str] = {}

    def visit(text: Text) -> None:
        if text.field:
            texts[text.field] = text.text

    for section in build_sections(debrief):
        for block in section.blocks:
            if isinstance(block, Paragraph):
                visit(block.text)
            elif isinstance(block, Bullets):
                for item in block.items:
                    visit(item)
            elif isinstance(block, Table):
                for row in block.rows:
                    for cell in row:
                        visit(cell)
            elif isinstance(block, Panel):
                for _label, value in block.facts:
                    visit(value)
    return texts


def _kept_by_facilitator(debrief: Debrief, item: FieldFindingLike, field_text: str) -> bool:
    """True when the facilitator chose to keep this wording, so it must not be flagged again.

    Only the finding's rule and offsets are read: the phrase is taken from the field's
    own text, so this does not depend on how the checker shapes its findings.
    """
    rule = getattr(item.finding, "rule", "")
    start, end = int(item.finding.start), int(item.finding.end)
    phrase = field_text[max(start, 0) : max(end, 0)]
    for ignored in debrief.ignored_findings:
        if ignored.rule != rule:
            continue
        if not ignored.text or (ignored.text == phrase and ignored.field in ("", item.field)):
            return True
    return False
