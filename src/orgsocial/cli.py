"""The ``orgsocial`` command: thin typer commands over the package.

Exit codes: 0 success; 1 some reports failed; 2 the input cannot be used (a
missing or unreadable file or column, a bad parameter, or ``--strict`` with
invalid rows). Data problems print a message naming the file, never a traceback.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

from orgsocial import __version__
from orgsocial.app import EXECUTORS, TREND_BY
from orgsocial.demo import FORMATS, MIN_EMPLOYEES, MIN_EVENTS
from orgsocial.errors import OrgsocialError, ParameterError, RejectedRowsError
from orgsocial.io.contract import LANGUAGES
from orgsocial.scale import MIN_PARTITION_ROWS, PARTITION_ROWS

EXIT_OK = 0
EXIT_REPORTS_FAILED = 1
EXIT_BAD_INPUT = 2
SHOWN_MESSAGES = 10


class _Help:
    """Help as it is read: a flag takes no value, so no type stands beside it (typer shows
    ``<bool>``); an option's value is a word (PATH, N, TEXT, or its choices as the option's
    ``metavar``) instead of typer's ``<path>``, ``<int range>``, ``<str>``; an argument is
    named as in the usage line (DATASET, where typer writes ``{dataset}`` and ``<path>``); a
    flag with a negative form shows ``--progress/--no-progress`` in one column; and a default
    described in words (``show_default``) reads ``[default: 5]``, not typer's ``(5)``."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:  # --help among them
            if getattr(param, "is_flag", False):
                param.metavar = ""  # typer shows a metavar in place of the type
            elif isinstance(param, TyperArgument):
                param.metavar = param.name.upper()
                param.display_type_rich = lambda ctx: None  # its name says what it is
            elif param.metavar is None:
                param.metavar = _WORDS.get(param.type_descriptor.annotation, "TEXT")
        return params

    def collect_usage_pieces(self, ctx) -> list[str]:
        return [p.strip("{}") for p in super().collect_usage_pieces(ctx)]  # {DATASET}

    def format_help(self, ctx, formatter) -> None:
        saved = {p: (p.opts, p.secondary_opts, p.default, p.show_default) for p in self.params}
        for param in self.params:  # for the help only: the parser of the next call reads them
            if param.secondary_opts:  # rich's table put a wide gap between the two
                param.opts, param.secondary_opts = ["/".join(param.opts + param.secondary_opts)], []
            if isinstance(param.show_default, str):  # typer shows [default: (5)]
                param.default, param.show_default = param.show_default, True
        try:
            super().format_help(ctx, formatter)
        finally:
            for param, shown in saved.items():
                param.opts, param.secondary_opts, param.default, param.show_default = shown


#: The word naming an option's value in the help, by its type (other types: TEXT).
_WORDS = {Path: "PATH", int: "N"}


class _Command(_Help, TyperCommand):
    """A command with help as it is read (:class:`_Help`)."""


