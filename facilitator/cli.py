"""The ``facilitator`` command: starts the app, or imports, lists, exports and lints debriefs.

Every command accepts ``--db URL``. Errors the user can cause print one line
on stderr and exit with status 2; nothing is half-written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from facilitator import __version__
from facilitator.domain.interchange import InterchangeError, dumps
from facilitator.domain.model import Debrief
from facilitator.export.atomic import ExportError, write_atomically

if TYPE_CHECKING:
    from facilitator.storage import DebriefService

EXIT_ERROR = 2


class CommandError(Exception):
    """A user-facing failure: the message is printed as is, the exit status is 2."""


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL (default: $FACILITATOR_DB or the file in your user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="facilitator",
        description="Run blameless incident debriefs. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"facilitator {__version__}")
    _db_option(parser, None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def sub(name: str, help_text: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        # SUPPRESS keeps a --db given before the command from being reset here.
        _db_option(command, argparse.SUPPRESS)
        return command

    imp = sub("import", "import debriefs from JSON files")
    imp.add_argument("files", nargs="+", metavar="FILE", help="facilitator-debrief JSON files")
    imp.add_argument(
        "--replace", action="store_true", help="replace a stored debrief that has the same id"
    )

    lst = sub("list", "list stored debriefs: id, date, severity, title")
    lst.add_argument("--format", choices=("text", "json"), default="text")

    exp = sub(
        "export", "export a debrief (by id, id prefix or JSON file) as JSON, Word or Markdown"
    )
    exp.add_argument("source", metavar="ID|FILE.json")
    exp.add_argument("--format", choices=("json", "docx", "md"), default="json")
    exp.add_argument("-o", "--output", metavar="OUT", help="output file (- or none: stdout)")
    exp.add_argument("--template", metavar="FILE", help="a .docx whose styles the document uses")
    exp.add_argument(
        "--review-comments",
        action="store_true",
        help="add a Word comment on every phrase the language checker flags",
    )

    opener = sub("open", "open the app on a debrief (by id or id prefix), or preview a JSON file")
    opener.add_argument("source", metavar="ID|FILE.json")
    opener.add_argument(
        "--phase", metavar="NAME", help="the phase to show: its id, title or number"
    )

    lint = sub("lint", "flag blame and counterfactual wording in text")
    try:
        from facilitator.language import lint_cli
    except ImportError:
        lint.set_defaults(lint_run=None)
    else:
        lint_cli.configure_parser(lint)
        lint.set_defaults(lint_run=lint_cli.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except (CommandError, InterchangeError, ExportError) as exc:
        return _fail(str(exc))
    except Exception as exc:
        from facilitator.storage import StorageError

        if isinstance(exc, StorageError):
            return _fail(str(exc))
        if os.environ.get("FACILITATOR_DEBUG"):
            raise
        return _fail(f"unexpected error: {exc!r} (set FACILITATOR_DEBUG=1 for details)")


def _fail(message: str) -> int:
    print(f"facilitator: {message}", file=sys.stderr)
    return EXIT_ERROR


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        from facilitator.app import run_gui

        return run_gui(args.db)
    if args.command == "open":
        from facilitator.app import run_gui

        return run_gui(args.db, open_target=args.source, phase=args.phase)
    if args.command == "lint":
        if args.lint_run is None:
            raise CommandError("the language checker is not available in this build")
        return int(args.lint_run(args))
    from facilitator.storage import DebriefService

    if args.command == "export" and _is_json_file(args.source):
        return _export(args, _read_document(Path(args.source)))
    with DebriefService(args.db) as service:
        if args.command == "import":
            return _import(args, service)
        if args.command == "list":
            return _list(args, service, sys.stdout)
        return _export(args, _find(service, args.source))


def _is_json_file(source: str) -> bool:
    return source.lower().endswith(".json") or Path(source).is_file()


def _read_document(path: Path) -> Debrief:
    from facilitator.domain.documents import DocumentError, read_document

    try:
        return read_document(path)
    except DocumentError as exc:
        raise CommandError(str(exc)) from None


def _import(args: argparse.Namespace, service: DebriefService) -> int:
    # Read and validate every file before storing any, so a bad file imports nothing.
    debriefs = [(Path(f), _read_document(Path(f))) for f in args.files]
    seen: dict[str, Path] = {}
    for path, debrief in debriefs:
        if debrief.id in seen:
            raise CommandError(f"{path} and {seen[debrief.id]} hold the same debrief id")
        seen[debrief.id] = path
        if not args.replace and service.exists(debrief.id):
            raise CommandError(
                f"{path}: debrief {debrief.id} is already stored; use --replace to overwrite it"
            )
    for _path, debrief in debriefs:
        service.save(debrief, touch=False)
        print(f"imported {debrief.id}  {debrief.title or '(untitled)'}")
    return 0


def _list(args: argparse.Namespace, service: DebriefService, out: TextIO) -> int:
    entries = service.list()
    if args.format == "json":
        rows = [
            {
                "id": e.id,
                "date": e.date.date().isoformat() if e.date else None,
                "severity": e.severity and str(e.severity),
                "status": str(e.status),
                "title": e.title,
            }
            for e in entries
        ]
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return 0
    for e in entries:
        when = e.date.date().isoformat() if e.date else "----------"
        title = " ".join(e.title.split()) or "(untitled)"
        out.write(f"{e.id}  {when}  {e.severity or '-':<4}  {title}\n")
    return 0


def _find(service: DebriefService, source: str) -> Debrief:
    matches = [e.id for e in service.list() if e.id.startswith(source.lower())]
    if not matches:
        raise CommandError(f"no debrief has an id starting with {source!r}")
    if len(matches) > 1:
        raise CommandError(f"{source!r} matches {len(matches)} debriefs; give more of the id")
    return service.load(matches[0])


def _export(args: argparse.Namespace, debrief: Debrief) -> int:
    out = args.output
    if args.format == "docx":
        if not out or out == "-":
            raise CommandError("a Word document needs an output file: add -o FILE.docx")
        from facilitator.export import ExportError, export_docx

        try:
            export_docx(debrief, out, template=args.template, review_comments=args.review_comments)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        return 0
    if args.format == "md":
        from facilitator.export import render_markdown

        text = render_markdown(debrief)
    else:
        text = dumps(debrief)
    if not out or out == "-":
        sys.stdout.write(text)
    else:
        data = text.encode("utf-8")
        write_atomically(Path(out), lambda handle: handle.write(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
