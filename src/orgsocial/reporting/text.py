"""Labels and sentences of the reports, in English (``en``) and Dutch (``nl``)."""

from __future__ import annotations

from orgsocial.contract import LANGUAGES, PHASE_NAMES
from orgsocial.errors import ParameterError

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "overview_title": "Social media across the organisation",
        "unit_title": "Business unit: {unit}",
        "phase_map_title": "Phase of each business unit",
        "phase_axis": "Phase",
        "unit_axis": "Business unit",
        "confidence": "Confidence",
        "not_classified": "not classified",
        "network_title": "Who talks to whom: interactions between departments",
        "network_unit_title": "Interactions between the departments of {unit}",
        "response_title": "How fast customers get a first answer",
        "response_axis": "First response time (hours, log scale)",
        "one_hour": "1 hour",
        "one_day": "24 hours",
        "criteria_title": "How far {unit} meets each phase's criteria",
        "criteria_axis": "Criterion met (0 = not at all, 1 = fully)",
        "threshold_line": "threshold",
        "no_data": "No data to show.",
        "units_table": "All business units",
        "evidence_table": "The evidence, criterion by criterion",
        "quality_title": "Data quality: what was read and what was set aside",
        "suppressed": "suppressed: fewer than {minimum} people",
        "between": "between phases {between}",
        "reading_phase_map": "{advanced} of {total} classified business units are in coordination "
        "or full integration; {pilot} are still in the pilot phase.",
        "reading_network": "{pairs} pairs of departments interact; the busiest link is "
        "{source} – {target} ({weight} interactions).",
        "reading_network_empty": "No interactions between different departments were found.",
        "reading_network_hidden": "No link between departments can be shown: privacy hides "
        "them (see below).",
        "reading_merged": "Privacy: {merged} of {departments} departments have fewer than "
        "{minimum} people and are shown merged as {into}; they take part in {pairs_merged} of "
        "{pairs} department pairs ({interactions_merged} of {interactions} interactions), and "
        "{hidden} interactions inside a merged group are not drawn.",
        "reading_links_hidden": "Links with groups of fewer than {minimum} people that are too "
        "small to show even merged are neither drawn nor counted.",
        "reading_merged_withheld": "Privacy: {merged} of {departments} departments have fewer "
        "than {minimum} people; together they are too few to show, so their links are neither "
        "drawn nor counted here.",
        "reading_merged_elsewhere": "Privacy: {merged} of {departments} departments have "
        "fewer than {minimum} people; too few to show within this unit, they are shown only in "
        "the organisation's network, merged with other small groups as {into}, and their links "
        "are not counted here.",
        "warning_most_merged": "Most departments of {units} have fewer than {minimum} people, "
        "so the network shows little of their structure. To see it, map small teams to larger "
        "departments in the import mapping or roster, or lower the privacy minimum "
        "(--min-group-size) where your privacy policy allows.",
        "merged_title": "Privacy: departments merged in the network",
        "reading_response": "{within_hour} of customer questions are answered within the hour, "
        "{within_day} within a day; {unanswered} wait longer than 24 hours or are never "
        "answered.",
        "reading_response_empty": "No customer inquiries in this period.",
        "reading_unit": "{unit}: {verdict} (confidence {confidence:.0%}{between}).",
        "reading_unit_none": "{unit} is not classified: {reason}.",
        "reading_criteria": "The weakest criteria of the next phase: {weakest}.",
        "reading_quality": "{kept} of {read} rows were used; {rejected} rows were set aside "
        "with a reason.",
        "reading_imports": "Before that, the imports ({imports}) set aside {set_aside} records, "
        "each with its reason in the import's rejects file beside the dataset; everything they "
        "counted, dropped included, is in the table below.",
        "imports_title": "What the imports read, set aside and dropped",
        "warning_mixed_secrets": "The imports {imports} were pseudonymised with different "
        "secrets, so the same person has different ids in them and their data do not join: "
        "import them again with one secret.",
        "function": "Function",
        "runner_up": "Runner-up",
        "indicator": "Criterion",
        "value": "Value",
        "threshold": "Threshold",
        "met": "Met",
        "weight": "Weight",
        "why": "Why it matters",
        "risk": "What this phase risks",
        "next_steps": "Next steps",
        "say_do": "What people say and what they do",
        "trend": "Phase over time",
        "trend_title": "How each business unit's phase changed",
        "trend_axis": "Period",
        "reading_trend": "Since the previous period: {up} moved up, {down} moved back.",
        "moved_up_from": "Moved up from {phase} in {period}.",
        "moved_back_from": "Moved back from {phase} in {period}.",
        "at_least_phase": "at least {phase}",
        "reading_criteria_four": "What full integration still misses: {weakest}.",
        "reading_criteria_all_met": "Every criterion of full integration is met.",
        "reading_trend_empty": "Only one period in the data: no trend yet.",
        "heatmap_title": "Interactions between departments (top {n} by volume)",
        "reading_heatmap": "The darker a cell, the more the two departments interact.",
        "units_edges_title": "Interactions between business units",
        "brokers_title": "Departments that connect others (brokers)",
        "channels_title": "Customer response per channel",
        "answers_title": "Who answers customers",
        "run_date": "Run date",
        "dataset": "Dataset",
        "period": "Period",
        "whole_dataset": "whole dataset",
        "rows_read": "Rows read",
        "rows_rejected": "Rows set aside (with reasons in analysis/rejects)",
        "privacy_minimum": "Privacy: smallest group shown",
        "reports": "Reports written",
        "main_risk": "Main risk",
        "org_reports": "Organisation reports",
        "failed": "report failed",
        "not_run": "not rerun: unchanged",
        "kept": "used",
        "set_aside": "set aside",
        "org_measures": "The organisation at business-unit level",
        "phase_map_title_period": "Phase of each business unit now ({period})",
        "reading_phase_map_at_least": "For {count} of them the data cannot tell whether they "
        "are further (“at least”).",
        "used_for": "Used for",
        "used_verdict": "the verdict",
        "used_say_do": "comparing what people say and do",
        "used_none": "not used: too little data",
        "phase_now": "Phase now",
        "provisional": "Provisional",
        "provisional_because": "Provisional: {reasons}.",
        "whole_window": "Whole window",
        "window_context": "Over the whole window ({window}): {phase}.",
        "headline_period": "Verdicts for",
        "window": "Tables cover",
        "data_span": "Data run over",
        "run": "Run",
        "evidence_kind": "Evidence",
        "behaviour": "what people do",
        "survey": "what people say",
        "role": "Role",
        "decisive": "must be met",
        "supporting": "supports",
        "legend_provisional": "open circle: provisional verdict",
        "legend_range": "bar: phases the evidence cannot tell apart, or between two phases",
    },
    "nl": {
        "overview_title": "Sociale media in de hele organisatie",
        "unit_title": "Bedrijfsonderdeel: {unit}",
        "phase_map_title": "Fase van elk bedrijfsonderdeel",
        "phase_axis": "Fase",
        "unit_axis": "Bedrijfsonderdeel",
        "confidence": "Zekerheid",
        "not_classified": "niet ingedeeld",
        "network_title": "Wie praat met wie: interacties tussen afdelingen",
        "network_unit_title": "Interacties tussen de afdelingen van {unit}",
        "response_title": "Hoe snel klanten een eerste antwoord krijgen",
        "response_axis": "Eerste reactietijd (uren, logaritmische schaal)",
        "one_hour": "1 uur",
        "one_day": "24 uur",
        "criteria_title": "In hoeverre {unit} aan de criteria van elke fase voldoet",
        "criteria_axis": "Criterium gehaald (0 = niet, 1 = volledig)",
        "threshold_line": "drempel",
        "no_data": "Geen gegevens om te tonen.",
        "units_table": "Alle bedrijfsonderdelen",
        "evidence_table": "Het bewijs, criterium voor criterium",
        "quality_title": "Datakwaliteit: wat is gelezen en wat is apart gezet",
        "suppressed": "verborgen: minder dan {minimum} personen",
        "between": "tussen fase {between}",
        "reading_phase_map": "{advanced} van de {total} ingedeelde bedrijfsonderdelen zitten in de "
        "coördinatiefase of volledige integratie; {pilot} zitten nog in de pilotfase.",
        "reading_network": "{pairs} paren van afdelingen hebben contact; de drukste verbinding is "
        "{source} – {target} ({weight} interacties).",
        "reading_network_empty": "Er zijn geen interacties tussen verschillende afdelingen "
        "gevonden.",
        "reading_network_hidden": "Er is geen verbinding tussen afdelingen te tonen: privacy "
        "verbergt ze (zie hieronder).",
        "reading_merged": "Privacy: {merged} van de {departments} afdelingen hebben minder dan "
        "{minimum} mensen en staan samengevoegd als {into}; ze komen voor in {pairs_merged} van "
        "de {pairs} paren van afdelingen ({interactions_merged} van de {interactions} "
        "interacties), en {hidden} interacties binnen een samengevoegde groep zijn niet "
        "getekend.",
        "reading_links_hidden": "Verbindingen met groepen van minder dan {minimum} mensen die "
        "ook samengevoegd te klein zijn om te tonen, zijn niet getekend en niet geteld.",
        "reading_merged_withheld": "Privacy: {merged} van de {departments} afdelingen hebben "
        "minder dan {minimum} mensen; samen zijn ze te weinig om te tonen, dus hun verbindingen "
        "zijn hier niet getekend en niet geteld.",
        "reading_merged_elsewhere": "Privacy: {merged} van de {departments} afdelingen hebben "
        "minder dan {minimum} mensen; te weinig om binnen dit onderdeel te tonen, staan ze alleen "
        "in het netwerk van de organisatie, samengevoegd met andere kleine groepen als {into}, "
        "en hun verbindingen zijn hier niet geteld.",
        "warning_most_merged": "De meeste afdelingen van {units} hebben minder dan {minimum} "
        "mensen, waardoor het netwerk weinig van hun structuur laat zien. Om die te zien: "
        "deel kleine teams in bij grotere afdelingen in de importmapping of het personeelsbestand, "
        "of verlaag de privacygrens (--min-group-size) als uw privacybeleid dat toestaat.",
        "merged_title": "Privacy: samengevoegde afdelingen in het netwerk",
        "reading_response": "{within_hour} van de klantvragen krijgt binnen het uur antwoord, "
        "{within_day} binnen een dag; {unanswered} wachten langer dan 24 uur of krijgen nooit "
        "antwoord.",
        "reading_response_empty": "Geen klantvragen in deze periode.",
        "reading_unit": "{unit}: {verdict} (zekerheid {confidence:.0%}{between}).",
        "reading_unit_none": "{unit} is niet ingedeeld: {reason}.",
        "reading_criteria": "De zwakste criteria van de volgende fase: {weakest}.",
        "reading_quality": "{kept} van de {read} rijen zijn gebruikt; {rejected} rijen zijn met "
        "een reden apart gezet.",
        "reading_imports": "Daarvoor hebben de imports ({imports}) {set_aside} records apart "
        "gezet, elk met de reden in het afkeurbestand van de import naast de dataset; alles wat "
        "ze telden, ook wat is weggelaten, staat in de tabel hieronder.",
        "imports_title": "Wat de imports lazen, apart zetten en weglieten",
        "warning_mixed_secrets": "De imports {imports} zijn met verschillende geheimen "
        "gepseudonimiseerd, zodat dezelfde persoon er verschillende id's in heeft en hun "
        "gegevens niet te koppelen zijn: importeer ze opnieuw met één geheim.",
        "function": "Functie",
        "runner_up": "Tweede keus",
        "indicator": "Criterium",
        "value": "Waarde",
        "threshold": "Drempel",
        "met": "Gehaald",
        "weight": "Gewicht",
        "why": "Waarom het telt",
        "risk": "Het risico van deze fase",
        "next_steps": "Volgende stappen",
        "say_do": "Wat mensen zeggen en wat ze doen",
        "trend": "Fase door de tijd",
        "trend_title": "Hoe de fase van elk bedrijfsonderdeel veranderde",
        "trend_axis": "Periode",
        "reading_trend": "Sinds de vorige periode: {up} vooruit, {down} terug.",
        "moved_up_from": "Vooruitgegaan vanuit de {phase} in {period}.",
        "moved_back_from": "Teruggegaan vanuit de {phase} in {period}.",
        "at_least_phase": "minstens {phase}",
        "reading_criteria_four": "Wat volledige integratie nog mist: {weakest}.",
        "reading_criteria_all_met": "Aan elk criterium van volledige integratie is voldaan.",
        "reading_trend_empty": "Maar één periode in de gegevens: nog geen trend.",
        "heatmap_title": "Interacties tussen afdelingen (top {n} naar volume)",
        "reading_heatmap": "Hoe donkerder een vak, hoe meer de twee afdelingen met elkaar omgaan.",
        "units_edges_title": "Interacties tussen bedrijfsonderdelen",
        "brokers_title": "Afdelingen die anderen verbinden (makelaars)",
        "channels_title": "Reactie op klanten per kanaal",
        "answers_title": "Wie klanten antwoordt",
        "run_date": "Datum van de run",
        "dataset": "Dataset",
        "period": "Periode",
        "whole_dataset": "hele dataset",
        "rows_read": "Rijen gelezen",
        "rows_rejected": "Rijen apart gezet (met reden in analysis/rejects)",
        "privacy_minimum": "Privacy: kleinste getoonde groep",
        "reports": "Rapporten geschreven",
        "main_risk": "Grootste risico",
        "org_reports": "Rapporten over de organisatie",
        "failed": "rapport mislukt",
        "not_run": "niet opnieuw gedraaid: ongewijzigd",
        "kept": "gebruikt",
        "set_aside": "apart gezet",
        "org_measures": "De organisatie op het niveau van bedrijfsonderdelen",
        "phase_map_title_period": "Fase van elk bedrijfsonderdeel nu ({period})",
        "reading_phase_map_at_least": "Bij {count} daarvan kunnen de gegevens niet zeggen of ze "
        "verder zijn (“minstens”).",
        "used_for": "Gebruikt voor",
        "used_verdict": "het oordeel",
        "used_say_do": "de vergelijking van zeggen en doen",
        "used_none": "niet gebruikt: te weinig gegevens",
        "phase_now": "Fase nu",
        "provisional": "Voorlopig",
        "provisional_because": "Voorlopig: {reasons}.",
        "whole_window": "Hele periode",
        "window_context": "Over de hele periode ({window}): {phase}.",
        "headline_period": "Oordelen over",
        "window": "Tabellen beslaan",
        "data_span": "Gegevens lopen over",
        "run": "Uitvoering",
        "evidence_kind": "Bewijs",
        "behaviour": "wat mensen doen",
        "survey": "wat mensen zeggen",
        "role": "Rol",
        "decisive": "vereist",
        "supporting": "ondersteunend",
        "legend_provisional": "open cirkel: voorlopig oordeel",
        "legend_range": "balk: fasen die het bewijs niet kan onderscheiden, of tussen twee fasen",
    },
}


def check_language(lang: str) -> str:
    """Return ``lang`` when it is supported, else raise :class:`ParameterError`."""
    if lang not in LANGUAGES:
        raise ParameterError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return lang


def label(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``values`` filled in.

    Examples
    --------
    >>> label("unit_title", "nl", unit="Verzekeringen")
    'Bedrijfsonderdeel: Verzekeringen'
    """
    return LABELS[check_language(lang)][key].format(**values)


def phase_name(phase: int | None, lang: str = "en") -> str:
    """The phase's name in ``lang`` (``"not classified"`` for no phase)."""
    if phase is None or phase != phase:  # NaN / NA
        return label("not_classified", lang)
    return PHASE_NAMES[check_language(lang)][int(phase)]
