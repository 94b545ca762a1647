"""Conversions between Python datetimes (always UTC-aware in the UI) and Qt's, per time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QByteArray, QDate, QDateTime, QTimeZone

#: Zones offered first in the picker; any other IANA name can be typed.
COMMON_ZONES: tuple[str, ...] = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Asia/Jerusalem",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
)


def local_zone_id() -> str:
    """The IANA name of this computer's time zone ("UTC" if Qt cannot tell)."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"
    return name


def zone(zone_id: str) -> QTimeZone:
    """Return the Qt zone for an IANA name; unknown or empty names mean this computer's zone."""
    if zone_id:
        candidate = QTimeZone(QByteArray(zone_id.encode()))
        if candidate.isValid():
            return candidate
    return QTimeZone.systemTimeZone()


def is_valid_zone(zone_id: str) -> bool:
    """Tell whether ``zone_id`` names a zone Qt knows."""
    return QTimeZone(QByteArray(zone_id.encode())).isValid()


def to_qdatetime(value: datetime, tz: QTimeZone) -> QDateTime:
    """Show ``value`` (aware) as a QDateTime in ``tz``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()), tz)


def from_qdatetime(value: QDateTime) -> datetime:
    """Return the UTC datetime of a QDateTime, whatever its zone."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def same_day(values: list[datetime], tz: QTimeZone) -> bool:
    """True when every datetime falls on one calendar day in ``tz``."""
    days = {to_qdatetime(v, tz).date().toJulianDay() for v in values}
    return len(days) <= 1


def format_time(value: datetime | None, tz: QTimeZone, *, with_date: bool = False) -> str:
    """Format a moment for people in ``tz``; "—" when unknown."""
    if value is None:
        return "—"
    pattern = "ddd d MMM HH:mm:ss" if with_date else "HH:mm:ss"
    return to_qdatetime(value, tz).toString(pattern)
