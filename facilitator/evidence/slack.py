"""Reading a Slack export: ``channels.json``, ``users.json`` and ``<channel>/YYYY-MM-DD.json``.

Only the day files a read needs are opened: with a time range, the days around
it, plus the later days where replies to its threads were written. Joins,
leaves and bot messages are left out unless asked for, and counted.
Provenance: ``slack:<export name>#<channel id>/<message ts>``.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from facilitator.evidence import slack_markup
from facilitator.evidence.archive import ExportArchive, export_root, open_export
from facilitator.evidence.candidates import (
    Candidate,
    Evidence,
    ReadOptions,
    conversation_order,
    within,
)
from facilitator.evidence.errors import EvidenceError
from facilitator.evidence.kinds import guess_kind
from facilitator.evidence.textcodec import decode_text
from facilitator.evidence.times import from_epoch

_DAY_FILE = re.compile(r"(?:(?P<root>.*)/)?(?P<folder>[^/]+)/(?P<day>\d{4}-\d{2}-\d{2})\.json")
_JOINS = {"channel_join", "group_join"}
_LEAVES = {"channel_leave", "group_leave"}
_DELETED = {"tombstone", "message_deleted", "message_changed"}
#: Channel lists an export may hold beside channels.json (private, group and direct messages).
_CHANNEL_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")
#: Replies further than this after their parent are not looked for (a bound on files opened).
THREAD_DAYS = 14


@dataclass
class _Channel:
    id: str
    name: str
    folder: str
    days: dict[date, str] = field(default_factory=dict)


def is_slack_export(path: Path) -> bool:
    """Tell cheaply whether ``path`` looks like a Slack export (a folder or ZIP)."""
    if path.is_dir():
        return (path / "channels.json").is_file() or (path / "users.json").is_file()
    return path.suffix.lower() == ".zip"


def list_channels(path: Path, options: ReadOptions) -> list[str]:
    """The names of the export's channels that have messages, without reading any message."""
    with open_export(path, options.limits) as archive:
        return sorted(c.name for c in _Reader(archive, options)._channels().values())


def incident_channels(names: Iterable[str], incident: str = "") -> tuple[str, ...]:
    """The channel(s) an incident most likely lives in: named for it, else the one incident room.

    Returns () (every channel) when no single channel stands out.
    """
    names = list(names)
    key = incident.strip().casefold()
    if key:
        named = [n for n in names if key in n.casefold() or key.replace("-", "") in n.casefold()]
        if named:
            return tuple(named)
    rooms = [n for n in names if re.match(r"(?:inc|incident|outage|sev\d)[-_]", n.casefold())]
    return (rooms[0],) if len(rooms) == 1 else ()


def read_slack(path: Path, options: ReadOptions) -> Evidence:
    """Read the chosen channels of the export at ``path`` (a ZIP or a folder)."""
    with open_export(path, options.limits) as archive:
        return _Reader(archive, options).read()


