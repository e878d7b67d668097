"""Analysis settings: the shipped defaults (``defaults/config.yaml``: thresholds and the
privacy minimum), optionally overridden by a user's YAML file of the keys it changes.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from orgsocial.errors import ParameterError


@dataclass(frozen=True)
class Criterion:
    """One entry criterion of a phase: an indicator against a soft threshold."""

    indicator: str
    threshold: float
    softness: float
    weight: float
    why: str
    #: Without data for a decisive criterion its phase is not claimed (unknown is not met);
    #: other criteria support: they add up, and without data they are skipped.
    decisive: bool = False


@dataclass(frozen=True)
class Level:
    """The entry criteria of one phase (2, 3 or 4; every unit has reached phase 1)."""

    phase: int
    name: str
    model: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class ModelThresholds:
    """Thresholds of the organisational-model rules (``organisational_model`` in the YAML)."""

    backbone_fraction: float = 0.5
    star_min_degree: int = 3
    star_max_clustering: float = 0.34
    holistic_min_density: float = 0.5
    holistic_max_centralisation: float = 0.35
    holistic_min_departments_active: float = 0.75
    organic_max_hub_active_share: float = 0.25
    centralised_min_hub_share: float = 0.5
    spokes_min_active_share: float = 0.05
    spokes_min_answer_share: float = 0.25


@dataclass(frozen=True)
class Settings:
    """Everything the analysis can be tuned with."""

    min_group_size: int
    active_min_events: int
    team_min_active: int
    department_active_min_share: float
    department_active_min_people: int
    min_events: int
    min_respondents: int
    between_ratio: float
    say_do_penalty: float
    trend_min_period_share: float
    next_steps: int
    min_known_weight: float
    uncorroborated_factor: float
    few_events: int
    period_complete_tolerance: float
    social_channels: frozenset[str]
    risks: dict[int, dict[str, str]]
    advice: dict[str, dict[str, str]]
    levels: tuple[Level, ...]
    connector_min_departments: int
    louvain_seed: int
    scales: dict[str, list[str]]
    model: ModelThresholds
    raw: dict[str, Any]

    @property
    def survey_minimum(self) -> int:
        """The respondents a survey verdict needs: ``min_respondents``, and never fewer than
        the privacy minimum."""
        return max(self.min_respondents, self.min_group_size)

    def with_min_group_size(self, size: int) -> Settings:
        """A copy with another privacy minimum (``--min-group-size``)."""
        if size < 1:
            raise ParameterError(f"min group size must be at least 1, not {size}")
        raw = _merge(self.raw, {"privacy": {"min_group_size": size}})
        return settings_from_mapping(raw)


def default_mapping() -> dict[str, Any]:
    """The shipped defaults as a plain mapping."""
    text = resources.files("orgsocial").joinpath("defaults/config.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _number(mapping: dict[str, Any], key: str, where: str) -> float:
    value = mapping.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterError(f"{where}: {key!r} must be a number, not {value!r}")
    return float(value)


def _whole(mapping: dict[str, Any], key: str, where: str) -> int:
    """A count: ``5`` or ``5.0``, not ``4.5`` (which would be cut to 4 without a word)."""
    value = _number(mapping, key, where)
    if not value.is_integer():
        raise ParameterError(f"{where}: {key!r} must be a whole number, not {value:g}")
    return int(value)


def _share(mapping: dict[str, Any], key: str, where: str) -> float:
    value = _number(mapping, key, where)
    if not 0 <= value <= 1:
        raise ParameterError(f"{where}: {key!r} must be between 0 and 1, not {value}")
    return value


def _texts(
    mapping: dict[Any, Any], where: str, key_type: type, known: list[Any]
) -> dict[Any, dict[str, str]]:
    """``key -> {language: text}`` for ``known`` keys, with English required for every key
    and only the reports' languages (an unknown key or language is refused, with the one
    it may have meant)."""
    from orgsocial.io.contract import LANGUAGES

    if not isinstance(mapping, dict):
        raise ParameterError(f"{where} must be a mapping")
    names = [str(k) for k in known]
    out = {}
    for key, texts in mapping.items():
        if str(key) not in names:
            raise ParameterError(
                f"{where}: unknown key {_meant(str(key), names)}; the keys are {', '.join(names)}"
            )
        if not isinstance(texts, dict) or "en" not in texts:
            raise ParameterError(f"{where}.{key}: give at least an 'en' text")
        other = [str(lang) for lang in texts if str(lang) not in LANGUAGES]
        if other:
            raise ParameterError(
                f"{where}.{key}: unknown language {_meant(other[0], list(LANGUAGES))}; "
                f"the languages are {', '.join(LANGUAGES)}"
            )
        out[key_type(key)] = {str(lang): str(text) for lang, text in texts.items()}
    return out


def _criterion(entry: dict[str, Any], where: str) -> Criterion:
    if "indicator" not in entry or "above" not in entry:
        raise ParameterError(f"{where}: a criterion needs 'indicator' and 'above'")
    softness = _number(entry, "softness", where)
    if softness <= 0:
        raise ParameterError(f"{where}: 'softness' must be positive")
    return Criterion(
        indicator=str(entry["indicator"]),
        threshold=_number(entry, "above", where),
        softness=softness,
        weight=_number(entry, "weight", where),
        why=str(entry.get("why", "")),
        decisive=_flag(entry, "decisive", where),
    )


def _flag(mapping: dict[str, Any], key: str, where: str) -> bool:
    value = mapping.get(key, False)
    if not isinstance(value, bool):
        raise ParameterError(f"{where}: {key!r} must be true or false, not {value!r}")
    return value


def settings_from_mapping(raw: dict[str, Any]) -> Settings:
    """Build :class:`Settings` from a (merged) mapping, checking types."""
    try:
        privacy, activity, classification = raw["privacy"], raw["activity"], raw["classification"]
    except (KeyError, TypeError) as error:
        raise ParameterError(f"settings: missing or malformed entry {error}") from None
    levels = _levels(classification)
    min_group = _whole(privacy, "min_group_size", "privacy")
    if min_group < 1:
        raise ParameterError("privacy: 'min_group_size' must be at least 1")
    network = raw.get("network", {})
    scales = _scales(raw.get("survey", {}).get("scales", {}))
    model = _model_thresholds(raw.get("organisational_model", {}))
    return Settings(
        min_group_size=min_group,
        active_min_events=_whole(activity, "active_min_events", "activity"),
        team_min_active=_whole(activity, "team_min_active", "activity"),
        department_active_min_share=_number(activity, "department_active_min_share", "activity"),
        department_active_min_people=_whole(activity, "department_active_min_people", "activity"),
        min_events=_whole(classification, "min_events", "classification"),
        min_respondents=_whole(classification, "min_respondents", "classification"),
        between_ratio=_number(classification, "between_ratio", "classification"),
        say_do_penalty=_number(classification, "say_do_penalty", "classification"),
        trend_min_period_share=_number(classification, "trend_min_period_share", "classification"),
        next_steps=_whole(classification, "next_steps", "classification"),
        min_known_weight=_share(classification, "min_known_weight", "classification"),
        uncorroborated_factor=_share(classification, "uncorroborated_factor", "classification"),
        few_events=_whole(classification, "few_events", "classification"),
        period_complete_tolerance=_share(
            classification, "period_complete_tolerance", "classification"
        ),
        social_channels=frozenset(
            str(channel).strip().lower() for channel in activity.get("social_channels", [])
        ),
        risks=_texts(classification.get("risks", {}), "classification.risks", int, [1, 2, 3, 4]),
        advice=_texts(
            classification.get("advice", {}),
            "classification.advice",
            str,
            sorted({c.indicator for level in levels for c in level.criteria}),
        ),
        levels=levels,
        connector_min_departments=_whole(network, "connector_min_departments", "network"),
        louvain_seed=_whole(network, "louvain_seed", "network"),
        scales=scales,
        model=model,
        raw=raw,
    )


def _levels(classification: dict[str, Any]) -> tuple[Level, ...]:
    """The criteria of phases 2, 3 and 4, in order."""
    try:
        levels = tuple(
            Level(
                phase=int(phase),
                name=str(level["name"]),
                model=str(level.get("model", "")),
                criteria=tuple(
                    _criterion(entry, f"classification.levels.{phase}")
                    for entry in level["criteria"]
                ),
            )
            for phase, level in sorted(classification["levels"].items(), key=lambda kv: int(kv[0]))
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise ParameterError(f"settings: missing or malformed entry {error}") from None
    if [level.phase for level in levels] != [2, 3, 4]:
        raise ParameterError("settings: classification.levels must define phases 2, 3 and 4")
    return levels


def _scales(raw: dict[str, Any]) -> dict[str, list[str]]:
    """Survey scales: each a list of the contract's items."""
    from orgsocial.io import contract

    scales = {str(k): [str(i) for i in v] for k, v in raw.items()}
    for name, items in scales.items():
        unknown = sorted(set(items) - set(contract.SURVEY_ITEM_NAMES))
        if unknown:
            raise ParameterError(f"survey.scales.{name}: unknown item(s) {', '.join(unknown)}")
    return scales


