"""The room's view: names as roles, what each phase shows, and what it never shows."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta

from facilitator.domain.model import Debrief, EventKind, Participant, TimelineEvent, notes
from facilitator.domain.names import NameMask, public_name, role_labels
from facilitator.domain.replay import ReplayState
from facilitator.domain.room_view import ROOM_EVENTS, RoomOptions, RoomView, visible_content
from facilitator.domain.script import Phase, default_script

from support.samples import sample_debrief

SCRIPT = default_script()


def _phase(phase_id: str) -> tuple[int, Phase]:
    for index, phase in enumerate(SCRIPT.phases):
        if phase.id == phase_id:
            return index, phase
    raise KeyError(phase_id)


def _view(
    debrief: Debrief,
    phase_id: str,
    *,
    options: RoomOptions | None = None,
    replay: ReplayState | None = None,
    question_index: int = 0,
) -> RoomView:
    index, phase = _phase(phase_id)
    return visible_content(
        debrief,
        phase,
        options or RoomOptions(local_zone="UTC"),
        position=(index, len(SCRIPT.phases)),
        ground_rules=SCRIPT.ground_rules,
        replay=replay,
        question_index=question_index,
    )


def _all_text(view: RoomView) -> str:
    return repr(asdict(view))


# -- names as roles -------------------------------------------------------------------------


def test_roles_are_lettered_only_when_shared_and_missing_roles_are_numbered() -> None:
    people = [
        Participant("Ada Okafor", "Responder"),
        Participant("Ravi Patel", "Incident commander"),
        Participant("Lin Wu", "responder "),
        Participant("Sam Roe", ""),
        Participant("Kim Lee", ""),
    ]
    assert role_labels(people) == [
        "Responder A",
        "Incident commander",
        "responder B",
        "Participant 1",
        "Participant 2",
    ]


def test_mask_replaces_full_names_and_first_names_inside_free_text() -> None:
    people = [Participant("Ada Okafor", "Responder"), Participant("Lin Wu", "Responder")]
    mask = NameMask.build(people)
    assert mask.apply("Ada restarted the pods") == "Responder A restarted the pods"
    assert mask.apply("ADA OKAFOR paged Lin.") == "Responder A paged Responder B."
    assert mask.apply("Okafor's laptop") == "Responder A's laptop"
    assert mask.apply("Adam and Canada stay") == "Adam and Canada stay"


def test_single_word_names_match_only_as_written() -> None:
    mask = NameMask.build([Participant("Mark", "On-call")])
    assert mask.apply("Mark saw it; mark the moment") == "On-call saw it; mark the moment"


def test_a_first_name_two_people_share_maps_to_both_roles() -> None:
    people = [Participant("Alex Kim", "Responder"), Participant("Alex Roe", "Scribe")]
    mask = NameMask.build(people)
    assert mask.apply("Alex called Alex Roe") == "Responder or Scribe called Scribe"


def test_disabled_mask_changes_nothing() -> None:
    mask = NameMask.build([Participant("Ada Okafor", "Responder")], enabled=False)
    assert not mask.active
    assert mask.apply("Ada") == "Ada"


def test_public_name() -> None:
    ada = Participant("Ada Okafor", "Responder")
    assert public_name(ada, "Responder A", True) == "Responder A"
    assert public_name(ada, "Responder A", False) == "Ada Okafor · Responder"
    assert public_name(Participant("", "Scribe"), "Scribe", False) == "Scribe"


def test_names_as_roles_reaches_every_part_of_the_view() -> None:
    debrief = sample_debrief()
    debrief.timeline[1].text = "Ada acknowledged the page; Ravi Patel joined."
    on = RoomOptions(names_as_roles=True)
    for phase in SCRIPT.phases:
        index = SCRIPT.phases.index(phase)
        view = visible_content(debrief, phase, on, position=(index, 12))
        text = _all_text(view)
        for name in ("Ada", "Okafor", "Ravi", "Patel", "Maya", "Chen"):
            assert name not in text, (phase.id, name)
    actions = _all_text(_view(debrief, "actions", options=on))
    assert "Responder" in actions and "Incident commander" in actions


# -- phases ---------------------------------------------------------------------------------


def test_phase_title_counter_and_main_question() -> None:
    view = _view(sample_debrief(), "timeline")
    _i, phase = _phase("timeline")
    assert view.title == "Timeline"
    assert view.counter == f"Phase 3 of {len(SCRIPT.phases)}"
    assert view.question == phase.questions[0]
    assert _view(sample_debrief(), "timeline", question_index=4).question == phase.questions[1]


def test_timeline_is_in_time_order_with_its_zone_and_undated_events_last() -> None:
    debrief = sample_debrief()
    debrief.timeline.reverse()
    debrief.timeline.insert(0, TimelineEvent(None, text="Someone mentioned a blip"))
    (section,) = _view(debrief, "timeline").sections
    texts = [item.text for item in section.items]
    assert texts[0] == "Gateway config v42 rolled out."
    assert texts[-1] == "Someone mentioned a blip"
    assert section.items[-1].lead == "time?"
    assert section.items[0].lead == "Fri 13 Mar  23:40"  # Europe/Berlin, two days shown
    assert "Europe/Berlin" in section.note


def test_detection_shows_measured_time_target_and_answer() -> None:
    view = _view(sample_debrief(), "detection")
    measured, answer = view.sections
    assert measured.items[0].lead == "22 min"
    assert "over the target" in measured.items[0].meta
    assert answer.items[0].text == "No"
    assert "within 5 min" in answer.heading


def test_factors_are_grouped_by_kind() -> None:
    headings = [s.heading for s in _view(sample_debrief(), "went_wrong").sections]
    assert headings == [
        "Technical factors",
        "Process factors",
        "Human conditions",
        "What went wrong",
    ]


def test_actions_show_owner_and_due_date() -> None:
    (section,) = _view(sample_debrief(), "actions").sections
    assert section.items[0].meta == "Ada Okafor  ·  due 27 Mar 2026  ·  P1"


def test_no_debrief_still_shows_the_phase() -> None:
    _i, phase = _phase("opening")
    view = visible_content(None, phase, RoomOptions())
    assert view.title == "Opening" and view.sections == ()


# -- privacy --------------------------------------------------------------------------------


def test_private_fields_tips_and_goals_never_appear_in_any_phase() -> None:
    debrief = sample_debrief()
    debrief.private_notes = "SECRET-NOTE-7f3"
    debrief.parking_lot = notes("SECRET-PARK-91c")
    debrief.facilitator = "SECRET-FACILITATOR"
    private = ["SECRET-NOTE-7f3", "SECRET-PARK-91c", "SECRET-FACILITATOR", "modal-have"]
    for index, phase in enumerate(SCRIPT.phases):
        text = _all_text(visible_content(debrief, phase, RoomOptions(), position=(index, 12)))
        leaks = [p for p in private if p in text]
        leaks += [tip for tip in phase.tips if tip in text]
        if phase.goal:
            assert phase.goal not in text
        assert leaks == [], phase.id


# -- replay ---------------------------------------------------------------------------------


def test_replay_shows_only_revealed_events_and_the_current_ones_notes() -> None:
    debrief = sample_debrief()
    debrief.timeline[1].known = "Only the error-ratio alert"
    debrief.timeline[1].signals = "Ada saw the dashboard"
    debrief.participants[2].role = "Responder"
    state = ReplayState().start(5).next(5)
    (section,) = _view(debrief, "timeline", replay=state, options=RoomOptions(True)).sections
    assert [i.text for i in section.items] == [
        "Gateway config v42 rolled out.",
        "Error-ratio alert paged on-call.",
    ]
    current = section.items[-1]
    assert current.state == "current"
    assert current.details == (
        ("What was known then", "Only the error-ratio alert"),
        ("Signals visible then", "Responder saw the dashboard"),
    )
    assert "3 later events not shown yet" in section.note
    text = _all_text(_view(debrief, "timeline", replay=state))
    assert "Incident declared" not in text and "Config v41" not in text


def test_replay_applies_only_to_the_timeline_phase() -> None:
    state = ReplayState().start(5)
    view = _view(sample_debrief(), "impact", replay=state)
    assert view.replay == ""


def test_undated_event_times_do_not_break_sorting_with_naive_values() -> None:
    debrief = Debrief(timeline=[TimelineEvent(datetime(2026, 1, 1, 9)), TimelineEvent(None)])
    debrief.timeline.append(TimelineEvent(datetime(2026, 1, 1, 8, tzinfo=UTC)))
    (section,) = _view(debrief, "timeline").sections
    assert [i.lead for i in section.items] == ["08:00", "09:00", "time?"]


# -- reframe before the room sees it ---------------------------------------------------------


def test_hold_back_replaces_each_span_and_merges_neighbours() -> None:
    from facilitator.domain.room_view import HELD_TEXT, hold_back

    text = "One. Two. Three."
    assert hold_back(text, [(5, 9)]) == f"One. {HELD_TEXT} Three."
    assert hold_back(text, [(0, 4), (5, 9)]) == f"{HELD_TEXT} {HELD_TEXT} Three."
    assert hold_back(text, []) == text


def test_held_spans_are_asked_for_with_the_findings_field_keys_in_every_phase() -> None:
    from facilitator.language.debrief_findings import text_fields

    debrief = sample_debrief()
    texts = dict(text_fields(debrief))
    asked: dict[str, str] = {}
    seen: set[str] = set()

    def held(field: str, text: str) -> list[tuple[int, int]]:
        asked[field] = text
        return [(0, len(text))]

    timeline = next(i for i, p in enumerate(SCRIPT.phases) if p.id == "timeline")
    views = [(i, p, None) for i, p in enumerate(SCRIPT.phases)] + [
        (timeline, SCRIPT.phases[timeline], ReplayState(active=True, index=n))
        for n in range(len(debrief.timeline))
    ]
    for index, phase, replay in views:
        asked.clear()
        view = visible_content(
            debrief,
            phase,
            RoomOptions(local_zone="UTC"),
            position=(index, len(SCRIPT.phases)),
            replay=replay,
            held=held,
        )
        shown = _all_text(view)
        for field, text in asked.items():
            assert texts[field] == text, field  # the same key names the same text
            assert text.strip() not in shown, field
        seen.update(asked)
    assert {k for k, t in texts.items() if t.strip()} == seen


# -- moments, long timelines, the report ----------------------------------------------------


def test_only_the_event_marked_as_the_start_says_problem_started() -> None:
    debrief = sample_debrief()
    # A second "trigger" that is not the start moment (a later config push).
    later = TimelineEvent(debrief.timeline[3].at, EventKind.TRIGGER, "Second config push")
    debrief.timeline.insert(4, later)
    (section,) = _view(debrief, "timeline").sections
    metas = {item.text: item.meta for item in section.items}
    assert metas["Gateway config v42 rolled out."] == "Problem started"
    assert metas["Second config push"] == ""
    assert metas["Error-ratio alert paged on-call."] == "Detected"
    assert list(metas.values()).count("Problem started") == 1
    debrief.started_at = None  # nothing is marked: nothing says so
    (section,) = _view(debrief, "timeline").sections
    assert "Problem started" not in [item.meta for item in section.items]


def test_a_long_timeline_shows_the_events_around_the_selected_one() -> None:
    debrief = sample_debrief()
    start = debrief.timeline[0].at
    debrief.timeline = [
        TimelineEvent(start + timedelta(minutes=i), text=f"event {i}") for i in range(500)
    ]
    _index, phase = _phase("timeline")
    view = visible_content(
        debrief, phase, RoomOptions(local_zone="UTC"), focus=debrief.timeline[250].uid
    )
    (section,) = view.sections
    texts = [item.text for item in section.items]
    assert len(texts) == ROOM_EVENTS and "event 250" in texts
    assert "events" in section.note and "of 500" in section.note
    (section,) = _view(debrief, "timeline").sections  # no selection: the newest ones
    assert section.items[-1].text == "event 499"
    state = ReplayState().start(500)
    for _ in range(40):
        state = state.next(500)
    (section,) = _view(debrief, "timeline", replay=state).sections
    # The current event is the newest one revealed, at the bottom with what led up to it.
    assert section.items[-1].text == "event 40" and section.items[-1].state == "current"
    assert len(section.items) == ROOM_EVENTS


def test_close_shows_links_and_who_owns_the_report() -> None:
    view = _view(sample_debrief(), "close")
    headings = [s.heading for s in view.sections]
    assert "Supporting links" in headings and "The written report" in headings
    text = _all_text(view)
    assert "Checkout dashboard" in text and "In review" in text and "Lin Wu" in text
