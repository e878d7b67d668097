"""One path from a dataset folder to results: the options checked once, the same for the
command line, the report batch, the notebooks and Python (:func:`load`)."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from orgsocial.errors import ParameterError
from orgsocial.io.contract import check_language
from orgsocial.scale import MIN_PARTITION_ROWS, PARTITION_ROWS

if TYPE_CHECKING:
    from collections.abc import Callable

    from orgsocial.analysis.period import Period
    from orgsocial.analysis.results import AnalysisResults
    from orgsocial.config import Settings
    from orgsocial.io.dataset import Dataset

TREND_BY = ("quarter", "month", "none")
EXECUTORS = ("local", "dask")
Options = TypeVar("Options")


@dataclass(frozen=True)
class AnalysisOptions:
    """What an analysis may be asked for: the options of ``orgsocial analyse`` by the same
    names (``orgsocial analyse --help`` says what each takes).

    Attributes
    ----------
    period
        Empty: the whole window, each unit's verdict in its latest complete quarter.
    lang
        The language of verdicts, risks, next steps and findings.
    min_group_size
        The privacy minimum (``None``: the settings', 5 by default).
    """

    period: str = ""
    lang: str = "en"
    config: Path | None = None
    min_group_size: int | None = None
    coparticipation: bool = False
    trend_by: str = "quarter"
    strict: bool = False
    executor: str = "local"
    scheduler: str | None = None
    workers: int = 1
    partition_rows: int = PARTITION_ROWS

    def checked_period(self) -> Period | None:
        """The period, parsed; every option checked first (:meth:`check`)."""
        from orgsocial.analysis.period import parse_period

        self.check()
        return parse_period(self.period) if self.period else None

    def check(self) -> None:
        """Check every option but the period, quickly (no pandas): a
        :class:`ParameterError` names the option and what it accepts."""
        check_language(self.lang)
        if self.trend_by not in TREND_BY:
            raise ParameterError(
                f"--trend-by must be quarter, month or none, not {self.trend_by!r}"
            )
        if self.executor not in EXECUTORS:
            raise ParameterError(f"--executor must be local or dask, not {self.executor!r}")
        if self.executor == "dask" and not self.scheduler:
            raise ParameterError("--executor dask needs --scheduler tcp://host:port")
        for option, value, least in (
            ("--min-group-size", 1 if self.min_group_size is None else self.min_group_size, 1),
            ("--workers", self.workers, 1),
            ("--partition-rows", self.partition_rows, MIN_PARTITION_ROWS),
        ):
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise ParameterError(f"{option} must be a whole number, not {value!r}")
            if int(value) < least:
                raise ParameterError(f"{option} must be at least {least:,}, not {value}")

    def settings(self) -> Settings:
        """The settings: defaults, the ``config`` file, then ``min_group_size``."""
        from orgsocial.config import load_settings

        settings = load_settings(self.config)
        if self.min_group_size:
            return settings.with_min_group_size(self.min_group_size)
        return settings


def options_from(kind: type[Options], given: dict[str, object], **changes: object) -> Options:
    """The options dataclass ``kind`` from a command's arguments ``given`` (its fields are
    the options by the same names), with ``changes`` on top."""
    values = {f.name: given[f.name] for f in fields(kind) if f.name in given}
    return kind(**{**values, **changes})


def load_dataset_for(
    dataset: Path | str,
    options: AnalysisOptions,
    period: Period | None = None,
    progress: Callable[[int, int], None] | None = None,
):
    """The validated dataset and its activity summed for ``period`` (partition by partition
    when it is large), as ``options`` say."""
    from orgsocial.scale.partitioned import load_for_analysis

    return load_for_analysis(
        Path(dataset),
        period,
        scheduler=options.scheduler if options.executor == "dask" else None,
        partition_rows=options.partition_rows,
        progress=progress,
        workers=options.workers,
    )


def analyse_dataset(
    dataset: Path | str,
    options: AnalysisOptions | None = None,
    settings: Settings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Dataset, AnalysisResults]:
    """Check the options, load and validate the dataset (a folder in the data contract),
    and analyse it: the validated dataset (with its validation report) and the results.

    Parameters
    ----------
    settings
        Settings already read (the report batch has them); default: ``options.settings()``.
    progress
        Called with (partitions done, partitions) while a large log is summed.

    Raises
    ------
    OrgsocialError
        As :func:`load` says.
    """
    options = options or AnalysisOptions()
    period = options.checked_period()  # a bad option fails before anything is imported or read
    from orgsocial.analysis.pipeline import analyse

    settings = settings or options.settings()
    loaded, summary = load_dataset_for(dataset, options, period, progress)
    if options.strict:
        loaded.validation.require_clean()
    return loaded, analyse(
        loaded,
        settings,
        period,
        coparticipation=options.coparticipation,
        lang=options.lang,
        trend_by=None if options.trend_by == "none" else options.trend_by,
        summary=summary,
    )


def load(
    dataset: Path | str,
    *,
    period: str | None = None,
    lang: str = "en",
    config: Path | str | None = None,
    min_group_size: int | None = None,
    coparticipation: bool = False,
    trend_by: str = "quarter",
    strict: bool = False,
    workers: int = 1,
    partition_rows: int = PARTITION_ROWS,
    executor: str = "local",
    scheduler: str | None = None,
) -> AnalysisResults:
    """The results of a dataset as DataFrames: what ``orgsocial analyse`` writes with the
    same options (one CSV and one Parquet file each, see ``docs/outputs.md``), number for
    number.

    Parameters
    ----------
    dataset
        A dataset folder in the data contract (``data/demo`` after ``make demo``).
    period, lang, config, min_group_size, coparticipation, trend_by, strict
        As :class:`AnalysisOptions` and the options of ``orgsocial analyse`` by the same
        names; ``period=None``, as analyse without ``--period``: tables over the whole
        window, each unit's verdict for its latest complete quarter (or a fallback).
    workers, partition_rows, executor, scheduler
        Where and in how many pieces a large activity log is summed (the same options).

    Returns
    -------
    AnalysisResults
        ``units``, ``evidence``, ``departments``, ``department_edges`` and every
        other output as a DataFrame (``results.FRAMES`` lists them), and ``meta``.

    Raises
    ------
    OrgsocialError
        With a message naming the option, file, row and column. Rejected rows that stop
        the analysis (``strict=True``, or a file with no valid row) raise a
        :class:`~orgsocial.errors.RejectedRowsError`: ``error.validation`` is the
        validation report, ``error.validation.files["activity"].rejects`` the rejected
        rows with their reasons.

    Examples
    --------
    >>> import orgsocial
    >>> results = orgsocial.load("data/demo", period="2026-Q2")  # doctest: +SKIP
    >>> results.units.set_index("business_unit")["phase"]  # doctest: +SKIP
    """
    config_path = Path(config) if config else None
    options = options_from(AnalysisOptions, locals(), period=period or "", config=config_path)
    return analyse_dataset(dataset, options)[1]


__all__ = ["AnalysisOptions", "analyse_dataset", "load", "load_dataset_for", "options_from"]
