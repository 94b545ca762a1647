"""``facilitator matrix``: the classification matrix as CSV, a Word document or text."""

from __future__ import annotations

import argparse
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


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``matrix`` arguments."""
    parser.add_argument("--where", default="", metavar="QUERY", help="only debriefs matching")
    parser.add_argument("--format", choices=("csv", "docx", "text"), default="csv")
    parser.add_argument("-o", "--output", metavar="FILE", help="output file (- or none: stdout)")
    parser.add_argument("--template", metavar="FILE", help="a .docx whose styles the document uses")
    add_taxonomy_option(parser)
    parser.set_defaults(run=run)


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _text(rows, items) -> str:  # type: ignore[no-untyped-def]
    from facilitator.library.matrix import COLUMNS

    sizes = [max(n, len(c)) for c, n in zip(COLUMNS, (34, 4, 22, 24, 40, 24, 6, 6, 4), strict=True)]
    lines = ["  ".join(f"{c:<{n}}" for c, n in zip(COLUMNS, sizes, strict=True))]
    for row in rows:
        lines.append("  ".join(f"{_cut(c, n):<{n}}" for c, n in zip(row.cells, sizes, strict=True)))
    open_items = [(s, a) for s, a in items if a.is_open]
    lines += [
        "",
        f"What we are doing about it: {len(open_items)} open of {len(items)} action items",
    ]
    for summary, item in open_items:
        due = item.due.isoformat() if item.due else "no due date"
        where = summary.incident or summary.title
        owner = item.owner or "no owner"
        lines.append(f"  {_cut(item.title, 48):<48}  {owner:<14}  {due:<11}  {where}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


@one_line_errors
def run(args: argparse.Namespace) -> int:
    """Write the matrix."""
    from facilitator.library.matrix import matrix_rows, to_csv

    taxonomy = taxonomy_from(args)
    out = args.output
    if args.format == "docx" and (not out or out == "-"):
        raise CommandFailed("a Word document needs an output file: add -o FILE.docx")
    with open_service(args) as service:
        facts = service.facts(args.where, taxonomy=taxonomy)
        items = service.action_items(args.where, taxonomy=taxonomy, open_only=False)
    rows = matrix_rows(facts, taxonomy)
    if args.format == "docx":
        _docx(args, rows, items, Path(out))
        print(f"wrote {len(rows)} debriefs to {out}", file=sys.stderr)
        return 0
    text = to_csv(rows, facts) if args.format == "csv" else _text(rows, items)
    if not out or out == "-":
        sys.stdout.write(text)
    else:
        from facilitator.export.atomic import write_atomically

        data = text.encode("utf-8-sig" if args.format == "csv" else "utf-8")
        write_atomically(Path(out), lambda handle: handle.write(data))
    return 0


def _docx(args: argparse.Namespace, rows, items, out: Path) -> None:  # type: ignore[no-untyped-def]
    from facilitator.export.blocks import Paragraph, Text
    from facilitator.export.library_docx import export_blocks_docx
    from facilitator.library.review import actions_table, matrix_table

    where = args.where.strip()
    open_items = [pair for pair in items if pair[1].is_open]
    done = len(items) - len(open_items)
    follow = f"{len(open_items)} action items are open or in progress; {done} are done or dropped."
    sections = [
        ("Classification matrix", [matrix_table(rows)]),
        (
            "What we are doing about it",
            [Paragraph(Text(follow)), actions_table(items, date.today())],
        ),
    ]
    subtitle = f"{len(rows)} debriefs" + (f" matching {where}" if where else "")
    export_blocks_docx("Incident classification", subtitle, sections, out, template=args.template)
