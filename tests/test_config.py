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
        # a count of departments: 3.5 was cut to 3 without a word
        ("organisational_model.star_min_degree", 3.5, "'star_min_degree' must be a whole number"),
        # a phase's risk under a name that is no phase was a traceback (exit 1)
        ("classification.risks.pilott", {"en": "x"}, "classification.risks: unknown key 'pilott'"),
        (
            "classification.advice.lead_department_active_employes",
            {"en": "x", "nl": "y"},
            "unknown key 'lead_department_active_employes' (did you mean "
            "'lead_department_active_employees'",
        ),
        (
            "classification.advice.policy_agree_share",
            {"en": "x", "nll": "y"},
            "unknown language 'nll' (did you mean 'nl'",
        ),
    ],
)
def test_a_malformed_entry_is_refused_with_its_name(path, value, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        settings_from_mapping(changed(path, value))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("privcy:\n  min_group_size: 3\n", "unknown setting(s) 'privcy' (did you mean 'privacy'?)"),
        (
            "privacy:\n  min_group_sise: 3\n",
            "'privacy.min_group_sise' (did you mean 'privacy.min_group_size'?)",
        ),
    ],
)
def test_a_misspelt_setting_is_refused_not_ignored(tmp_path, text, message):
    # both ran with the default minimum of 5 without a word (a new-user trial)
    path = tmp_path / "settings.yaml"
    path.write_text(text)
    with pytest.raises(ParameterError) as refused:
        load_settings(path)
    assert str(refused.value).startswith(f"{path}: unknown setting(s) ")
    assert message in str(refused.value)


def test_a_settings_file_may_add_its_own_scales_and_criteria(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text(
        "survey:\n  scales:\n    mine: [policy, strategy]\nprivacy:\n  min_group_size: 3\n"
    )
    settings = load_settings(path)
    assert settings.min_group_size == 3 and "mine" in settings.scales
