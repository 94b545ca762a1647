"""Reading a chat transcript that was pasted or saved as text.

The layouts people copy, in any mix:

- ``[19:04] ada: text`` (also ``[2026-03-14 19:04:05] <ada> text``);
- ``19:04 <ada> text`` and ``19:04 ada: text``;
- Slack's copied form: a line with a name and a time (``Ada Okafor  7:04 PM``), then the
  message lines; a line with only a time starts another message from the same person;
- an ISO time at the start of a line (``2026-03-14T19:04:05Z ada: text``).

A line that does not start a message continues the one before. A line holding only
a date ("Friday, March 13th", "2026-03-14") sets the day. Times without a date take
the incident's day and roll to the next day when the clock runs back past midnight.
Provenance: ``chat:<file name or "pasted">#L<line number>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from facilitator.evidence.candidates import Candidate, Evidence, ReadOptions, within
from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.kinds import guess_kind
from facilitator.evidence.times import clock_of, parse_loose, parse_moment, place, zone_named

#: A clock that runs back by more than this has passed midnight; less is a line out of order.
ROLLOVER_GAP = timedelta(hours=3)

_CLOCK = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s?(?P<ampm>[AaPp])\.?[Mm]\.?)?"
_DAY = r"(?P<date>\d{4}-\d{2}-\d{2})"
_OFF = r"(?:\s?(?P<z>Z|UTC|[+-]\d{2}:?\d{2}))?"
_ISO = re.compile(
    r"(?P<iso>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
    r"(?:\s?(?:Z|UTC|[+-]\d{2}:?\d{2}))?)\s*(?:[-|–]\s+)?(?P<rest>.*)"
)
_BRACKET = re.compile(r"\[(?:" + _DAY + r"[ T])?" + _CLOCK + _OFF + r"\]\s*(?P<rest>.*)")
_PLAIN = re.compile(
    r"(?:" + _DAY + r"[ T])?" + _CLOCK + r"\s+(?P<rest><[^>]{1,60}>.*|[^\s:<][^:]{0,40}?:(?:\s.*)?)"
)
_HEADER = re.compile(
    r"(?P<name>[^\d\s\[<>:][^\[\]<>:]{0,60}?)\s+(?:(?P<app>APP|BOT)\s+)?\[?" + _CLOCK + r"\]?"
)
_TIME_ONLY = re.compile(r"\[?" + _CLOCK + r"\]?")
_AUTHOR = re.compile(
    r"<(?P<a1>[^>]{1,60})>\s?(?P<t1>.*)|(?P<a2>[^\s:<\[][^:]{0,40}?):(?:\s(?P<t2>.*))?$"
)
_NOISE = re.compile(
    r"\d+ repl(?:y|ies)|view thread|last reply .*|new messages?|today|yesterday|\(edited\)"
    r"|(?::[\w+-]+:\s*\d+\s*)+",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"[-—=\s]*(?P<body>[^-—=].*?)[-—=\s]*")
# A time at the end of a sentence ("deployed at 7:04 PM") is not a Slack name-and-time line.
_NOT_NAMES = frozenset(
    ("at", "by", "until", "till", "since", "around", "before", "after", "from", "to", "about",
     "near", "past", "approx", "approximately", "is", "was", "were", "are", "be", "and", "or",
     "the")
)  # fmt: skip


@dataclass
class _Message:
    line: int
    author: str
    text: list[str]
    clock: time | None = None
    moment: datetime | None = None  # a full date and time from the line, naive or aware


def read_transcript(text: str, options: ReadOptions) -> Evidence:
    """Read a transcript; raise EvidenceError naming the first line that cannot be read."""
    name = options.name or "pasted"
    zone = zone_named(options.zone)
    day = options.day or datetime.now(zone).date()
    messages = _messages(text, name, day)
    if not messages:
        raise EvidenceError(f"{name}: no chat messages found; the text is empty")
    evidence = Evidence("chat", name)
    last: datetime | None = None
    for message in messages:
        if message.moment is not None:
            wall_or_at = message.moment
            day = message.moment.date()
        else:
            assert message.clock is not None
            wall_or_at = datetime.combine(day, message.clock)
            if last is not None and last.tzinfo is None and wall_or_at < last - ROLLOVER_GAP:
                day += timedelta(days=1)
                wall_or_at = datetime.combine(day, message.clock)
        last = wall_or_at.replace(tzinfo=None) if wall_or_at.tzinfo is None else wall_or_at
        naive = wall_or_at.tzinfo is None
        body = "\n".join(message.text).strip()
        body = re.sub(r"\s*\(edited\)$", "", body)
        if not body:
            continue
        evidence.candidates.append(
            Candidate(
                at=place(wall_or_at, zone) if naive else wall_or_at,
                text=body,
                author=message.author,
                person=bool(message.author),
                kind=guess_kind(body),
                source=f"chat:{name}#L{message.line}",
                wall=wall_or_at if naive else None,
            )
        )
    evidence.candidates = within(evidence.candidates, options.since, options.until)
    return evidence


def _messages(text: str, name: str, incident_day: date) -> list[_Message]:
    messages: list[_Message] = []
    current: _Message | None = None
    pending_day: date | None = None
    slack_author = ""
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or _NOISE.fullmatch(line):
            continue
        found = _start(line, number, slack_author)
        if found is None:
            day = _date_line(line, incident_day)
            if day is not None:
                pending_day = day
                current = None
                continue
        if found is None:
            if current is None:
                raise EvidenceError(
                    f"{name}: line {number} is not in a chat layout this can read: "
                    f"“{_short(line)}”. Lines should start like “[19:04] Ada: …”, "
                    "“19:04 <Ada> …”, “Ada Okafor  7:04 PM” or an ISO time"
                )
            current.text.append(line)
            continue
        message, is_header = found
        if is_header:
            slack_author = message.author
        if pending_day is not None and message.moment is None and message.clock is not None:
            message.moment = datetime.combine(pending_day, message.clock)
            pending_day = None
        messages.append(message)
        current = message
    return messages


def _start(line: str, number: int, slack_author: str) -> tuple[_Message, bool] | None:
    """If ``line`` starts a message, return it and whether it is a Slack name-and-time line."""
    match = _ISO.fullmatch(line)
    if match:
        moment = parse_moment(match.group("iso").replace(",", "."))
        if moment is not None:
            author, body = _split_author(match.group("rest"))
            return _Message(number, author, [body] if body else [], moment=moment), False
    for pattern in (_BRACKET, _PLAIN):
        match = pattern.fullmatch(line)
        if match:
            clock = clock_of(match)
            if clock is None:
                continue
            author, body = _split_author(match.group("rest"))
            message = _Message(number, author, [body] if body else [], clock=clock)
            if match.group("date"):
                message.moment = _dated(match.group("date"), clock, match.group("z"))
            return message, False
    match = _HEADER.fullmatch(line)
    if match and _is_name(match.group("name")):
        clock = clock_of(match)
        if clock is not None:
            return _Message(number, match.group("name").strip(), [], clock=clock), True
    match = _TIME_ONLY.fullmatch(line)
    if match:
        clock = clock_of(match)
        if clock is not None:
            return _Message(number, slack_author, [], clock=clock), False
    return None


def _split_author(rest: str) -> tuple[str, str]:
    match = _AUTHOR.fullmatch(rest)
    if match is None:
        return "", rest.strip()
    author = (match.group("a1") or match.group("a2") or "").strip()
    body = match.group("t1") if match.group("a1") else match.group("t2")
    if match.group("a2") and (len(author.split()) > 4 or author.lower().startswith("http")):
        return "", rest.strip()
    return author, (body or "").strip()


def _is_name(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= 5
        and words[-1].lower() not in _NOT_NAMES
        and not any(ch in name for ch in '.,;!?"“”()')
    )


def _dated(day_text: str, clock: time, zone: str | None) -> datetime:
    moment = datetime.combine(date.fromisoformat(day_text), clock)
    if zone:
        aware = parse_moment(f"{moment.isoformat()}{'+00:00' if zone in {'Z', 'UTC'} else zone}")
        if aware is not None:
            return aware
    return moment


def _date_line(line: str, incident_day: date) -> date | None:
    """The day a divider line names ("Friday, March 13th", "2026-03-14"), or None."""
    match = _DATE_LINE.fullmatch(line)
    body = match.group("body") if match else line
    if len(body) > 40 or not any(ch.isdigit() for ch in body):
        return None
    # A divider without a year is in the incident's year.
    moment = parse_loose(body, day=incident_day)
    if moment is None or (moment.hour, moment.minute, moment.second) != (0, 0, 0):
        return None
    return moment.date()


def _short(line: str) -> str:
    return line if len(line) <= 80 else line[:77] + "…"
