"""The ``facilitator`` command: starts the app, or imports, lists, exports and lints debriefs.

Every command accepts ``--db URL``. Errors the user can cause print one line
on stderr and exit with status 2; nothing is half-written.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from facilitator import __version__
from facilitator.commands import matrix_cmd, report_cmd, search_cmd, trends_cmd
from facilitator.commands.common import add_taxonomy_option, taxonomy_from
from facilitator.domain.interchange import InterchangeError, Loaded, dumps
from facilitator.domain.model import Debrief
from facilitator.domain.taxonomy import Taxonomy, TaxonomyError
from facilitator.export.atomic import ExportError, write_atomically

if TYPE_CHECKING:
    from facilitator.storage import DebriefService

EXIT_ERROR = 2
log = logging.getLogger(__name__)


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
    parser.add_argument(
        "--open",
        metavar="ID",
        help="open this debrief in the app (its id or first characters); with the app "
        "already running on the database, that window opens it",
    )
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
    add_taxonomy_option(imp)

    lst = sub("list", "list stored debriefs: id, date, severity, title")
    lst.add_argument("--format", choices=("text", "json"), default="text")

    exp = sub(
        "export",
        "export a debrief (by id, id prefix or JSON file) as JSON, Word, PDF, Markdown, or its "
        "checkpoint as a calendar file (ics)",
    )
    exp.add_argument("source", metavar="ID|FILE.json")
    exp.add_argument("--format", choices=("json", "docx", "pdf", "md", "ics"), default="json")
    exp.add_argument("-o", "--output", metavar="OUT", help="output file (- or none: stdout)")
    exp.add_argument("--template", metavar="FILE", help="a .docx whose styles the document uses")
    exp.add_argument(
        "--review-comments",
        action="store_true",
        help="add a Word comment on every phrase the language checker flags",
    )
    exp.add_argument(
        "--language",
        metavar="TAG",
        help="document language for Word, as a BCP 47 tag such as en-GB (default: the system's)",
    )
    exp.add_argument(
        "--paper",
        choices=("a4", "letter"),
        help="page size for Word and PDF (default: the one your region uses)",
    )

    from facilitator.evidence import import_cli

    import_cli.configure_parser(
        sub("timeline", "work on a debrief's timeline: import events from chat, alerts and logs"),
        _db_option,
    )
    bak = sub("backup", "copy the library now (SQLite), into its backups folder or to a file")
    bak.add_argument("-o", "--output", metavar="FILE", help="where to write the copy")

    res = sub("restore", "replace the library with a backup, after checking the backup")
    res.add_argument("file", metavar="FILE", help="a backup file (see the backups folder)")

    team = sub("team", "the team library: connect, publish, sync, status, disconnect")
    from facilitator.team import cli as team_cli

    team_cli.configure_parser(team)

    # Follow-up (issue 14): the code lives in facilitator.followup.actions_cli.
    from facilitator.followup import actions_cli

    actions_cli.configure_parser(sub("actions", "list or export action items across debriefs"))

    sub("demo", "add the sample debrief to the library (once) and print its id")

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

    # The incident library's commands live in facilitator.commands; only registered here.
    search_cmd.configure(sub("search", "search every field of every debrief"))
    trends_cmd.configure(sub("trends", "count debriefs by service, severity, cause, tag or period"))
    matrix_cmd.configure(sub("matrix", "the classification matrix as CSV, Word or text"))
    report_cmd.configure(sub("report", "the monthly learning review as Word, Markdown or PDF"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except (CommandError, InterchangeError, ExportError, TaxonomyError) as exc:
        return _fail(str(exc))
    except Exception as exc:
        from facilitator.storage import StorageError

        if isinstance(exc, StorageError):
            return _fail(str(exc))
        if os.environ.get("FACILITATOR_DEBUG"):
            raise
        # The type only: an exception's text may carry what someone typed.
        log.error("unexpected %s", type(exc).__name__, exc_info=True)
        return _fail(
            f"unexpected error ({type(exc).__name__}); set FACILITATOR_DEBUG=1 for details"
        )


def _fail(message: str) -> int:
    print(f"facilitator: {message}", file=sys.stderr)
    return EXIT_ERROR


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        return _gui(args, args.open)
    if args.command == "open":
        return _gui(args, args.source, args.phase)
    if getattr(args, "run", None) is not None:
        return int(args.run(args))
    if args.command == "lint":
        if args.lint_run is None:
            raise CommandError("the language checker is not available in this build")
        return int(args.lint_run(args))
    if args.command == "timeline":
        return int(args.timeline_run(args))
    if args.command == "team":
        from facilitator.team import cli as team_cli

        try:
            return team_cli.run(args)
        except team_cli.TeamCommandError as exc:
            raise CommandError(str(exc)) from None
    if args.command == "export" and _is_json_file(args.source):
        # A file needs no database: SQLAlchemy and Alembic stay unloaded, which halves start-up.
        return _export(args, _read_document(Path(args.source), taxonomy_from(args)).debrief)
    if args.command == "restore":
        return _restore(args)
    from facilitator.storage import DebriefService

    with DebriefService(args.db) as service:
        if args.command == "import":
            return _import(args, service)
        if args.command == "list":
            return _list(args, service, sys.stdout)
        if args.command == "backup":
            output = None if args.output is None else Path(args.output)
            print(f"backed up to {service.backup(output)}")
            return 0

        if args.command == "actions":
            from facilitator.followup import actions_cli

            return actions_cli.run(args, service)
        if args.command == "demo":
            return _demo(service)
        return _export(args, _find(service, args.source))


def _gui(args: argparse.Namespace, target: str | None = None, phase: str | None = None) -> int:
    from facilitator import display_check

    problem = display_check.no_display()
    if problem is not None:
        return _fail(problem.message)
    # ldd looks at Qt's X11 plugin while Python imports Qt and the app.
    pending = display_check.start_check()
    try:
        from facilitator.app import run_gui
    except ImportError as exc:
        # ldd on the plugin lists every missing library; the import names only the first.
        found = pending.result()
        return _fail((found or display_check.import_failure(exc)).message)
    problem = pending.result() or display_check.unreachable_display()
    if problem is not None:
        return _fail(problem.message)
    return int(run_gui(args.db, open_target=target, phase=phase))


def _is_json_file(source: str) -> bool:
    return source.lower().endswith(".json") or Path(source).is_file()


def _read_document(path: Path, taxonomy: Taxonomy | None = None) -> Loaded:
    # The app's File > Import reads files the same way, so both say the same about a bad file.
    from facilitator.domain.documents import DocumentError, read_loaded

    try:
        return read_loaded(path, taxonomy)
    except DocumentError as exc:
        raise CommandError(str(exc)) from None


def _import(args: argparse.Namespace, service: DebriefService) -> int:
    # Read and validate every file before storing any, then store all in one transaction:
    # a bad file, a full disk or a kill imports nothing.
    taxonomy = taxonomy_from(args)
    documents = [(Path(f), _read_document(Path(f), taxonomy)) for f in args.files]
    seen: dict[str, Path] = {}
    for path, loaded in documents:
        debrief = loaded.debrief
        if debrief.id in seen:
            raise CommandError(f"{path} and {seen[debrief.id]} hold the same debrief id")
        seen[debrief.id] = path
        if not args.replace and service.exists(debrief.id):
            raise CommandError(
                f"{path}: debrief {debrief.id} is already stored; use --replace to overwrite it"
            )
    service.import_all([loaded.debrief for _path, loaded in documents], replace=args.replace)
    for _path, loaded in documents:
        debrief = loaded.debrief
        notes = f"  ({'; '.join(loaded.notes)})" if loaded.notes else ""
        print(f"imported {debrief.id}  {debrief.title or '(untitled)'}{notes}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from facilitator.storage.service import restore_library

    kept = restore_library(args.db, Path(args.file))
    if kept is not None:
        print(f"the library as it was is kept in {kept}")
    print(f"restored {args.file}")
    return 0


def _demo(service: DebriefService) -> int:
    from facilitator.sample import add_sample

    result = add_sample(service)
    if result.added:
        print(f"added the sample debrief {result.id}  {result.title}")
    else:
        print(f"the sample debrief is already in the library: {result.id}  {result.title}")
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


def _language(args: argparse.Namespace) -> str | None:
    if not args.language:
        return None
    from facilitator.export.locale_defaults import normalise_language

    tag = normalise_language(args.language)
    if not tag:
        raise CommandError(f"{args.language!r} is not a language tag; try one like en-GB or de-DE")
    return tag


def _export(args: argparse.Namespace, debrief: Debrief) -> int:
    out = args.output
    if args.format == "ics":
        from facilitator.followup import actions_cli

        return actions_cli.export_ics(debrief, out)
    if args.format == "docx":
        if not out or out == "-":
            raise CommandError("a Word document needs an output file: add -o FILE.docx")
        from facilitator.export import ExportError, export_docx

        try:
            export_docx(
                debrief,
                out,
                template=args.template,
                review_comments=args.review_comments,
                language=_language(args),
                paper=args.paper,
            )
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        return 0
    if args.format == "pdf":
        if not out or out == "-":
            raise CommandError("a PDF needs an output file: add -o FILE.pdf")
        return _export_pdf(debrief, out, args)
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


def _export_pdf(debrief: Debrief, out: str, args: argparse.Namespace) -> int:
    # Qt is loaded only for this format; the module lives in the UI layer, the only one with Qt.
    try:
        from facilitator.ui.pdf.command import export_pdf_headless
    except ImportError as exc:
        raise CommandError(f"PDF export needs Qt, which could not be loaded: {exc}") from None
    try:
        export_pdf_headless(debrief, out, language=_language(args), paper=args.paper)
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    return 0


if __name__ == "__main__":
    sys.exit(main())
