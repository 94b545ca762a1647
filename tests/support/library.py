"""A small seeded incident library whose words overlap across fields and debriefs.

Search tests compare pages of hits with the straightforward queries; for that the
library must rank in interesting ways: the same words in titles, timelines and
action items, phrases that sometimes appear split, ties in score, labels spelled
many ways (and one longer than the label index keeps), every filter's column filled.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from facilitator.domain.model import (
    ActionItem,
    ContributingFactor,
    Debrief,
    FactorKind,
    Participant,
    Status,
    TimelineEvent,
)

WORDS = (
    "connection",
    "pool",
    "rollback",
    "timeout",
    "canary",
    "saturation",
    "queue",
    "latency",
    "deploy",
    "deployment",
    "retry",
    "retries",
    "cache",
    "flag",
    "config",
    "resolver",
    "disk",
    "replica",
    "failover",
    "page",
    "alert",
    "graph",
    "checkout",
    "payment",
    "evening",
    "peak",
    "load",
    "test",
    "throttle",
    "capacity",
    "indexer",
)
SERVICES = ("payments-api", "Payments API", "checkout", "Edge DNS", "edge-dns", "auth")
TAGS = ("config", "capacity", "flaky", "db", "network", "Config")
CAUSES = ("Configuration change", "config change", "Deployment regression", "Scaling limit", "")
PEOPLE = ("Ada Okafor", "Ravi Rao", "Lin Wu", "Sam Berg")
#: Longer than the label index's prefix, with the telling word past it.
LONG_LABEL = "zone " * 45 + "payments tail"


def _sentence(rng: random.Random, words: int) -> str:
    picked = [rng.choice(WORDS) for _ in range(words)]
    if rng.random() < 0.3:  # the phrase, sometimes
        at = rng.randrange(len(picked) + 1)
        picked[at:at] = ["connection", "pool"]
    return " ".join(picked).capitalize() + "."


def generated_library(count: int = 120, seed: int = 7) -> list[Debrief]:
    """``count`` debriefs, the same ones for the same seed."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    made = []
    for n in range(count):
        began = start + timedelta(days=rng.randrange(330), minutes=rng.randrange(1440))
        services = rng.sample(SERVICES, rng.randint(1, 2))
        if n % 17 == 0:
            services.append(LONG_LABEL)
        tags = [*rng.sample(TAGS, rng.randint(0, 3)), f"label-{n % 40}"]
        made.append(
            Debrief(
                title=_sentence(rng, rng.randint(2, 4)),
                incident=f"INC-{1000 + n}",
                severity=rng.choice(["SEV1", "SEV2", "SEV3", "SEV4", None]),
                status=rng.choice(list(Status)),
                owner=rng.choice(PEOPLE),
                facilitator=rng.choice(PEOPLE),
                summary=_sentence(rng, rng.randint(4, 12)),
                impact=_sentence(rng, rng.randint(0, 6)) if rng.random() < 0.7 else "",
                started_at=began,
                participants=[Participant(p, "responder") for p in rng.sample(PEOPLE, 2)],
                timeline=[
                    TimelineEvent(began + timedelta(minutes=i), text=_sentence(rng, 6))
                    for i in range(rng.randint(0, 6))
                ],
                contributing_factors=[
                    ContributingFactor(_sentence(rng, 5), FactorKind.TECHNICAL)
                    for _ in range(rng.randint(0, 2))
                ],
                action_items=[
                    ActionItem(_sentence(rng, 4), owner=rng.choice(PEOPLE))
                    for _ in range(rng.randint(0, 3))
                ],
                learnings=[_sentence(rng, 5) for _ in range(rng.randint(0, 2))],
                went_right=[_sentence(rng, 3)] if rng.random() < 0.4 else [],
                services=services,
                tags=tags,
                primary_cause=rng.choice(CAUSES),
            )
        )
    return made


#: Queries covering the query language: words, phrases, prefixes, OR, exclusions, every
#: filter (and negated), combinations, a stop word, and words found nowhere.
QUERIES = (
    "pool",
    '"connection pool"',
    "rollback timeout",
    "deploy*",
    "conn* pool",
    "canary OR failover",
    "timeout OR latency OR queue",
    '"connection pool" -timeout',
    "rollback -rollback",
    '-"evening peak" cache',
    "severity:SEV2 canary",
    "-severity:SEV2 queue",
    "service:payments saturation",
    'service:"Payments API" -pool',
    "service:edge retry",
    "service:tail flag",
    "-service:checkout replica",
    "service:payments -service:checkout -tag:flaky timeout",
    "tag:config rollback",
    "-tag:flaky disk",
    "tag:label-3 alert",
    'cause:"configuration change" flag',
    "cause:scaling throttle",
    "owner:ada pool",
    "status:published retries",
    "after:2026-06 before:2026-09 graph",
    "before:2026-03 page",
    "severity:SEV1 service:payments tag:capacity load",
    "INC-1042",
    "the",
    "zzzzqqq",
)
