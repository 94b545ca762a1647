"""A team's rules file can never hang the app: slow patterns are refused, the rest bounded."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from facilitator.language import Checker, RulesError, load_rules
from facilitator.language.rules import Rule, RuleSet, builtin_rules
from facilitator.language.safety import CHECK_BUDGET, explosive_repeat, untrusted_patterns

TEAM = """
[[rule]]
id = "team.{name}"
category = "blame"
triggers = ["a*"]
pattern = '''{pattern}'''
message = "m."
suggestion = "s?"
"""


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a+)+b",  # 45 s on 28 characters with Python's own engine
        r"(\w+\s?)+$",
        r"(a|aa)+b",
        r"(?:x*y?)+z",
        r"(.*a){12}",
    ],
)
def test_a_pattern_that_backtracks_catastrophically_is_refused_naming_the_rule(
    tmp_path: Path, pattern: str
) -> None:
    path = tmp_path / "team.toml"
    path.write_text(TEAM.format(name="slow", pattern=pattern), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    assert time.perf_counter() - started < 5  # refused, not run to the end
    message = str(caught.value)
    assert str(path) in message and "team.slow" in message
    assert "\n" not in message


def test_a_vocabulary_override_that_makes_bundled_rules_slow_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_text("[vocab]\nPP = '''(?:(?:[a-z]+)+ed)'''\n", encoding="utf-8")
    with pytest.raises(RulesError, match="counterfactual"):
        load_rules(path)


def test_safe_team_patterns_load(tmp_path: Path) -> None:
    path = tmp_path / "team.toml"
    path.write_text(
        TEAM.format(name="fine", pattern=r"\bgremlins?(?:\s+\w+){0,3}\s+again\b"), encoding="utf-8"
    )
    assert "team.fine" in {r.id for r in load_rules(path).rules}


def test_every_bundled_pattern_passes_the_same_check() -> None:
    rules = builtin_rules()
    for rule in rules.rules:
        for pattern in (rule.pattern, *rule.exceptions):
            assert explosive_repeat(rules.expand(pattern, "(?:Ada)")) == "", rule.id
    assert list(untrusted_patterns(rules)) == []


def _hostile_checker(count: int = 1) -> Checker:
    base = builtin_rules()
    hostile = tuple(
        Rule(
            id=f"team.hostile{n}",
            category="blame",
            pattern=r"(?:a|aa)+b",  # bypasses the load check: built here, not read from a file
            message="m.",
            suggestion="s?",
            triggers=("a*",),
            source="team.toml",
        )
        for n in range(count)
    )
    return Checker(RuleSet(base.rules + hostile, base.vocab, base.words))


@pytest.mark.parametrize("count", [1, 20])
def test_checking_a_paragraph_with_hostile_rules_stays_within_the_budget(count: int) -> None:
    checker = _hostile_checker(count)
    checker.warm_up()  # compiling is paid once, at start-up, not per paragraph
    paragraph = ("a" * 40 + " ") * 10 + "Bob forgot the flag."
    cpu, wall = [], []
    for _ in range(5):
        started, used = time.perf_counter(), time.process_time()
        found = checker.check(paragraph)
        cpu.append(time.process_time() - used)
        wall.append(time.perf_counter() - started)
    assert CHECK_BUDGET < 0.05
    # The processor time is what the rules cost; on a loaded machine the wall clock also
    # counts time the process was not running at all.
    assert statistics.median(cpu) < 0.05, cpu
    assert max(wall) < 0.5, wall  # a hang would take minutes
    # The bundled rules still report, and the runaway team rule is switched off and named.
    assert [f.rule for f in found] == ["blame.person-slip"]
    assert "team.hostile0" in checker.switched_off


def test_the_lint_command_refuses_a_hostile_rules_file_in_one_line(tmp_path: Path) -> None:
    import argparse
    import io

    from facilitator.language.lint_cli import configure_parser, run

    path = tmp_path / "team.toml"
    path.write_text(TEAM.format(name="nested", pattern=r"(a+)+b"), encoding="utf-8")
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    err = io.StringIO()
    code = run(
        parser.parse_args(["-", "--rules", str(path)]),
        stdin=io.StringIO("a" * 40),
        stdout=io.StringIO(),
        stderr=err,
    )
    assert code == 2
    assert err.getvalue().count("\n") == 1 and "team.nested" in err.getvalue()
