"""The room's view of a checkpoint: one item at a time, names as roles, the summary."""

from __future__ import annotations

from datetime import date

from facilitator.domain.model import Participant
from facilitator.domain.room_review import ReviewScreen, ReviewScreenItem, review_content
from facilitator.domain.room_view import RoomOptions, RoomView

PEOPLE = (Participant("Ada Okafor", "Responder"), Participant("Ravi Patel", "Incident commander"))


def _texts(view: RoomView) -> str:
    parts = [view.counter, view.title, view.question]
    for section in view.sections:
        parts += [section.heading, section.note, section.empty]
        for item in section.items:
            parts += [item.text, item.lead, item.meta]
    return "\n".join(parts)


def _screen(**kw) -> ReviewScreen:  # type: ignore[no-untyped-def]
    items = (
        ReviewScreenItem(
            "Validate pool limits in CI", "Ada Okafor", "P1", date(2026, 3, 27), "Open",
            answers="Contributing factor: Ravi Patel approved it alone", people=PEOPLE,
        ),
        ReviewScreenItem("Saturation alert", "Ravi Patel", "P2", None, "In progress",
                         decision="Dropped", reason="Ada Okafor found a better signal",
                         people=PEOPLE),
        ReviewScreenItem("Runbook", people=PEOPLE),
    )  # fmt: skip
    return ReviewScreen("Checkout errors", items, **kw)


def test_one_item_with_where_it_stands_and_what_comes_next() -> None:
    view = review_content(_screen(index=0, today=date(2026, 3, 30)), RoomOptions())
    assert view.counter == "Checkpoint  ·  item 1 of 3"
    assert view.title == "Validate pool limits in CI"
    assert view.question == "Done, in progress, still relevant, or dropped?"
    stands = {i.lead: i.text for i in view.sections[0].items}
    assert stands["Owner"] == "Ada Okafor"
    assert stands["Due"] == "Fri 27 Mar 2026  ·  3 days past due"
    assert view.sections[1].items == () and view.sections[1].empty == "Not decided yet."
    assert [i.text for i in view.sections[2].items] == ["Saturation alert", "Runbook"]
    assert view.sections[2].note == "1 of 3 decided"


def test_names_as_roles_masks_owners_reasons_and_answers() -> None:
    options = RoomOptions(names_as_roles=True)
    text = _texts(review_content(_screen(index=1), options))
    text += _texts(review_content(_screen(index=0), options))
    assert "Ada" not in text and "Ravi" not in text
    assert "Incident commander" in text and "Responder found a better signal" in text


def test_the_summary_groups_done_dropped_and_open() -> None:
    view = review_content(_screen(finished=True, next_checkpoint=date(2026, 4, 13)), RoomOptions())
    headings = [s.heading for s in view.sections]
    assert headings == ["Done", "Dropped", "Still open", "Next checkpoint"]
    assert view.sections[1].items[0].meta == "Ada Okafor found a better signal"
    assert view.sections[3].items[0].text == "Monday 13 April 2026"


def test_nothing_to_review() -> None:
    view = review_content(ReviewScreen("Checkout", ()), RoomOptions())
    assert "Nothing to review" in view.question
