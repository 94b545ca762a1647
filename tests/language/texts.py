"""The long texts the checker is timed on and held to: labelled sentences made into prose.

``benchmarks/bench_language.py`` times the checker on these texts, and
``test_recorded_findings.py`` holds every finding in them to the recorded ones, so both
read the same words. The same seed gives the same text.
"""

from __future__ import annotations

import random

from tests.language.corpus import LOCKED, TUNING, load_corpus

MEGABYTE = 1_000_000

_SERVICES = ["checkout", "search", "billing", "the login page", "the orders API", "ingest", "auth"]
_THINGS = ["p99 latency", "the error rate", "queue depth", "replica lag", "CPU on the primary"]
_NEUTRAL = [
    "At {t} {thing} for {svc} rose to {n} and stayed there for {m} minutes.",
    "{svc_cap} served {n} requests a second during the busiest part of the evening.",
    "The status page was updated at {t} with the next update promised for {t2}.",
    "Support answered {n} tickets about {svc} between {t} and {t2}.",
    "Traffic moved to the second region at {t}, and {thing} settled within {m} minutes.",
    "The database has {m} replicas in each zone and a nightly snapshot kept for a week.",
    "At {t} the on-call engineer joined the bridge and shared the dashboard for {svc}.",
    "The deploy pipeline runs the integration suite, a canary stage and then every region.",
    "{thing_cap} returned to its usual level at {t2}, about {m} minutes after the rollback.",
    "Customers in the affected region saw slow pages for {m} minutes; no data was lost.",
    "The team reviewed the timeline together and added {m} events from the chat log.",
    "A new alert on {thing} pages after five minutes above the threshold.",
]


def neutral_sentence(rng: random.Random) -> str:
    """One sentence of plain incident narrative with no blame or hindsight in it."""
    svc = rng.choice(_SERVICES)
    thing = rng.choice(_THINGS)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    return rng.choice(_NEUTRAL).format(
        t=f"{hour:02d}:{minute:02d}",
        t2=f"{(hour + 1) % 24:02d}:{(minute + 17) % 60:02d}",
        svc=svc,
        svc_cap=svc[0].upper() + svc[1:],
        thing=thing,
        thing_cap=thing[0].upper() + thing[1:],
        n=rng.randint(20, 5000),
        m=rng.randint(2, 55),
    )


def prose(size: int, seed: int = 7, dilution: int = 0) -> str:
    """About ``size`` characters of paragraphs built from the labelled sentences.

    With ``dilution`` 3, every labelled sentence comes with three neutral ones.
    """
    rng = random.Random(seed)
    sentences = [s.sentence for path in (TUNING, LOCKED) for s in load_corpus(path)]
    parts: list[str] = []
    length = 0
    while length < size:
        chosen = []
        for _ in range(rng.randint(3, 7)):
            chosen.append(rng.choice(sentences))
            chosen.extend(neutral_sentence(rng) for _ in range(dilution))
        rng.shuffle(chosen)
        paragraph = " ".join(chosen)
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


def paragraphs(count: int = 600, seed: int = 11) -> list[str]:
    """``count`` 500-character slices of dense prose, cut wherever 500 characters end."""
    text = prose(400_000, seed=seed)
    return [text[i : i + 500] for i in range(0, len(text) - 500, 500)][:count]
