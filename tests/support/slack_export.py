"""Builds Slack exports for tests and benchmarks, in the layout Slack writes (never real data).

``SlackExport`` collects users, channels and messages and writes them as a
folder or a ZIP: ``users.json``, ``channels.json`` and one
``<channel>/YYYY-MM-DD.json`` per channel and UTC day. ``incident_export`` is
a small, realistic incident; ``large_export`` spreads many messages over many
channels and days for the figures.
"""

from __future__ import annotations

import json
import random
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

START = datetime(2026, 3, 13, 22, 30, tzinfo=UTC)


def ts_of(moment: datetime, sequence: int = 0) -> str:
    """Slack's message id: epoch seconds with six digits of fraction, as a string."""
    return f"{int(moment.timestamp())}.{sequence % 1_000_000:06d}"


@dataclass
class SlackExport:
    """Users, channels and messages of an export under construction."""

    users: dict[str, tuple[str, str]] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _sequence: int = 0
    _by_ts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def user(self, ident: str, real_name: str, display_name: str = "") -> str:
        self.users[ident] = (real_name, display_name or real_name.split()[0].lower())
        return ident

    def channel(self, ident: str, name: str) -> str:
        self.channels[ident] = name
        self.messages.setdefault(ident, [])
        return ident

    def say(
        self,
        channel: str,
        at: datetime,
        user: str | None,
        text: str,
        *,
        subtype: str | None = None,
        thread: str | None = None,
        bot: str | None = None,
        profile: bool = True,
        **extra: Any,
    ) -> str:
        """Add a message; return its ts. ``thread`` is the parent's ts for a reply."""
        self._sequence += 1
        ts = ts_of(at, self._sequence)
        message: dict[str, Any] = {"type": "message", "text": text, "ts": ts}
        if user is not None:
            message["user"] = user
            if profile and user in self.users:
                real, display = self.users[user]
                message["user_profile"] = {"real_name": real, "display_name": display}
        if subtype:
            message["subtype"] = subtype
        if bot:
            message.update(subtype=subtype or "bot_message", bot_id="B0BOT", username=bot)
        if thread:
            message["thread_ts"] = thread
            parent = self._by_ts[thread]
            parent["thread_ts"] = thread
            parent.setdefault("replies", []).append({"user": user, "ts": ts})
            parent["reply_count"] = len(parent["replies"])
            parent["latest_reply"] = ts
        message.update(extra)
        self.messages[channel].append(message)
        self._by_ts[ts] = message
        return ts

    # -- writing -------------------------------------------------------------------------

    def files(self) -> dict[str, bytes]:
        """Every file of the export by its path inside the export."""
        out: dict[str, bytes] = {
            "users.json": _dump(
                [
                    {
                        "id": ident,
                        "name": display,
                        "real_name": real,
                        "profile": {"real_name": real, "display_name": display},
                    }
                    for ident, (real, display) in self.users.items()
                ]
            ),
            "channels.json": _dump(
                [
                    {"id": ident, "name": name, "created": 1700000000, "members": list(self.users)}
                    for ident, name in self.channels.items()
                ]
            ),
        }
        for ident, messages in self.messages.items():
            days: dict[str, list[dict[str, Any]]] = {}
            for message in messages:
                day = datetime.fromtimestamp(float(message["ts"]), UTC).date().isoformat()
                days.setdefault(day, []).append(message)
            for day, day_messages in days.items():
                day_messages.sort(key=lambda m: float(m["ts"]))
                out[f"{self.channels[ident]}/{day}.json"] = _dump(day_messages)
        return out

    def write_folder(self, path: Path) -> Path:
        for name, data in self.files().items():
            target = path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return path

    def write_zip(self, path: Path, *, prefix: str = "") -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.files().items():
                archive.writestr(prefix + name, data)
        return path


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")


def incident_export() -> SlackExport:
    """A checkout incident in #inc-checkout, with a thread, a bot, a join and a link."""
    export = SlackExport()
    ada = export.user("U01ADA", "Ada Okafor", "ada")
    ravi = export.user("U02RAVI", "Ravi Patel", "ravi")
    lin = export.user("U03LIN", "Lin Wu", "lin.wu")
    inc = export.channel("C024BE91L", "inc-checkout")
    general = export.channel("C0GENERAL", "general")
    t = START
    export.say(inc, t, lin, f"<@{lin}> has joined the channel", subtype="channel_join")
    export.say(
        inc, t + timedelta(minutes=1), None, "[FIRING:1] CheckoutErrorRatio above 5%",
        bot="Alertmanager",
    )  # fmt: skip
    parent = export.say(
        inc,
        t + timedelta(minutes=2),
        ada,
        "Seeing errors on checkout, looking at <https://grafana.example.com/d/checkout|the "
        "checkout dashboard>",
    )
    export.say(inc, t + timedelta(minutes=3), ravi, "pool is at 2 connections", thread=parent)
    export.say(
        inc, t + timedelta(minutes=4), ada, f"<@{ravi}> paging payments on-call, see <#{general}>"
    )
    export.say(inc, t + timedelta(minutes=20), ravi, "Rolled back gateway config to v41")
    export.say(inc, t + timedelta(minutes=26), ada, "Error rate back to baseline, resolved")
    left = f"<@{lin}> has left the channel"
    export.say(inc, t + timedelta(minutes=27), lin, left, subtype="channel_leave")
    export.say(general, t + timedelta(minutes=5), lin, "lunch anyone?")
    # A thread reply written the next day (UTC), in another day file.
    export.say(inc, t + timedelta(hours=12), lin, "Writing up the timeline now", thread=parent)
    return export


