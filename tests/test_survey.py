"""Survey scoring per unit and wave, with suppression of small groups."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from conftest import DEPARTMENTS
from orgsocial.analysis.survey import item_indicator_columns, latest_wave, unit_survey_by_wave
from orgsocial.dataset import empty_survey


def survey_frame(rows):
    frame = empty_survey()
    added = pd.DataFrame(rows)
    for column in frame.columns:
        if column not in added:
            added[column] = pd.NA
    added = added[frame.columns]
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
