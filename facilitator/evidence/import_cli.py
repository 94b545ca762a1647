"""``facilitator timeline import``: add events to a debrief's timeline from chat, alerts and logs.

With ``--dry-run`` it prints the candidates with their guessed kinds, language
findings and duplicates and changes nothing; without it, it adds the chosen ones
(every candidate after the filters, except those already on the timeline unless
``--all``) and any new participants, in one save, and prints the count;
``--moment detection=3`` marks a moment by the number the dry run shows. Errors
are one line on stderr with exit status 2; nothing is saved then.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from facilitator.evidence.candidates import Candidate, Evidence, ReadOptions, by_authors
from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.sources import KINDS

if TYPE_CHECKING:
    from facilitator.domain.model import Debrief, TimelineEvent
    from facilitator.language import Finding

EXIT_ERROR = 2


def configure_parser(
    parser: argparse.ArgumentParser, db_option: Callable[[argparse.ArgumentParser, object], None]
) -> None:
    """Add ``timeline import`` under ``parser`` (the ``timeline`` command)."""
    commands = parser.add_subparsers(dest="timeline_command", metavar="COMMAND", required=True)
    text = "add timeline events from a Slack export, a chat transcript, PagerDuty, Opsgenie or CSV"
    imp = commands.add_parser("import", help=text, description=text)
    db_option(imp, argparse.SUPPRESS)
    imp.add_argument("debrief", metavar="ID", help="the debrief's id or the start of it")
    imp.add_argument(
        "source", metavar="SOURCE", help="a file, a Slack export (ZIP or folder), or - for stdin"
    )
    imp.add_argument(
        "--from", dest="kind", choices=KINDS, help="the kind of source (default: told from it)"
    )
    imp.add_argument(
        "--channel", action="append", default=[], metavar="NAME", help="Slack channel (repeatable)"
    )
    imp.add_argument("--since", metavar="ISO", help="leave out what came before this time")
    imp.add_argument("--until", metavar="ISO", help="leave out what came after this time")
    imp.add_argument(
        "--tz",
        metavar="ZONE",
        help="zone of times without an offset (default: the debrief's zone, else this computer's)",
    )
    imp.add_argument(
        "--day", metavar="DATE", help="day of transcript lines without a date (default: incident's)"
    )
    imp.add_argument(
        "--author", nargs="+", action="extend", default=[], metavar="NAME",
        help="keep only what these people wrote",
    )  # fmt: skip
    for what in ("joins", "leaves", "bots"):
        imp.add_argument(
            f"--include-{what}", action="store_true", help=f"Slack: keep {what[:-1]} messages"
        )
    for role, required in (("time", True), ("text", True), ("author", False), ("kind", False)):
        imp.add_argument(
            f"--{role}-col",
            default="",
            metavar="COLUMN",
            help=f"CSV: the {role} column, by header or number"
            + ("" if required else " (optional)"),
        )
    imp.add_argument(
        "--moment",
        action="append",
        default=[],
        metavar="MOMENT=N",
        help="mark candidate N (as --dry-run numbers them) as the start, detection, mitigation "
        "or resolution, e.g. --moment detection=3",
    )
    choice = imp.add_mutually_exclusive_group()
    choice.add_argument(
        "--dry-run", action="store_true", help="print the candidates and change nothing"
    )
    choice.add_argument(
        "--all", action="store_true", help="also add candidates already on the timeline"
    )
    imp.set_defaults(timeline_run=run)


@dataclass
class _Row:
    candidate: Candidate
    duplicate: TimelineEvent | None
    findings: list[Finding]


def run(
    args: argparse.Namespace,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``timeline import``; return the exit status (streams default to the process's)."""
    from facilitator.storage import DebriefService, StorageError

    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr

    try:
        with DebriefService(args.db) as service:
            debrief = _find(service, args.debrief)
            evidence, rows, zone_name = _read(args, debrief, stdin)
            moments = _moments(args.moment, len(rows))
            if args.dry_run:
                try:
                    _print_dry_run(evidence, rows, debrief, zone_name, stdout)
                    stdout.flush()
                except BrokenPipeError:
                    # The reader stopped early (| head): not an error, and nothing to say.
                    _quiet_stdout()
                return 0
            return _add(service, debrief, rows, moments, everything=args.all, out=stdout)
    except (EvidenceError, StorageError) as exc:
        print(f"facilitator: {exc}", file=stderr)
        return EXIT_ERROR


