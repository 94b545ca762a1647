"""``facilitator actions``: every action item across debriefs, filtered, for people or trackers.

Also the ``--format ics`` branch of ``facilitator export``. Only the parser
registration lives in :mod:`facilitator.cli`; the work is done here.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator.export.atomic import ExportError, write_atomically
from facilitator.followup.filters import ActionFilter, DueFilter, StatusFilter
from facilitator.followup.trackers import (
    DEFAULT_LABEL,
    FORMATS,
    JIRA_DATE_PATTERN,
    ExportOptions,
    encode,
    render,
)

if TYPE_CHECKING:
    from facilitator.domain.model import Debrief
    from facilitator.storage import DebriefService

_STATUS = {
    "open": StatusFilter.OPEN,
    "in_progress": StatusFilter.IN_PROGRESS,
    "done": StatusFilter.DONE,
    "dropped": StatusFilter.DROPPED,
    "all": StatusFilter.ALL,
}


class ActionsCommandError(ExportError):
    """A user-facing failure of the command; the CLI prints it as one line (exit 2)."""


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``facilitator actions``."""
    parser.add_argument(
        "--status",
        choices=tuple(_STATUS),
        default="open",
        help="open (the default: open or in progress), in_progress, done, dropped, or all",
    )
    parser.add_argument("--owner", metavar="NAME", default="", help="only this owner's items")
    parser.add_argument("--overdue", action="store_true", help="only open items past their date")
    parser.add_argument("--debrief", metavar="ID", default="", help="one debrief (id or prefix)")
    parser.add_argument("--service", metavar="NAME", default="", help="debriefs of this service")
    parser.add_argument("--tag", metavar="TAG", default="", help="debriefs with this tag")
    parser.add_argument(
        "--without-ticket", action="store_true", help="only items that have no ticket yet"
    )
    parser.add_argument("--format", choices=FORMATS, default="text")
    parser.add_argument(
        "--label",
        default=DEFAULT_LABEL,
        help=f"the label every ticket carries (default: {DEFAULT_LABEL})",
    )
    parser.add_argument(
        "--bom", action="store_true", help="start CSV files with a byte-order mark (for Excel)"
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="output file (- or none: stdout)")
    parser.epilog = (
        f"Jira files write due dates as {JIRA_DATE_PATTERN}; give the importer that pattern."
    )


def _debrief_id(service: DebriefService, prefix: str) -> str:
    if not prefix:
        return ""
    matches = [e.id for e in service.list() if e.id.startswith(prefix.lower())]
    if not matches:
        raise ActionsCommandError(f"no debrief has an id starting with {prefix!r}")
    if len(matches) > 1:
        raise ActionsCommandError(
            f"{prefix!r} matches {len(matches)} debriefs; give more of the id"
        )
    return matches[0]


def run(args: argparse.Namespace, service: DebriefService, *, today: date | None = None) -> int:
    """List or export the action items ``args`` ask for; return the exit status."""
    from facilitator.storage.followup import FollowUpService

    today = today or date.today()
    criteria = ActionFilter(
        status=_STATUS[args.status],
        owner=args.owner,
        due=DueFilter.OVERDUE if args.overdue else DueFilter.ANY,
        service=args.service,
        tag=args.tag,
        debrief_id=_debrief_id(service, args.debrief),
        without_ticket=args.without_ticket,
    )
    records = FollowUpService(service).actions(criteria.debrief_id or None)
    chosen = criteria.apply(records, today)
    options = ExportOptions(label=args.label, bom=args.bom)
    data = encode(render(chosen, args.format, options), args.format, options)
    _write(data, args.output)
    if args.output and args.output != "-":
        print(f"wrote {len(chosen)} action item{'s' if len(chosen) != 1 else ''} to {args.output}")
    return 0


def _write(data: bytes, out: str | None) -> None:
    if not out or out == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_atomically(Path(out), lambda handle: handle.write(data))


def export_ics(debrief: Debrief, out: str | None) -> int:
    """Write ``debrief``'s checkpoint as an iCalendar file (``export --format ics``)."""
    from facilitator.followup.calendar import CalendarError, checkpoint_calendar

    try:
        text = checkpoint_calendar(debrief, local_zone=datetime.now().astimezone().tzinfo)
    except CalendarError as exc:
        raise ActionsCommandError(str(exc)) from None
    _write(text.encode("utf-8"), out)
    return 0
