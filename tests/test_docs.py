"""The documentation agrees with the code.

README.md and docs/*.md show command lines, the data contract and the output
files. Each test reads them and compares with the code itself: the typer app
(its commands and their options), :mod:`orgsocial.io.contract` (files, columns,
enumerations, survey items, phases), the shipped settings and the list of
frames ``orgsocial analyse`` writes. A failure names the document, the line and
the word that drifted.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import typer

from orgsocial import cli
from orgsocial.analysis.pipeline import AnalysisResults
from orgsocial.config import default_mapping
from orgsocial.io import contract as c
from orgsocial.io.outputs import META, REJECTS_FOLDER

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CONTRACT_DOC = ROOT / "docs" / "data-contract.md"
DOCS: tuple[Path, ...] = (README, *sorted((ROOT / "docs").glob("*.md")))

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
INLINE_CODE = re.compile(r"(?<!`)`([^`]+)`(?!`)")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
OPTION = re.compile(r"^--?[A-Za-z]")
IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
ENVIRONMENT_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
REDIRECTION = re.compile(r"^\d*[<>]")
SHELL_SEPARATORS = frozenset({"&&", "||", ";", "|", "&"})


# --- reading markdown ----------------------------------------------------------


def where(doc: Path, line: int) -> str:
    """``docs/x.md:12``: a place in a document, as an editor opens it."""
    return f"{doc.relative_to(ROOT)}:{line}"


def code_blocks(text: str) -> list[list[tuple[int, str]]]:
    """The fenced code blocks of a markdown text: per block its (line number, line) pairs."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            if current is None:
                current = []
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current.append((number, line))
    return blocks


def prose(text: str) -> str:
    """The text with every fenced code block blanked (line numbers stay the same)."""
    lines = text.splitlines()
    inside = False
    for index, line in enumerate(lines):
        fence = bool(FENCE.match(line))
        if fence or inside:
            lines[index] = ""
        if fence:
            inside = not inside
    return "\n".join(lines)


def headings(text: str) -> Iterator[tuple[int, int, str]]:
    """(line number, level, title) of each heading outside code blocks."""
    for number, line in enumerate(prose(text).splitlines(), start=1):
        match = HEADING.match(line)
        if match:
            yield number, len(match.group(1)), match.group(2)


def section(text: str, prefix: str) -> tuple[int, list[tuple[int, str]]]:
    """The first heading whose ``#``-marked line starts with ``prefix`` (e.g. ``"### survey"``):
    its line number and the (line number, line) pairs up to the next heading of the
    same or a higher level. Line number 0 and no lines when there is no such heading."""
    lines = text.splitlines()
    found = [(n, level) for n, level, title in headings(text) if lines[n - 1].startswith(prefix)]
    if not found:
        return 0, []
    start, level = found[0]
    end = next(
        (n for n, other, _ in headings(text) if n > start and other <= level), len(lines) + 1
    )
    return start, [(n, lines[n - 1]) for n in range(start + 1, end)]


def table_rows(lines: list[tuple[int, str]]) -> list[tuple[int, list[str]]]:
    """The body rows of the markdown tables among ``lines``: (line number, cells)."""
    rows: list[tuple[int, list[str]]] = []
    for number, line in lines:
        stripped = line.strip()
        if not stripped.startswith("|"):
            continue
        cells = [cell.strip() for cell in stripped.strip("|").split("|")]
        if all(cell and set(cell) <= set("-: ") for cell in cells):
            if rows and rows[-1][0] == number - 1:
                rows.pop()  # the header row above the separator
            continue
        rows.append((number, cells))
    return rows


def bare(cell: str) -> str:
    """A table cell without markdown emphasis or code marks."""
    return cell.replace("`", "").replace("*", "").strip()


def backticked(text: str) -> set[str]:
    """The words written as inline code in ``text``."""
    return {match.strip() for match in INLINE_CODE.findall(text)}


def github_anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[^\w\- ]", "", bare(title).lower())
    return text.replace(" ", "-")


# --- command lines shown in documents ------------------------------------------


@dataclass(frozen=True)
class Shown:
    """An ``orgsocial`` command line shown in a document: its words after the program."""

    doc: Path
    line: int
    text: str
    words: tuple[str, ...]

    def __str__(self) -> str:
        return f"{where(self.doc, self.line)}: `{self.text}`"