class _Reader:
    def __init__(self, archive: ExportArchive, options: ReadOptions) -> None:
        self.archive = archive
        self.options = options
        self.evidence = Evidence("slack", archive.name)
        self.users: dict[str, str] = {}
        self.channel_names: dict[str, str] = {}

    def read(self) -> Evidence:
        channels = self._channels()
        self.evidence.channels = sorted(c.name for c in channels.values())
        chosen = self._chosen(channels)
        self.evidence.chosen_channels = [c.name for c in chosen]
        found: list[Candidate] = []
        for channel in chosen:
            found.extend(self._read_channel(channel))
        ordered = conversation_order(found)
        self.evidence.candidates = within(ordered, self.options.since, self.options.until)
        return self.evidence

    # -- the export's lists ----------------------------------------------------------------

    def _channels(self) -> dict[str, _Channel]:
        members = self.archive.members
        root = export_root(members)
        by_folder: dict[str, _Channel] = {}
        for member in members:
            match = _DAY_FILE.fullmatch(member)
            if match and (match.group("root") or "") == root:
                folder = match.group("folder")
                try:
                    day = date.fromisoformat(match.group("day"))
                except ValueError:
                    continue
                channel = by_folder.setdefault(folder, _Channel(folder, folder, folder))
                channel.days[day] = member
        has_lists = any(posixpath.join(root, n) in members for n in ("channels.json", "users.json"))
        if not has_lists and not by_folder:
            raise EvidenceError(
                f"{self.archive.name} is not a Slack export: it has no channels.json, users.json "
                "or <channel>/YYYY-MM-DD.json files"
            )
        self.users = self._users(posixpath.join(root, "users.json"))
        for list_name in _CHANNEL_LISTS:
            member = posixpath.join(root, list_name)
            if member not in members:
                continue
            for entry in self._json_list(member, "channels"):
                ident = str(entry.get("id") or "")
                name = str(entry.get("name") or ident)
                if not ident:
                    continue
                self.channel_names[ident] = name
                folder = name if name in by_folder else ident
                channel = by_folder.get(folder)
                if channel is not None:
                    channel.id, channel.name = ident, name
        return by_folder

    def _users(self, member: str) -> dict[str, str]:
        if member not in self.archive.members:
            return {}
        users: dict[str, str] = {}
        for entry in self._json_list(member, "users"):
            ident = entry.get("id")
            if isinstance(ident, str):
                users[ident] = _person_name(entry, entry.get("profile")) or ident
        return users

    def _json_list(self, member: str, what: str) -> list[dict[str, Any]]:
        data = self._json(member)
        if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
            raise EvidenceError(
                f"{self.archive.name}: {member} is not a list of {what} as Slack writes it"
            )
        return data

    def _json(self, member: str) -> object:
        raw = self.archive.read(member)
        try:
            return json.loads(raw)
        except UnicodeDecodeError:
            decode_text(raw, f"{self.archive.name}: {member}")  # says which encodings clash
            raise EvidenceError(f"{self.archive.name}: {member} is not UTF-8 text") from None
        except RecursionError:
            raise EvidenceError(f"{self.archive.name}: {member} is nested too deeply") from None
        except ValueError as exc:
            raise EvidenceError(
                f"{self.archive.name}: {member} is not valid JSON ({exc}); "
                "the export may be damaged"
            ) from None

    def _chosen(self, channels: dict[str, _Channel]) -> list[_Channel]:
        wanted = [w.strip().lstrip("#") for w in self.options.channels if w.strip().lstrip("#")]
        if not wanted:
            return sorted(channels.values(), key=lambda c: c.name)
        chosen: list[_Channel] = []
        for name in wanted:
            match = next(
                (c for c in channels.values() if name in {c.name, c.id, c.folder}), None
            ) or next((c for c in channels.values() if c.name.casefold() == name.casefold()), None)
            if match is None:
                names = ", ".join(sorted(c.name for c in channels.values())[:12]) or "none"
                raise EvidenceError(
                    f"{self.archive.name} has no channel named “{name}” with messages "
                    f"(it has: {names})"
                )
            if match not in chosen:
                chosen.append(match)
        return chosen

    # -- messages ------------------------------------------------------------------------

    def _read_channel(self, channel: _Channel) -> list[Candidate]:
        days = self._days(channel)
        found: dict[str, Candidate] = {}
        threads: dict[str, date] = {}
        for day in days:
            self._read_day(channel, channel.days[day], found, threads)
        # Replies to threads started in range may have been written days later.
        later = sorted(
            {
                d
                for start, latest in threads.items()
                for d in _days_between(start, latest, channel.days)
                if d not in days
            }
        )
        wanted = set(threads)
        for day in later:
            self._read_day(channel, channel.days[day], found, None, only_threads=wanted)
        return list(found.values())

    def _days(self, channel: _Channel) -> list[date]:
        since, until = self.options.since, self.options.until
        # Day files are named by a date whose zone Slack does not state: take a day either side.
        first = since.date() - timedelta(days=1) if since else date.min
        last = until.date() + timedelta(days=1) if until else date.max
        return sorted(d for d in channel.days if first <= d <= last)

    def _read_day(
        self,
        channel: _Channel,
        member: str,
        found: dict[str, Candidate],
        threads: dict[str, date] | None,
        *,
        only_threads: set[str] | None = None,
    ) -> None:
        messages = self._json(member)
        if not isinstance(messages, list):
            raise EvidenceError(
                f"{self.archive.name}: {member} is not a list of messages as Slack writes it"
            )
        for message in messages:
            if not isinstance(message, dict):
                self._skip("unreadable message")
                continue
            if only_threads is not None and (
                message.get("thread_ts") not in only_threads
                or message.get("thread_ts") == message.get("ts")
            ):
                continue
            candidate = self._candidate(channel, message)
            if candidate is None or candidate.source in found:
                continue
            found[candidate.source] = candidate
            if threads is not None and not candidate.reply and self._in_range(candidate):
                latest = _latest_reply(message)
                if latest is not None:
                    threads[str(message["ts"])] = latest

    def _in_range(self, candidate: Candidate) -> bool:
        return self._in_range_at(candidate.at)

    def _in_range_at(self, at: datetime) -> bool:
        since, until = self.options.since, self.options.until
        return (since is None or at >= since) and (until is None or at <= until)

    def _candidate(self, channel: _Channel, message: dict[str, Any]) -> Candidate | None:
        ts = message.get("ts")
        try:
            at = from_epoch(float(ts))  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError, OSError):
            self._skip("unreadable message")
            return None
        subtype = message.get("subtype") or ""
        bot = subtype == "bot_message" or "bot_id" in message
        # Only what falls in the chosen time range is counted as left out.
        counted = self._in_range_at(at)
        for reason, hit, allowed in (
            ("join", subtype in _JOINS, self.options.include_joins),
            ("leave", subtype in _LEAVES, self.options.include_leaves),
            ("bot message", bot and subtype not in _JOINS | _LEAVES, self.options.include_bots),
            ("deleted message", subtype in _DELETED, False),
        ):
            if hit and not allowed:
                self._skip(reason, counted)
                return None
        text, links = slack_markup.resolve(_message_text(message), self.users, self.channel_names)
        if not text.strip():
            self._skip("empty message", counted)
            return None
        thread_ts = message.get("thread_ts")
        source = f"slack:{self.archive.name}#{channel.id}/{ts}"
        thread = ""
        if isinstance(thread_ts, str) and thread_ts != ts:
            thread = f"slack:{self.archive.name}#{channel.id}/{thread_ts}"
        return Candidate(
            at=at,
            text=text.strip(),
            author=self._author(message, bot),
            person=not bot,
            kind=guess_kind(text),
            source=source,
            channel="#" + channel.name,
            thread=thread,
            links=links,
        )

    def _author(self, message: dict[str, Any], bot: bool) -> str:
        profile = message.get("user_profile")
        name = _person_name({}, profile)
        if name:
            return name
        user = message.get("user")
        if isinstance(user, str) and user in self.users:
            return self.users[user]
        for key in ("username",):
            if isinstance(message.get(key), str) and message[key].strip():
                return str(message[key]).strip()
        bot_profile = message.get("bot_profile")
        if isinstance(bot_profile, dict) and isinstance(bot_profile.get("name"), str):
            return bot_profile["name"]
        return str(user or ("App" if bot else ""))

    def _skip(self, reason: str, counted: bool = True) -> None:
        if counted:
            self.evidence.skip(reason)


