"""Database passwords live in the system keychain, never in settings or URLs on disk.

A team database is given as ``postgresql://ada@db.example/debriefs`` (no password);
the password is looked up in the keychain under the service ``Facilitator`` and
the user ``ada@db.example``. ``store_password`` is how the app saves one.
"""

from __future__ import annotations

import logging

import keyring
from keyring.errors import KeyringError
from sqlalchemy.engine import URL, make_url

from facilitator.storage.errors import StorageError

SERVICE = "Facilitator"
log = logging.getLogger(__name__)


def _account(url: URL) -> str:
    return f"{url.username}@{url.host or 'localhost'}"


def with_keychain_password(url: str) -> str:
    """Return ``url`` with its password filled from the keychain when it has a user but none."""
    parsed = make_url(url)
    if parsed.username is None or parsed.password is not None:
        return url
    try:
        password = keyring.get_password(SERVICE, _account(parsed))
    except KeyringError as exc:  # no usable keychain: connect without, the server will say
        log.info("keychain unavailable: %s", exc)
        return url
    if password is None:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)


class KeychainError(StorageError):
    """No keychain can keep the password (a headless machine, a locked or missing one)."""


def store_password(url: str, password: str) -> None:
    """Remember the password for the user and host of ``url`` in the keychain.

    Raises :class:`KeychainError` when there is no usable keychain: the password is
    never written anywhere else, so the caller must not carry on as if it were kept.
    """
    try:
        keyring.set_password(SERVICE, _account(make_url(url)), password)
    except KeyringError as exc:
        log.info("keychain unavailable: %s", type(exc).__name__)
        raise KeychainError(
            "This computer has no keychain to keep the password in, and Facilitator never "
            "writes it to a file. Put it in PostgreSQL's own password file (~/.pgpass, "
            "host:port:database:user:password) and connect again without a password."
        ) from None


def forget_password(url: str) -> None:
    """Remove the password for the user and host of ``url`` from the keychain, if it is there."""
    try:
        keyring.delete_password(SERVICE, _account(make_url(url)))
    except KeyringError as exc:  # not there, or no usable keychain: nothing to forget
        log.info("keychain: %s", type(exc).__name__)
