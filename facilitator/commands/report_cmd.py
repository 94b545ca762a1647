"""``facilitator report --month 2026-11``: the monthly learning review as Word, Markdown or PDF."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from facilitator.commands.common import (
    CommandFailed,
    add_taxonomy_option,
    one_line_errors,
    open_service,
    taxonomy_from,
)
from facilitator.domain.taxonomy import Taxonomy

_MONTH = re.compile(r"(\d{4})-(\d{2})")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``report`` arguments."""
    parser.add_argument("--month", required=True, metavar="YYYY-MM", help="the month to review")
    parser.add_argument("--format", choices=("docx", "md", "pdf"), default="docx")
    parser.add_argument("-o", "--output", metavar="FILE", help="output file (default: derived)")
    parser.add_argument("--template", metavar="FILE", help="a .docx whose styles the document uses")
    add_taxonomy_option(parser)
    parser.set_defaults(run=run)


def parse_month(text: str) -> date:
    """The first day of "2026-11"; raise CommandFailed for anything else."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CommandFailed(f"--month {text!r} is not a month such as 2026-11")
    return date(int(match.group(1)), int(match.group(2)), 1)


def _shift(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def gather(service, month: date, taxonomy: Taxonomy, today: date):  # type: ignore[no-untyped-def]
    """Everything the review of ``month`` shows, and the chart data, from the store."""
    from facilitator.library.matrix import matrix_rows
    from facilitator.library.review import Learnings, build_review

    start, end = month.isoformat(), _shift(month, 1).isoformat()
    in_month = f"after:{start} before:{end}"
    trend_facts = service.facts(
        f"after:{_shift(month, -11).isoformat()} before:{end}", taxonomy=taxonomy
    )
    # The month is the last of the twelve: no second query. ``day`` is the day after:
    # and before: compare (the incident's start, else meeting, else creation).
    first, last = month, _shift(month, 1)
    month_facts = [f for f in trend_facts if f.day is not None and first <= f.day < last]
    learnings = [
        Learnings(summary, taxonomy.severity_rank(summary.severity), texts)
        for summary, texts in service.learnings(in_month, taxonomy=taxonomy)
    ]
    open_items = service.action_items(in_month, taxonomy=taxonomy)
    end_day = _shift(month, 1)
    overdue = service.action_items(
        f"before:{start}", taxonomy=taxonomy, due_before=min(end_day, today)
    )
    review = build_review(
        month,
        month_facts,
        trend_facts,
        matrix_rows(month_facts, taxonomy),
        learnings,
        open_items,
        overdue,
        taxonomy,
        today,
    )
    return review, trend_facts


def render_charts(facts, taxonomy: Taxonomy) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """Every chart of the review as PNG bytes, laid out for the page."""
    from facilitator.charts.render import CHARTS, ChartSpec, build_chart, to_png

    spec = ChartSpec(fixed=True)
    return {key: to_png(build_chart(key, facts, taxonomy, spec)) for key in CHARTS}


@one_line_errors
def run(args: argparse.Namespace) -> int:
    """Write the review."""
    month = parse_month(args.month)
    taxonomy = taxonomy_from(args)
    out = Path(args.output or f"learning-review-{month:%Y-%m}.{args.format}")
    with open_service(args) as service:
        review, trend_facts = gather(service, month, taxonomy, date.today())
    charts = render_charts(trend_facts, taxonomy)
    if args.format == "docx":
        from facilitator.export.library_docx import export_review_docx

        export_review_docx(review, charts, out, template=args.template)
    elif args.format == "md":
        from facilitator.export.library_markdown import export_review_markdown

        export_review_markdown(review, charts, out)
    else:
        from facilitator.ui.review_pdf import export_review_pdf_offscreen

        export_review_pdf_offscreen(review, charts, out)
    print(f"wrote {out}", file=sys.stderr)
    return 0