class _Commands(_Help, TyperGroup):
    """Any error meant for the user (:class:`OrgsocialError`) that a command lets through,
    such as an output folder that cannot be written, ends in its message and exit 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except OrgsocialError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="How far has each business unit come in adopting social media?",
)
log = logging.getLogger("orgsocial")

DatasetArg = Annotated[Path, typer.Argument(help="Dataset folder with the contract's files.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Fail (exit 2) when any row is invalid.")]
ConfigOpt = Annotated[Path | None, typer.Option(help="YAML file overriding the default settings.")]
PeriodOpt = Annotated[
    str, typer.Option(help="Only this period: 2026-Q3, 2026-07, 2026 or 2026-07-01..2026-09-30.")
]
LangOpt = Annotated[
    str, typer.Option(help="Language of texts (English or Dutch).", metavar="|".join(LANGUAGES))
]
TrendOpt = Annotated[
    str, typer.Option(help="Phase trend per quarter, month, or none.", metavar="|".join(TREND_BY))
]
ExecutorOpt = Annotated[
    str,
    typer.Option(
        help="Where a partitioned activity log is summed: local (this machine) or dask.",
        metavar="|".join(EXECUTORS),
    ),
]
SchedulerOpt = Annotated[
    str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786.")
]
PartitionRowsOpt = Annotated[
    int,
    typer.Option(
        help="An activity file with more rows is read in partitions of about this many.",
        min=MIN_PARTITION_ROWS,
    ),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Write even into a folder with other files.")
]
MinGroupOpt = Annotated[
    int | None,
    typer.Option(
        help="Privacy minimum group size (overrides the --config file's).",
        show_default="5",
        min=1,
    ),
]


def _print_validation(report, imports=None, rejects: Path | None = None) -> None:
    """What each file held and rejected; then, given ``imports``, what each import that made
    the dataset set aside or dropped before validation read it; given ``rejects``, each
    file's rejected rows written there."""
    from orgsocial.importers.provenance import rejects_file

    typer.echo(f"dataset {report.folder}")
    records = report.summary().to_dict("records")
    width = max(len(record["file"]) for record in records)  # department_ties: 15
    for record in records:
        typer.echo(
            f"  {record['file']:<{width}} read {record['rows_read']:>9,}"
            f"  kept {record['rows_kept']:>9,}  rejected {record['rows_rejected']:>7,}"
            f"   {record['path']}"
        )
    for file_report in report.files.values():
        for warning in file_report.warnings:
            typer.echo(f"  warning: {file_report.path.name}: {warning}")
        for message in file_report.messages[:SHOWN_MESSAGES]:
            typer.echo(f"  rejected: {message}")
        hidden = len(file_report.messages) - SHOWN_MESSAGES
        if hidden > 0:
            typer.echo(f"  ... and {hidden:,} more rejected rows in {file_report.path.name}")
    if imports is not None:
        for name, counts in imports.groupby("import", sort=True):
            measures = dict(zip(counts["measure"], counts["count"], strict=True))
            set_aside = int(measures.pop("records_set_aside", 0))
            where = f" ({rejects_file(str(name))})" if set_aside else ""
            rest = "".join(f"; {key} {int(value):,}" for key, value in measures.items())
            typer.echo(f"  import {name}: set aside {set_aside:,} record(s){where}{rest}")
    if rejects is not None:
        from orgsocial.io.outputs import write_rejects

        for path in write_rejects(report, rejects):
            typer.echo(f"  wrote {path}")


def _refuse(error: RejectedRowsError, dataset: Path, rejects: Path | None = None) -> NoReturn:
    """Rejected rows stop the run: show the counts and first rejects, keep every reject in
    ``rejects`` (validate --rejects) or say how to, then the error; exit 2."""
    from orgsocial.importers.provenance import read_imports

    how = ""
    if error.validation is not None:
        _print_validation(error.validation, read_imports(dataset), rejects)
        if rejects is None:
            how = f"; to keep every rejected row: orgsocial validate {dataset} --rejects DIR"
    typer.echo(f"error: {error}{how}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


@app.command(cls=_Command)
def validate(
    dataset: DatasetArg,
    strict: StrictOpt = False,
    rejects: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help="Write each file's rejected rows to DIR/rejects/<file>.csv, as analyse does "
            "(a subfolder: nothing else in DIR is touched, even if DIR is the dataset).",
        ),
    ] = None,
    executor: ExecutorOpt = "local",
    scheduler: SchedulerOpt = None,
    partition_rows: PartitionRowsOpt = PARTITION_ROWS,
) -> None:
    """Check a dataset against the data contract and report what was read and rejected."""
    from orgsocial.app import AnalysisOptions, load_dataset_for

    options = AnalysisOptions(executor=executor, scheduler=scheduler, partition_rows=partition_rows)
    options.checked_period()
    try:
        loaded, _ = load_dataset_for(dataset, options, progress=_part_progress)
        if strict:
            loaded.validation.require_clean()
    except RejectedRowsError as error:
        _refuse(error, dataset, rejects)
    _print_validation(loaded.validation, loaded.imports, rejects)
    typer.echo("ok: the dataset can be analysed")


def _part_progress(done: int, total: int) -> None:
    log.info("activity partition %d of %d summed", done, total)


