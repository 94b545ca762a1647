"""Dates and times as the exported document shows them.

Moments are shown in the debrief's time zone when it names a valid IANA zone,
otherwise in the UTC offset each moment was recorded with. Month and day names
are spelled out here rather than taken from the C locale, so an export reads the
same on every machine.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: English month names, for dates written out in documents.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def display_zone(name: str) -> tzinfo | None:
    """Return the zone called ``name``, or None when it is empty or unknown."""
    name = name.strip()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        # An unknown name must not stop an export; the stored offsets are still correct.
        return None


def localise(moment: datetime, zone: tzinfo | None) -> datetime:
    """Return ``moment`` in ``zone``; naive moments and a missing zone are left as they are."""
    if zone is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(zone)


def format_offset(moment: datetime) -> str:
    """Return the moment's UTC offset as "UTC+01:00", or "" for a naive moment."""
    offset = moment.utcoffset()
    if offset is None:
        return ""
    if offset == timedelta(0):
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def long_date(day: date) -> str:
    """Return "Tuesday 4 March 2025"."""
    return f"{_DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """Return "4 Mar 2025"."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def clock(moment: datetime, seconds: bool = False) -> str:
    """Return "14:05" or, with ``seconds``, "14:05:09"."""
    return moment.strftime("%H:%M:%S" if seconds else "%H:%M")


class Clock:
    """Formats a set of moments consistently: one zone, dates only when they span days."""

    def __init__(self, zone_name: str, moments: Iterable[datetime | None]) -> None:
        self.zone = display_zone(zone_name)
        self.zone_name = zone_name.strip() if self.zone is not None else ""
        local = [localise(m, self.zone) for m in moments if m is not None]
        self.spans_days = len({m.date() for m in local}) > 1
        self.seconds = any(m.second for m in local)
        self._offsets = sorted({format_offset(m) for m in local})
        self._abbreviations = sorted({m.tzname() or "" for m in local} - {""})
        # Without a named zone, differing offsets can only be shown on every line.
        self.offset_per_line = self.zone is None and len(self._offsets) > 1

    def time(self, moment: datetime | None) -> str:
        """Format a moment of the set; "—" when it is unknown."""
        if moment is None:
            return "—"
        local = localise(moment, self.zone)
        text = clock(local, self.seconds)
        if self.spans_days:
            text = f"{_DAYS[local.weekday()][:3]} {local.day} {MONTHS[local.month - 1][:3]} {text}"
        if self.offset_per_line:
            text = f"{text} {format_offset(local)}"
        return text

    def time_with_zone(self, moment: datetime | None) -> str:
        """Like :meth:`time`, naming the zone: "23:41 CET", "09:05 UTC+05:30"."""
        text = self.time(moment)
        if moment is None or self.offset_per_line:
            return text
        local = localise(moment, self.zone)
        zone = local.tzname() if self.zone is not None else format_offset(local)
        return f"{text} {zone}" if zone else text

    def zone_label(self) -> str:
        """Name the zone briefly: "CET", "CET/CEST", "UTC+05:30"; "" when nothing is known."""
        if self.zone is not None and self._abbreviations:
            return "/".join(self._abbreviations)
        if len(self._offsets) == 1:
            return self._offsets[0]
        return ""

    def zone_sentence(self) -> str:
        """Say which time zone the times are in, for the reader."""
        if self.zone is not None:
            label = self.zone_label()
            suffix = f" ({label})" if label and label != self.zone_name else ""
            return f"Times are in the {self.zone_name} time zone{suffix}."
        if self.offset_per_line:
            return "Times are shown with the UTC offset each one was recorded in."
        if len(self._offsets) == 1 and self._offsets[0]:
            return f"Times are in {self._offsets[0]}, as recorded."
        return "Times are local times, as recorded."

    def moment(self, moment: datetime) -> str:
        """Format a single moment fully: "Tuesday 4 March 2025, 14:05 CET"."""
        local = localise(moment, self.zone)
        zone = local.tzname() if self.zone is not None else format_offset(local)
        text = f"{long_date(local.date())}, {clock(local, bool(local.second))}"
        return f"{text} {zone}" if zone else text

    def span(self, start: datetime | None, end: datetime | None) -> str:
        """Format the incident window: one date when it fits in a day, both otherwise."""
        if start is None and end is None:
            return ""
        if start is None or end is None:
            known = start or end
            assert known is not None
            return self.moment(known) + (" (end not recorded)" if end is None else "")
        a, b = localise(start, self.zone), localise(end, self.zone)
        if a.date() != b.date():
            return f"{self.moment(start)} – {self.moment(end)}"
        zone = b.tzname() if self.zone is not None else format_offset(b)
        seconds = bool(a.second or b.second)
        text = f"{long_date(a.date())}, {clock(a, seconds)} – {clock(b, seconds)}"
        return f"{text} {zone}" if zone else text
