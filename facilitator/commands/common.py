"""What every library command shares: the taxonomy option, opening the store, one-line errors."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from facilitator.domain.taxonomy import Taxonomy, TaxonomyError, load_taxonomy
from facilitator.library.query import QueryError

if TYPE_CHECKING:
    from facilitator.storage import DebriefService

EXIT_ERROR = 2
#: The team's taxonomy file when no --taxonomy is given.
TAXONOMY_ENV = "FACILITATOR_TAXONOMY"


class CommandFailed(Exception):
    """A user-facing failure; the message is printed as is."""


def add_taxonomy_option(parser: argparse.ArgumentParser) -> None:
    """``--taxonomy FILE``: the team's severity scale, causes and services."""
    parser.add_argument(
        "--taxonomy",
        metavar="FILE",
        default=None,
        help=f"the team's taxonomy file (default: ${TAXONOMY_ENV}, else the built-in one)",
    )


def taxonomy_from(args: argparse.Namespace) -> Taxonomy:
    """The taxonomy named by ``--taxonomy`` or the environment, else the built-in one."""
    return load_taxonomy(getattr(args, "taxonomy", None) or os.environ.get(TAXONOMY_ENV) or None)


def open_service(args: argparse.Namespace) -> DebriefService:
    """The store named by ``--db`` (or the default)."""
    from facilitator.storage import DebriefService

    return DebriefService(getattr(args, "db", None))


def one_line_errors(
    run: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """Turn every error a person can cause into one line on stderr and exit status 2."""

    @functools.wraps(run)
    def wrapper(args: argparse.Namespace) -> int:
        from facilitator.export.atomic import ExportError
        from facilitator.storage import StorageError

        try:
            return run(args)
        except (CommandFailed, QueryError, TaxonomyError, StorageError, ExportError) as exc:
            print(f"facilitator: {exc}", file=sys.stderr)
            return EXIT_ERROR
        except BrokenPipeError:
            return 0  # the reader stopped early (| head)

    return wrapper