@app.command(cls=_Command)
def analyse(
    dataset: DatasetArg,
    out: Annotated[Path, typer.Option(help="Folder for the results.")],
    strict: StrictOpt = False,
    config: ConfigOpt = None,
    min_group_size: MinGroupOpt = None,
    period: PeriodOpt = "",
    coparticipation: Annotated[
        bool,
        typer.Option(
            "--coparticipation",
            help="Also count departments whose people share a thread (coparticipation_edges.csv).",
        ),
    ] = False,
    lang: LangOpt = "en",
    trend_by: TrendOpt = "quarter",
    executor: ExecutorOpt = "local",
    scheduler: SchedulerOpt = None,
    partition_rows: PartitionRowsOpt = PARTITION_ROWS,
    workers: Annotated[
        int,
        typer.Option(
            help="Local processes summing a partitioned activity log (each holds one partition).",
            min=1,
        ),
    ] = 1,
    force: ForceOpt = False,
) -> None:
    """Analyse a dataset: units.csv (phases), departments.csv, department_edges.csv and more.

    A large activity log (a folder activity/ of Parquet files, or a file of
    more than --partition-rows rows) is validated and summed partition by
    partition; with --executor dask on the cluster at --scheduler. The results go
    only into a folder that is missing, empty or holds results of analyse (--force:
    any folder); a folder that cannot be written is refused before any work.
    """
    from orgsocial.app import AnalysisOptions, analyse_dataset, options_from
    from orgsocial.io import outputs
    from orgsocial.reporting.readings import merge_reading, merge_warning

    outputs.claim_results_folder(out, force)
    options = options_from(AnalysisOptions, locals())
    # the one path from a dataset to results, which orgsocial.load and the notebooks take too
    try:
        loaded, results = analyse_dataset(dataset, options, progress=_part_progress)
    except RejectedRowsError as error:
        _refuse(error, dataset)
    outputs.write_results(results, out, loaded.validation)
    _print_validation(loaded.validation)
    _print_units(results)
    minimum = int(results.meta["min_group_size"])  # what privacy merging hid in the network
    if reading := merge_reading(results.privacy, minimum):
        typer.echo(reading)
    if warning := merge_warning(results.privacy, minimum):  # where it hid most of a unit
        typer.echo(f"warning: {warning}")
    typer.echo(f"wrote {out}")


def _print_units(results) -> None:
    """The headline period, then each unit's phase and confidence on a line of its own."""
    import pandas as pd  # already loaded by the analysis

    from orgsocial.analysis.headline import undated
    from orgsocial.reporting.text import label, phase_name

    # the terminal speaks English, as every message does; --lang is the outputs' language
    headline = results.meta.get("headline_period")
    line = label("summary_period", period=headline or "the whole window")
    if undated(results.meta.get("headline_note")):
        line = label("summary_period_undated")
    typer.echo(f"{line[0].lower()}{line[1:]}:")
    for record in results.units.to_dict("records"):
        phase = record["phase"]
        known = not pd.isna(phase)
        shown = f"{int(phase)} {phase_name(int(phase), 'en')}" if known else "-"
        if known and record.get("at_least") is True:
            shown = f">={shown}"
        extra = f"  ({record['reason']})" if record.get("reason") else ""
        if known and record.get("period") != headline:
            extra += f"  [{record['period']}]"
        if known and record.get("provisional") is True:
            extra += "  provisional"
        confidence = record["confidence"]
        band = record.get("confidence_band")
        sure = f"{band} (withheld)" if band else "-"
        if not pd.isna(confidence):
            sure = f"{confidence:.2f}"
        typer.echo(f"  {record['business_unit']:<28} phase {shown:<22} confidence {sure}{extra}")


@app.command("demo-data", cls=_Command)
def demo_data(
    out: Annotated[Path, typer.Argument(help="Folder to write the demo dataset to.")],
    seed: Annotated[int, typer.Option(help="Random seed.")] = 7,
    employees: Annotated[
        int, typer.Option(help="Approximate number of employees.", min=MIN_EMPLOYEES)
    ] = 2400,
    events: Annotated[
        int, typer.Option(help="Number of activity events.", min=MIN_EVENTS)
    ] = 100_000,
    file_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="Files: partitioned is Parquet with activity/month=YYYY-MM/ folders.",
            metavar="|".join(FORMATS),
        ),
    ] = "csv",
) -> None:
    """Generate the demo organisation (business units planted in all four phases)."""
    from orgsocial.demo.synth import generate_demo, write_demo

    organisation = generate_demo(seed=seed, employees=employees, events=events)
    write_demo(organisation, out, file_format)
    typer.echo(
        f"wrote {out}: {len(organisation.departments)} departments, "
        f"{len(organisation.employees):,} employees, {organisation.activity.num_rows:,} events, "
        f"{len(organisation.survey):,} survey responses"
    )


