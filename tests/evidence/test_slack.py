"""Reading Slack exports (ZIP and folder): names, markup, switches, threads, ranges, provenance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator.domain.model import EventKind
from facilitator.evidence import EvidenceError, ReadOptions, read_path
from facilitator.evidence.slack_markup import resolve

from support.slack_export import START, SlackExport, incident_export


@pytest.fixture(params=["zip", "folder"])
def export_path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    export = incident_export()
    if request.param == "zip":
        return export.write_zip(tmp_path / "incident-export.zip")
    return export.write_folder(tmp_path / "incident-export")


def _texts(path: Path, **options: object) -> list[str]:
    evidence = read_path(path, ReadOptions(channels=("inc-checkout",), **options))  # type: ignore[arg-type]
    return [c.text for c in evidence.candidates]


def test_reads_one_channel_with_names_links_and_channels_resolved(export_path: Path) -> None:
    evidence = read_path(export_path, ReadOptions(channels=("#inc-checkout",)))
    assert evidence.kind == "slack"
    assert evidence.channels == ["general", "inc-checkout"]
    first = evidence.candidates[0]
    assert first.author == "Ada Okafor" and first.person
    assert first.text == (
        "Seeing errors on checkout, looking at the checkout dashboard "
        "(https://grafana.example.com/d/checkout)"
    )
    assert first.links == ("https://grafana.example.com/d/checkout",)
    paging = next(c for c in evidence.candidates if "paging" in c.text)
    assert paging.text == "@Ravi Patel paging payments on-call, see #general"
    assert paging.kind is EventKind.ESCALATION
    assert first.at.tzinfo is not None and first.wall is None  # Slack times carry their zone
    assert first.channel == "#inc-checkout"


def test_provenance_names_the_export_the_channel_id_and_the_message_ts(export_path: Path) -> None:
    evidence = read_path(export_path, ReadOptions(channels=("inc-checkout",)))
    first = evidence.candidates[0]
    assert first.source.startswith(f"slack:{export_path.name}#C024BE91L/")
    ts = first.source.rsplit("/", 1)[1]
    assert datetime.fromtimestamp(float(ts), UTC) == first.at


def test_joins_leaves_and_bots_are_left_out_and_counted_unless_switched_on(
    export_path: Path,
) -> None:
    evidence = read_path(export_path, ReadOptions(channels=("inc-checkout",)))
    assert evidence.left_out == {"join": 1, "leave": 1, "bot message": 1}
    assert "1 bot message, 1 join, 1 leave left out" in evidence.describe()
    assert not any("FIRING" in t for t in _texts(export_path))
    with_bots = read_path(export_path, ReadOptions(channels=("inc-checkout",), include_bots=True))
    alert = next(c for c in with_bots.candidates if "FIRING" in c.text)
    assert alert.author == "Alertmanager" and not alert.person
    assert alert.kind is EventKind.DETECTION
    everything = read_path(
        export_path,
        ReadOptions(channels=("inc-checkout",), include_joins=True, include_leaves=True),
    )
    assert len(everything.candidates) == len(evidence.candidates) + 2
    assert everything.left_out == {"bot message": 1}


def test_thread_replies_follow_their_parent_even_from_a_later_day_file(
    export_path: Path,
) -> None:
    since, until = START + timedelta(minutes=1), START + timedelta(minutes=10)
    evidence = read_path(
        export_path, ReadOptions(channels=("inc-checkout",), since=since, until=until)
    )
    texts = [c.text for c in evidence.candidates]
    parent = texts.index(next(t for t in texts if t.startswith("Seeing errors")))
    # Both replies come right after the parent, the second one written 12 hours later.
    assert texts[parent + 1] == "pool is at 2 connections"
    assert texts[parent + 2] == "Writing up the timeline now"
    reply = evidence.candidates[parent + 2]
    assert reply.reply and reply.thread == evidence.candidates[parent].source
    assert reply.at - evidence.candidates[parent].at > timedelta(hours=11)
    assert "Rolled back gateway config to v41" not in texts  # after the range


def test_all_channels_by_default_and_unknown_channels_are_named(export_path: Path) -> None:
    evidence = read_path(export_path, ReadOptions())
    assert {c.channel for c in evidence.candidates} == {"#general", "#inc-checkout"}
    with pytest.raises(EvidenceError, match=r"no channel named “incidents”.*inc-checkout"):
        read_path(export_path, ReadOptions(channels=("incidents",)))


def test_an_export_inside_a_top_folder_of_the_zip_is_found(tmp_path: Path) -> None:
    path = incident_export().write_zip(tmp_path / "nested.zip", prefix="Acme Slack export/")
    evidence = read_path(path, ReadOptions(channels=("inc-checkout",)))
    assert len(evidence.candidates) == 6


def test_names_come_from_users_json_when_messages_carry_no_profile(tmp_path: Path) -> None:
    export = SlackExport()
    ada = export.user("U1", "Ada Okafor")
    channel = export.channel("C1", "ops")
    export.say(channel, START, ada, "restarting the workers", profile=False)
    export.say(channel, START + timedelta(minutes=1), "U404", "who am I", profile=False)
    evidence = read_path(export.write_folder(tmp_path / "e"), ReadOptions())
    assert [c.author for c in evidence.candidates] == ["Ada Okafor", "U404"]


def test_attachments_and_files_give_text_to_messages_without_any(tmp_path: Path) -> None:
    export = SlackExport()
    ada = export.user("U1", "Ada Okafor")
    channel = export.channel("C1", "ops")
    export.say(channel, START, ada, "", files=[{"name": "graph.png", "title": "Error graph"}])
    export.say(
        channel, START + timedelta(seconds=5), None, "", bot="Grafana",
        attachments=[{"fallback": "[Alerting] Checkout errors"}],
    )  # fmt: skip
    evidence = read_path(export.write_zip(tmp_path / "e.zip"), ReadOptions(include_bots=True))
    texts = [c.text for c in evidence.candidates]
    assert texts == ["[file: Error graph]", "[Alerting] Checkout errors"]


@pytest.mark.parametrize(
    ("raw", "shown", "links"),
    [
        ("<@U1> look", "@Ada look", ()),
        ("<@U9|ravi> look", "@ravi look", ()),
        ("see <#C1|ops> and <#C2>", "see #ops and #general", ()),
        ("<https://x.example/a?b=1&amp;c=2|the graph>", "the graph (https://x.example/a?b=1&c=2)",
         ("https://x.example/a?b=1&c=2",)),
        ("<https://x.example>", "https://x.example", ("https://x.example",)),
        ("<mailto:ops@example.com|ops@example.com>", "ops@example.com",
         ("mailto:ops@example.com",)),
        ("<!here> <!channel> <!subteam^S1|@oncall>", "@here @channel @oncall", ()),
        ("<!date^1392734382^{date}|Feb 18, 2014>", "Feb 18, 2014", ()),
        ("a &lt;b&gt; &amp;amp;lt;", "a <b> &amp;lt;", ()),
    ],
)  # fmt: skip
def test_markup(raw: str, shown: str, links: tuple[str, ...]) -> None:
    assert resolve(raw, {"U1": "Ada"}, {"C2": "general"}) == (shown, links)


def test_messages_without_a_time_are_counted_not_fatal(tmp_path: Path) -> None:
    export = SlackExport()
    channel = export.channel("C1", "ops")
    export.say(channel, START, None, "good")
    folder = export.write_folder(tmp_path / "e")
    day = next((folder / "ops").iterdir())
    day.write_text(day.read_text()[:-1] + ',{"type": "message", "text": "no ts"}, 7]')
    evidence = read_path(folder, ReadOptions())
    assert [c.text for c in evidence.candidates] == ["good"]
    assert evidence.left_out == {"unreadable message": 2}
