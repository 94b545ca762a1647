"""WCAG 2.1 contrast of the real colours: the shared screen's palettes and the app's themes.

Ratios come from the values the app uses (``shared_screen/style.py`` and
``resources/styles/*.toml``): AA is 4.5:1 for text and 3:1 for the boundaries of
controls and other meaningful graphics (success criteria 1.4.3 and 1.4.11).
"""

from __future__ import annotations

import re

import pytest

from facilitator.ui.shared_screen.style import PALETTES
from facilitator.ui.theme import THEMES, colours

TEXT_AA = 4.5
GRAPHICS_AA = 3.0


def _channels(colour: str) -> tuple[float, float, float, float]:
    """(r, g, b, alpha) in 0..1 from "#rrggbb" or "rgba(r, g, b, a)" with a in 0..255."""
    if colour.startswith("#") and len(colour) == 7:
        return (*(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)), 1.0)  # type: ignore[return-value]
    match = re.fullmatch(r"rgba\((\d+),\s*(\d+),\s*(\d+),\s*(\d+)\)", colour)
    assert match, f"unknown colour notation {colour!r}"
    r, g, b, a = (int(v) / 255 for v in match.groups())
    return r, g, b, a


def _over(top: str, below: str) -> tuple[float, float, float]:
    """``top`` composited over the opaque ``below``."""
    r, g, b, a = _channels(top)
    br, bg, bb, _ = _channels(below)
    return r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a)


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(colour: str) -> tuple[float, float, float]:
    r, g, b, alpha = _channels(colour)
    assert alpha == 1.0, colour
    return r, g, b


def test_the_formula_matches_known_values() -> None:
    assert ratio(_rgb("#000000"), _rgb("#ffffff")) == pytest.approx(21.0)
    assert ratio(_rgb("#777777"), _rgb("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert ratio(_rgb("#ffffff"), _rgb("#ffffff")) == pytest.approx(1.0)


# -- the shared screen -------------------------------------------------------------------

# (foreground, background, minimum): every pairing the room's style sheet draws.
ROOM_PAIRS = [
    ("text", "bg", TEXT_AA),
    ("muted", "bg", TEXT_AA),  # counter, meta, notes, empty hints, timer when paused
    ("accent", "bg", TEXT_AA),  # questions, headings, detail labels
    ("overrun", "bg", TEXT_AA),  # the timer past its box
    ("text", "current_bg", TEXT_AA),  # the current item during a replay
    ("muted", "current_bg", TEXT_AA),
    ("accent", "current_bg", TEXT_AA),
    ("rule", "bg", GRAPHICS_AA),
    ("current_border", "current_bg", GRAPHICS_AA),
    ("current_border", "bg", GRAPHICS_AA),
]


@pytest.mark.parametrize("theme", sorted(PALETTES))
@pytest.mark.parametrize(("fg", "bg", "minimum"), ROOM_PAIRS)
def test_shared_screen_colours_meet_aa(theme: str, fg: str, bg: str, minimum: float) -> None:
    c = PALETTES[theme]
    assert ratio(_rgb(c[fg]), _rgb(c[bg])) >= minimum, (theme, fg, bg)


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_shared_screen_text_keeps_the_aaa_promise_of_style_py(theme: str) -> None:
    # style.py promises 7:1 for every text colour on the room's background.
    c = PALETTES[theme]
    for name in ("text", "muted", "accent", "overrun"):
        assert ratio(_rgb(c[name]), _rgb(c["bg"])) >= 7.0, (theme, name)


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_the_key_help_overlay_is_readable_over_anything(theme: str) -> None:
    c = PALETTES[theme]
    # The translucent overlay lies over the room's content; the worst case is over text.
    for below in (c["bg"], c["text"], c["accent"], c["current_bg"]):
        backdrop = _over(c["overlay"], below)
        for fg in ("text", "accent"):
            assert ratio(_rgb(c[fg]), backdrop) >= TEXT_AA, (theme, fg, below)


def test_both_themes_exist_in_the_room() -> None:
    assert set(PALETTES) == {"light", "dark"}


# -- the facilitator's window (resources/styles/*.toml via base.qss) ---------------------

APP_PAIRS = [
    *(("text", bg, TEXT_AA) for bg in ("bg", "surface", "raised", "question_bg", "tip_bg")),
    ("text", "private_bg", TEXT_AA),
    *(("muted", bg, TEXT_AA) for bg in ("bg", "surface", "raised", "private_bg", "tip_bg")),
    ("accent", "bg", TEXT_AA),  # add buttons
    ("accent", "question_bg", TEXT_AA),  # question card heading
    ("accent_text", "accent", TEXT_AA),  # the primary button
    ("selection_text", "selection", TEXT_AA),  # selected phase, rows, menu items
    ("warning", "bg", TEXT_AA),
    ("warning", "surface", TEXT_AA),  # save errors in the status bar
    ("ok", "bg", TEXT_AA),
    ("overrun", "surface", TEXT_AA),  # timer bar
    ("tip_border", "tip_bg", TEXT_AA),  # tip card heading
    ("private_accent", "private_bg", TEXT_AA),  # "Only on your screen"
    ("border", "raised", GRAPHICS_AA),  # text field outlines
    ("border", "bg", GRAPHICS_AA),  # button and table outlines on the page
    ("accent", "raised", GRAPHICS_AA),  # focus ring
    ("question_border", "question_bg", GRAPHICS_AA),
]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("fg", "bg", "minimum"), APP_PAIRS)
def test_app_theme_colours_meet_aa(theme: str, fg: str, bg: str, minimum: float) -> None:
    c = colours(theme)
    assert ratio(_rgb(c[fg]), _rgb(c[bg])) >= minimum, (theme, fg, bg)