import_app = typer.Typer(
    cls=_Commands, help="Convert other formats into the data contract.", no_args_is_help=True
)
app.add_typer(import_app, name="import")


AppendOpt = Annotated[
    bool,
    typer.Option(
        "--append",
        help="Add to the contract files already in --out (same secret; ids must not clash).",
    ),
]
ReplaceOpt = Annotated[
    bool, typer.Option("--replace", help="Overwrite the contract files this import writes.")
]


def _import_mode(append: bool, replace: bool) -> str:
    if append and replace:
        raise ParameterError("--append and --replace exclude each other: choose one")
    return "append" if append else "replace" if replace else "new"


SecretOpt = Annotated[
    Path | None,
    typer.Option(
        help="File with the pseudonymisation secret. Keep it: the same secret makes later "
        "imports join.",
        show_default="$ORGSOCIAL_SECRET",
    ),
]
CheckOpt = Annotated[
    bool, typer.Option("--check", help="Show what would be written; write nothing.")
]
MappingOpt = Annotated[
    Path | None,
    typer.Option(help="YAML mapping (docs/importers.md lists its keys and their defaults)."),
]
ROSTER = "HR roster (CSV or Excel): who works where."
RosterOpt = Annotated[Path | None, typer.Option(help=ROSTER)]
RosterMappingOpt = Annotated[Path | None, typer.Option(help="YAML mapping of the roster.")]


@import_app.command("edgelist", cls=_Command)
def import_edgelist_command(
    edges: Annotated[
        Path, typer.Argument(help="Edge list, adjacency matrix or multinet (.mpx) file.")
    ],
    nodes: Annotated[
        Path, typer.Option(help="Node attributes, reports-to or multinet (.mpx) file.")
    ],
    out: Annotated[Path, typer.Option(help="Dataset folder to write.")],
    mapping: MappingOpt = None,
    check: CheckOpt = False,
    secret_file: SecretOpt = None,
    strict: StrictOpt = False,
    append: AppendOpt = False,
    replace: ReplaceOpt = False,
) -> None:
    """Import an e-mail or message log (or a tie matrix) with node attributes."""
    from orgsocial.importers.edgelist import import_edgelist, load_mapping
    from orgsocial.importers.pseudonym import load_pseudonymiser

    mode = _import_mode(append, replace)
    settings = load_mapping(mapping)
    pseudonym = load_pseudonymiser(secret_file) if settings.pseudonymise else None
    result = import_edgelist(edges, nodes, settings, pseudonym)
    _report_import("edgelist", _imported(strict, result), out, check, mode, pseudonym)


def _imported(strict: bool, result, roster=None, roster_written: bool = True) -> tuple:
    """What an import writes: the frames, rejects and counts, and the files read as
    Windows-1252, of the ``roster`` it joined people on (of a survey, which writes no
    roster: ``roster_written`` false, only the roster's rejects and files), then of its
    own ``result``. ``--strict`` refuses the first reject."""
    from orgsocial.importers import contract_frames
    from orgsocial.importers.rejects import combine_rejects, strict_error

    parts = [result] if roster is None else [roster, result]
    rejects = combine_rejects([part.rejects for part in parts])
    if strict and (first := strict_error(rejects)) is not None:
        raise first
    written = parts if roster_written else [result]
    frames = {name: frame for part in written for name, frame in contract_frames(part).items()}
    counts = {key: value for part in written for key, value in part.counts.items()}
    legacy = list(dict.fromkeys(name for part in parts for name in part.windows_1252))
    return frames, rejects, counts, legacy


