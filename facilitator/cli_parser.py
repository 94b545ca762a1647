"""The ``facilitator`` command line's arguments.

Every command is listed (``facilitator -h`` names them all), but only the one
being run has its arguments configured: configuring a command imports the code
behind it, and ``facilitator --version`` or ``facilitator list`` must not pay for
the library's search, the evidence readers or the team library.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from facilitator import __version__

#: Options of the top level that take a value (so the word after them is not a command).
_VALUED = ("--db", "--open")


def db_option(parser: argparse.ArgumentParser, default: object) -> None:
    """Add ``--db URL`` (every command has it)."""
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL (default: $FACILITATOR_DB or the file in your user data folder)",
    )


def _import(parser: argparse.ArgumentParser) -> None:
    from facilitator.commands.common import add_taxonomy_option

    parser.add_argument("files", nargs="+", metavar="FILE", help="facilitator-debrief JSON files")
    parser.add_argument(
        "--replace", action="store_true", help="replace a stored debrief that has the same id"
    )
    add_taxonomy_option(parser)


def _list(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")


def _export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="ID|FILE.json")
    parser.add_argument("--format", choices=("json", "docx", "pdf", "md", "ics"), default="json")
    parser.add_argument("-o", "--output", metavar="OUT", help="output file (- or none: stdout)")
    parser.add_argument("--template", metavar="FILE", help="a .docx whose styles the document uses")
    parser.add_argument(
        "--review-comments",
        action="store_true",
        help="add a Word comment on every phrase the language checker flags",
    )
    parser.add_argument(
        "--language",
        metavar="TAG",
        help="document language for Word, as a BCP 47 tag such as en-GB (default: the system's)",
    )
    parser.add_argument(
        "--paper",
        choices=("a4", "letter"),
        help="page size for Word and PDF (default: the one your region uses)",
    )


def _timeline(parser: argparse.ArgumentParser) -> None:
    from facilitator.evidence import import_cli

    import_cli.configure_parser(parser, db_option)


def _backup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="where to write the copy")


def _restore(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a backup file (see the backups folder)")


def _team(parser: argparse.ArgumentParser) -> None:
    from facilitator.team import cli as team_cli

    team_cli.configure_parser(parser)


def _actions(parser: argparse.ArgumentParser) -> None:
    from facilitator.followup import actions_cli

    actions_cli.configure_parser(parser)


def _demo(parser: argparse.ArgumentParser) -> None:
    del parser  # no arguments of its own


def _open(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="ID|FILE.json")
    parser.add_argument(
        "--phase", metavar="NAME", help="the phase to show: its id, title or number"
    )


def _lint(parser: argparse.ArgumentParser) -> None:
    try:
        from facilitator.language import lint_cli
    except ImportError:
        parser.set_defaults(lint_run=None)
    else:
        lint_cli.configure_parser(parser)
        parser.set_defaults(lint_run=lint_cli.run)


def _library(module: str) -> Callable[[argparse.ArgumentParser], None]:
    def configure(parser: argparse.ArgumentParser) -> None:
        from importlib import import_module

        import_module(f"facilitator.commands.{module}").configure(parser)

    return configure


#: name -> (one line of help, what configures its arguments), in the order -h lists them.
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "import": ("import debriefs from JSON files", _import),
    "list": ("list stored debriefs: id, date, severity, title", _list),
    "export": (
        "export a debrief (by id, id prefix or JSON file) as JSON, Word, PDF, Markdown, or its "
        "checkpoint as a calendar file (ics)",
        _export,
    ),
    "timeline": (
        "work on a debrief's timeline: import events from chat, alerts and logs",
        _timeline,
    ),
    "backup": ("copy the library now (SQLite), into its backups folder or to a file", _backup),
    "restore": ("replace the library with a backup, after checking the backup", _restore),
    "team": ("the team library: connect, publish, sync, status, disconnect", _team),
    "actions": ("list or export action items across debriefs", _actions),
    "demo": ("add the sample debrief to the library (once) and print its id", _demo),
    "open": ("open the app on a debrief (by id or id prefix), or preview a JSON file", _open),
    "lint": ("flag blame and counterfactual wording in text", _lint),
    "search": ("search every field of every debrief", _library("search_cmd")),
    "trends": (
        "count debriefs by service, severity, cause, tag or period",
        _library("trends_cmd"),
    ),
    "matrix": ("the classification matrix as CSV, Word or text", _library("matrix_cmd")),
    "report": ("the monthly learning review as Word, Markdown or PDF", _library("report_cmd")),
}


def command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs (None: the app), skipping the top-level options."""
    words = iter(argv)
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif word == "--":
            return next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for ``argv``'s command; with no ``argv``, every command fully configured."""
    wanted = command_in(argv) if argv is not None else None
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run blameless incident debriefs. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    db_option(parser, None)
    parser.add_argument(
        "--open",
        metavar="ID",
        help="open this debrief in the app (its id or first characters); with the app "
        "already running on the database, that window opens it",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, configure) in COMMANDS.items():
        command = commands.add_parser(name, help=help_text, description=help_text)
        # SUPPRESS keeps a --db given before the command from being reset here.
        db_option(command, argparse.SUPPRESS)
        if argv is None or name == wanted:
            configure(command)
    return parser
