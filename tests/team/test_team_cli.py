"""``facilitator team``: connect with a password on stdin, status, publish, sync, disconnect."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from facilitator.cli import main
from facilitator.storage import DebriefService, secrets
from facilitator.team import settings

from support.postgres import fresh_database, grant_team_roles, login_role, server_url
from support.samples import sample_debrief


@pytest.fixture
def editor_url() -> Iterator[str]:
    with fresh_database() as owner_url:
        DebriefService(owner_url, maintenance=False).close()
        grant_team_roles(owner_url)
        admin = server_url()
        assert admin is not None
        with login_role(admin, owner_url.rsplit("/", 1)[1], "facilitator_editor") as url:
            yield url


def test_the_whole_round_from_the_command_line(
    editor_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    memory_keyring: object,
) -> None:
    parsed = make_url(editor_url)
    bare = parsed._replace(password=None).render_as_string(hide_password=False)
    local = f"sqlite:///{tmp_path / 'local.db'}"
    with DebriefService(local) as service:
        service.save(sample_debrief())
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{parsed.password}\n"))
    assert main(["team", "connect", bare]) == 0
    out = capsys.readouterr().out
    assert "connected to" in out and "(editor)" in out and parsed.password not in out
    assert settings.team_url() == bare
    assert parsed.password not in (tmp_path / "user" / "config" / "team.json").read_text()
    assert secrets.with_keychain_password(bare) == editor_url.split("?")[0]
    assert main(["--db", local, "team", "publish", sample_debrief().id[:8]]) == 0
    assert "published" in capsys.readouterr().out
    assert main(["--db", local, "team", "status"]) == 0
    assert "online as editor; 0 changes waiting" in capsys.readouterr().out
    assert main(["--db", local, "team", "sync"]) == 0
    assert capsys.readouterr().out.startswith("pushed 0, pulled 0")
    assert main(["team", "disconnect"]) == 0
    assert settings.team_url() is None
    assert secrets.with_keychain_password(bare) == bare


def test_a_wrong_password_is_one_clear_line_and_nothing_is_kept(
    editor_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = make_url(editor_url)._replace(password=None).render_as_string(hide_password=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("not-the-password\n"))
    assert main(["team", "connect", bare]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "refused the login" in err and "not-the-password" not in err
    assert settings.team_url() is None


def test_commands_need_a_connection_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["team", "sync"]) == 2
    assert "facilitator team connect URL" in capsys.readouterr().err


def test_no_keychain_says_where_the_password_can_go_and_keeps_nothing(
    editor_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # a headless machine: no Secret Service at all
    try:
        parsed = make_url(editor_url)
        bare = parsed._replace(password=None).render_as_string(hide_password=False)
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{parsed.password}\n"))
        assert main(["team", "connect", bare]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "no keychain" in err and ".pgpass" in err
        assert parsed.password not in err
        assert settings.team_url() is None  # not half-connected
    finally:
        keyring.set_keyring(previous)
