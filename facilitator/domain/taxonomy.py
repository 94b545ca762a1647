"""The classification a team controls: severity scale, primary causes, services.

The default ships in ``facilitator.resources/taxonomy/default.toml``; a team file
of the same shape is laid over it the way language rules are: listing severity
levels replaces the whole scale, a cause or service with a known id replaces
that entry, a new id adds one, and ``disable = ["cause.<id>", "service.<id>"]``
drops built-in entries. Every problem is reported as one sentence naming the
file, the entry and the key, because the reader edited a text file.

Names are matched "folded": without regard to case, spaces, hyphens, dots and
underscores, so "Sev-2", "SEV 2" and "sev2" are the same as "SEV2".
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

#: Longest severity name: it is stored in a column and shown in narrow table cells.
MAX_SEVERITY_NAME = 32
_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_FOLD_DROP = re.compile(r"[\s\-_.·/]+")
_TOP = {"name", "severity", "cause", "service", "disable"}


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message says where and what to change."""


def fold(text: str) -> str:
    """Return the matching key of a name: "Payments API", "payments-api" → "paymentsapi"."""
    return _FOLD_DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True)
class SeverityLevel:
    """One step of the severity scale."""

    name: str
    meaning: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    """A primary-cause category, or a known service with its components."""

    id: str
    name: str
    meaning: str = ""
    synonyms: tuple[str, ...] = ()
    components: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        """Every way of writing this entry, its name first."""
        return (self.name, self.id, *self.synonyms)


@dataclass(frozen=True)
class Taxonomy:
    """The active classification. Severity levels are ordered most severe first."""

    name: str
    severities: tuple[SeverityLevel, ...]
    causes: tuple[Category, ...] = ()
    services: tuple[Category, ...] = ()
    source: str = "built-in"
    _severity_keys: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _cause_keys: dict[str, Category] = field(default_factory=dict, compare=False, repr=False)
    _service_keys: dict[str, Category] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for level in self.severities:
            for spelling in (level.name, *level.synonyms):
                self._severity_keys.setdefault(fold(spelling), level.name)
        for entries, keys in ((self.causes, self._cause_keys), (self.services, self._service_keys)):
            for entry in entries:
                for spelling in entry.spellings():
                    keys.setdefault(fold(spelling), entry)

    # -- severity -------------------------------------------------------------------------

    @property
    def severity_names(self) -> tuple[str, ...]:
        """The scale's names, most severe first."""
        return tuple(level.name for level in self.severities)

    def normalise_severity(self, text: str) -> str | None:
        """Return the scale's name for ``text`` ("Sev-2" → "SEV2"), or None if it is not on it."""
        return self._severity_keys.get(fold(text))

    def severity_rank(self, name: str | None) -> int:
        """Position on the scale (0 most severe); unknown or empty values sort after it."""
        if not name:
            return len(self.severities) + 1
        names = self.severity_names
        canonical = self.normalise_severity(name)
        return names.index(canonical) if canonical in names else len(names)

    def meaning_of(self, name: str) -> str:
        """The one-line meaning of a severity ("" when it is not on the scale)."""
        canonical = self.normalise_severity(name)
        return next((lv.meaning for lv in self.severities if lv.name == canonical), "")

    def allowed_severities(self) -> str:
        """The scale for messages: "SEV1, SEV2, SEV3 or SEV4"."""
        names = [f'"{n}"' for n in self.severity_names]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    # -- causes and services --------------------------------------------------------------

    def cause_for(self, text: str) -> Category | None:
        """The cause category ``text`` names, if any."""
        return self._cause_keys.get(fold(text)) if text.strip() else None

    def service_for(self, text: str) -> Category | None:
        """The known service ``text`` names (by name, id, synonym or component), if any."""
        return self._service_keys.get(fold(text)) if text.strip() else None

    def cause_label(self, text: str) -> str:
        """How a primary cause is grouped in trends: its category's name, else the text."""
        category = self.cause_for(text)
        return category.name if category else " ".join(text.split())

    def service_label(self, text: str) -> str:
        """How a service is grouped in trends: the known service's name, else the text."""
        service = self.service_for(text)
        return service.name if service else " ".join(text.split())


