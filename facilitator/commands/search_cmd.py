"""``facilitator search QUERY``: ranked full-text search of the library, or rebuild its index."""

from __future__ import annotations

import argparse
import json
import sys
import time

from facilitator.commands.common import (
    CommandFailed,
    add_taxonomy_option,
    one_line_errors,
    open_service,
    taxonomy_from,
)
from facilitator.library.query import FILTER_HELP

MAX_LIMIT = 1_000


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the ``search`` arguments."""
    parser.add_argument(
        "query",
        nargs="?",
        default="",
        help=f'words, "exact phrases", -excluded, word OR word, and filters: {FILTER_HELP}',
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="best N (default 20)")
    parser.add_argument(
        "--rebuild-index", action="store_true", help="rebuild the search index of every debrief"
    )
    add_taxonomy_option(parser)
    parser.set_defaults(run=run)


def _marked(snippet: str, spans: tuple[tuple[int, int], ...], bold: bool) -> str:
    start, end = ("\033[1m", "\033[0m") if bold else ("**", "**")
    out, last = [], 0
    for a, b in spans:
        out += [snippet[last:a], start, snippet[a:b], end]
        last = b
    out.append(snippet[last:])
    return "".join(out)


@one_line_errors
def run(args: argparse.Namespace) -> int:
    """Search, print the hits; exit 0 with hits, 1 with none, 2 on error."""
    if not 1 <= args.limit <= MAX_LIMIT:
        raise CommandFailed(f"--limit must be between 1 and {MAX_LIMIT}")
    taxonomy = taxonomy_from(args)
    with open_service(args) as service:
        if args.rebuild_index:
            began = time.perf_counter()
            count = service.rebuild_search_index()
            print(f"indexed {count} debriefs in {time.perf_counter() - began:.1f} s")
            if not args.query:
                return 0
        page = service.search(args.query, taxonomy=taxonomy, limit=args.limit)
    out = sys.stdout
    if args.format == "json":
        rows = [
            {
                "id": h.id,
                "title": h.title,
                "incident": h.incident,
                "severity": h.severity,
                "status": str(h.status),
                "date": h.date.date().isoformat() if h.date else None,
                "field": h.field or None,
                "snippet": h.snippet,
                "highlights": [list(span) for span in h.highlights],
                "score": round(h.score, 4),
            }
            for h in page.hits
        ]
        out.write(json.dumps({"total": page.total, "hits": rows}, ensure_ascii=False, indent=2))
        out.write("\n")
        return 0 if page.hits else 1
    bold = out.isatty()
    shown = f"{len(page.hits)} of {page.total}" if page.total > len(page.hits) else str(page.total)
    noun = "debrief matches" if page.total == 1 else "debriefs match"
    out.write(f"{shown} {noun} {args.query!r}\n" if args.query else f"{shown} {noun}\n")
    for h in page.hits:
        when = h.date.date().isoformat() if h.date else "----------"
        title = " ".join(h.title.split()) or "(untitled)"
        ref = f"  {h.incident}" if h.incident else ""
        out.write(f"\n{when}  {h.severity or '-':<5} {title}{ref}  [{h.id[:8]}]\n")
        if h.snippet:
            out.write(f"    {h.field}: {_marked(h.snippet, h.highlights, bold)}\n")
    return 0 if page.hits else 1
