"""Team database passwords come from the (test) keychain, not from the URL on disk."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from facilitator.storage.secrets import store_password, with_keychain_password


def test_password_is_filled_from_the_keychain(memory_keyring) -> None:
    url = "postgresql://ada@db.example/debriefs"
    assert with_keychain_password(url) == url
    store_password(url, "s3cr:t")
    assert memory_keyring.passwords == {("Facilitator", "ada@db.example"): "s3cr:t"}
    assert make_url(with_keychain_password(url)).password == "s3cr:t"


def test_urls_without_user_or_with_password_are_left_alone(memory_keyring) -> None:
    store_password("postgresql://ada@db.example/x", "p")
    assert with_keychain_password("sqlite:///x.db") == "sqlite:///x.db"
    explicit = "postgresql://ada:given@db.example/x"
    assert with_keychain_password(explicit) == explicit
