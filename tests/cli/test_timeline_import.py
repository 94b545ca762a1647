"""``facilitator timeline import``: dry runs, adding in one save, filters, and one-line errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from facilitator.cli import main
from facilitator.domain.model import Debrief, Participant
from facilitator.storage import DebriefService

from support.samples import sample_debrief
from support.slack_export import incident_export

TRANSCRIPT = """\
[23:31] ada: the checkout error ratio alert is firing
[23:33] ravi: paging payments on-call
[23:50] ravi: rolled back the gateway config, Ada forgot the pool limit
[00:02] <ada> error rate back to baseline, resolved
"""


@pytest.fixture
def stored(db_url: str) -> Debrief:
    debrief = sample_debrief()
    with DebriefService(db_url) as service:
        service.save(debrief)
    return debrief


def load(db_url: str, debrief_id: str) -> Debrief:
    with DebriefService(db_url) as service:
        return service.load(debrief_id)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_dry_run_on_a_slack_export_lists_candidates_and_changes_nothing(
    stored: Debrief, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = incident_export().write_zip(tmp_path / "acme.zip")
    before = load(db_url, stored.id)
    status, out, _ = run(
        capsys, "timeline", "import", stored.id[:8], str(export), "--channel", "inc-checkout",
        "--dry-run", "--db", db_url,
    )  # fmt: skip
    assert status == 0
    assert out.startswith("Slack export acme.zip #inc-checkout: 6 candidates (1 bot message")
    assert "Times are shown in Europe/Berlin" in out
    assert "detection   Ada Okafor  Seeing errors on checkout" in out
    assert "↳ Fri 13 Mar 23:33:00  note        Ravi Patel  pool is at 2 connections" in out
    assert "new participants (role to fill in): Lin Wu" in out
    assert "Nothing was changed (dry run)." in out
    assert load(db_url, stored.id) == before


def test_dry_run_on_a_pasted_transcript_shows_findings_and_duplicates(
    stored: Debrief,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The sample's timeline has "Error-ratio alert paged on-call." at 00:02 Berlin time.
    text = TRANSCRIPT.replace("[00:02] <ada> error rate back to baseline, resolved",
                              "[00:02] <ada> error ratio alert paged on-call")  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    status, out, _ = run(
        capsys, "timeline", "import", stored.id, "-", "--tz", "Europe/Berlin", "--dry-run",
        "--db", db_url,
    )  # fmt: skip
    assert status == 0, out
    assert out.startswith("Chat transcript pasted: 4 candidates")
    assert "Times without an offset are read as Europe/Berlin" in out
    assert "Fri 13 Mar 23:31:00  detection" in out and "Sat 14 Mar 00:02:00" in out
    assert "⚑ blame: “Ada forgot”" in out
    assert "≈ already on the timeline: 00:02 “Error-ratio alert paged on-call.”" in out
    assert "3 would be added, 1 already on the timeline; 1 with language findings" in out


def test_import_adds_the_chosen_events_in_one_save_then_skips_them_next_time(
    stored: Debrief,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "chat.log"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    before = load(db_url, stored.id)
    saves: list[int] = []
    real_save = DebriefService.save

    def counting_save(self: DebriefService, debrief: Debrief, **kwargs: object) -> object:
        saves.append(len(debrief.timeline))
        return real_save(self, debrief, **kwargs)

    monkeypatch.setattr(DebriefService, "save", counting_save)
    status, out, _ = run(capsys, "timeline", "import", stored.id, str(path), "--db", db_url)
    assert status == 0
    assert out == "added 4 events to “Checkout errors after payment gateway deploy”\n"
    assert saves == [len(before.timeline) + 4]  # one save, with every event in it
    after = load(db_url, stored.id)
    imported = [e for e in after.timeline if e.source.startswith("chat:chat.log#")]
    assert [e.source for e in imported] == [f"chat:chat.log#L{n}" for n in (1, 2, 3, 4)]
    assert imported[0].text == "Ada Okafor: the checkout error ratio alert is firing"
    assert imported[1].text == "Ravi Patel: paging payments on-call"
    assert [p.name for p in after.participants] == [p.name for p in before.participants]
    status, out, _ = run(capsys, "timeline", "import", stored.id, str(path), "--db", db_url)
    assert out == (
        "added 0 events to “Checkout errors after payment gateway deploy”; "
        "4 already on the timeline left out (--all adds them)\n"
    )
    status, out, _ = run(capsys, "timeline", "import", stored.id, str(path), "--all",
                         "--db", db_url)  # fmt: skip
    assert out.startswith("added 4 events")


def test_new_authors_become_participants_with_a_role_to_fill_in(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    debrief = Debrief(title="Queue backlog", participants=[Participant("Ada Okafor", "IC")])
    with DebriefService(db_url) as service:
        service.save(debrief)
    export = incident_export().write_folder(tmp_path / "export")
    status, out, _ = run(
        capsys, "timeline", "import", debrief.id, str(export), "--channel", "inc-checkout",
        "--include-bots", "--author", "Ada Okafor", "ravi patel", "Alertmanager",
        "--since", "2026-03-13T22:00:00Z", "--until", "2026-03-13T22:55:00Z", "--db", db_url,
    )  # fmt: skip
    assert status == 0
    assert out.splitlines() == [
        "added 5 events to “Queue backlog”",
        "added participants (fill in their roles): Ravi Patel",
    ]
    after = load(db_url, debrief.id)
    roles = [(p.name, p.role) for p in after.participants]
    assert roles == [("Ada Okafor", "IC"), ("Ravi Patel", "")]
    assert after.timeline[0].text == "Alertmanager: [FIRING:1] CheckoutErrorRatio above 5%"


def test_csv_columns_are_chosen_by_flags(
    stored: Debrief, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "events.csv"
    path.write_text("at,body,person,sort\n2026-03-13 23:45,checking pools,ada,action\n")
    status, out, _ = run(
        capsys, "timeline", "import", stored.id, str(path), "--time-col", "at", "--text-col",
        "body", "--author-col", "person", "--kind-col", "4", "--dry-run", "--db", db_url,
    )  # fmt: skip
    assert status == 0
    assert "Columns: time = “at”, text = “body”, author = “person”, kind = “sort”" in out
    assert "23:45:00  action      ada" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--since", "yesterday"], "--since: “yesterday” is not an ISO date or time"),
        (["--tz", "Moon/Base"], "“Moon/Base” is not a time zone name"),
        (["--day", "13/03"], "--day: “13/03” is not a date"),
        (["--channel", "nope"], "has no channel named “nope”"),
        (["--author", "Nobody"], "nothing to import after the filters"),
    ],
)
def test_errors_are_one_line_with_status_2_and_change_nothing(
    stored: Debrief,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    export = incident_export().write_zip(tmp_path / "acme.zip")
    before = load(db_url, stored.id)
    status, out, err = run(
        capsys, "timeline", "import", stored.id, str(export), *extra, "--db", db_url
    )
    assert status == 2 and out == ""
    assert err.startswith("facilitator: ") and message in err and err.count("\n") == 1
    assert load(db_url, stored.id) == before


def test_an_unknown_debrief_and_a_bad_source(
    stored: Debrief, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, "timeline", "import", "ffff", "x.zip", "--db", db_url)
    assert status == 2 and "no debrief has an id starting with 'ffff'" in err
    bad = tmp_path / "notes.txt"
    bad.write_text("Some notes from the call\n")
    status, _, err = run(capsys, "timeline", "import", stored.id, str(bad), "--db", db_url)
    assert status == 2 and "line 1 is not in a chat layout" in err


def test_dry_run_and_all_cannot_be_combined(
    stored: Debrief, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["timeline", "import", stored.id, "x", "--dry-run", "--all", "--db", db_url])
    assert exit_.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_moments_are_marked_by_dry_run_number(
    stored: Debrief, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "chat.log"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    status, out, _ = run(
        capsys, "timeline", "import", stored.id, str(path), "--moment", "detection=1",
        "--moment", "Mitigation=3", "--db", db_url,
    )  # fmt: skip
    assert status == 0 and "marked the detection moment" in out
    after = load(db_url, stored.id)
    detected = next(e for e in after.timeline if e.source == "chat:chat.log#L1")
    mitigated = next(e for e in after.timeline if e.source == "chat:chat.log#L3")
    assert after.detected_at == detected.at and after.mitigated_at == mitigated.at
    for value, message in (("found=1", "should be one of start"), ("start=9", "no candidate 9")):
        status, _, err = run(
            capsys, "timeline", "import", stored.id, str(path), "--moment", value, "--db", db_url
        )
        assert status == 2 and message in err


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError


def test_a_reader_that_stops_early_is_not_an_error(
    stored: Debrief, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from facilitator.cli import build_parser
    from facilitator.evidence import import_cli

    quieted: list[bool] = []
    monkeypatch.setattr(import_cli, "_quiet_stdout", lambda: quieted.append(True))
    path = tmp_path / "chat.log"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    args = build_parser().parse_args(
        ["timeline", "import", stored.id, str(path), "--dry-run", "--db", db_url]
    )
    assert import_cli.run(args, stdout=_ClosedPipe(), stderr=io.StringIO()) == 0
    assert quieted == [True]