def _report_import(
    kind: str,
    imported: tuple,
    out: Path,
    check: bool,
    mode: str,
    pseudonym,
    waves: list[str] | None = None,
) -> None:
    """Write an import (``imported``: :func:`_imported`) unless ``--check``, saying whose
    data ``--replace`` replaced and warning when the folder's imports now use different
    secrets; then what it held. An import that kept no record writes only its rejects,
    and exits 2."""
    from orgsocial.importers import ALREADY_THERE, keep_rejects, kept_nothing, write_import
    from orgsocial.importers.provenance import import_names, secret_mismatch

    frames, rejects, counts, legacy = imported
    if legacy:
        counts = {**counts, "files_read_as_windows_1252": len(legacy)}
    nothing, kept = kept_nothing(frames), None
    if nothing and not check:
        kept = keep_rejects(out, kind, frames, rejects, waves)
    elif not check:  # write first: the summary below must not decide whether files appear
        names = import_names(out) if mode == "replace" else []  # to name those it replaces
        before = [name for name in names if not name.startswith("survey")]
        fingerprint = pseudonym.fingerprint if pseudonym is not None else None
        counts = write_import(out, kind, frames, rejects, counts, mode, fingerprint, waves)
        if before:
            typer.echo(f"--replace: the data of the import(s) {', '.join(before)} are replaced")
        if mixed := secret_mismatch(out):
            typer.echo(f"warning: {mixed}")
    for path in legacy:
        typer.echo(
            f"warning: {path} is not UTF-8 text: read as Windows-1252 (é as one byte); "
            "check its accents, or save it as UTF-8 (Excel: CSV UTF-8)"
        )
    for key, value in counts.items():
        typer.echo(f"  {key:<28} {value:>10,}")
    for record in rejects.head(SHOWN_MESSAGES).to_dict("records"):
        typer.echo(f"  rejected: {record['file']}: line {record['line']}: {record['reason']}")
    hidden = len(rejects) - SHOWN_MESSAGES
    if hidden > 0:
        typer.echo(f"  ... and {hidden:,} more rejected records")
    if nothing:
        where = f", kept in {kept}" if kept else ""
        rejected = f" ({len(rejects):,} rejected{where})" if len(rejects) else ""
        written = "--check: nothing written" if check else "no contract file written"
        message = f"nothing imported: no record could be used{rejected}; {written}"
        raise RejectedRowsError(None, message)
    for name, frame in frames.items():
        there = counts.get(ALREADY_THERE.get(name, ""), 0)
        again = f", {there:,} already there (not added twice)" if there else ""
        in_units = frame["business_unit"].nunique() if name == "departments" else 0
        units = f" in {in_units:,} business unit(s)" if in_units else ""
        typer.echo(f"  {name}.csv: {len(frame):,} row(s){units} from this import{again}")
    typer.echo("--check: nothing written" if check else f"wrote {out}")


def _roster(secret_file: Path | None, path: Path | None, mapping: Path | None):
    """The pseudonymiser of ``--secret-file``, and the roster at ``path`` (None without one)."""
    from orgsocial.importers.pseudonym import load_pseudonymiser
    from orgsocial.importers.roster import import_roster, load_roster_mapping

    pseudonym = load_pseudonymiser(secret_file)
    if path is None:
        return pseudonym, None
    return pseudonym, import_roster(path, load_roster_mapping(mapping), pseudonym)


@import_app.command("roster", cls=_Command)
def import_roster_command(
    source: Annotated[Path, typer.Argument(help="HR roster, CSV or Excel.")],
    out: Annotated[Path, typer.Option(help="Dataset folder to write.")],
    mapping: MappingOpt = None,
    secret_file: SecretOpt = None,
    check: CheckOpt = False,
    strict: StrictOpt = False,
    append: AppendOpt = False,
    replace: ReplaceOpt = False,
) -> None:
    """Departments, business units and (pseudonymised) employees from an HR roster."""
    mode = _import_mode(append, replace)
    pseudonym, roster = _roster(secret_file, source, mapping)
    _report_import("roster", _imported(strict, roster), out, check, mode, pseudonym)


@import_app.command("slack", cls=_Command)
def import_slack_command(
    source: Annotated[Path, typer.Argument(help="Slack export: the ZIP or its folder.")],
    out: Annotated[Path, typer.Option(help="Dataset folder to write.")],
    roster: Annotated[Path, typer.Option(help=ROSTER)],
    roster_mapping: RosterMappingOpt = None,
    mapping: MappingOpt = None,
    secret_file: SecretOpt = None,
    check: CheckOpt = False,
    strict: StrictOpt = False,
    append: AppendOpt = False,
    replace: ReplaceOpt = False,
) -> None:
    """Messages, thread replies and mentions from a Slack export, joined to the roster."""
    from orgsocial.importers.slack import import_slack, load_slack_mapping

    mode = _import_mode(append, replace)
    pseudonym, people = _roster(secret_file, roster, roster_mapping)
    result = import_slack(source, people, load_slack_mapping(mapping))
    _report_import("slack", _imported(strict, result, people), out, check, mode, pseudonym)