def logical_lines(block: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join a code block's continuation lines onto the line they continue: after a
    trailing backslash, and an indented line that starts with ``[`` or ``-`` (a usage
    line wrapped)."""
    joined: list[tuple[int, str]] = []
    for number, line in block:
        stripped = line.strip()
        wrapped = line[:1].isspace() and stripped[:1] in ("[", "-") and stripped != ""
        continues = bool(joined) and (joined[-1][1].endswith("\\") or wrapped)
        if continues:
            start, previous = joined[-1]
            joined[-1] = (start, previous.removesuffix("\\").rstrip() + " " + stripped)
        else:
            joined.append((number, line.rstrip()))
    return joined


def orgsocial_words(segment: list[str]) -> tuple[str, ...] | None:
    """The words after the program when one shell command runs ``orgsocial``, else None."""
    words = list(segment)
    while words and (words[0] in ("$", "sudo") or ENVIRONMENT_ASSIGNMENT.match(words[0])):
        words.pop(0)
    if len(words) >= 3 and Path(words[0]).name.startswith("python") and words[1] == "-m":
        words = words[2:]  # python -m orgsocial ...
    if not words or Path(words[0]).name != "orgsocial":
        return None
    rest = words[1:]
    redirected = next((i for i, word in enumerate(rest) if REDIRECTION.match(word)), len(rest))
    return tuple(rest[:redirected])


def commands_in(line: str) -> list[tuple[str, ...]]:
    """The words of every ``orgsocial`` command in one shell line (pipelines, ``&&``, ...)."""
    try:
        words = shlex.split(line, comments=True)
    except ValueError:  # an unbalanced quote in an example: split on spaces
        words = line.split()
    found: list[tuple[str, ...]] = []
    segment: list[str] = []
    for word in [*words, ";"]:
        if word in SHELL_SEPARATORS:
            command = orgsocial_words(segment)
            if command is not None:
                found.append(command)
            segment = []
        else:
            segment.append(word)
    return found


def shown_commands(doc: Path, text: str) -> list[Shown]:
    """Every ``orgsocial ...`` command in ``text``: in code blocks, and inline code that
    starts with ``orgsocial`` (which may wrap over lines)."""
    shown = [
        Shown(doc, number, line.strip(), words)
        for block in code_blocks(text)
        for number, line in logical_lines(block)
        for words in commands_in(line)
    ]
    plain = prose(text)
    for match in INLINE_CODE.finditer(plain):
        span = " ".join(match.group(1).split())
        if span == "orgsocial" or span.startswith("orgsocial "):
            number = plain.count("\n", 0, match.start()) + 1
            shown += [Shown(doc, number, span, words) for words in commands_in(span)]
    return sorted(shown, key=lambda s: s.line)


def option_words(word: str) -> list[str]:
    """The option names a word of a usage line holds: ``[--a`` is ``--a``,
    ``--x/--no-x`` and ``--a|--b`` both, ``--k=v`` ``--k``; none for a value or an argument."""
    core = word.strip("[](){},")
    if not OPTION.match(core):
        return []
    parts = core.replace("|", "/").split("/")
    return [part.split("=", 1)[0] for part in parts if OPTION.match(part)]


def subcommands(command: Any) -> dict[str, Any] | None:
    """A command group's commands by name; None for a command that is no group.

    Typer builds on its own copy of click, so groups are recognised by what they
    have rather than by their class.
    """
    commands = getattr(command, "commands", None)
    return commands if isinstance(commands, dict) else None


def option_names(command: Any) -> set[str]:
    """Every spelling of every option ``command`` takes (``--help`` included)."""
    names = {"--help"}
    for param in command.params:
        if param.param_type_name == "option":
            names.update(param.opts)
            names.update(param.secondary_opts)
    return names


def command_problems(shown: Shown, app: Any) -> list[str]:
    """What in a shown command line the CLI does not have: a command or an option."""
    command = app
    path = ["orgsocial"]
    problems: list[str] = []
    position = 0

    def check_options(word: str) -> None:
        for name in option_words(word):
            if name not in option_names(command):
                problems.append(
                    f"{shown}: `{' '.join(path)}` has no option {name} "
                    f"(its options: {', '.join(sorted(option_names(command)))})"
                )

    while subcommands(command) is not None and position < len(shown.words):
        word = shown.words[position]
        position += 1
        if option_words(word):
            check_options(word)
            continue
        known = subcommands(command) or {}
        subcommand = known.get(word)
        if subcommand is None:
            problems.append(
                f"{shown}: `{' '.join(path)}` has no command {word!r} "
                f"(its commands: {', '.join(sorted(known))})"
            )
            return problems
        command = subcommand
        path.append(word)
    for word in shown.words[position:]:
        check_options(word)
    return problems


def leaf_commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The name path of every command that is not a group (``("import", "slack")``)."""
    for name, command in (subcommands(group) or {}).items():
        if subcommands(command) is not None:
            yield from leaf_commands(command, (*path, name))
        else:
            yield (*path, name)


APP = typer.main.get_command(cli.app)
SHOWN: list[Shown] = [s for doc in DOCS for s in shown_commands(doc, doc.read_text("utf-8"))]


@pytest.mark.parametrize("shown", SHOWN, ids=lambda s: where(s.doc, s.line))
def test_shown_command_line_names_a_real_command_and_only_its_options(shown):
    problems = command_problems(shown, APP)
    assert not problems, "\n".join(problems)


def test_every_command_of_the_cli_is_shown_in_the_docs():
    shown_paths = {s.words[:depth] for s in SHOWN for depth in (1, 2)}
    missing = [" ".join(path) for path in leaf_commands(APP) if path not in shown_paths]
    assert not missing, "commands of the CLI shown nowhere in README.md or docs/*.md: " + ", ".join(
        f"orgsocial {name}" for name in missing
    )


# --- the command-line checker itself ---------------------------------------------


def test_checker_names_the_doc_line_and_an_option_the_command_lacks():
    text = "Intro\n\n```sh\norgsocial validate DATASET [--strict] [--workers N]\n```\n"
    (shown,) = shown_commands(README, text)
    assert shown.line == 4
    assert command_problems(shown, APP) == [
        "README.md:4: `orgsocial validate DATASET [--strict] [--workers N]`: "
        "`orgsocial validate` has no option --workers (its options: "
        + ", ".join(sorted(option_names(APP.commands["validate"])))
        + ")"
    ]


def test_checker_names_a_command_that_does_not_exist():
    (shown,) = shown_commands(README, "```sh\norgsocial import teams EXPORT --out D\n```\n")
    (problem,) = command_problems(shown, APP)
    assert "`orgsocial import` has no command 'teams'" in problem
    assert "edgelist" in problem


def test_checker_reads_wrapped_lines_pipelines_and_inline_code():
    text = (
        "```sh\n"
        "orgsocial analyse D --out O [--strict]\n"
        "                  [--bogus] [--progress/--no-progress]\n"
        "0 6 * * 1  cd /srv/orgsocial && .venv/bin/orgsocial report D --out O --no-progress"
        " >> /var/log/x.log 2>&1\n"
        "ORGSOCIAL_SECRET=s orgsocial import roster R.csv --out D \\\n"
        "    --secret-file S\n"
        "```\n"
        "Run `orgsocial validate\nDATASET --nope` first; `orgsocial.io.contract` is code.\n"
    )
    shown = shown_commands(README, text)
    assert [(s.line, s.words[0]) for s in shown] == [
        (2, "analyse"),
        (4, "report"),
        (5, "import"),
        (8, "validate"),
    ]
    problems = [p for s in shown for p in command_problems(s, APP)]
    assert len(problems) == 4
    assert "README.md:2:" in problems[0] and "has no option --bogus" in problems[0]
    assert "`orgsocial analyse` has no option --progress " in problems[1]
    assert "`orgsocial analyse` has no option --no-progress " in problems[2]
    assert "README.md:8:" in problems[3] and "has no option --nope" in problems[3]


# --- the data contract ------------------------------------------------------------


def contract_text() -> str:
    return CONTRACT_DOC.read_text("utf-8")


def contract_section(prefix: str) -> tuple[int, list[tuple[int, str]]]:
    start, lines = section(contract_text(), prefix)
    assert start, f"{CONTRACT_DOC.relative_to(ROOT)}: no section starting {prefix!r}"
    return start, lines


@pytest.mark.parametrize("name", c.FILE_ORDER)
def test_contract_doc_has_a_row_for_every_column_the_code_declares(name):
    start, lines = contract_section(f"### {name}")
    declared = c.REQUIRED_COLUMNS[name] + c.OPTIONAL_COLUMNS[name]
    documented = {bare(cells[0]): number for number, cells in table_rows(lines)}
    missing = [column for column in declared if column not in documented]
    assert not missing, (
        f"{where(CONTRACT_DOC, start)}: section {name!r} has no table row for "
        f"{', '.join(missing)}, which src/orgsocial/io/contract.py declares for {name}"
    )
    unknown = [
        f"{where(CONTRACT_DOC, number)}: {column!r}"
        for column, number in documented.items()
        if IDENTIFIER.match(column) and column not in declared
    ]
    assert not unknown, (
        f"columns documented for {name} that src/orgsocial/io/contract.py does not declare: "
        + "; ".join(unknown)
    )


def test_contract_doc_marks_which_files_are_required():
    start, lines = contract_section("## A dataset")
    rows = {bare(cells[0]): (number, cells) for number, cells in table_rows(lines)}
    for name in c.FILE_ORDER:
        assert name in rows, f"{where(CONTRACT_DOC, start)}: the file table lacks {name!r}"
        number, cells = rows[name]
        required = cells[1].startswith("required")
        assert required == (name in c.REQUIRED_FILES), (
            f"{where(CONTRACT_DOC, number)}: {name} is "
            f"{'required' if name in c.REQUIRED_FILES else 'optional'} in the code, "
            f"the table says {cells[1]!r}"
        )


@pytest.mark.parametrize("item", c.SURVEY_ITEMS, ids=lambda item: item.name)
def test_contract_doc_lists_each_survey_item_with_its_scale_values_and_statement(item):
    start, lines = contract_section("#### Survey items")
    rows = {bare(cells[0]): (number, cells) for number, cells in table_rows(lines)}
    assert item.name in rows, f"{where(CONTRACT_DOC, start)}: no row for item {item.name!r}"
    number, cells = rows[item.name]
    said = [bare(cell) for cell in cells[1:3]]
    assert said == [item.scale, f"{item.low}..{item.high}"], (
        f"{where(CONTRACT_DOC, number)}: item {item.name}: the table says scale {said[0]!r}, "
        f"values {said[1]!r}; the code says {item.scale!r}, {item.low}..{item.high}"
    )
    assert item.statement in cells[3], (
        f"{where(CONTRACT_DOC, number)}: item {item.name}: the statement is not the "
        f"code's {item.statement!r}"
    )
    assert any(f"**{item.scale}**" in line for _, line in lines), (
        f"{where(CONTRACT_DOC, start)}: no explanation of the scale **{item.scale}**"
    )


#: Channels named by the contract. The column is free text; these are the usual values.
KNOWN_CHANNELS: tuple[str, ...] = (
    "linkedin",
    "x",
    "facebook",
    "instagram",
    "viva_engage",
    "teams",
    "slack",
    "intranet",
    "other",
)


@pytest.mark.parametrize(
    ("name", "column", "values"),
    [
        (c.DEPARTMENTS, "function", c.FUNCTIONS),
        (c.ACTIVITY, "channel", KNOWN_CHANNELS),
        (c.ACTIVITY, "audience", c.AUDIENCES),
        (c.ACTIVITY, "action", c.ACTIONS),
    ],
)
def test_contract_doc_names_every_value_of_an_enumeration(name, column, values):
    _, lines = contract_section(f"### {name}")
    rows = {bare(cells[0]): (number, cells) for number, cells in table_rows(lines)}
    number, cells = rows[column]
    missing = [value for value in values if value not in backticked(" | ".join(cells))]
    assert not missing, (
        f"{where(CONTRACT_DOC, number)}: {name}.{column} does not name {', '.join(missing)}"
    )


def test_contract_doc_names_every_spelling_of_true_and_false():
    start, lines = contract_section("## A dataset")
    words = backticked("\n".join(line for _, line in lines))
    missing = sorted((c.TRUE_WORDS | c.FALSE_WORDS) - words)
    assert not missing, f"{where(CONTRACT_DOC, start)}: boolean spellings missing: {missing}"


@pytest.mark.parametrize("phase", sorted(c.PHASES))
def test_contract_doc_names_each_phase_in_every_report_language(phase):
    start, lines = contract_section("## The four phases")
    english = c.PHASE_NAMES["en"][phase]
    entry = [(n, line) for n, line in lines if line.startswith(f"{phase}. **{english}**")]
    assert entry, f"{where(CONTRACT_DOC, start)}: no entry '{phase}. **{english}**'"
    number, line = entry[0]
    for lang, names in c.PHASE_NAMES.items():
        assert names[phase] in line, (
            f"{where(CONTRACT_DOC, number)}: phase {phase} lacks its {lang} name {names[phase]!r}"
        )


def setting_words(value: object) -> set[str]:
    """The names in a list or mapping setting, flattened."""
    if isinstance(value, dict):
        return {str(key) for key in value} | {w for v in value.values() for w in setting_words(v)}
    if isinstance(value, list):
        return {w for v in value for w in setting_words(v)}
    return {str(value)}


def test_contract_doc_quotes_the_shipped_settings():
    start, lines = contract_section("## Settings")
    defaults = default_mapping()
    rows = table_rows(lines)
    assert rows, f"{where(CONTRACT_DOC, start)}: no settings table"
    for number, cells in rows:
        key = bare(cells[0])
        value: object = defaults
        for part in key.split("."):
            assert isinstance(value, dict) and part in value, (
                f"{where(CONTRACT_DOC, number)}: {key!r} is no setting of "
                "src/orgsocial/defaults/config.yaml"
            )
            value = value[part]
        if isinstance(value, int | float):
            assert float(bare(cells[1])) == value, (
                f"{where(CONTRACT_DOC, number)}: {key} is {value} in the defaults, "
                f"the doc says {cells[1]!r}"
            )
        else:
            said, shipped = backticked(cells[1]), setting_words(value)
            assert said == shipped, (
                f"{where(CONTRACT_DOC, number)}: {key}: missing {sorted(shipped - said)}, "
                f"not in the defaults {sorted(said - shipped)}"
            )


# --- the output files ---------------------------------------------------------------

OUTPUT_FILES: tuple[str, ...] = (*(f"{name}.csv" for name in AnalysisResults.FRAMES), META)


def output_table_problems(doc: Path, lines: list[tuple[int, str]], start: int) -> list[str]:
    """Output files the tables among ``lines`` lack, and files they name that are none."""
    rows = {bare(cells[0]): number for number, cells in table_rows(lines)}
    problems = [
        f"{where(doc, start)}: the outputs table lacks {name}, which orgsocial analyse writes"
        for name in OUTPUT_FILES
        if name not in rows
    ]
    problems += [
        f"{where(doc, number)}: {name} is not a file orgsocial analyse writes"
        for name, number in rows.items()
        if re.fullmatch(r"[\w.-]+\.(csv|json|parquet)", name) and name not in OUTPUT_FILES
    ]
    return problems


def test_readme_outputs_table_names_every_file_analyse_writes():
    start, lines = section(README.read_text("utf-8"), "## Data in, results out")
    assert start, "README.md: no section '## Data in, results out'"
    problems = output_table_problems(README, lines, start)
    assert not problems, "\n".join(problems)


def test_contract_doc_names_every_file_analyse_writes_and_the_fixed_columns():
    start, lines = contract_section("## Outputs")
    problems = output_table_problems(CONTRACT_DOC, lines, start)
    assert not problems, "\n".join(problems)
    words = backticked("\n".join(line for _, line in lines))
    assert any(word.startswith(f"{REJECTS_FOLDER}/") for word in words), (
        f"{where(CONTRACT_DOC, start)}: the rejects folder {REJECTS_FOLDER}/ is not named"
    )
    fixed = (*c.UNIT_LEADING_COLUMNS, *c.EDGE_COLUMNS)
    missing = [column for column in fixed if column not in words]
    assert not missing, f"{where(CONTRACT_DOC, start)}: fixed columns not named: {missing}"


# --- links ---------------------------------------------------------------------------


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: str(doc.relative_to(ROOT)))
def test_relative_links_lead_to_a_file_and_heading_that_exist(doc):
    plain = prose(doc.read_text("utf-8"))
    problems = []
    for match in LINK.finditer(plain):
        target = match.group(1)
        if re.match(r"^[a-z]+:", target):
            continue
        number = plain.count("\n", 0, match.start()) + 1
        path_part, _, anchor = target.partition("#")
        path = (doc.parent / path_part).resolve() if path_part else doc
        if not path.exists():
            problems.append(f"{where(doc, number)}: link {target!r}: no such file")
            continue
        if anchor and path.suffix == ".md":
            anchors = {github_anchor(title) for _, _, title in headings(path.read_text("utf-8"))}
            if anchor not in anchors:
                problems.append(f"{where(doc, number)}: link {target!r}: no such heading")
    assert not problems, "\n".join(problems)


def test_readme_points_to_the_contract_in_the_repository():
    text = README.read_text("utf-8")
    assert "(docs/data-contract.md)" in text, "README.md does not link docs/data-contract.md"
    assert "project's specification" not in text, (
        "README.md refers to the specification outside the repository; "
        "link docs/data-contract.md instead"
    )


REAL = ROOT / "tests" / "data" / "real"


def test_the_commands_for_the_real_data_in_importers_md_run(tmp_path, monkeypatch):
    """docs/importers.md gives the exact import of each organisation in tests/data/real (the
    edges, the file for --nodes, the mapping); each runs as shown, from another folder."""
    from typer.testing import CliRunner

    text = (ROOT / "docs" / "importers.md").read_text()
    block = text.split("R=tests/data/real\n", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.startswith("orgsocial import")]
    folders = {p.name for p in REAL.iterdir() if p.is_dir()}
    shown = {f for f in folders if any(f"$R/{f}/" in line for line in commands)}
    assert shown == folders - {"slack-export-hfaran-sample", "qualtrics-export-samples"}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ORGSOCIAL_SECRET", "a secret for the tests, long enough")
    for line in commands:
        words = shlex.split(line.replace("$R", str(REAL)).replace(" docs/", f" {ROOT}/docs/"))
        result = CliRunner().invoke(cli.app, [*words[1:], "--check"])
        assert result.exit_code == 0, (line, result.output)


def test_the_slack_sample_imports_with_the_roster_importers_md_shows(tmp_path, monkeypatch):
    """The Slack section's roster and command import the sample as shown (67 events of 4
    people, the count the text gives)."""
    from typer.testing import CliRunner

    section = (ROOT / "docs" / "importers.md").read_text().split("## Slack", 1)[1]
    roster = section.split("```text\n", 1)[1].split("```", 1)[0]
    command = section.split("```sh\nexport ORGSOCIAL_SECRET", 1)[1].split("```", 1)[0]
    (tmp_path / "roster.csv").write_text(roster)
    words = shlex.split(command.split("\n", 1)[1].replace("\\\n", " "))
    words = [f"{ROOT}/{w}" if w.startswith(("tests/", "docs/")) else w for w in words]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ORGSOCIAL_SECRET", "a secret for the tests, long enough")
    result = CliRunner().invoke(cli.app, words[1:])
    assert result.exit_code == 0, result.output
    activity = pd.read_csv(tmp_path / "data" / "slack-sample" / "activity.csv")
    people = pd.read_csv(tmp_path / "data" / "slack-sample" / "employees.csv")
    assert f"It imports {len(activity)} events of {len(people)} people" in section


def test_the_table_of_real_data_is_one_table_naming_every_folder():
    lines = (REAL / "README.md").read_text().splitlines()
    rows = [i for i, line in enumerate(lines) if line.startswith("|")]
    assert rows == list(range(rows[0], rows[-1] + 1)), "a line splits the table"
    named = {lines[i].split("|")[1].strip().rstrip("/") for i in rows[2:]}
    assert named == {p.name for p in REAL.iterdir() if p.is_dir()}


def test_the_minimums_a_user_meets_are_documented_as_the_code_has_them():
    from orgsocial.demo.synth import MIN_DEPARTMENT_SIZE, UNIT_PLAN
    from orgsocial.importers.pseudonym import MIN_SECRET_BYTES
    from orgsocial.scale import MIN_PARTITION_ROWS

    readme = " ".join(README.read_text().split())
    importers = " ".join((ROOT / "docs" / "importers.md").read_text().split())
    secret = f"at least {MIN_SECRET_BYTES} bytes"
    assert secret in readme and secret in importers
    employees = len(UNIT_PLAN) * (MIN_DEPARTMENT_SIZE * 10 + 10)
    assert f"`demo-data --employees` at least {employees}" in readme
    assert f"units need {MIN_DEPARTMENT_SIZE * 10 + 10} people each" in readme
    assert f"`--partition-rows` at least {MIN_PARTITION_ROWS:,}" in readme