def _person_name(entry: dict[str, Any], profile: object) -> str:
    profile = profile if isinstance(profile, dict) else {}
    for value in (
        profile.get("real_name"),
        entry.get("real_name"),
        profile.get("display_name"),
        entry.get("name"),
        profile.get("name"),
    ):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _message_text(message: dict[str, Any]) -> str:
    text = message.get("text")
    parts = [text] if isinstance(text, str) and text.strip() else []
    if not parts:
        for attachment in message.get("attachments") or []:
            if isinstance(attachment, dict):
                for key in ("fallback", "title", "text", "pretext"):
                    value = attachment.get(key)
                    if isinstance(value, str) and value.strip():
                        parts.append(value)
                        break
    for shared in message.get("files") or []:
        if isinstance(shared, dict):
            title = shared.get("title") or shared.get("name")
            if isinstance(title, str) and title.strip():
                parts.append(f"[file: {title.strip()}]")
    return "\n".join(parts)


def _latest_reply(message: dict[str, Any]) -> date | None:
    """The day of a thread's last reply, from ``latest_reply`` or the ``replies`` list."""
    values: list[object] = [message.get("latest_reply")]
    replies = message.get("replies")
    if isinstance(replies, list):
        values.extend(r.get("ts") for r in replies if isinstance(r, dict))
    stamps: list[float] = []
    for value in values:
        try:
            stamps.append(float(value))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    return from_epoch(max(stamps)).date() if stamps else None


def _days_between(start: str, latest: date, days: Iterable[date]) -> list[date]:
    first = from_epoch(float(start)).date()
    last = min(latest + timedelta(days=1), first + timedelta(days=THREAD_DAYS))
    return [d for d in days if first <= d <= last]
