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

if TYPE_CHECKING:
    from facilitator.domain.interchange import Loaded
    from facilitator.domain.model import Debrief, DebriefSummary
    from facilitator.domain.taxonomy import Taxonomy
    from facilitator.storage import DebriefService

EXIT_ERROR = 2
log = logging.getLogger(__name__)


class CommandError(Exception):
    """A user-facing failure: the message is printed as is, the exit status is 2."""


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Return the argument parser (see :mod:`facilitator.cli_parser`)."""
    from facilitator.cli_parser import build_parser as build

    return build(argv)


def _user_errors() -> tuple[type[Exception], ...]:
    # Only the modules already imported can have raised their errors: importing the
    # others here would cost start-up time for nothing.
    found: list[type[Exception]] = [CommandError]
    for module, name in (
        ("facilitator.domain.interchange", "InterchangeError"),
        ("facilitator.export.atomic", "ExportError"),
        ("facilitator.domain.taxonomy", "TaxonomyError"),
        ("facilitator.storage.errors", "StorageError"),
    ):
        loaded = sys.modules.get(module)
        if loaded is not None:
            found.append(getattr(loaded, name))
    return tuple(found)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(words).parse_args(words)
    try:
        return _dispatch(args)
    except Exception as exc:
        if isinstance(exc, _user_errors()):
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
        from facilitator.commands.common import taxonomy_from

        return _export(args, _read_document(Path(args.source), taxonomy_from(args)).debrief)
    if args.command == "restore":
        return _restore(args)
    if args.command == "list":
        # A current SQLite library is listed without loading SQLAlchemy (0.4 s of start-up).
        from facilitator.paths import resolve_database_url
        from facilitator.storage.quick_list import quick_summaries

        entries = quick_summaries(resolve_database_url(args.db))
        if entries is not None:
            return _print_list(args, entries, sys.stdout)
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
    from facilitator.commands.common import taxonomy_from

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
    return _print_list(args, service.list(), out)


def _print_list(args: argparse.Namespace, entries: list[DebriefSummary], out: TextIO) -> int:
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
        from facilitator.domain.interchange import dumps

        text = dumps(debrief)
    if not out or out == "-":
        sys.stdout.write(text)
    else:
        from facilitator.export.atomic import write_atomically

        data = text.encode("utf-8")
        write_atomically(Path(out), lambda handle: handle.write(data))
    return 0


def _export_pdf(debrief: Debrief, out: str, args: argparse.Namespace) -> int:
    from facilitator.export.atomic import ExportError

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
