"""Survey scoring per business unit and wave, with small-group suppression.

For each item: the mean and the share answering 4 or 5 (agreement items:
agree or strongly agree; frequency items: weekly or daily). The ownership item
(1..4) is summarised by its mean, which reads directly as a phase. Anonymous
and identified responses count alike.
"""

from __future__ import annotations

import pandas as pd

from orgsocial import contract as c

#: Answers at or above this value count as agreeing / weekly-or-more.
TOP_BOX = 4


def item_indicator_columns() -> list[str]:
    """The indicator column names the survey summary produces, in instrument order."""
    columns = []
    for item in c.SURVEY_ITEMS:
        columns.append(f"{item.name}_mean")
        if item.scale == c.AGREEMENT:
            columns.append(f"{item.name}_agree_share")
        elif item.scale == c.FREQUENCY:
            columns.append(f"{item.name}_weekly_share")
    return columns


def unit_survey_by_wave(
    survey: pd.DataFrame, departments: pd.DataFrame, min_group_size: int
) -> pd.DataFrame:
    """Item means and top-box shares per business unit and wave.

    Parameters
    ----------
    survey
        Validated survey responses (items as nullable integers).
    departments
        To map each response's department to its business unit.
    min_group_size
        Groups with fewer respondents get no figures (``survey_suppressed``).

    Returns
    -------
    pandas.DataFrame
        ``business_unit``, ``wave``, ``respondents``, ``survey_suppressed``
        and :func:`item_indicator_columns`.
    """
    columns = [
        "business_unit",
        "wave",
        "respondents",
        "survey_suppressed",
        *item_indicator_columns(),
    ]
    if survey.empty:
        empty = {name: pd.Series([], dtype="float64") for name in columns}
        empty.update(
            business_unit=pd.Series([], dtype="str"),
            wave=pd.Series([], dtype="str"),
            respondents=pd.Series([], dtype="int64"),
            survey_suppressed=pd.Series([], dtype="bool"),
        )
        return pd.DataFrame(empty)[columns]
    unit_of = departments.set_index("department")["business_unit"]
    frame = survey.assign(business_unit=survey["department"].map(unit_of))
    grouped = frame.groupby(["business_unit", "wave"], sort=True)
    out = grouped.size().rename("respondents").to_frame()
    for item in c.SURVEY_ITEMS:
        answers = frame[item.name].astype("Float64")
        out[f"{item.name}_mean"] = answers.groupby([frame["business_unit"], frame["wave"]]).mean()
        if item.scale in (c.AGREEMENT, c.FREQUENCY):
            suffix = "agree_share" if item.scale == c.AGREEMENT else "weekly_share"
            top = (answers >= TOP_BOX).astype("Float64").where(answers.notna())
            out[f"{item.name}_{suffix}"] = top.groupby(
                [frame["business_unit"], frame["wave"]]
            ).mean()
    out = out.reset_index()
    figures = item_indicator_columns()
    out[figures] = out[figures].astype("float64")
    out["survey_suppressed"] = out["respondents"] < min_group_size
    out.loc[out["survey_suppressed"], figures] = float("nan")
    return out[columns]


def latest_wave(by_wave: pd.DataFrame) -> pd.DataFrame:
    """Each unit's most recent wave (waves sort as text: ``2026-Q2`` < ``2026-Q3``)."""
    if by_wave.empty:
        return by_wave
    ordered = by_wave.sort_values(["business_unit", "wave"])
    return ordered.groupby("business_unit").tail(1).reset_index(drop=True)
