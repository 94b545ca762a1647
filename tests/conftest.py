"""Fixtures shared by every test: no test touches the user's real data, settings or keychain."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from support.postgres import fresh_database


class MemoryKeyring(KeyringBackend):
    """A keychain that lives and dies with one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point data, settings and log folders at a temporary folder and drop FACILITATOR_DB."""
    home = tmp_path / "user"
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("FACILITATOR_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("FACILITATOR_LOG_DIR", str(home / "logs"))
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    yield home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Replace the system keychain with an in-memory one."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file in the test's folder, or a PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'debriefs.sqlite3'}"
        return
    with fresh_database() as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite URL in the test's temporary folder, for cases about the file itself."""
    return f"sqlite:///{tmp_path / 'debriefs.sqlite3'}"
