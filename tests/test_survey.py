"""Survey scoring per unit and wave, with suppression of small groups."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from conftest import DEPARTMENTS
from orgsocial.analysis.survey import (
    BUSINESS_UNIT,
    item_indicator_columns,
    latest_wave,
    survey_scores,
)
from orgsocial.io.dataset import empty_survey


def unit_survey_by_wave(survey, departments, min_group_size):
    """:func:`survey_scores` per business unit, without headcounts (no response rates)."""
    return survey_scores(
        survey, departments, pd.Series(dtype="float64"), BUSINESS_UNIT, min_group_size
    )


def survey_frame(rows):
    frame = empty_survey()
    added = pd.DataFrame(rows)
    for column in frame.columns:
        if column not in added:
            added[column] = pd.NA
    added = added[frame.columns]
    added["respondent_id"] = added["respondent_id"].replace("", pd.NA)
    for column in frame.columns[3:]:
        added[column] = added[column].astype("Int8")
    return added


def test_means_and_top_box_shares_per_unit_and_wave():
    rows = [
        {
            "respondent_id": "",
            "department": "Marketing",
            "wave": "W1",
            "policy": p,
            "use_internal": u,
        }
        for p, u in [(5, 4), (4, 1), (2, 5), (1, 2), (3, None)]
    ]
    summary = unit_survey_by_wave(survey_frame(rows), pd.DataFrame(DEPARTMENTS), 5).iloc[0]
    assert summary["respondents"] == 5
    assert summary["policy_mean"] == pytest.approx(3.0)
    assert summary["policy_agree_share"] == pytest.approx(2 / 5)
    # the unanswered item does not count in its share
    assert summary["use_internal_weekly_share"] == pytest.approx(2 / 4)
    assert not summary["survey_suppressed"]


def test_fewer_respondents_than_the_minimum_are_suppressed():
    rows = [{"respondent_id": "", "department": "Ops", "wave": "W1", "policy": 5}] * 4
    summary = unit_survey_by_wave(survey_frame(rows), pd.DataFrame(DEPARTMENTS), 5).iloc[0]
    assert summary["survey_suppressed"]
    assert all(math.isnan(summary[col]) for col in item_indicator_columns())


def test_latest_wave_per_unit():
    frame = pd.DataFrame({"business_unit": ["A", "A", "B"], "wave": ["2026-Q3", "2026-Q2", "W"]})
    assert latest_wave(frame)["wave"].tolist() == ["2026-Q3", "W"]


def cronbach_alpha(answers: pd.DataFrame) -> float:
    """Cronbach's alpha of one group, the textbook way (the reference for grouped_alpha)."""
    complete = answers.dropna().astype("float64")
    items = complete.shape[1]
    if items < 2 or len(complete) < 2:
        return float("nan")
    total_variance = complete.sum(axis=1).var(ddof=1)
    if not total_variance > 0:
        return float("nan")
    item_variance = complete.var(ddof=1).sum()
    return float(items / (items - 1) * (1 - item_variance / total_variance))


def test_cronbach_alpha_by_hand():
    from orgsocial.analysis.survey import grouped_alpha

    # items 1,2,3,4 and 2,1,4,3: item variances 5/3 each, sum 3,3,7,7 has variance 16/3
    # alpha = 2 * (1 - (10/3) / (16/3)) = 0.75
    answers = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 1, 4, 3]})
    assert cronbach_alpha(answers) == pytest.approx(0.75)
    grouped = grouped_alpha(answers.assign(g="x"), ["g"], ["a", "b"])
    assert grouped["x"] == pytest.approx(0.75)
    assert cronbach_alpha(answers.assign(b=answers["a"])) == pytest.approx(1.0)
    assert math.isnan(cronbach_alpha(answers[["a"]]))
    assert math.isnan(cronbach_alpha(pd.DataFrame({"a": [3, 3], "b": [3, 3]})))


def test_department_scores_response_rates_and_alphas():
    from orgsocial.analysis.survey import survey_scores

    rows = [
        {
            "respondent_id": r,
            "department": "Service",
            "wave": "W1",
            "policy": p,
            "best_practices": b,
        }
        for r, p, b in [("s1", 1, 2), ("s2", 2, 1), ("", 3, 4), ("", 4, 3), ("s5", 5, 5)]
    ]
    scores = survey_scores(
        survey_frame(rows),
        pd.DataFrame(DEPARTMENTS),
        pd.Series({"Service": 10}),
        "department",
        5,
        {"gov": ["policy", "best_practices"]},
    ).iloc[0]
    assert scores["respondents"] == 5
    assert scores["survey_response_rate"] == 0.5
    assert scores["anonymous_share"] == pytest.approx(0.4)
    expected = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 1, 4, 3, 5]})
    assert scores["alpha_gov"] == pytest.approx(
        2 * (1 - (expected["a"].var() + expected["b"].var()) / expected.sum(axis=1).var())
    )


def test_grouped_alpha_equals_alpha_per_group():
    from orgsocial.analysis.survey import grouped_alpha

    frame = pd.DataFrame(
        {
            "g": ["a"] * 5 + ["b"] * 4 + ["c"],
            "x": [1, 2, 3, 4, 5, 2, 2, 5, None, 3],
            "y": [2, 1, 4, 3, 5, 1, 3, 4, 4, 3],
            "z": [1, 1, 4, 4, 5, 2, 2, 4, 1, 2],
        }
    )
    together = grouped_alpha(frame, ["g"], ["x", "y", "z"])
    for group, rows in frame.groupby("g"):
        expected = cronbach_alpha(rows[["x", "y", "z"]])
        if math.isnan(expected):
            assert math.isnan(together.get(group, float("nan")))
        else:
            assert together[group] == pytest.approx(expected)
