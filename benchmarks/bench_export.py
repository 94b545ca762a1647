"""Time the whole export command, process start included, for Word, PDF and Markdown.

Each figure is the median of fresh processes running
``facilitator export FILE.json --format X -o OUT``, printed beside floors
measured in the same run: a bare interpreter (``python -c pass``), the CLI's
own start-up (``--version``) and, for PDF, an offscreen ``QGuiApplication``.

Sizes: a realistic debrief (30 events, 8 action items) and a long one (2,000
timeline events, 300 action items: the issue's size), both with varied prose.
Targets for the long one: Word under 2 s, PDF under 3 s.

Run with ``.venv/bin/python benchmarks/bench_export.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from facilitator.domain.interchange import dumps
from facilitator.domain.model import (
    ActionItem,
    ActionKind,
    ActionStatus,
    Answer,
    ContributingFactor,
    Debrief,
    EventKind,
    FactorKind,
    Link,
    Participant,
    Priority,
    Reviewer,
    ReviewStatus,
    Status,
    TimelineEvent,
    TimingQuestion,
)

TARGETS = {"docx": 2.0, "pdf": 3.0}
START = datetime(2026, 3, 13, 22, 40, tzinfo=UTC)
_WHO = ("The on-call engineer", "The incident commander", "Support", "The database owner", "SRE")
_DID = (
    "checked the connection pool graphs for",
    "restarted one replica of",
    "posted a status update about",
    "compared the p99 latency of",
    "rolled the canary back on",
    "asked the vendor about",
    "raised the pool size of",
    "noticed retries piling up in",
)
_WHAT = (
    "the EU card gateway",
    "the checkout API",
    "the retry queue",
    "the processor client",
    "the payments database",
)
_WHY = (
    "",
    " after the error ratio alert fired",
    " because the dashboard showed saturation",
    " while traffic was still falling",
    "; the graphs did not move",
)


def _event_text(rng: random.Random, i: int) -> str:
    text = f"{rng.choice(_WHO)} {rng.choice(_DID)} {rng.choice(_WHAT)}{rng.choice(_WHY)}."
    if i % 23 == 0:
        text += "\nNoted in the incident channel with a link to the runbook."
    return text


def _kind(i: int, events: int) -> EventKind:
    fixed = {0: EventKind.TRIGGER, 4: EventKind.DETECTION, events - 1: EventKind.RESOLUTION}
    if i in fixed:
        return fixed[i]
    if i in (events * 2 // 3, events * 5 // 6):
        return EventKind.MITIGATION
    if i % 97 == 9:
        return EventKind.ESCALATION
    return EventKind.NOTE if i % 4 == 0 else EventKind.ACTION


def debrief(events: int, actions: int) -> Debrief:
    """A checkout outage written up as a team would, with ``events`` and ``actions``."""
    rng = random.Random(events * 31 + actions)
    step = timedelta(minutes=max(0.25, 600 / events))
    timeline = [
        TimelineEvent(
            START + i * step, _kind(i, events), _event_text(rng, i), starred=i % 150 == 75
        )
        for i in range(events)
    ]
    return Debrief(
        id="9d7f2c1e-4d3a-4f5b-9c8d-7e6f5a4b3c2d",
        title="Checkout errors after payment gateway deploy",
        incident="INC-2041",
        severity="SEV2",
        status=Status.PUBLISHED,
        facilitator="Maya Chen",
        summary=(
            "A configuration change cut the payment pool to two connections. Checkouts in the EU "
            "slowed, then failed, until the previous configuration was restored."
        ),
        impact="About 18% of checkouts failed for 47 minutes; 1,900 customers saw an error page.",
        response="Rolled back the gateway config, then raised the pool size and watched the queue.",
        started_at=timeline[0].at,
        detected_at=timeline[4].at,
        mitigated_at=timeline[events * 2 // 3].at,
        resolved_at=timeline[-1].at,
        detection=TimingQuestion(5, Answer.YES, "A saturation alert would have fired at 2 min."),
        fix=TimingQuestion(10, Answer.NO, "Rollback needed a second approver at night."),
        meeting_at=START + timedelta(days=2),
        checkpoint_at=date(2026, 3, 30),
        timezone="Europe/Berlin",
        participants=[
            Participant("Maya Chen", "Facilitator"),
            Participant("Ravi Patel", "Incident commander"),
            *[Participant(f"Responder {i}", "Responder") for i in range(6)],
        ],
        timeline=timeline,
        went_wrong=["The pool size change was not visible in the deploy diff."] * 3,
        went_right=["Rollback worked first time.", "Support posted a status update quickly."],
        got_lucky=["The deploy happened after the evening peak."],
        contributing_factors=[
            ContributingFactor(
                "Config validation does not check pool limits.", FactorKind.TECHNICAL
            ),
            ContributingFactor("Night rollbacks need a second approver.", FactorKind.PROCESS),
            ContributingFactor("On-call had been paged four times that night.", FactorKind.HUMAN),
            ContributingFactor("Two teams own the gateway config.", FactorKind.ORGANISATIONAL),
        ],
        learnings=[
            "Pool limits belong in config validation, not in reviewers' heads.",
            "Alert on saturation, not only on errors.",
            "Night rollbacks should be one click.",
        ],
        action_items=[
            ActionItem(
                f"Follow-up {i + 1}: {rng.choice(_DID)} {rng.choice(_WHAT)} in CI",
                f"Owner {i % 9}",
                list(Priority)[i % 4],
                date(2026, 3, 20) + timedelta(days=i % 45),
                f"https://tracker.example.com/browse/OPS-{1000 + i}",
                list(ActionStatus)[i % 4],
                list(ActionKind)[i % 4],
            )
            for i in range(actions)
        ],
        services=["checkout", "payment-gateway"],
        tags=["config", "database-pool"],
        primary_cause="Configuration change",
        links=[Link("Checkout dashboard", "https://grafana.example.com/d/checkout")],
        owner="Ravi Patel",
        review_status=ReviewStatus.REVIEWED,
        reviewers=[Reviewer("Lin Wu", "Engineering manager", date(2026, 3, 18), True)],
    )


def _median(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per figure")
    runs = parser.parse_args().runs
    # Headless, as on a server or in CI: the PDF export starts Qt offscreen by itself.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    python = sys.executable
    qt_floor = (
        "import os; os.environ['QT_QPA_PLATFORM']='offscreen'; "
        "from PySide6.QtGui import QGuiApplication; QGuiApplication([])"
    )
    floors = {
        "python -c pass": _median([python, "-c", "pass"], runs, env),
        "facilitator --version": _median([python, "-m", "facilitator.cli", "--version"], runs, env),
        "offscreen QGuiApplication": _median([python, "-c", qt_floor], runs, env),
    }
    print(f"median of {runs} fresh processes; floors measured in the same run:")
    for name, seconds in floors.items():
        print(f"  floor  {name:<28} {seconds * 1000:7.0f} ms")
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for label, (events, actions) in {"realistic": (30, 8), "long": (2000, 300)}.items():
            source = Path(folder) / f"{label}.json"
            source.write_text(dumps(debrief(events, actions)), encoding="utf-8")
            print(f"{label}: {events:,} timeline events, {actions} action items")
            for fmt in ("docx", "pdf", "md"):
                out = Path(folder) / f"{label}.{fmt}"
                command = [python, "-m", "facilitator.cli", "export", str(source)]
                seconds = _median([*command, "--format", fmt, "-o", str(out)], runs, env)
                target = TARGETS.get(fmt) if label == "long" else None
                verdict = ""
                if target is not None:
                    ok = seconds < target
                    failed |= not ok
                    verdict = f"  [{'ok' if ok else 'OVER'}, target {target:.0f} s]"
                size = out.stat().st_size / 1024
                print(f"  {fmt:>5}  {seconds * 1000:7.0f} ms  {size:8.1f} KiB{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
