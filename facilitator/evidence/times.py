"""Reading moments from sources: ISO text, epoch numbers, and wall-clock times in a zone.

A time with an offset ("…Z", "…+01:00", an epoch number) means one moment
whatever zone the user picks. A time without one is a wall-clock reading; it
is placed in the zone the user picks, and the picker can move it when the zone
changes because the reading itself is kept beside the moment.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from facilitator.evidence.errors import EvidenceError

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_CLOCK = r"(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2})(?:[.,](?P<frac>\d{1,6})\d*)?)?"
_AMPM = r"(?:\s*(?P<ampm>[ap])\.?\s?m\.?)?"
_OFFSET = r"(?:\s*(?P<z>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?"
_NUMERIC = re.compile(
    r"(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{2,4})(?:[ T,]+"
    + _CLOCK
    + _AMPM
    + r")?"
    + _OFFSET
    + r"\s*$",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?[\s/-](?P<m1>" + _MONTH + r")[a-z]*\.?|"
    r"(?P<m2>" + _MONTH + r")[a-z]*\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?),?"
    r"[\s/-]*(?P<y>\d{2,4})?(?:[\s,T]+(?:at\s+)?" + _CLOCK + _AMPM + r")?" + _OFFSET + r"\s*$",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(r"^\s*" + _CLOCK + _AMPM + _OFFSET + r"\s*$", re.IGNORECASE)
_EPOCH = re.compile(r"^\s*\d{9,13}(?:\.\d+)?\s*$")


def zone_named(name: str) -> tzinfo:
    """Return the IANA zone ``name`` ("UTC", "Europe/Berlin"); raise EvidenceError if unknown."""
    cleaned = name.strip()
    if cleaned.upper() in {"UTC", "Z", "GMT"}:
        return UTC
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise EvidenceError(
            f"“{name}” is not a time zone name; use one like Europe/Berlin or America/New_York"
        ) from None


def local_zone_name() -> str:
    """The IANA name of this computer's zone, or "UTC" when it cannot be told."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
            return name
    return "UTC"


def place(wall: datetime, zone: tzinfo) -> datetime:
    """Return the moment a wall-clock reading ``wall`` (naive) names in ``zone``."""
    return wall.replace(tzinfo=zone)


def from_epoch(value: float) -> datetime:
    """Return the UTC moment of an epoch number in seconds (or milliseconds, if that large)."""
    if value > 100_000_000_000:  # after the year 5138 in seconds: it is milliseconds
        value /= 1000
    return datetime.fromtimestamp(value, UTC)


def parse_moment(text: str) -> datetime | None:
    """Read an ISO 8601 moment; naive when it has no offset; None when it is not ISO."""
    cleaned = text.strip()
    if not cleaned or not cleaned[:4].isdigit():
        return None
    try:
        return datetime.fromisoformat(cleaned.replace(" UTC", "Z"))
    except ValueError:
        return None


def parse_loose(text: str, *, day: date | None = None, day_first: bool = True) -> datetime | None:
    """Read the many ways spreadsheets and tools write a moment; None when it is none of them.

    Naive results are wall-clock readings. Time-only values ("19:04") take ``day``;
    numeric dates are read day first ("14/03/2026") unless ``day_first`` is false.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return None
    iso = parse_moment(cleaned)
    if iso is not None:
        return iso
    if _EPOCH.match(cleaned):
        return from_epoch(float(cleaned))
    match = _NUMERIC.match(cleaned)
    if match:
        return _numeric(match, day_first)
    match = _NAMED.match(cleaned)
    if match:
        return _named(match, day)
    match = _TIME_ONLY.match(cleaned)
    if match and day is not None:
        clock = clock_of(match)
        return None if clock is None else _with_zone(datetime.combine(day, clock), match)
    return None


def numeric_order(values: list[str]) -> bool:
    """Tell from a column of numeric dates whether they are day first (True) or month first."""
    for value in values:
        match = _NUMERIC.match(" ".join(value.split()))
        if match and len(match.group("a")) <= 2:
            first, second = int(match.group("a")), int(match.group("b"))
            if first > 12 >= second:
                return True
            if second > 12 >= first:
                return False
    return True


def clock_of(match: re.Match[str]) -> time | None:
    """The time of day a match of the clock pattern names, or None when out of range."""
    hour, minute = int(match.group("h")), int(match.group("mi"))
    second = int(match.group("s") or 0)
    frac = match.groupdict().get("frac")
    micro = int((frac or "0").ljust(6, "0")[:6])
    ampm = (match.group("ampm") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second, micro)


def _numeric(match: re.Match[str], day_first: bool) -> datetime | None:
    a, b, c = match.group("a"), match.group("b"), match.group("c")
    try:
        if len(a) == 4:
            when = date(int(a), int(b), int(c))
        else:
            year = int(c) + (2000 if len(c) == 2 else 0)
            day, month = (int(a), int(b)) if day_first else (int(b), int(a))
            when = date(year, month, day)
    except ValueError:
        return None
    return _combine(when, match)


def _named(match: re.Match[str], day: date | None) -> datetime | None:
    month = _MONTHS[(match.group("m1") or match.group("m2")).lower()]
    number = int(match.group("d1") or match.group("d2"))
    year_text = match.group("y")
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    elif day is not None:
        year = day.year
    else:
        return None
    try:
        when = date(year, month, number)
    except ValueError:
        return None
    return _combine(when, match)


def _combine(when: date, match: re.Match[str]) -> datetime | None:
    if match.group("h") is None:
        return _with_zone(datetime.combine(when, time()), match)
    clock = clock_of(match)
    return None if clock is None else _with_zone(datetime.combine(when, clock), match)


def _with_zone(value: datetime, match: re.Match[str]) -> datetime:
    z = (match.group("z") or "").upper()
    if not z:
        return value
    if z in {"Z", "UTC", "GMT"}:
        return value.replace(tzinfo=UTC)
    sign = -1 if z[0] == "-" else 1
    digits = z[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return value.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))


def as_utc(value: datetime) -> datetime:
    """Return an aware moment in UTC."""
    return value.astimezone(UTC)