def _quiet_stdout() -> None:
    # Python flushes stdout again at exit; point it at the null device so that flush is silent.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _find(service: Any, prefix: str) -> Debrief:
    matches = [e.id for e in service.list() if e.id.startswith(prefix.lower())]
    if not matches:
        raise EvidenceError(f"no debrief has an id starting with {prefix!r}")
    if len(matches) > 1:
        raise EvidenceError(f"{prefix!r} matches {len(matches)} debriefs; give more of the id")
    return service.load(matches[0])  # type: ignore[no-any-return]


def _read(
    args: argparse.Namespace, debrief: Debrief, stdin: TextIO
) -> tuple[Evidence, list[_Row], str]:
    from facilitator.evidence import find_duplicates, match_authors, read_path, read_text
    from facilitator.evidence.times import local_zone_name, zone_named
    from facilitator.language import default_checker

    zone_name = args.tz or debrief.timezone or local_zone_name()
    zone = zone_named(zone_name)
    options = ReadOptions(
        zone=zone_name,
        day=_day(args.day, debrief, zone),
        channels=tuple(args.channel),
        since=_moment(args.since, "--since", zone, end=False),
        until=_moment(args.until, "--until", zone, end=True),
        include_joins=args.include_joins,
        include_leaves=args.include_leaves,
        include_bots=args.include_bots,
        time_column=args.time_col,
        text_column=args.text_col,
        author_column=args.author_col,
        kind_column=args.kind_col,
    )
    if args.source == "-":
        evidence = read_text(_stdin_text(stdin, options), options, args.kind or "chat")
    else:
        evidence = read_path(Path(args.source), options, args.kind)
    candidates = by_authors(evidence.candidates, args.author)
    if not candidates:
        raise EvidenceError(f"{evidence.describe()}; nothing to import after the filters")
    evidence.candidates = candidates
    duplicates = find_duplicates(candidates, debrief.timeline)
    authors = match_authors(((c.author, c.person) for c in candidates), debrief.participants)
    people = sorted({*debrief.people, *(m.name for m in authors.values() if m.name)})
    checker = default_checker()
    rows = [
        _Row(c, duplicates.get(i), checker.check(c.text, people)) for i, c in enumerate(candidates)
    ]
    return evidence, rows, zone_name


def _stdin_text(stdin: TextIO, options: ReadOptions) -> str:
    from facilitator.evidence.limits import size_text
    from facilitator.evidence.textcodec import decode_text

    limit = options.limits.text_bytes
    buffer = getattr(stdin, "buffer", None)
    data = buffer.read(limit + 1) if buffer is not None else stdin.read(limit + 1).encode()
    if len(data) > limit:
        raise EvidenceError(f"standard input is larger than {size_text(limit)}; use a file")
    return decode_text(data, "standard input")


def _day(text: str | None, debrief: Debrief, zone: tzinfo) -> date:
    if text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise EvidenceError(f"--day: “{text}” is not a date like 2026-03-14") from None
    for moment in (debrief.started_at, debrief.detected_at, debrief.meeting_at):
        if moment is not None:
            return moment.astimezone(zone).date()
    return datetime.now(zone).date()