_PROSE = (
    "checking the dashboards for the {svc} service",
    "the deploy of {svc} finished a few minutes ago",
    "latency on {svc} looks normal again",
    "I restarted the {svc} workers on node {n}",
    "can someone look at the queue depth for {svc}",
    "the cache hit rate dropped to {n} percent",
    "opened a ticket for the flaky test in {svc}",
    "thanks, that explains the spike around {n}",
    "we should add an alert on pool saturation for {svc}",
    "merged the fix for {svc}, waiting for CI",
    "who owns the {svc} runbook these days",
    "the error budget for {svc} is at {n} percent",
)
_SERVICES = ("checkout", "payments", "search", "billing", "auth", "inventory", "email")


def large_export(messages: int, channels: int, days: int, seed: int = 5) -> SlackExport:
    """``messages`` spread evenly over ``channels`` and ``days``, with threads and some bots."""
    rng = random.Random(seed)
    export = SlackExport()
    people = [export.user(f"U{i:04d}", f"Person {i:03d} Example") for i in range(40)]
    idents = [export.channel(f"C{i:05d}", f"team-{i:02d}") for i in range(channels)]
    span = timedelta(days=days).total_seconds()
    start = datetime(2026, 2, 1, tzinfo=UTC)
    for channel_index, ident in enumerate(idents):
        count = messages // channels + (1 if channel_index < messages % channels else 0)
        stamps = sorted(rng.random() * span for _ in range(count))
        recent: list[str] = []
        for offset in stamps:
            at = start + timedelta(seconds=offset)
            text = rng.choice(_PROSE).format(svc=rng.choice(_SERVICES), n=rng.randint(2, 99))
            if rng.random() < 0.03:
                export.say(ident, at, None, f"[FIRING:1] {text}", bot="Alertmanager")
            elif recent and rng.random() < 0.15:
                export.say(ident, at, rng.choice(people), text, thread=rng.choice(recent))
            else:
                recent.append(export.say(ident, at, rng.choice(people), text))
                recent = recent[-5:]
    return export


_NIGHT = (
    "error ratio on {svc} is at {n} percent",
    "looking at the {svc} dashboards now",
    "the {svc} pool shows {n} connections in use",
    "paging the {svc} on-call",
    "restarting the {svc} workers",
    "rolled back {svc} to the previous release",
    "latency on {svc} back under {n} ms",
    "someone should have checked the {svc} config before the deploy",
    "I think Sam forgot to bump the {svc} limits",
    "opened a ticket to alert on {svc} saturation",
    "customers report failed payments on {svc}",
    "mitigated for now, keeping an eye on {svc}",
    "thanks for jumping on this",
    "can we get a status update out for {svc}",
)


def busy_incident_export(messages: int, seed: int = 11) -> SlackExport:
    """One incident channel with ``messages`` messages over a night, threads and a few bots."""
    rng = random.Random(seed)
    export = SlackExport()
    people = [
        export.user(ident, name)
        for ident, name in (
            ("U01ADA", "Ada Okafor"), ("U02RAVI", "Ravi Patel"), ("U03LIN", "Lin Wu"),
            ("U04SAM", "Sam Jones"), ("U05MEI", "Mei Tanaka"), ("U06OMAR", "Omar Haddad"),
        )
    ]  # fmt: skip
    channel = export.channel("C024BE91L", "inc-checkout")
    recent: list[str] = []
    for i in range(messages):
        at = START + timedelta(seconds=i * 6 * 3600 / messages)
        text = rng.choice(_NIGHT).format(svc=rng.choice(_SERVICES), n=rng.randint(2, 99))
        if rng.random() < 0.04:
            export.say(channel, at, None, f"[FIRING:1] {text}", bot="Alertmanager")
        elif recent and rng.random() < 0.12:
            export.say(channel, at, rng.choice(people), text, thread=rng.choice(recent))
        else:
            recent.append(export.say(channel, at, rng.choice(people), text))
            recent = recent[-6:]
    return export
