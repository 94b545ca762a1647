"""Where Facilitator keeps its files.

The platform's user folders by default (platformdirs); ``FACILITATOR_DATA_DIR``,
``FACILITATOR_CONFIG_DIR`` and ``FACILITATOR_LOG_DIR`` override them, which is how
tests keep away from a real user's data.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Facilitator"


def data_dir() -> Path:
    """Return the folder holding the debrief database (not created here)."""
    override = os.environ.get("FACILITATOR_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


def config_dir() -> Path:
    """Return the folder holding settings (not created here)."""
    override = os.environ.get("FACILITATOR_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, False))


def log_dir() -> Path:
    """Return the folder holding log files and crash reports (not created here)."""
    override = os.environ.get("FACILITATOR_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, False))


def default_database_url() -> str:
    """Return the SQLite URL of the default database in the user data folder."""
    return f"sqlite:///{data_dir() / 'debriefs.sqlite3'}"


def resolve_database_url(url: str | None) -> str:
    """Pick the database: an explicit URL, else ``FACILITATOR_DB``, else the default file."""
    return url or os.environ.get("FACILITATOR_DB") or default_database_url()
