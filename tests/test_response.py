"""Customer inquiries and first responses."""

from __future__ import annotations

import pandas as pd
import pytest

from orgsocial.analysis.response import (
    answer_candidates,
    first_answers,
    inquiry_table,
    response_summary,
    responses_from,
)
from orgsocial.io.dataset import load_dataset


def first_responses(activity: pd.DataFrame, employees: pd.DataFrame) -> pd.DataFrame:
    """One row per inquiry with its first employee reply, from a whole activity frame."""
    inquiries = inquiry_table(activity)
    answers = first_answers(answer_candidates(activity, inquiries))
    return responses_from(inquiries, answers, employees)


def test_first_reply_counts_and_unanswered_inquiries(dataset_folder):
    dataset = load_dataset(dataset_folder())
    responses = first_responses(dataset.activity, dataset.employees).set_index("inquiry_id")
    assert responses.loc["e8", "response_minutes"] == pytest.approx(30.0)
    assert responses.loc["e8", "responder_department"] == "Service"
    assert not responses.loc["e11", "answered"]
    summary = response_summary(responses.reset_index(), "business_unit").iloc[0]
    assert summary["inquiries"] == 2
    assert summary["response_rate"] == 0.5
    assert summary["answered_within_1h_share"] == 0.5
    assert summary["unanswered_after_24h"] == 1


def test_reply_before_the_inquiry_is_not_a_response():
    t = pd.Timestamp("2026-07-01 10:00", tz="UTC")
    activity = pd.DataFrame(
        {
            "event_id": ["q", "r"],
            "timestamp": [t, t - pd.Timedelta(minutes=5)],
            "actor_id": [None, "a"],
            "channel": ["x", "x"],
            "action": ["inquiry", "reply"],
            "in_reply_to": [None, "q"],
            "business_unit": ["U", None],
        }
    )
    employees = pd.DataFrame({"employee_id": ["a"], "department": ["D"]})
    assert not first_responses(activity, employees)["answered"].iloc[0]


def test_summary_uses_medians_and_the_90th_percentile():
    responses = pd.DataFrame(
        {
            "channel": ["x"] * 5,
            "answered": [True] * 5,
            "response_minutes": [1.0, 2.0, 3.0, 4.0, 1000.0],
        }
    )
    row = response_summary(responses, "channel").iloc[0]
    assert row["response_minutes_median"] == 3.0
    assert row["response_minutes_p90"] == pytest.approx(601.6)
    assert row["answered_within_24h_share"] == 1.0


def test_answers_per_department_and_share_from_customer_facing(dataset_folder):
    from orgsocial.analysis.response import customer_facing_reply_share, responder_summary

    dataset = load_dataset(dataset_folder())
    responses = first_responses(dataset.activity, dataset.employees)
    by_department = responder_summary(responses).set_index("department")
    assert by_department.loc["Service", "answers_given"] == 1
    assert by_department.loc["Service", "answer_minutes_median"] == 30.0
    assert by_department.loc["Service", "answers_within_1h_share"] == 1.0
    departments = dataset.departments.assign(customer_facing=dataset.departments["customer_facing"])
    assert customer_facing_reply_share(responses, departments).to_dict() == {"North": 1.0}
    by_channel = response_summary(responses, "channel").set_index("channel")
    assert by_channel.loc["x", "inquiries"] == 2
