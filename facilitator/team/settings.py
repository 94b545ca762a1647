"""Which team library this machine uses: its URL in a small file, its password in the keychain.

The URL (without a password) is kept in ``team.json`` in the settings folder,
shared by the app and the command line. The password is only ever in the
system keychain (see facilitator.storage.secrets).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy.engine import make_url

from facilitator.paths import config_dir
from facilitator.storage import secrets

FILE = "team.json"


def _file() -> Path:
    return config_dir() / FILE


def team_url() -> str | None:
    """The connected team library's URL (no password), or None when none is connected."""
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = data.get("url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url else None


def remember(url: str, password: str | None) -> None:
    """Keep ``url`` (its password, if any, goes to the keychain, never the file)."""
    parsed = make_url(url)
    if parsed.password is not None:
        password = password or parsed.password
        parsed = parsed._replace(password=None)  # URL.set() ignores None
    plain = parsed.render_as_string(hide_password=False)
    if password:
        secrets.store_password(plain, password)
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    partial = _file().with_suffix(".partial")
    partial.write_text(json.dumps({"url": plain}, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, _file())


def forget() -> str | None:
    """Disconnect: forget the team library and its password. Returns the URL forgotten."""
    url = team_url()
    if url is not None:
        secrets.forget_password(url)
    _file().unlink(missing_ok=True)
    return url
