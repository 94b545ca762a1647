"""The taxonomy: the default scale and causes, team files laid over it, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.domain.interchange import InterchangeError, dumps, loads, read_document
from facilitator.domain.model import Debrief
from facilitator.domain.taxonomy import (
    TaxonomyError,
    default_taxonomy,
    fold,
    load_taxonomy,
    merge_taxonomy,
)

P_SCALE = """
name = "Payments team"
disable = ["cause.hardware-failure"]
[[severity]]
name = "P1"
meaning = "Everyone notices."
synonyms = ["Priority 1"]
[[severity]]
name = "P2"
meaning = "Some customers notice."
[[severity]]
name = "P3"
meaning = "We notice."

[[service]]
id = "payments-api"
name = "Payments API"
synonyms = ["payments"]
components = ["Refunds"]

[[cause]]
id = "scaling-limit"
name = "Capacity"
meaning = "Ran out of room."
"""


def test_default_scale_is_sev1_to_sev4_with_the_seed_causes() -> None:
    taxonomy = default_taxonomy()
    assert taxonomy.severity_names == ("SEV1", "SEV2", "SEV3", "SEV4")
    assert [c.name for c in taxonomy.causes] == [
        "Configuration change",
        "Deployment regression",
        "External dependency failure",
        "Scaling limit",
        "Hardware failure",
        "Access policy",
        "Software bug",
    ]
    assert all(level.meaning and "\n" not in level.meaning for level in taxonomy.severities)


@pytest.mark.parametrize("spelling", ["Sev-2", "SEV 2", "sev2", "SEV2", " sev_2 ", "Severity 2"])
def test_common_spellings_fold_to_the_scale_name(spelling: str) -> None:
    assert default_taxonomy().normalise_severity(spelling) == "SEV2"


def test_values_off_the_scale_are_not_guessed() -> None:
    taxonomy = default_taxonomy()
    assert taxonomy.normalise_severity("SEV5") is None
    assert taxonomy.normalise_severity("high") is None
    assert taxonomy.severity_rank("SEV1") < taxonomy.severity_rank("SEV4")
    assert taxonomy.severity_rank("SEV9") == 4 and taxonomy.severity_rank(None) == 5


def test_fold_joins_near_duplicates() -> None:
    assert fold("payments-api") == fold("Payments API") == fold("payments_api")


def test_team_file_replaces_the_scale_and_merges_causes_and_services() -> None:
    team = merge_taxonomy(default_taxonomy(), P_SCALE, "team.toml")
    assert team.name == "Payments team"
    assert team.severity_names == ("P1", "P2", "P3")
    assert team.normalise_severity("priority 1") == "P1"
    assert team.normalise_severity("SEV1") is None
    assert team.cause_label("scaling limit") == "Capacity"
    assert team.cause_for("hardware failure") is None
    assert team.cause_label("config change") == "Configuration change"
    assert team.service_label("payments") == "Payments API"
    assert team.service_label("refunds") == "Payments API"
    assert team.service_label("Search") == "Search"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[severity]]\nname = 'X'\n", "severity “X”: 'meaning' is missing"),
        ("[[severity]]\nname = 'X'\nmeaning = 'a'\ncolour = 'red'\n", "unknown key(s) colour"),
        (
            "[[severity]]\nname = 'A'\nmeaning = 'm'\n[[severity]]\nname = 'a'\nmeaning = 'm'\n",
            "both",
        ),
        ("[[cause]]\nid = 'Bad Id'\nname = 'x'\n", "must be lower-case"),
        ("disable = ['cause.nope']\n", "unknown cause “nope”"),
        ("disable = ['rule.x']\n", '"cause.<id>"'),
        ("severity = 3\n", "[[severity]] tables"),
        ("nonsense = 1\n", "unknown top-level key(s) nonsense"),
        ("[[severity]\n", "not valid TOML"),
        ("[[severity]]\nname = '" + "X" * 40 + "'\nmeaning = 'm'\n", "longer than 32"),
        ("[[severity]]\nname = 'X'\nmeaning = '''two\nlines'''\n", "one line"),
    ],
)
def test_bad_team_files_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(TaxonomyError) as caught:
        merge_taxonomy(default_taxonomy(), text, "team.toml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("team.toml")


def test_a_misplaced_top_level_key_gets_a_hint() -> None:
    with pytest.raises(TaxonomyError, match="belong before the first"):
        merge_taxonomy(default_taxonomy(), "[[cause]]\nid='x'\nname='X'\ndisable=[]\n", "t")


def test_load_taxonomy_reads_a_file_and_explains_a_missing_one(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.toml"
    path.write_text(P_SCALE, encoding="utf-8")
    assert load_taxonomy(path).severity_names == ("P1", "P2", "P3")
    assert load_taxonomy(None) is default_taxonomy()
    with pytest.raises(TaxonomyError, match="not found"):
        load_taxonomy(tmp_path / "missing.toml")
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe")
    with pytest.raises(TaxonomyError, match="not UTF-8"):
        load_taxonomy(tmp_path / "bin.toml")


def test_import_accepts_the_active_scale_and_refuses_others_with_the_list() -> None:
    team = merge_taxonomy(default_taxonomy(), P_SCALE, "team.toml")
    doc = json.loads(dumps(Debrief(title="x")))
    doc["severity"] = "Priority 1"
    loaded = read_document(json.dumps(doc), team)
    assert loaded.debrief.severity == "P1"
    assert loaded.notes == ("severity 'Priority 1' read as P1",)
    with pytest.raises(InterchangeError) as caught:
        loads(json.dumps(doc))  # the built-in scale has no P1
    assert str(caught.value) == (
        "$.severity: 'Priority 1' is not on the severity scale; "
        'use "SEV1", "SEV2", "SEV3" or "SEV4"'
    )
    doc["severity"] = 2
    with pytest.raises(InterchangeError, match="must be a string"):
        loads(json.dumps(doc))


def test_sev_spellings_import_as_the_scale_name() -> None:
    doc = json.loads(dumps(Debrief()))
    doc["severity"] = "Sev-2"
    assert loads(json.dumps(doc)).severity == "SEV2"
