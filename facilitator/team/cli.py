"""``facilitator team …``: connect to a team library, publish, sync, see the status, disconnect.

facilitator team connect URL     asks for the password (or reads one line from stdin)
facilitator team status          online or offline, changes waiting, your role
facilitator team publish ID      publish a local debrief
facilitator team sync            push and pull now
facilitator team disconnect      forget the team library and its password
facilitator team upgrade         create or upgrade the team library's tables (its owner)
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a command runs: `facilitator --version` stays instant
    from facilitator.storage import DebriefService
    from facilitator.team.sync import TeamSync


class TeamCommandError(Exception):
    """A user-facing failure of a team command (printed as one line, status 2)."""


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the team subcommands to ``parser``."""
    actions = parser.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    connect = actions.add_parser("connect", help="connect to a team library and keep its password")
    connect.add_argument("url", metavar="URL", help="postgresql://user@host/database")
    actions.add_parser("status", help="online or offline, changes waiting, your role")
    publish = actions.add_parser("publish", help="publish a local debrief to the team library")
    publish.add_argument("debrief", metavar="ID", help="a debrief id or its first characters")
    actions.add_parser("sync", help="push and pull changes now")
    actions.add_parser("disconnect", help="forget the team library and its password")
    actions.add_parser("upgrade", help="create or upgrade the team library's tables (owner)")


def _password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Password for the team library: ")
    return sys.stdin.readline().rstrip("\r\n")


def _connected() -> str:
    from facilitator.team import settings

    url = settings.team_url()
    if url is None:
        raise TeamCommandError("no team library is connected: facilitator team connect URL")
    return url


def run(args: argparse.Namespace) -> int:
    """Carry out a team command; return the exit status."""
    from facilitator.storage import DebriefService
    from facilitator.team import connection, settings
    from facilitator.team.sync import TeamSync

    action = args.team_command
    if action == "connect":
        password = _password()
        info = connection.check(args.url, password or None)
        settings.remember(connection.plain_url(args.url), password or None)
        tables = (
            "empty: run facilitator team upgrade as its owner"
            if info.schema is None
            else (f"{info.debriefs} debrief{'s' if info.debriefs != 1 else ''}")
        )
        print(
            f"connected to {connection.plain_url(args.url)} as {info.user} ({info.role}); {tables}"
        )
        return 0
    if action == "disconnect":
        forgotten = settings.forget()
        print(f"disconnected from {forgotten}" if forgotten else "no team library was connected")
        return 0
    url = _connected()
    if action == "upgrade":
        DebriefService(connection.server_url(url), maintenance=False).close()
        print(f"the team library at {url} is ready")
        return 0
    with DebriefService(args.db) as local:
        sync = TeamSync(local, url)
        try:
            return _with_sync(action, args, sync, local)
        finally:
            sync.close()


def _with_sync(action: str, args: argparse.Namespace, sync: TeamSync, local: DebriefService) -> int:
    if action == "status":
        status = sync.status()
        state = f"online as {status.role}" if status.online else f"offline ({status.problem})"
        waiting = f"{status.waiting} change{'s' if status.waiting != 1 else ''} waiting"
        print(f"{url_line(sync.team_url)}: {state}; {waiting}")
        return 0
    if action == "publish":
        matches = [e.id for e in local.list() if e.id.startswith(args.debrief.lower())]
        if len(matches) != 1:
            found = "no debrief" if not matches else f"{len(matches)} debriefs"
            raise TeamCommandError(f"{found} has an id starting with {args.debrief!r}")
        report = sync.publish(matches[0])
        if report.problem:
            raise TeamCommandError(report.problem)
        print(f"published {matches[0]}" + _conflicts(report.conflicts))
        return 0
    report = sync.sync()
    if report.problem:
        raise TeamCommandError(report.problem)
    print(
        f"pushed {len(report.pushed)}, pulled {len(report.pulled)}, "
        f"brought down {report.brought_down}" + _conflicts(report.conflicts)
    )
    return 0


def url_line(url: str) -> str:
    from facilitator.team import connection

    return connection.plain_url(url)


def _conflicts(count: int) -> str:
    if not count:
        return ""
    return f"; {count} edit{'s' if count != 1 else ''} to resolve (both texts kept)"