def _components(service: Category) -> Category:
    # Components count as spellings of their service for grouping, so "Refunds" rolls up
    # into "Payments API" in trends, while the matrix still shows what was written.
    return Category(
        service.id,
        service.name,
        service.meaning,
        (*service.synonyms, *service.components),
        service.components,
    )


def _text(raw: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise TaxonomyError(f"{where}: '{key}' must be a string")
    value = value.strip()
    if required and not value:
        raise TaxonomyError(f"{where}: '{key}' is missing or empty")
    if "\n" in value:
        raise TaxonomyError(f"{where}: '{key}' must fit on one line")
    return value


def _strings(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _check_keys(raw: object, allowed: set[str], where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{where}: must be a table")
    extra = sorted(set(raw) - allowed)
    if extra:
        hint = ""
        if set(extra) & _TOP:
            hint = " (keys such as name and disable belong before the first [[...]] table)"
        raise TaxonomyError(f"{where}: unknown key(s) {', '.join(extra)}{hint}")
    return raw


def _severity(raw: object, source: str, number: int) -> SeverityLevel:
    where = f"{source}: severity #{number}"
    table = _check_keys(raw, {"name", "meaning", "synonyms"}, where)
    name = _text(table, "name", where)
    where = f"{source}: severity “{name}”"
    if len(name) > MAX_SEVERITY_NAME:
        raise TaxonomyError(f"{where}: the name is longer than {MAX_SEVERITY_NAME} characters")
    if not fold(name):
        raise TaxonomyError(f"{where}: the name needs a letter or digit")
    return SeverityLevel(name, _text(table, "meaning", where), _strings(table, "synonyms", where))


def _category(raw: object, source: str, number: int, kind: str) -> Category:
    where = f"{source}: {kind} #{number}"
    keys = {"id", "name", "meaning", "synonyms"} | ({"components"} if kind == "service" else set())
    table = _check_keys(raw, keys, where)
    entry_id = _text(table, "id", where)
    if not _ID.fullmatch(entry_id):
        raise TaxonomyError(
            f"{where}: id “{entry_id}” must be lower-case letters, digits, '-', '.' or '_'"
        )
    where = f"{source}: {kind} “{entry_id}”"
    return Category(
        entry_id,
        _text(table, "name", where),
        _text(table, "meaning", where, required=False),
        _strings(table, "synonyms", where),
        _strings(table, "components", where) if kind == "service" else (),
    )


def _no_clashes(entries: list[Any], source: str, kind: str, spell: Any) -> None:
    """Refuse two entries that share an id, or a spelling once folded."""
    seen: dict[str, str] = {}
    ids: set[str] = set()
    for entry in entries:
        label = getattr(entry, "id", None) or entry.name
        if label in ids:
            raise TaxonomyError(f"{source}: two {kind} entries use “{label}”")
        ids.add(label)
        for spelling in spell(entry):
            key = fold(spelling)
            owner = seen.setdefault(key, label)
            if owner != label:
                raise TaxonomyError(
                    f"{source}: “{spelling}” would name both {kind} “{owner}” and “{label}”"
                )


@dataclass(frozen=True)
class _Parsed:
    name: str | None
    severities: tuple[SeverityLevel, ...] | None
    causes: tuple[Category, ...]
    services: tuple[Category, ...]
    disable: tuple[str, ...]


def _parse(text: str, source: str) -> _Parsed:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{source}: not valid TOML ({exc})") from None
    extra = sorted(set(data) - _TOP)
    if extra:
        raise TaxonomyError(f"{source}: unknown top-level key(s) {', '.join(extra)}")
    lists: dict[str, list[Any]] = {}
    for key in ("severity", "cause", "service"):
        value = data.get(key, [])
        if not isinstance(value, list):
            raise TaxonomyError(f"{source}: write {key} entries as [[{key}]] tables")
        lists[key] = value
    severities = [_severity(raw, source, n) for n, raw in enumerate(lists["severity"], 1)]
    causes = [_category(raw, source, n, "cause") for n, raw in enumerate(lists["cause"], 1)]
    services = [_category(raw, source, n, "service") for n, raw in enumerate(lists["service"], 1)]
    _no_clashes(severities, source, "severity", lambda lv: (lv.name, *lv.synonyms))
    _no_clashes(causes, source, "cause", Category.spellings)
    _no_clashes(services, source, "service", lambda s: (*s.spellings(), *s.components))
    disable = data.get("disable", [])
    if not isinstance(disable, list) or not all(
        isinstance(d, str) and d.partition(".")[0] in ("cause", "service") for d in disable
    ):
        raise TaxonomyError(
            f'{source}: disable must list entries as "cause.<id>" or "service.<id>"'
        )
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise TaxonomyError(f"{source}: 'name' must be a string")
    return _Parsed(
        name,
        tuple(severities) if severities else None,
        tuple(causes),
        tuple(services),
        tuple(disable),
    )


def parse_taxonomy(text: str, source: str = "taxonomy") -> Taxonomy:
    """Parse a complete taxonomy (it must define a severity scale)."""
    parsed = _parse(text, source)
    if parsed.disable:
        raise TaxonomyError(f"{source}: 'disable' only makes sense in a team file")
    if parsed.severities is None:
        raise TaxonomyError(f"{source}: no [[severity]] levels are defined")
    return Taxonomy(
        parsed.name or source,
        parsed.severities,
        parsed.causes,
        tuple(map(_components, parsed.services)),
        source,
    )


def merge_taxonomy(base: Taxonomy, text: str, source: str) -> Taxonomy:
    """Lay the team file ``text`` over ``base``; raise TaxonomyError naming what is wrong."""
    team = _parse(text, source)
    causes = {c.id: c for c in base.causes}
    services = {s.id: s for s in base.services}
    for entry in team.disable:
        kind, _, entry_id = entry.partition(".")
        table = causes if kind == "cause" else services
        if entry_id not in table:
            raise TaxonomyError(f"{source}: disable names an unknown {kind} “{entry_id}”")
        del table[entry_id]
    causes.update((c.id, c) for c in team.causes)
    services.update((s.id, _components(s)) for s in team.services)
    merged_causes = list(causes.values())
    # A team synonym may clash with a built-in spelling only by replacing that entry.
    _no_clashes(merged_causes, source, "cause", Category.spellings)
    _no_clashes(list(services.values()), source, "service", Category.spellings)
    return Taxonomy(
        team.name or base.name,
        team.severities or base.severities,
        tuple(merged_causes),
        tuple(services.values()),
        source,
    )


def default_taxonomy_text() -> str:
    """The text of the built-in taxonomy file."""
    resource = files("facilitator.resources") / "taxonomy" / "default.toml"
    return resource.read_text(encoding="utf-8")


@cache
def default_taxonomy() -> Taxonomy:
    """The built-in classification: SEV1–SEV4 and the common primary causes."""
    return parse_taxonomy(default_taxonomy_text(), "default.toml (built-in)")


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The default taxonomy, with the team file at ``path`` laid over it when given."""
    if path is None or str(path) == "":
        return default_taxonomy()
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaxonomyError(f"{name}: taxonomy file not found") from None
    except IsADirectoryError:
        raise TaxonomyError(f"{name}: is a folder, not a taxonomy file") from None
    except UnicodeDecodeError:
        raise TaxonomyError(f"{name}: taxonomy file is not UTF-8 text") from None
    except OSError as exc:
        raise TaxonomyError(f"{name}: cannot read the taxonomy file ({exc.strerror})") from None
    return merge_taxonomy(default_taxonomy(), text, Path(path).name)
