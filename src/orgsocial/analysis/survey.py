"""Survey scoring per department or business unit and wave, with small-group suppression.

For each item: the mean and the share answering 4 or 5 (agreement items:
agree or strongly agree; frequency items: weekly or daily). The ownership item
(1..4) is summarised by its mean, which reads directly as a phase. Anonymous
and identified responses count alike. Where items form a scale (``scales`` in
the settings), Cronbach's alpha says how consistently they were answered.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from orgsocial.io import contract as c

#: Answers at or above this value count as agreeing / weekly-or-more.
TOP_BOX = 4
#: The name of an item's top-box share, by scale (the ownership item has none).
TOP_BOX_SHARE = {c.AGREEMENT: "agree_share", c.FREQUENCY: "weekly_share"}
DEPARTMENT = "department"
BUSINESS_UNIT = "business_unit"


def item_indicator_columns() -> list[str]:
    """The indicator column names the survey summary produces, in instrument order."""
    columns = []
    for item in c.SURVEY_ITEMS:
        columns.append(f"{item.name}_mean")
        if item.scale in TOP_BOX_SHARE:
            columns.append(f"{item.name}_{TOP_BOX_SHARE[item.scale]}")
    return columns


def grouped_alpha(frame: pd.DataFrame, keys: list[str], items: list[str]) -> pd.Series:
    """Cronbach's alpha of the ``items`` for every group of ``keys``, from its complete
    responses: ``k / (k - 1) * (1 - sum of item variances / variance of the sum)``, with
    sample variances. NaN with fewer than 2 items or 2 complete responses, or when the sum
    does not vary.

    Examples
    --------
    >>> answers = pd.DataFrame({"g": ["x"] * 4, "a": [1, 2, 3, 4], "b": [2, 1, 4, 3]})
    >>> grouped_alpha(answers, ["g"], ["a", "b"]).round(3).tolist()
    [0.75]
    """
    complete = frame.loc[frame[items].notna().all(axis=1), keys + items]
    values = complete[items].astype("float64")
    values = values.assign(_total=values.sum(axis=1))
    grouped = values.groupby([complete[key] for key in keys], sort=True)
    variances = grouped.var(ddof=1)
    count = grouped.size()
    k = len(items)
    total = variances.pop("_total")
    alpha = k / (k - 1) * (1 - variances.sum(axis=1, min_count=k) / total.where(total > 0))
    return alpha.where(count >= 2) if k >= 2 else alpha * float("nan")


def survey_scores(
    survey: pd.DataFrame,
    departments: pd.DataFrame,
    headcount: pd.Series,
    level: str,
    min_group_size: int,
    scales: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """Item means, top-box shares, response rates and scale alphas per group and wave.

    ``level`` is ``"department"`` or ``"business_unit"``; ``headcount`` the people per
    group, for the response rate; ``scales`` maps a scale's name to its items
    (``alpha_<scale>``). Groups with fewer respondents than ``min_group_size`` get no
    figures (``survey_suppressed``).
    """
    scales = scales or {}
    figures = [*item_indicator_columns(), *(f"alpha_{name}" for name in scales)]
    columns = [
        level,
        "wave",
        "respondents",
        "anonymous_share",
        "survey_response_rate",
        "survey_suppressed",
        *figures,
    ]
    if survey.empty:
        types = {level: "str", "wave": "str", "respondents": "int64", "survey_suppressed": "bool"}
        return pd.DataFrame(
            {name: pd.Series([], dtype=types.get(name, "float64")) for name in columns}
        )
    unit_of = departments.set_index("department")["business_unit"]
    frame = survey.assign(business_unit=survey["department"].map(unit_of))
    keys = [frame[level], frame["wave"]]
    grouped = frame.groupby([level, "wave"], sort=True)
    out = grouped.size().rename("respondents").to_frame()
    out["anonymous_share"] = frame["respondent_id"].isna().groupby(keys).mean()
    for item in c.SURVEY_ITEMS:
        answers = frame[item.name].astype("Float64")
        out[f"{item.name}_mean"] = answers.groupby(keys).mean()
        if item.scale in TOP_BOX_SHARE:
            top = (answers >= TOP_BOX).astype("Float64").where(answers.notna())
            out[f"{item.name}_{TOP_BOX_SHARE[item.scale]}"] = top.groupby(keys).mean()
    for name, items in scales.items():
        out[f"alpha_{name}"] = grouped_alpha(frame, [level, "wave"], items)
    out = out.reset_index()
    out[figures] = out[figures].astype("float64")
    out["survey_response_rate"] = out["respondents"] / out[level].map(headcount).where(
        lambda h: h > 0
    )
    out["survey_suppressed"] = out["respondents"] < min_group_size
    hidden = [*figures, "anonymous_share", "survey_response_rate"]
    out.loc[out["survey_suppressed"], hidden] = np.nan
    return out[columns]


def latest_wave(by_wave: pd.DataFrame) -> pd.DataFrame:
    """Each unit's most recent wave (waves sort as text: ``2026-Q2`` < ``2026-Q3``)."""
    if by_wave.empty:
        return by_wave
    ordered = by_wave.sort_values([BUSINESS_UNIT, "wave"])
    return ordered.groupby(BUSINESS_UNIT).tail(1).reset_index(drop=True)
