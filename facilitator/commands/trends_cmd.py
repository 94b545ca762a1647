"""``facilitator trends --count --by DIMENSION``: how many debriefs per service, cause, month..."""

from __future__ import annotations

import argparse
import csv
import json
import sys

from facilitator.commands.common import (
    CommandFailed,
    add_taxonomy_option,
    one_line_errors,
    open_service,
    taxonomy_from,
)
from facilitator.library.query import parse_day, parse_query
from facilitator.library.trends import DIMENSIONS, count_by

BAR_WIDTH = 40
#: Only the labels need child rows; time dimensions read the debrief rows alone.
_PARTS = {"service": ("labels",), "tag": ("labels",)}


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``trends`` arguments."""
    parser.add_argument(
        "--count", action="store_true", help="count debriefs (the one measure so far; default)"
    )
    parser.add_argument("--by", choices=DIMENSIONS, required=True, help="what to count by")
    parser.add_argument("--where", default="", metavar="QUERY", help="only debriefs matching")
    parser.add_argument("--since", default=None, metavar="DATE", help="only incidents from DATE")
    parser.add_argument("--format", choices=("text", "csv", "json"), default="text")
    add_taxonomy_option(parser)
    parser.set_defaults(run=run)


@one_line_errors
def run(args: argparse.Namespace) -> int:
    """Print the counts."""
    taxonomy = taxonomy_from(args)
    query = parse_query(args.where, taxonomy)
    if args.since:
        try:
            since = parse_day(args.since).isoformat()
        except ValueError:
            raise CommandFailed(
                f"--since {args.since!r} is not a date such as 2026-07-01"
            ) from None
        query = parse_query(f"{args.where} after:{since}", taxonomy)
    with open_service(args) as service:
        facts = service.facts(query, taxonomy=taxonomy, parts=_PARTS.get(args.by, ()))
    counts = count_by(facts, args.by, taxonomy)
    out = sys.stdout
    if args.format == "json":
        rows = [{args.by: c.key, "count": c.count, "share": round(c.share, 4)} for c in counts]
        out.write(
            json.dumps({"debriefs": len(facts), "counts": rows}, ensure_ascii=False, indent=2)
        )
        out.write("\n")
    elif args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow((args.by, "count", "share"))
        for c in counts:
            writer.writerow((c.key, c.count, f"{c.share:.4f}"))
    else:
        width = max([len(args.by), *(len(c.key) for c in counts)])
        peak = max((c.count for c in counts), default=1)
        where = query.source.strip()
        out.write(f"{len(facts)} debriefs" + (f" matching {where!r}" if where else "") + "\n\n")
        out.write(f"{args.by:<{width}}  {'count':>5}  {'share':>5}\n")
        for c in counts:
            bar = "█" * max(1, round(BAR_WIDTH * c.count / peak)) if c.count else ""
            out.write(f"{c.key:<{width}}  {c.count:>5}  {c.share:>5.0%}  {bar}\n")
    return 0
