"""Settings from YAML: every malformed entry is refused with the entry named."""

from __future__ import annotations

import copy

import pytest

from orgsocial.config import load_settings, settings_from_mapping
from orgsocial.errors import ParameterError

DEFAULTS = load_settings().raw


def changed(path: str, value) -> dict:
    """The default mapping with the entry at ``a.b.c`` replaced (``None``: removed)."""
    raw = copy.deepcopy(DEFAULTS)
    *parents, last = path.split(".")
    node = raw
    for key in parents:
        node = node[int(key) if key.isdigit() else key]
    last_key = int(last) if last.isdigit() else last
    if value is None:
        del node[last_key]
    else:
        node[last_key] = value
    return raw


def test_the_defaults_read_back_as_the_same_settings():
    assert settings_from_mapping(copy.deepcopy(DEFAULTS)) == load_settings()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("privacy", None, "missing or malformed entry 'privacy'"),
        ("classification.levels.3", None, "must define phases 2, 3 and 4"),
        ("classification.levels.2.criteria", None, "missing or malformed entry 'criteria'"),
        ("privacy.min_group_size", 0, "'min_group_size' must be at least 1"),
        ("privacy.min_group_size", 4.5, "'min_group_size' must be a whole number, not 4.5"),
        ("activity.active_min_events", 2.5, "'active_min_events' must be a whole number"),
        (
            "survey.scales.adoption",
            ["use_internal", "no_such_item"],
            "unknown item(s) no_such_item",
        ),
        ("organisational_model.no_such_key", 1, "unknown key(s) no_such_key"),
    ],
)
def test_a_malformed_entry_is_refused_with_its_name(path, value, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        settings_from_mapping(changed(path, value))
