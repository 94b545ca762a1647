"""Testing a team library connection and saying plainly what is wrong.

Host not found or unreachable, nothing listening, login refused, database
missing, no permission, a schema from a newer version: each gets its own
sentence, because each has a different fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from facilitator.storage import database
from facilitator.storage.errors import StorageError, UnreachableError
from facilitator.storage.secrets import with_keychain_password

#: How long to wait for the server before calling it unreachable.
CONNECT_TIMEOUT_S = 5


class TeamError(StorageError):
    """The team library cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class TeamInfo:
    """Who we are on the team library and what we may do there."""

    user: str
    role: str  # "editor" or "reader"
    schema: str | None  # the stamped revision; None for an empty library
    debriefs: int

    @property
    def may_publish(self) -> bool:
        return self.role == "editor"


def server_url(url: str, password: str | None = None) -> str:
    """The URL to connect with: the keychain's (or the given) password and a timeout added."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise TeamError(f"“{url}” is not a database URL.") from None
    if parsed.get_backend_name() != "postgresql":
        raise TeamError("A team library is a PostgreSQL database (postgresql://user@host/name).")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if password is not None:
        parsed = parsed.set(password=password)
    query = dict(parsed.query)
    query.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
    parsed = parsed.set(query=query)
    plain = parsed.render_as_string(hide_password=False)
    return plain if password is not None else with_keychain_password(plain)


def describe(exc: BaseException, url: str) -> TeamError:
    """Turn a connection failure into the sentence that names its fix."""
    where = database.mask_url(url)
    original: BaseException = exc
    while isinstance(original, StorageError) and original.__cause__ is not None:
        original = original.__cause__  # the driver's own error, not our sentence about it
    original = getattr(original, "orig", None) or original
    message = str(original).lower()
    state = getattr(original, "sqlstate", None) or ""
    if "could not translate host name" in message or "name or service not known" in message:
        return TeamError(f"The host of {where} was not found. Check the address.")
    if "timeout" in message or "timed out" in message or "no route to host" in message:
        return TeamError(f"The host of {where} cannot be reached (it did not answer).")
    if "connection refused" in message:
        return TeamError(
            f"Nothing answers at {where}: check the port, and that the server is running."
        )
    if state.startswith("28") or "password authentication failed" in message:
        return TeamError(f"The server refused the login to {where}: check the user and password.")
    if state == "3D000" or ("database" in message and "does not exist" in message):
        return TeamError(f"The database of {where} does not exist on that server.")
    if state == "42501" or "permission denied" in message:
        return TeamError(f"Your account has no permission on {where}. Ask for the reader role.")
    error = database.classify(exc, url)
    return TeamError(str(error)) if not isinstance(error, TeamError) else error


def check(url: str, password: str | None = None) -> TeamInfo:
    """Connect to the team library at ``url`` and report who we are there; raise TeamError."""
    target = server_url(url, password)
    try:
        engine = create_engine(target, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise TeamError(
            "The PostgreSQL driver is not installed: pip install 'facilitator[postgres]'."
        ) from exc
    try:
        with engine.connect() as connection:
            user = connection.execute(text("SELECT current_user")).scalar_one()
            has_tables = connection.execute(
                text("SELECT to_regclass('public.debriefs') IS NOT NULL")
            ).scalar_one()
            if not has_tables:
                return TeamInfo(user, _role_without_tables(connection), None, 0)
            stamp = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            if stamp is not None and stamp not in database.known_revisions():
                raise TeamError(
                    f"The team library at {database.mask_url(url)} was set up by a newer "
                    "version of Facilitator. Update Facilitator to use it; nothing was changed."
                )
            may = connection.execute(
                text("SELECT has_table_privilege(current_user, 'debriefs', 'UPDATE')")
            ).scalar_one()
            count = connection.execute(text("SELECT count(*) FROM debriefs")).scalar_one()
            return TeamInfo(user, "editor" if may else "reader", stamp, int(count))
    except TeamError:
        raise
    except (SQLAlchemyError, UnreachableError) as exc:
        raise describe(exc, target) from exc
    finally:
        engine.dispose()


def _role_without_tables(connection: object) -> str:
    creates = connection.execute(  # type: ignore[attr-defined]
        text("SELECT has_schema_privilege(current_user, 'public', 'CREATE')")
    ).scalar_one()
    return "owner" if creates else "reader"


def plain_url(url: str) -> str:
    """``url`` without its password, as it is remembered."""
    parsed: URL = make_url(url)
    # URL.set() ignores None; _replace is how a part is removed.
    return parsed._replace(password=None).render_as_string(hide_password=False)