def _moment(text: str | None, option: str, zone: tzinfo, *, end: bool) -> datetime | None:
    if not text:
        return None
    try:
        if len(text.strip()) == 10:
            day = date.fromisoformat(text.strip())
            return datetime.combine(day, time.max if end else time.min, zone)
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise EvidenceError(
            f"{option}: “{text}” is not an ISO date or time (like 2026-03-14T19:00)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


# -- output ----------------------------------------------------------------------------------


def _print_dry_run(
    evidence: Evidence, rows: Sequence[_Row], debrief: Debrief, zone_name: str, out: TextIO
) -> None:
    from facilitator.evidence import match_authors
    from facilitator.evidence.times import zone_named

    shown_zone = debrief.timezone or zone_name
    show = zone_named(shown_zone)
    out.write(evidence.describe() + "\n")
    if evidence.chosen_columns:
        columns = ", ".join(f"{k} = “{v}”" for k, v in evidence.chosen_columns.items())
        out.write(f"Columns: {columns}\n")
    if evidence.naive:
        out.write(f"Times without an offset are read as {zone_name} (--tz changes this).\n")
    else:
        out.write("Every time carries its own offset, so --tz does not change them.\n")
    out.write(f"Times are shown in {shown_zone}, like the debrief's timeline.\n\n")
    days = {r.candidate.at.astimezone(show).date() for r in rows}
    pattern = "%a %d %b %H:%M:%S" if len(days) > 1 else "%H:%M:%S"
    author_width = min(18, max([6, *(len(r.candidate.author) for r in rows)]))
    out.write(f"{'#':>4}  {'time':<{len(_time(rows[0], show, pattern))}}  {'kind':<10}  "
              f"{'author':<{author_width}}  text\n")  # fmt: skip
    for number, row in enumerate(rows, start=1):
        c = row.candidate
        text = " ".join(c.text.split())
        out.write(
            f"{number:>4}  {_time(row, show, pattern)}  {c.kind.value:<10}  "
            f"{c.author[:author_width]:<{author_width}}  {text}\n"
        )
        for finding in row.findings:
            out.write(f"{'':>6}⚑ {finding.category}: “{finding.text}” — {finding.message}\n")
        if row.duplicate is not None:
            event = row.duplicate
            when = event.at.astimezone(show).strftime("%H:%M") if event.at else "--:--"
            out.write(
                f"{'':>6}≈ already on the timeline: {when} “{_short(event.text)}” "
                "(left out; --all adds it)\n"
            )
    duplicates = sum(1 for r in rows if r.duplicate is not None)
    flagged = sum(1 for r in rows if r.findings)
    # Only authors of what would be added become participants.
    adding = [r.candidate for r in rows if r.duplicate is None]
    authors = match_authors(((c.author, c.person) for c in adding), debrief.participants)
    new_people = sorted({m.name for m in authors.values() if m.new})
    out.write(
        f"\n{len(rows)} candidate{'s' if len(rows) != 1 else ''}: "
        f"{len(rows) - duplicates} would be added"
        + (f", {duplicates} already on the timeline" if duplicates else "")
        + f"; {flagged} with language findings"
        + (f"; new participants (role to fill in): {', '.join(new_people)}" if new_people else "")
        + ".\nNothing was changed (dry run).\n"
    )


def _time(row: _Row, zone: tzinfo, pattern: str) -> str:
    shown = row.candidate.at.astimezone(zone).strftime(pattern)
    return ("↳ " if row.candidate.reply else "  ") + shown


def _short(text: str, size: int = 50) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def _moments(values: Sequence[str], count: int) -> dict[str, int]:
    """``["detection=3"]`` as {"detection": 2} (0-based); raise EvidenceError on a bad one."""
    from facilitator.evidence.apply import MOMENT_FIELDS

    moments: dict[str, int] = {}
    for value in values:
        name, _eq, number = value.partition("=")
        name = name.strip().lower()
        if name not in MOMENT_FIELDS or not number.strip().isdigit():
            raise EvidenceError(
                f"--moment: “{value}” should be one of {', '.join(MOMENT_FIELDS)} "
                "with a candidate number, like detection=3"
            )
        if not 1 <= int(number) <= count:
            raise EvidenceError(f"--moment: there is no candidate {number} (1 to {count})")
        moments[name] = int(number) - 1
    return moments


def _add(
    service: Any,
    debrief: Debrief,
    rows: Sequence[_Row],
    moments: dict[str, int],
    *,
    everything: bool,
    out: TextIO,
) -> int:
    from facilitator.evidence import add_candidates

    # A candidate marked as a moment is added even if it looks like a duplicate.
    marked = set(moments.values())
    kept = [i for i, r in enumerate(rows) if everything or r.duplicate is None or i in marked]
    chosen = [rows[i].candidate for i in kept]
    left = len(rows) - len(chosen)
    position = {row: n for n, row in enumerate(kept)}
    added = add_candidates(
        debrief, chosen, moments={name: position[row] for name, row in moments.items()}
    )
    service.save(debrief)  # one save, however many events
    title = debrief.title.strip() or "Untitled debrief"
    line = f"added {len(added.events)} event{'s' if len(added.events) != 1 else ''} to “{title}”"
    if left:
        line += f"; {left} already on the timeline left out (--all adds them)"
    out.write(line + "\n")
    if added.participants:
        names = ", ".join(p.name for p in added.participants)
        out.write(f"added participants (fill in their roles): {names}\n")
    for name in added.moments:
        out.write(f"marked the {name} moment\n")
    return 0
