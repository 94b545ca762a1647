"""``facilitator lint``: output formats, exit codes and one-line errors."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.language.lint_cli import configure_parser, run

TEXT = "Bob forgot to run the migration.\nWe should have caught this in review.\n"


def _run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    out, err = io.StringIO(), io.StringIO()
    code = run(parser.parse_args(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_json_output_has_one_based_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(TEXT, encoding="utf-8")
    code, out, err = _run([str(path), "--format", "json"])
    assert code == 1 and err == ""
    rows = json.loads(out)
    assert [(r["line"], r["column"], r["length"], r["text"]) for r in rows] == [
        (1, 1, 10, "Bob forgot"),
        (2, 4, 18, "should have caught"),
    ]
    assert set(rows[0]) == {
        "line",
        "column",
        "length",
        "text",
        "category",
        "categories",
        "rule",
        "message",
        "suggestion",
    }


def test_a_person_judged_by_hindsight_is_listed_under_both_categories() -> None:
    code, out, _ = _run(["-", "--format", "json"], stdin="Dana should have checked the graph.\n")
    (row,) = json.loads(out)
    assert code == 1
    assert row["categories"] == ["blame", "counterfactual"] and row["category"] == "blame"
    code, out, _ = _run(["-"], stdin="Dana should have checked the graph.\n")
    assert ": blame+counterfactual [counterfactual.should-have] " in out


def test_text_output_from_stdin_and_people() -> None:
    code, out, _ = _run(["-", "--people", "Brook, Ravi"], stdin="Brook misconfigured the pool.")
    assert code == 1
    assert out.startswith("<stdin>:1:1: blame [blame.person-cause] ")
    assert "→" in out


def test_clean_text_exits_zero() -> None:
    assert _run([], stdin="At 02:14 Bob restarted the pods.") == (0, "", "")


def test_columns_count_characters_not_bytes() -> None:
    _, out, _ = _run(["--format", "json"], stdin="Café ☕ — we should have paged.")
    assert json.loads(out)[0]["column"] == 13


def test_custom_rules_file(tmp_path: Path) -> None:
    rules = tmp_path / "team.toml"
    rules.write_text(
        '[[rule]]\nid = "team.oops"\ncategory = "blame"\npattern = "\\\\boops\\\\b"\n'
        'message = "m."\nsuggestion = "s?"\n',
        encoding="utf-8",
    )
    code, out, _ = _run(["--rules", str(rules), "--format", "json"], stdin="oops")
    assert code == 1 and json.loads(out)[0]["rule"] == "team.oops"


@pytest.mark.parametrize(
    ("make", "needle"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a folder"),
        (lambda p: (p / "bin.txt").write_bytes(b"ok \xff\xfe") and p / "bin.txt", "not UTF-8"),
    ],
)
def test_errors_are_one_line_with_exit_two(tmp_path: Path, make, needle: str) -> None:
    code, out, err = _run([str(make(tmp_path))])
    assert code == 2 and out == ""
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_bad_rules_file_is_exit_two(tmp_path: Path) -> None:
    rules = tmp_path / "bad.toml"
    rules.write_text("[[rule]\n", encoding="utf-8")
    code, _, err = _run(["--rules", str(rules)], stdin="x")
    assert code == 2 and "not valid TOML" in err


@pytest.mark.slow
def test_ten_megabytes_through_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    paragraph = "At 02:14 the on-call engineer restarted the pods. We should have paged. " * 20
    path.write_text((paragraph + "\n") * (10_000_000 // len(paragraph)), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from facilitator.language.lint_cli import main; "
            "sys.exit(main(sys.argv[1:]))",
            str(path),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) > 100_000 and rows[-1]["line"] > 6000
