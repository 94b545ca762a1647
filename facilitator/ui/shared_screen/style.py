"""Colours and type sizes of the shared screen: high contrast, sized from the window height.

A projector washes colours out and a screen share shrinks everything, so the
room's palettes are near black on white (or white on black) with one strong
accent, and every size is a fraction of the window height rather than points.
"""

from __future__ import annotations

from dataclasses import dataclass

THEMES: tuple[str, ...] = ("light", "dark")

#: Colours per theme. Every text colour keeps at least 7:1 contrast with ``bg`` (WCAG AAA).
PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#ffffff",
        "text": "#000000",
        "muted": "#333333",
        "accent": "#0a3880",
        "rule": "#000000",
        "current_bg": "#fff1a8",
        "current_border": "#000000",
        "overrun": "#8a3b00",
        "overlay": "rgba(255, 255, 255, 242)",
    },
    "dark": {
        "bg": "#000000",
        "text": "#ffffff",
        "muted": "#d6d6d6",
        "accent": "#ffd84d",
        "rule": "#ffffff",
        "current_bg": "#1d2b4d",
        "current_border": "#ffd84d",
        "overrun": "#ffb870",
        "overlay": "rgba(0, 0, 0, 235)",
    },
}

#: Zoom steps offered by the zoom keys, as factors of the fitted size.
ZOOM_MIN = 0.5
ZOOM_MAX = 2.5
ZOOM_STEP = 1.15
#: When content does not fit, body text may shrink to this share of its size before scrolling.
MIN_FIT = 0.6


def clamp_zoom(zoom: float) -> float:
    """Keep ``zoom`` within what stays readable and fits a screen."""
    return max(ZOOM_MIN, min(ZOOM_MAX, round(zoom, 3)))


def palette(theme: str) -> dict[str, str]:
    """The colours of ``theme``; unknown names fall back to light."""
    return PALETTES.get(theme, PALETTES["light"])


@dataclass(frozen=True)
class Sizes:
    """Pixel sizes of every kind of text, for one window height, zoom and fit."""

    title: int
    question: int
    heading: int
    body: int
    meta: int
    small: int
    timer: int

    @classmethod
    def for_height(cls, height: int, zoom: float = 1.0, fit: float = 1.0) -> Sizes:
        """Sizes for a window ``height`` px tall; ``fit`` shrinks only the content below."""
        h = max(240, height) * zoom

        def px(divisor: float, floor: int, factor: float = 1.0) -> int:
            return max(floor, round(h / divisor * factor))

        return cls(
            title=px(14, 18),
            question=px(23, 14),
            # Headings and notes are small already; they shrink less so they stay legible.
            heading=px(34, 12, max(fit, 0.85)),
            body=px(27, 13, fit),
            meta=px(38, 11, max(fit, 0.85)),
            small=px(44, 11),
            timer=px(20, 14),
        )


def _scoped(root: str, rules: str) -> str:
    # Prefixing each rule with the root's id outranks both "#Root QWidget" below and the
    # application's own "QWidget { font-size }", whatever order Qt reads them in.
    lines = []
    for line in rules.strip().splitlines():
        if line.startswith("#"):
            selectors = line[: line.index("{")].split(",")
            line = (
                ", ".join(f"{root} {s.strip()}" for s in selectors) + " " + line[line.index("{") :]
            )
        lines.append(line)
    return "\n".join(lines)


def stylesheet(theme: str, sizes: Sizes) -> str:
    """The style sheet of the shared screen's widgets for ``theme`` at ``sizes``."""
    c = palette(theme)
    pad = max(4, sizes.body // 3)
    base = f"""
#RoomScreen, #RoomScreen QWidget, #RoomBlank, #RoomBlank QWidget {{ background: {c["bg"]};
    color: {c["text"]}; font-size: {sizes.body}px; }}
#RoomScreen QScrollArea {{ border: none; }}
"""
    content = f"""
#RoomCounter, #RoomReplay {{ color: {c["muted"]}; font-size: {sizes.small}px; font-weight: bold; }}
#RoomTimer {{ font-size: {sizes.timer}px; font-weight: bold; color: {c["text"]}; }}
#RoomTimer[running="false"] {{ color: {c["muted"]}; }}
#RoomTimer[overrun="true"] {{ color: {c["overrun"]}; }}
#RoomTitle {{ font-size: {sizes.title}px; font-weight: bold; }}
#RoomQuestion {{ font-size: {sizes.question}px; color: {c["accent"]}; font-weight: bold; }}
#RoomRule {{ background: {c["rule"]}; min-height: 3px; max-height: 3px; }}
#RoomHeading {{ font-size: {sizes.heading}px; color: {c["accent"]}; font-weight: bold;
    padding-top: {pad}px; }}
#RoomText {{ font-size: {sizes.body}px; }}
#RoomLead {{ font-size: {sizes.body}px; font-weight: bold; }}
#RoomMeta, #RoomNote, #RoomEmpty {{ font-size: {sizes.meta}px; color: {c["muted"]}; }}
#RoomEmpty {{ font-style: italic; }}
#RoomDetailLabel {{ font-size: {sizes.meta}px; color: {c["accent"]}; font-weight: bold; }}
#RoomDetail {{ font-size: {sizes.body}px; }}
#RoomItem {{ border-left: 6px solid transparent; padding: 2px 0 2px {pad}px; }}
#RoomItem[current="true"], #RoomItem[current="true"] QWidget {{ background: {c["current_bg"]}; }}
#RoomItem[current="true"] {{ border-left: 6px solid {c["current_border"]}; }}
"""
    # The break screen is read from the back of the room: far larger than the content.
    blank = f"""
#RoomBlankTitle {{ font-size: {sizes.title * 2}px; font-weight: bold; }}
#RoomBlankCountdown {{ font-size: {round(sizes.title * 2.6)}px; font-weight: bold;
    color: {c["accent"]}; }}
#RoomBlankText {{ font-size: {round(sizes.question * 1.4)}px; color: {c["muted"]}; }}
"""
    return "\n".join((base, _scoped("#RoomScreen", content), _scoped("#RoomBlank", blank)))


def overlay_stylesheet(theme: str, sizes: Sizes) -> str:
    """The style sheet of the key help overlay."""
    c = palette(theme)
    return f"""
#RoomHelp {{ background: transparent; }}
#RoomHelp QLabel {{ background: transparent; color: {c["text"]}; font-size: {sizes.meta}px; }}
#RoomHelp QLabel#RoomHelpTitle {{ font-size: {sizes.question}px; font-weight: bold; }}
#RoomHelp QLabel#RoomHelpHeading {{ color: {c["accent"]}; font-weight: bold;
    font-size: {sizes.meta}px; padding-top: 8px; }}
#RoomHelp QLabel#RoomHelpKey {{ font-weight: bold; }}
"""
