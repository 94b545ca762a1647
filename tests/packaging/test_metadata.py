"""The Linux desktop entry and AppStream metadata say what the app is and match each other.

``.ci/run`` also runs the real validators (desktop-file-validate, appstreamcli).
"""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import facilitator

ROOT = Path(facilitator.__file__).parent.parent
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.facilitator.Facilitator"


def _metainfo() -> ET.Element:
    return ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()


def test_the_desktop_entry_starts_the_installed_command() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "gui-scripts"
    ]
    assert desktop["Exec"].split()[0] in scripts
    assert desktop["Icon"] == APP_ID
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"


def test_the_metainfo_has_launchable_release_rating_and_screenshots() -> None:
    root = _metainfo()
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == f"{APP_ID}.desktop"
    assert (LINUX / launchable.text).is_file()
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == facilitator.__version__
    assert date.fromisoformat(releases[0].get("date", "")) <= date.today()
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    images = [image.text or "" for image in root.findall("screenshots/screenshot/image")]
    assert len(images) >= 2
    for url in images:
        assert url.startswith("https://")
        # Each URL names a screenshot kept in the repository.
        assert (ROOT / url.split("/main/", 1)[1]).is_file(), url