def _model_thresholds(raw: dict[str, Any]) -> ModelThresholds:
    """The organisational model's thresholds (defaults for the keys not given)."""
    unknown = set(raw) - set(ModelThresholds.__dataclass_fields__)
    if unknown:
        raise ParameterError(f"organisational_model: unknown key(s) {', '.join(sorted(unknown))}")
    values = {key: _number(raw, key, "organisational_model") for key in raw}
    if "star_min_degree" in values:  # a count of departments: 3.5 is refused, not cut to 3
        values["star_min_degree"] = _whole(raw, "star_min_degree", "organisational_model")
    return ModelThresholds(**values)


def read_yaml_mapping(path: Path, what: str) -> dict[str, Any]:
    """A YAML file that must hold a mapping (an empty file is an empty mapping); a
    :class:`ParameterError` names the file that cannot be read, is not YAML or holds none."""
    try:
        values = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    except OSError as error:
        raise ParameterError(f"{path}: cannot read the {what}: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise ParameterError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(values, dict):
        raise ParameterError(f"{path}: the {what} must be a YAML mapping")
    return values


def mapping_fields(
    path: Path | None, kind: type, label: str, overrides: dict[str, Any]
) -> dict[str, Any]:
    """The YAML mapping at ``path`` (none: empty), with ``overrides`` that are not
    ``None`` on top; a key that is no field of the dataclass ``kind`` raises a
    :class:`ParameterError` (``"<path>: <label>: unknown key(s) ..."``)."""
    values = read_yaml_mapping(path, "mapping") if path is not None else {}
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = [f.name for f in fields(kind)]
    unknown = sorted(set(values) - set(known), key=str)
    if unknown:
        meant = [_meant(str(key), known) for key in unknown]
        where = f"{path}: " if path is not None else ""
        raise ParameterError(
            f"{where}{label}: unknown key(s) {', '.join(meant)}; the keys are {', '.join(known)}"
        )
    return values


def load_settings(path: Path | None = None) -> Settings:
    """The defaults, with the keys of the YAML file at ``path`` (if any) replacing theirs."""
    raw = default_mapping()
    if path is not None:
        changes = read_yaml_mapping(path, "settings file")
        _refuse_unknown_settings(raw, changes, path)
        raw = _merge(raw, changes)
    return settings_from_mapping(raw)


def _refuse_unknown_settings(defaults: dict[str, Any], changes: dict[str, Any], path: Path) -> None:
    """Refuse a settings file naming a section, or a setting of a section, that the
    defaults do not have (a misspelt key would otherwise leave the default in force
    without a word). Deeper keys (a scale's items, a phase's criteria) are the user's own."""
    unknown: list[str] = []
    known_here: list[str] = list(defaults)
    for key, value in changes.items():
        if key not in defaults:
            unknown.append(_meant(str(key), list(defaults)))
        elif isinstance(value, dict) and isinstance(defaults[key], dict):
            names = [f"{key}.{name}" for name in defaults[key]]
            extra = [f"{key}.{name}" for name in value if name not in defaults[key]]
            unknown += [_meant(name, names) for name in extra]
            known_here += names if extra else []
    if unknown:
        raise ParameterError(
            f"{path}: unknown setting(s) {', '.join(unknown)}; the settings are "
            f"{', '.join(known_here)} (see src/orgsocial/defaults/config.yaml)"
        )


def _meant(key: str, known: list[str], shown: object = None) -> str:
    """``'key'`` (or ``shown``), with the known key it may be a misspelling of."""
    close = difflib.get_close_matches(key, known, n=1)
    said = repr(key if shown is None else shown)
    return f"{said} (did you mean {close[0]!r}?)" if close else said


def mapping_choice(
    path: Path | None, label: str, key: str, value: object, allowed: tuple[str, ...], kind: str
) -> str:
    """A mapping's ``value`` for one of the contract's enumerations (``allowed``), spelt as
    the contract compares them (lower case, spaces and hyphens as underscores); a value
    that is none of them raises a :class:`ParameterError` naming the file, ``key``, the value
    and the one it may be a misspelling of (a typo would otherwise leave a guess in force,
    or be written into the contract files, without a word). Shared by the importers.

    Examples
    --------
    >>> mapping_choice(None, "roster mapping", "function_labels 'KS'", "Customer Service",
    ...                ("sales", "customer_service"), "functions")
    'customer_service'
    """
    text = str(value).strip().lower() if value is not None else ""
    text = re.sub(r"[\s\-]+", "_", text)
    if text in allowed:
        return text
    where = f"{path}: " if path is not None else ""
    raise ParameterError(
        f"{where}{label}: {key}: {_meant(text, list(allowed), value)} is not one of the "
        f"data contract's {kind} ({', '.join(allowed)})"
    )
