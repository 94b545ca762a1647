"""The data bench_meeting.py measures with: a 2,000-event debrief and libraries of debriefs.

Prose is drawn from a vocabulary of ordinary incident words, so the language
checker sees realistic text, not trigger words on every line.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

_PROSE = (
    "the checkout service returned errors while the connection pool stayed saturated and the "
    "alert fired on the error ratio so the engineer on call opened the latency dashboard checked "
    "the deploy log rolled back the gateway config and watched the queue drain for customers in "
    "europe before the payment retries settled and support posted an update"
)
WORDS = _PROSE.split(" ")


def _prose(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def big_debrief():  # type: ignore[no-untyped-def]
    from facilitator.domain.model import (
        ActionItem,
        ActionKind,
        ActionStatus,
        Debrief,
        EventKind,
        Participant,
        Priority,
        TimelineEvent,
    )

    rng = random.Random(2000)
    start = datetime(2026, 3, 13, 22, 0, tzinfo=UTC)
    events = [
        TimelineEvent(
            start + timedelta(seconds=20 * i),
            rng.choice(list(EventKind)),
            _prose(rng, 4, 28),
            starred=rng.random() < 0.03,
            source=f"slack:export.zip#C1/{i}" if rng.random() < 0.5 else "",
        )
        for i in range(2000)
    ]
    events[0].kind = EventKind.TRIGGER
    events[60].kind = EventKind.DETECTION
    return Debrief(
        title="Payment pool exhaustion (2,000 events)",
        timezone="Europe/Berlin",
        started_at=events[0].at,
        detected_at=events[60].at,
        participants=[Participant("Ada Okafor", "Responder"), Participant("Ravi Patel", "Lead")],
        timeline=events,
        action_items=[
            ActionItem(
                _prose(rng, 3, 14),
                rng.choice(["Ada Okafor", "Ravi Patel", ""]),
                rng.choice(list(Priority)),
                date(2026, 4, rng.randint(1, 28)),
                f"OPS-{100 + i}",
                rng.choice(list(ActionStatus)),
                rng.choice(list(ActionKind)),
            )
            for i in range(300)
        ],
        response="\n\n".join(_prose(rng, 70, 90) for _ in range(63)),  # about 5,000 words
    )


def fill_library(url: str, count: int) -> None:
    from facilitator.domain.model import Debrief
    from facilitator.storage import DebriefService

    rng = random.Random(count)
    service = DebriefService(url)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    for i in range(count):
        service.save(
            Debrief(
                title=f"{rng.choice(['Queue backlog', 'DNS outage', 'Pool exhaustion'])} {i}",
                incident=f"INC-{i}",
                severity=rng.choice(["SEV1", "SEV2", "SEV3", "SEV4"]),
                started_at=start + timedelta(hours=3 * i),
            )
        )
    service.close()