@import_app.command("viva", cls=_Command)
def import_viva_command(
    source: Annotated[Path, typer.Argument(help="Viva Insights query export (CSV).")],
    out: Annotated[Path, typer.Option(help="Dataset folder to write.")],
    roster: RosterOpt = None,
    roster_mapping: RosterMappingOpt = None,
    mapping: MappingOpt = None,
    secret_file: SecretOpt = None,
    check: CheckOpt = False,
    strict: StrictOpt = False,
    append: AppendOpt = False,
    replace: ReplaceOpt = False,
) -> None:
    """Person-to-person ties as interactions, or group-to-group collaboration as department ties."""
    from orgsocial.importers.tables import read_table
    from orgsocial.importers.viva import import_g2g, import_p2p, kind_of, load_viva_mapping

    mode = _import_mode(append, replace)
    settings = load_viva_mapping(mapping)
    table = read_table(source)  # once: its columns tell which export it is
    pseudonym = people = None
    if kind_of(table, source) == "g2g":
        result = import_g2g(source, settings, table)
    else:
        pseudonym, people = _roster(secret_file, roster, roster_mapping)
        result = import_p2p(source, settings, pseudonym, people, table)
    _report_import("viva", _imported(strict, result, people), out, check, mode, pseudonym)


@import_app.command("survey", cls=_Command)
def import_survey_command(
    source: Annotated[Path, typer.Argument(help="Survey export: Qualtrics, Forms, CSV or Excel.")],
    out: Annotated[Path, typer.Option(help="Dataset folder to add survey.csv to.")],
    mapping: Annotated[Path, typer.Option(help="YAML mapping: items, wave, department.")],
    roster: RosterOpt = None,
    roster_mapping: RosterMappingOpt = None,
    secret_file: SecretOpt = None,
    check: CheckOpt = False,
    strict: StrictOpt = False,
) -> None:
    """A survey wave (replacing that wave's rows in the dataset's survey.csv)."""
    from orgsocial.importers.surveys import import_survey, load_survey_mapping, survey_fit

    settings = load_survey_mapping(mapping)
    pseudonym, people = None, None
    if settings.respondent or roster is not None:  # an anonymous survey identifies nobody
        pseudonym, people = _roster(secret_file, roster, roster_mapping)
    result = import_survey(source, settings, pseudonym, people)
    imported = _imported(strict, result, people, roster_written=False)
    typer.echo(f"  layout: {result.layout}")
    identified = result.survey["respondent_id"].fillna("").astype(str).str.len().gt(0).any()
    if not identified:  # an anonymous survey identifies nobody: no secret of it to compare
        pseudonym = None
    _report_import("survey", imported, out, check, "new", pseudonym, result.waves)
    for warning in survey_fit(out, result.survey):
        typer.echo(f"warning: {warning}")


