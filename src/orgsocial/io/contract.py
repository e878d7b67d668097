"""The data contract (v1) as code: file names, columns, enumerations and value rules.

Everything that ``docs/data-contract.md`` fixes lives here once; the
loader (:mod:`orgsocial.io.dataset`), the schemas (:mod:`orgsocial.io.schemas`), the
demo generator and the analysis import these names instead of repeating
strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgsocial.errors import ParameterError

CONTRACT_VERSION = "1"

# --- files -----------------------------------------------------------------

DEPARTMENTS = "departments"
EMPLOYEES = "employees"
ACTIVITY = "activity"
SURVEY = "survey"
#: orgsocial extension (not in contract v1): weighted department-to-department ties
#: from group-level sources (Viva Insights group-to-group queries).
DEPARTMENT_TIES = "department_ties"

#: Files in the order they must be validated (later files refer to earlier ones).
FILE_ORDER: tuple[str, ...] = (DEPARTMENTS, EMPLOYEES, DEPARTMENT_TIES, ACTIVITY, SURVEY)
REQUIRED_FILES: frozenset[str] = frozenset({DEPARTMENTS, EMPLOYEES, ACTIVITY})
FILE_SUFFIXES: tuple[str, ...] = (".csv", ".parquet")

# --- columns ---------------------------------------------------------------

DEPARTMENT_COLUMNS = ("department", "business_unit", "function", "customer_facing")
EMPLOYEE_COLUMNS = ("employee_id", "department")
ACTIVITY_COLUMNS = (
    "event_id",
    "timestamp",
    "actor_id",
    "channel",
    "audience",
    "action",
    "target_id",
    "in_reply_to",
    "business_unit",
)
SURVEY_ID_COLUMNS = ("respondent_id", "department", "wave")
DEPARTMENT_TIE_COLUMNS = ("source", "target", "weight")

# --- enumerations ----------------------------------------------------------

FUNCTIONS: tuple[str, ...] = (
    "marketing",
    "communications",
    "customer_service",
    "sales",
    "hr",
    "it",
    "finance",
    "operations",
    "legal",
    "product",
    "management",
    "other",
)
#: Functions that "own" social media in the centralisation phase.
HUB_FUNCTIONS: frozenset[str] = frozenset({"marketing", "communications"})

AUDIENCES: tuple[str, ...] = ("internal", "external")
ACTIONS: tuple[str, ...] = ("post", "reply", "comment", "share", "mention", "message", "inquiry")
INQUIRY = "inquiry"

TRUE_WORDS: frozenset[str] = frozenset({"true", "t", "yes", "y", "1", "ja", "waar"})
FALSE_WORDS: frozenset[str] = frozenset({"false", "f", "no", "n", "0", "nee", "onwaar"})


@dataclass(frozen=True)
class SurveyItem:
    """One item of the survey instrument: answers are whole numbers from ``low`` to ``high``."""

    name: str
    scale: str
    statement: str
    low: int = 1
    high: int = 5


FREQUENCY = "frequency"
AGREEMENT = "agreement"
OWNERSHIP = "ownership"

SURVEY_ITEMS: tuple[SurveyItem, ...] = (
    SurveyItem(
        "use_internal",
        FREQUENCY,
        "I use social tools (Viva Engage, Teams, Slack, ...) to work with colleagues.",
    ),
    SurveyItem(
        "use_external", FREQUENCY, "I use social media for work with customers or the public."
    ),
    SurveyItem("ownership", OWNERSHIP, "Who mainly runs social media for my unit?", high=4),
    SurveyItem("enthusiasm", AGREEMENT, "I am enthusiastic about using social media for my work."),
    SurveyItem("policy", AGREEMENT, "There is a social media policy that I know."),
    SurveyItem(
        "best_practices",
        AGREEMENT,
        "Departments share social media best practices with each other.",
    ),
    SurveyItem(
        "customer_service_involved", AGREEMENT, "Customer service takes part in our social media."
    ),
    SurveyItem(
        "realtime_response",
        AGREEMENT,
        "Customers who ask us something on social media get an answer within the hour.",
    ),
    SurveyItem("strategy", AGREEMENT, "Social media is part of our business strategy."),
    SurveyItem(
        "autonomy", AGREEMENT, "I may answer customers online without asking for approval first."
    ),
    SurveyItem(
        "open_culture",
        AGREEMENT,
        "Our culture is open and interactive rather than sender-driven and controlling.",
    ),
)
SURVEY_ITEM_NAMES: tuple[str, ...] = tuple(item.name for item in SURVEY_ITEMS)
SURVEY_ITEM_BY_NAME: dict[str, SurveyItem] = {item.name: item for item in SURVEY_ITEMS}

#: The columns each file must have. Survey items are optional one by one: an item
#: that was not asked is simply absent.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    DEPARTMENTS: DEPARTMENT_COLUMNS,
    EMPLOYEES: EMPLOYEE_COLUMNS,
    ACTIVITY: ACTIVITY_COLUMNS,
    SURVEY: SURVEY_ID_COLUMNS,
    DEPARTMENT_TIES: DEPARTMENT_TIE_COLUMNS,
}
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    DEPARTMENTS: (),
    EMPLOYEES: (),
    ACTIVITY: (),
    SURVEY: SURVEY_ITEM_NAMES,
    DEPARTMENT_TIES: ("timestamp",),
}

# --- phases ----------------------------------------------------------------

PHASES: dict[int, str] = {
    1: "Pilot",
    2: "Centralisation",
    3: "Coordination",
    4: "Full integration",
}
#: Phase names per report language.
PHASE_NAMES: dict[str, dict[int, str]] = {
    "en": PHASES,
    "nl": {1: "Pilotfase", 2: "Centralisatiefase", 3: "Coördinatiefase", 4: "Volledige integratie"},
}
LANGUAGES: tuple[str, ...] = tuple(PHASE_NAMES)


def check_language(lang: str) -> str:
    """Return ``lang`` when it is supported, else raise :class:`ParameterError`."""
    if lang not in LANGUAGES:
        raise ParameterError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


#: Lower bounds of a "high" and a "moderate" confidence (units.csv ``confidence_band``;
#: below them it is "low").
CONFIDENCE_BANDS: dict[str, float] = {"high": 0.75, "moderate": 0.5}


def confidence_band_of(confidence: float) -> str:
    """``high``, ``moderate`` or ``low`` (:data:`CONFIDENCE_BANDS`); empty without one.

    Examples
    --------
    >>> confidence_band_of(0.8), confidence_band_of(0.5), confidence_band_of(float("nan"))
    ('high', 'moderate', '')
    """
    if confidence != confidence:  # NaN: no verdict, or none given
        return ""
    return next((name for name, bound in CONFIDENCE_BANDS.items() if confidence >= bound), "low")


# --- outputs of `orgsocial analyse` -----------------------------------------

UNIT_LEADING_COLUMNS = ("business_unit", "phase", "phase_name", "confidence")
EDGE_COLUMNS = ("source", "target", "weight")
