"""The team library: publish, sync both ways, keep private things here, fail plainly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from facilitator.domain.changes import snapshot
from facilitator.domain.model import Note, TimelineEvent
from facilitator.storage import DebriefService, ReadOnlyError
from facilitator.team.connection import TeamError, check
from facilitator.team.public import public_copy
from facilitator.team.sync import TeamSync

from support.postgres import fresh_database, grant_team_roles, login_role, server_url
from support.samples import at, sample_debrief

PRIVATE = "PRIVATE-NOTE-5521"
PARKED = "PARKED-TOPIC-8830"


@pytest.fixture
def team_db() -> Iterator[str]:
    """An empty team library, its tables made by the owner and the roles granted."""
    with fresh_database() as owner_url:
        DebriefService(owner_url, maintenance=False).close()
        grant_team_roles(owner_url)
        yield owner_url


@pytest.fixture
def editor(team_db: str) -> Iterator[str]:
    admin = server_url()
    assert admin is not None
    with login_role(admin, team_db.rsplit("/", 1)[1], "facilitator_editor") as url:
        yield url


def _local(tmp_path: Path, name: str) -> DebriefService:
    return DebriefService(f"sqlite:///{tmp_path / f'{name}.db'}", maintenance=False)


def _with_private() -> object:
    debrief = sample_debrief()
    debrief.private_notes = PRIVATE
    debrief.parking_lot = [Note(PARKED)]
    return debrief


def test_publishing_pushes_the_debrief_without_what_stays_here(
    tmp_path: Path, editor: str, team_db: str
) -> None:
    with _local(tmp_path, "a") as local:
        local.save(_with_private())
        sync = TeamSync(local, editor)
        report = sync.publish(sample_debrief().id)
        sync.close()
    assert report.problem == "" and report.pushed == [sample_debrief().id]
    engine = create_engine(team_db)
    with engine.connect() as conn:
        dump = " ".join(
            str(value)
            for table in ("debriefs", "list_items", "timeline_events", "action_items")
            for row in conn.execute(text(f"SELECT * FROM {table}"))
            for value in row
        )
    engine.dispose()
    assert sample_debrief().title in dump
    assert PRIVATE not in dump and PARKED not in dump
    assert "ignored" not in dump or "modal-have" not in dump


def test_two_machines_see_each_others_edits_and_keep_their_private_notes(
    tmp_path: Path, editor: str
) -> None:
    with _local(tmp_path, "a") as a, _local(tmp_path, "b") as b:
        a.save(_with_private())
        sync_a, sync_b = TeamSync(a, editor), TeamSync(b, editor)
        sync_a.publish(sample_debrief().id)
        assert sync_b.sync().brought_down == 1
        on_b = b.load(sample_debrief().id)
        assert on_b.private_notes == "" and on_b.title == sample_debrief().title
        on_b.timeline.append(TimelineEvent(at(1, 0), text="Added on machine B."))
        on_b.private_notes = "B's own notes"
        b.save(on_b, base=snapshot(b.load(on_b.id)))
        assert sync_b.sync().pushed == [on_b.id]
        assert sync_a.sync().pulled == [on_b.id]
        on_a = a.load(on_b.id)
        assert on_a.timeline[-1].text == "Added on machine B."
        assert on_a.private_notes == PRIVATE
        assert b.load(on_b.id).private_notes == "B's own notes"
        assert sync_a.waiting() == sync_b.waiting() == 0
        sync_a.close()
        sync_b.close()


def test_the_same_text_changed_on_two_machines_keeps_both(tmp_path: Path, editor: str) -> None:
    with _local(tmp_path, "a") as a, _local(tmp_path, "b") as b:
        a.save(sample_debrief())
        sync_a, sync_b = TeamSync(a, editor), TeamSync(b, editor)
        sync_a.publish(sample_debrief().id)
        sync_b.sync()
        for service, words in ((a, "Impact as A wrote it."), (b, "Impact as B wrote it.")):
            copy = service.load(sample_debrief().id)
            base = snapshot(copy)
            copy.impact = words
            service.save(copy, base=base)
        sync_a.sync()
        report = sync_b.sync()
        sync_a.sync()
        assert report.conflicts == 1
        for service in (a, b):
            stored = service.load(sample_debrief().id)
            assert stored.impact == "Impact as A wrote it."
            assert [c.text for c in stored.conflicts] == ["Impact as B wrote it."]
        sync_a.close()
        sync_b.close()


def test_offline_sync_changes_nothing_and_a_later_one_repeats_nothing(
    tmp_path: Path, editor: str
) -> None:
    with _local(tmp_path, "a") as a:
        a.save(sample_debrief())
        online = TeamSync(a, editor)
        online.publish(sample_debrief().id)
        copy = a.load(sample_debrief().id)
        base = snapshot(copy)
        copy.learnings.append(Note("Learned while offline."))
        a.save(copy, base=base)
        before = a.load(copy.id)
        offline = TeamSync(a, "postgresql+psycopg://nobody@127.0.0.1:9/none")
        report = offline.sync()
        assert not report.online and "Nothing answers" in report.problem
        assert a.load(copy.id) == before
        assert offline.waiting() == 1
        online.sync()
        online.sync()
        stored = online.team().load(copy.id)
        assert [n.text for n in stored.learnings].count("Learned while offline.") == 1
        assert online.waiting() == 0
        online.close()


def test_a_reader_may_pull_but_not_publish(tmp_path: Path, team_db: str, editor: str) -> None:
    admin = server_url()
    assert admin is not None
    with (
        login_role(admin, team_db.rsplit("/", 1)[1], "facilitator_reader") as reader,
        _local(tmp_path, "a") as a,
        _local(tmp_path, "r") as r,
    ):
        a.save(sample_debrief())
        publisher = TeamSync(a, editor)
        publisher.publish(sample_debrief().id)
        publisher.close()
        assert check(reader).role == "reader"
        sync = TeamSync(r, reader)
        assert sync.sync().brought_down == 1
        r.save(sample_debrief())  # a local debrief of its own
        report = sync.publish(sample_debrief().id)
        assert "may only read" in report.problem
        status = sync.status()
        assert status.online and status.role == "reader"
        sync.close()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda url: url.replace("@127.0.0.1", "x@127.0.0.1"), "refused the login"),
        (lambda url: url.rsplit("/", 1)[0] + "/no_such_db", "does not exist"),
        # Port 9 (discard): nothing listens there, whatever port the test server uses.
        (
            lambda url: make_url(url).set(port=9).render_as_string(hide_password=False),
            "Nothing answers",
        ),
        (lambda url: url.replace("127.0.0.1", "no-such-host.invalid"), "was not found"),
    ],
)
def test_a_failed_connection_says_what_is_wrong(editor: str, change, expected: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TeamError, match=expected):
        check(change(editor))


def test_a_newer_team_library_is_refused_without_writing(
    tmp_path: Path, team_db: str, editor: str
) -> None:
    engine = create_engine(team_db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(TeamError, match="newer version"):
        check(editor)
    with _local(tmp_path, "a") as a:
        a.save(sample_debrief())
        report = TeamSync(a, editor).publish(sample_debrief().id)
    assert "newer version" in report.problem
    engine = create_engine(team_db)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM debriefs")).scalar() == 0
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    engine.dispose()


def test_a_lost_answer_after_a_push_is_not_pushed_twice(tmp_path: Path, editor: str) -> None:
    """The team took the push but this machine never heard back: the retry duplicates nothing."""
    with _local(tmp_path, "a") as a:
        a.save(sample_debrief())
        sync = TeamSync(a, editor)
        sync.publish(sample_debrief().id)
        copy = a.load(sample_debrief().id)
        base = snapshot(copy)
        copy.timeline.append(TimelineEvent(at(2, 0), text="Pushed once."))
        a.save(copy, base=base)
        team = sync.team()
        pushed = public_copy(a.load(copy.id))
        pushed.revision = team.revision_of(copy.id) or 0
        team.save(pushed)  # as if the push went through and the reply was lost
        sync.sync()
        texts = [e.text for e in team.load(copy.id).timeline]
        assert texts.count("Pushed once.") == 1
        assert sync.waiting() == 0
        sync.close()


def test_a_read_only_team_refuses_a_publish_plainly(tmp_path: Path, editor: str) -> None:
    with _local(tmp_path, "a") as a:
        a.save(sample_debrief())
        sync = TeamSync(a, editor)
        sync.team().read_only_reason = "your account may only read this library"
        report = sync.publish(sample_debrief().id)
        assert "may only read" in report.problem
        assert not sync.is_published(sample_debrief().id)
        team = sync.team()
        team.read_only_reason = "your account may only read this library"
        with pytest.raises(ReadOnlyError):
            team.save(public_copy(a.load(sample_debrief().id)))
        sync.close()


def test_marks_tell_local_only_published_and_changes_waiting(tmp_path: Path, editor: str) -> None:
    from facilitator.domain.model import Debrief
    from facilitator.team.sync import PUBLISHED, WAITING

    with _local(tmp_path, "a") as a:
        a.save(sample_debrief())
        a.save(Debrief(id="00000000-0000-4000-8000-0000000000aa", title="Kept here"))
        sync = TeamSync(a, editor)
        assert sync.marks() == {}  # nothing published yet: everything is local only
        sync.publish(sample_debrief().id)
        assert sync.marks() == {sample_debrief().id: PUBLISHED}
        copy = a.load(sample_debrief().id)
        base = snapshot(copy)
        copy.private_notes = "Only mine."  # private: nothing to publish
        a.save(copy, base=base)
        assert sync.marks() == {copy.id: PUBLISHED}
        copy, base = a.load(copy.id), snapshot(a.load(copy.id))
        copy.learnings.append(Note("Shared later."))
        a.save(copy, base=base)
        assert sync.marks() == {copy.id: WAITING}
        sync.sync()
        assert sync.marks() == {copy.id: PUBLISHED}
        sync.close()
