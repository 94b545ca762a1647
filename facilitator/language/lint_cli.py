"""``facilitator lint``: check a text file (or standard input) for blame and counterfactual wording.

Exit status: 0 with no findings, 1 with findings, 2 on error (one line on stderr,
never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from facilitator.language.checker import Checker
from facilitator.language.findings import Finding
from facilitator.language.rules import RulesError

#: Inputs larger than this are refused rather than read into memory.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the ``lint`` arguments to ``parser``."""
    parser.add_argument(
        "file", nargs="?", default="-", help="text file to check, or - for standard input"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    parser.add_argument(
        "--people",
        default="",
        help='comma-separated participant names, e.g. "Ada,Ravi", so their names are recognised',
    )
    parser.add_argument("--rules", default=None, help="a team's own rules file (TOML) to add")


class _InputError(Exception):
    """The input cannot be read; the message is shown to the user as is."""


def run(
    args: argparse.Namespace,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
) -> int:
    """Run the lint command; return the exit status."""
    try:
        checker = Checker(extra_rules_path=args.rules) if args.rules else _default()
        text = _read(args.file, stdin)
    except (RulesError, _InputError) as exc:
        print(f"facilitator lint: {exc}", file=stderr)
        return 2
    people = [name.strip() for name in (args.people or "").split(",") if name.strip()]
    findings = checker.check(text, people)
    name = "<stdin>" if args.file == "-" else args.file
    rows = _rows(text, findings)
    try:
        if args.format == "json":
            json.dump(rows, stdout, ensure_ascii=False, indent=2)
            stdout.write("\n")
        else:
            for row in rows:
                stdout.write(
                    f"{name}:{row['line']}:{row['column']}: {'+'.join(row['categories'])} "  # type: ignore[arg-type]
                    f"[{row['rule']}] "
                    f"{row['message']}  → {row['suggestion']}\n"
                )
        stdout.flush()
    except BrokenPipeError:
        return 1 if rows else 0  # the reader stopped early (| head); not our error
    return 1 if rows else 0


def _default() -> Checker:
    from facilitator.language import default_checker

    return default_checker()


def _read(file: str, stdin: TextIO) -> str:
    if file == "-":
        try:
            data = stdin.buffer.read(MAX_INPUT_BYTES + 1) if hasattr(stdin, "buffer") else None
        except OSError as exc:
            raise _InputError(f"cannot read standard input ({exc.strerror})") from None
        if data is None:
            return stdin.read()
        return _decode(data, "standard input")
    path = Path(file)
    try:
        if path.is_dir():
            raise _InputError(f"{file}: is a folder, not a text file")
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise _InputError(f"{file}: no such file") from None
    except PermissionError:
        raise _InputError(f"{file}: permission denied") from None
    except OSError as exc:
        raise _InputError(f"{file}: cannot read ({exc.strerror or exc})") from None
    return _decode(data, file)


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_INPUT_BYTES:
        raise _InputError(f"{name}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB; split it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _InputError(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _rows(text: str, findings: list[Finding]) -> list[dict[str, object]]:
    """Describe findings with 1-based line and column, counted in characters."""
    rows: list[dict[str, object]] = []
    line, line_start, scanned = 1, 0, 0
    for finding in findings:  # sorted by position, so lines are counted once
        line += text.count("\n", scanned, finding.start)
        line_start = max(line_start, text.rfind("\n", scanned, finding.start) + 1)
        scanned = finding.start
        rows.append(
            {
                "line": line,
                "column": finding.start - line_start + 1,
                "length": finding.end - finding.start,
                "text": finding.text,
                "category": finding.category,
                # A named person judged by hindsight is both: the line is listed under each.
                "categories": list(finding.categories),
                "rule": finding.rule,
                "message": finding.message,
                "suggestion": finding.suggestion,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run ``facilitator lint`` on its own (the app's CLI calls :func:`run`)."""
    parser = argparse.ArgumentParser(prog="facilitator lint", description=__doc__)
    configure_parser(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