@app.command(cls=_Command)
def report(
    dataset: DatasetArg,
    out: Annotated[Path, typer.Option(help="Folder for the HTML reports.")],
    workers: Annotated[
        int,
        typer.Option(
            help="Notebooks run at once, and processes summing a large activity log.",
            show_default="number of cores",
            min=1,
        ),
    ] = os.cpu_count() or 1,
    lang: LangOpt = "en",
    strict: StrictOpt = False,
    config: ConfigOpt = None,
    min_group_size: MinGroupOpt = None,
    period: PeriodOpt = "",
    trend_by: TrendOpt = "quarter",
    unit: Annotated[
        list[str] | None, typer.Option(help="Only this business unit (repeatable).")
    ] = None,
    retries: Annotated[
        int, typer.Option(help="Run a failing notebook again this many times.", min=0)
    ] = 0,
    timeout: Annotated[int, typer.Option(help="Seconds a notebook cell may take.", min=1)] = 600,
    executor: Annotated[
        str,
        typer.Option(
            help="local (threads on this machine) or dask (a cluster).",
            metavar="|".join(EXECUTORS),
        ),
    ] = "local",
    scheduler: SchedulerOpt = None,
    notebooks: Annotated[
        Path | None,
        typer.Option(help="Folder with the notebooks.", show_default="the project's"),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress", help="Progress bar.", show_default="on a terminal"
        ),
    ] = None,
    only_units: Annotated[
        bool,
        typer.Option("--only-units", help="Unit pages and the index only (no organisation pages)."),
    ] = False,
    force: ForceOpt = False,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Also print the single report to orgsocial-report.pdf (A4; needs Chromium).",
        ),
    ] = False,
    partition_rows: PartitionRowsOpt = PARTITION_ROWS,
) -> None:
    """Analyse once, run every notebook on warm kernels and write HTML reports with an index
    and the whole report in one file (orgsocial-report.html; with --pdf also as a PDF).

    The reports go only into a folder that is missing, empty or written by an
    earlier report (--force: any folder). Exit 0 when every report was written, 1
    when some failed or the PDF could not be made (the others are written), 2 when
    the input or a parameter cannot be used, or the folder is busy, holds other
    files or cannot be written.
    """
    # long for its options alone: the body is the quick check, the run, and what it says
    from orgsocial.app import AnalysisOptions, options_from
    from orgsocial.reporting.manifest import claim_report_folder
    from orgsocial.reporting.options import ReportOptions

    options = options_from(
        ReportOptions, locals(), units=tuple(unit or ()), organisation_reports=not only_units
    )
    settings = AnalysisOptions(config=config, min_group_size=min_group_size).settings()
    options_from(AnalysisOptions, vars(options)).check()  # before "up to date" may be said
    claim_report_folder(out, force)
    if kept := _report_up_to_date(dataset, out, settings, options):
        typer.echo(kept)
        return
    from orgsocial.reporting.runner import run_report

    gc.freeze()  # what was just imported lives as long as the command: collections skip it
    try:
        batch = run_report(dataset, out, settings, options, force)
    except RejectedRowsError as error:
        _refuse(error, dataset)
    if batch.up_to_date:
        typer.echo("up to date: inputs, parameters, notebooks and code unchanged")
    for failed in batch.failed:
        typer.echo(f"error: report {failed.stem} failed: {failed.error}", err=True)
    ran = sum(not r.reused for r in batch.records) if not batch.up_to_date else 0
    typer.echo(
        f"{len(batch.records)} report(s), {ran} run, {len(batch.failed)} failed, "
        f"{batch.seconds:.1f} s; open {batch.index.resolve()}"
    )
    if batch.pdf is not None:
        typer.echo(f"PDF: {batch.pdf.resolve()}")
    if batch.pdf_error:
        typer.echo(f"error: {batch.pdf_error}", err=True)
    _print_import_warnings(out)
    if batch.failed or batch.pdf_error:
        raise typer.Exit(EXIT_REPORTS_FAILED)


def _print_import_warnings(out: Path) -> None:
    """What the data-quality page warns of about the imports, for whoever runs the report."""
    import json

    from orgsocial.reporting.runner import ANALYSIS_FOLDER
    from orgsocial.reporting.text import label

    try:
        meta = json.loads((out / ANALYSIS_FOLDER / "meta.json").read_text("utf-8"))
    except (OSError, ValueError):
        return
    if names := meta.get("imports_with_different_secrets"):
        typer.echo(f"warning: {label('warning_mixed_secrets', imports=', '.join(names))}")


def _report_up_to_date(dataset: Path, out: Path, settings, options) -> str | None:
    """The quick path (checked without pandas): when nothing changed since the last run,
    what ``report.log`` and the terminal say; ``None`` when the reports must be made."""
    from orgsocial.reporting.incremental import input_key, up_to_date
    from orgsocial.reporting.lock import FolderLock
    from orgsocial.reporting.manifest import read_manifest
    from orgsocial.reporting.options import default_notebooks_folder, key_parameters
    from orgsocial.reporting.runlog import log_up_to_date

    if not (out / "manifest.json").is_file():
        return None
    notebooks = options.notebooks or default_notebooks_folder()
    with FolderLock(out):
        key, _, _ = input_key(dataset, settings, key_parameters(options), notebooks)
        previous = read_manifest(out)
        if not up_to_date(previous, key, out):
            return None
        return log_up_to_date(out, len(previous.reports))


def _show_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the version.", callback=_show_version, is_eager=True),
    ] = False,
) -> None:
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.INFO if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[console])


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    finally:
        # the command is done and its files are closed: the interpreter need not look at
        # every object once more on its way out (0.2-0.3 s with pandas and pyarrow loaded)
        gc.freeze()
