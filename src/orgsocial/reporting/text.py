"""Labels and sentences of the reports, in English (``en``) and Dutch (``nl``).

Besides the sentences (:data:`LABELS`), the catalogue names what tables and figures show
from the data: columns and measures (:data:`NAMES`, also the criteria), functions
(:data:`FUNCTIONS`), channels (:data:`CHANNELS`), why each criterion matters
(:data:`WHY`), the merged small groups and the reasons a unit has no phase. A sentence
agrees with its numbers: ``{count|one|more}`` is ``one`` when ``count`` is 1, else
``more`` (:func:`fill`).
"""

from __future__ import annotations

import re

import pandas as pd

from orgsocial.analysis.headline import undated
from orgsocial.analysis.privacy import SMALL_GROUPS, group_unit
from orgsocial.io.contract import PHASE_NAMES, check_language

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
        "no_data": "No data to show.",
        "criterion_withheld": "Withheld for privacy.",
        "withheld": "withheld (too few even merged)",
        "units_table": "All business units",
        "evidence_table": "The evidence, criterion by criterion",
        "quality_title": "Data quality: what was read and what was set aside",
        "between": "between phases {between}",
        "reading_phase_map": "{advanced} of {total} classified business {total|unit|units} "
        "{advanced|is|are} in coordination or full integration; {pilot} {pilot|is|are} still in "
        "the pilot phase.",
        "reading_network": "{pairs} {pairs|pair|pairs} of departments {pairs|interacts|interact}; "
        "the busiest link is {source} – {target} ({weight} {weight|interaction|interactions}).",
        "reading_network_empty": "No interactions between different departments were found.",
        "reading_network_hidden": "No link between departments can be shown: privacy hides "
        "them (see below).",
        "reading_merged": "Privacy: {small} of {departments} "
        "{departments|department|departments} {small|has|have} fewer than {minimum} "
        "{minimum|person|people}{beside}; {merged|it is|they are} shown merged as {into} and "
        "{merged|takes|take} part in {pairs_merged} of the {pairs} {pairs|pair|pairs} of "
        "departments with contact{scope}, counted before merging ({interactions_merged} of "
        "{interactions} {interactions|interaction|interactions}).",
        "pairs_of_unit": " that involve this unit (inside it or with other units)",
        "merged_beside": ", and {extra} {extra|department|departments} beside {small|it|them} "
        "{extra|is|are} withheld too, as {extra|its|their} figures would reveal the small "
        "{small|one's|ones'}",
        "reading_merged_inside": "{hidden} {hidden|interaction|interactions} inside a merged "
        "group {hidden|is|are} not drawn.",
        "reading_links_hidden": "Links with groups of fewer than {minimum} {minimum|person|people} "
        "that are too small to show even merged are neither drawn nor counted.",
        "reading_merged_withheld": "Privacy: {small} of {departments} "
        "{departments|department|departments} {small|has|have} fewer than {minimum} "
        "{minimum|person|people}{beside}; {merged|its people are|together they are} too few to "
        "show, so {merged|its|their} links are neither drawn nor counted here.",
        "reading_merged_elsewhere": "Privacy: {small} of {departments} "
        "{departments|department|departments} {small|has|have} fewer than {minimum} "
        "{minimum|person|people}{beside}; too few to show within this unit, "
        "{merged|it is|they are} shown only in the organisation's network, merged with other small "
        "groups as {into}, and {merged|its|their} links are not counted here.",
        "warning_most_merged": "Most departments of {units} are merged for privacy (fewer than "
        "{minimum} {minimum|person|people}, or beside such a department), so the network shows "
        "little of their structure. To see it, map small teams to larger departments in the "
        "import mapping or roster.",
        "merged_title": "Privacy: departments merged in the network",
        "reading_response": "{within_hour} of customer questions are answered within the hour, "
        "{within_day} within a day; {unanswered} {unanswered|waits|wait} longer than 24 hours or "
        "{unanswered|is|are} never answered.",
        "reading_response_empty": "No customer inquiries in these data.",
        "reading_unit": "{unit}: {verdict} ({when}confidence {confidence}{between}).",
        "band_high": "high",
        "band_moderate": "moderate",
        "band_low": "low",
        "confidence_withheld": "{band}, figure withheld for privacy",
        "reading_unit_none": "{unit} is not classified: {reason}.",
        "reading_criteria": "The weakest criteria of the next phase: {weakest}.",
        "reading_quality": "{kept} of {read} {read|row|rows} {kept|was|were} used; {rejected} "
        "{rejected|row was|rows were} set aside with a reason.",
        "reading_imports": "Before that, the imports ({imports}) set aside {set_aside} "
        "{set_aside|record|records}, "
        "each with its reason in the import's rejects file beside the dataset; everything they "
        "counted, dropped included, is in the tables for analysts at the end of this page.",
        "reading_imports_none": "Before that, the imports ({imports}) set aside no record; "
        "everything they counted, dropped included, is in the tables for analysts at the end "
        "of this page.",
        "reading_default_time": "{events} {events|event|events} had no time and got the one "
        "time the import gives such events: those data carry no dates.",
        "imports_set_aside": "Records the imports set aside (reasons in their rejects files)",
        "imports_title": "What the imports read, set aside and dropped",
        "back_to_summary": "← Summary of all business units",
        "warning_mixed_secrets": "The imports {imports} were pseudonymised with different "
        "secrets, so the same person has different ids in them and their data do not join: "
        "import them again with one secret.",
        "function": "Function",
        "runner_up": "Runner-up",
        "indicator": "Criterion",
        "value": "Value",
        "threshold": "Threshold",
        "met": "Met",
        "fulfilment_score": "Score (50% = at the threshold)",
        "weight": "Weight",
        "why": "Why it matters",
        "risk": "The main risk, from this unit's own figures",
        "next_steps": "Next steps",
        "say_do": "What people say and what they do",
        "trend": "Phase over time",
        "trend_title": "How each business unit's phase changed",
        "trend_axis": "Period",
        "reading_trend": "Since the previous period: {up} {up|unit|units} moved up, {down} moved "
        "back.",
        "moved_up_from": "Moved up: in {period} it was in {phase}.",
        "moved_back_from": "Moved back: in {period} it was in {phase}.",
        "at_least_phase": "at least {phase}",
        "reading_criteria_four": "What full integration still misses: {weakest}.",
        "reading_criteria_all_met": "Every criterion of full integration is met.",
        "reading_trend_empty": "Only one period to compare so far: no trend yet.",
        "reading_trend_none": "No periods to compare, so no trend.",
        "reading_phase_map_none": "No business unit can be placed in a phase yet.",
        "reading_trend_undated": "The data carry no dates, so they show no trend: import the "
        "activity with its time column to follow the phases over time.",
        "trend_unit_title": "How the phase of {unit} changed",
        "trend_unit_one": "The phase of {unit}",
        "trend_one": "The phase of each business unit",
        "reading_trend_unit_up": "{unit} moved up since {previous}: from {old} to {new}.",
        "reading_trend_unit_back": "{unit} moved back since {previous}: from {old} to {new}.",
        "reading_trend_unit_same": "{unit} is where it was in {previous}: {new}.",
        "reading_trend_unit_few": "{unit} has a phase in {phased} of its {total} periods: too "
        "few to show a trend yet.",
        "heatmap_title": "Interactions between departments (top {n} by volume)",
        "reading_heatmap": "The darker a cell, the more the two departments interact.",
        "heatmap_scale": "interactions (log scale)",
        "criteria_share_axis": "Share of the threshold reached (bars stop at 150%)",
        "threshold_met_line": "100%: threshold met",
        "quality_axis": "Share of the rows read",
        "quality_counts": "{read} read: {kept} used, {rejected} set aside",
        "trend_dashed": "dot: the phase in that period; dashed line: moved back",
        "trend_dot": "dot: the phase in that period",
        "unit_prefixes": "Names begin with",
        "network_links_between": "strongest links between units",
        "network_hub": "black ring: the unit's busiest department, named under the unit",
        "network_hub_unit": "black ring: the unit's busiest department",
        "network_hub_name": "busiest: {name}",
        "network_merged": "dashed rim: small departments merged for privacy",
        "connections_title": "How the departments of each business unit work together",
        "connections_cs": "with customer service (% of the unit's other departments)",
        "connections_within": "with each other (% of department pairs in the unit)",
        "connections_between": "with other units (% of the unit's interactions between "
        "departments)",
        "connections_none": "– : the unit has no customer service department or one department",
        "reading_criteria_unclassified": "Without a phase, there is no next phase whose "
        "criteria hold the unit back (why: see the first sentence of this page).",
        "reading_criteria_unmeasured": "Too little is measured to say which criteria of "
        "the next phase hold the unit back (why: see the provisional verdict above).",
        "reading_connections_same": "No unit lags behind the others here: their departments "
        "are connected alike.",
        "reading_connections_few": "Too few units show two or more departments to compare "
        "how their departments are connected.",
        "reading_connections_one": "Only {unit} shows two or more departments, so there is "
        "no other unit to compare it with: {share} of its department pairs interact.",
        "reading_connections_cs": "Customer service is least linked in {unit}: {share} of its "
        "other departments interact with it.",
        "reading_connections_pairs": "The departments of {unit} work together least: {share} of "
        "their pairs interact.",
        "units_edges_title": "Interactions between business units",
        "brokers_title": "Departments that connect others (brokers)",
        "channels_title": "Customer response per channel",
        "answers_title": "Who answers customers",
        "run_date": "Run date",
        "dataset": "Dataset",
        "rows_read": "Rows read",
        "rows_rejected": "Rows set aside (with reasons in analysis/rejects)",
        "privacy_minimum": "Privacy: smallest group shown",
        "reports": "Reports written",
        "summary_title": "Social media adoption: where every business unit stands",
        "summary_period": "Verdicts for {period}",
        "summary_period_undated": "Verdicts for the data as a whole (they carry no dates)",
        "no_dates": "data without dates",
        "summary_units": "Every unit, most in need of attention first",
        "summary_rank": "#",
        "summary_since": "Since {period}",
        "summary_change": "Change",
        "summary_sure": "How sure",
        "summary_matters": "Main risk and first step",
        "summary_first_step": "First step:",
        "summary_actions": "The organisation's first actions (up to three)",
        "summary_serves": "for {units}",
        "summary_pdf_header": "{title} · {period}",
        "summary_rules": "How this summary is made",
        "summary_rule_change": "A change counts when the phase differs from the previous "
        "period's and both verdicts are firm: not provisional, not 'at least', not from the "
        "survey alone, and with a confidence of {firm} or more. Otherwise it is 'not clear'.",
        "summary_rule_sure": "How sure: high from {high}, moderate from {moderate}, low below; "
        "confidence is the share of the evidence that supports the phase, lowered where data "
        "are missing.",
        "summary_rule_order": "Order: units that slipped back first; then by phase, lowest "
        "first; within a phase, units where what people say and do disagree first, then the "
        "less sure; units without a verdict, then units too small to report, last.",
        "summary_rule_actions": "Actions: each unit's next steps weigh 1, 1/2 and 1/3 in "
        "their order; the three heaviest across units are shown, with the units they serve.",
        "phase_colours": "Colours stand for phases only:",
        "single_file_link": "The whole report in one file, to forward or print",
        "org_reports": "Organisation reports",
        "failed": "report failed",
        "kept": "used",
        "set_aside": "set aside",
        "org_measures": "The organisation at business-unit level",
        "appendix_summary": "For analysts",
        "unit_measures_title": "Key figures per business unit",
        "channels_units_title": "Customer response per business unit and channel",
        "validation_title": "Rows read, used and set aside per file",
        "phase_map_title_period": "Phase of each business unit now ({period})",
        "reading_phase_map_all_two": "Every classified business unit ({total}) is in "
        "centralisation: none is still in the pilot phase, none yet in coordination.",
        "reading_phase_map_all_two_open": "Every classified business unit ({total}) is at "
        "least in centralisation: none is still in the pilot phase.",
        "reading_phase_map_at_least": "For {count} of them the data cannot tell whether "
        "{count|it is|they are} further (“at least”).",
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
        "no_verdicts": "no period with activity to read",
        "window": "Tables cover",
        "data_span": "Data run over",
        "run": "Run",
        "evidence_kind": "Evidence",
        "behaviour": "what people do",
        "survey": "what people say",
        "role": "Role",
        "decisive": "must be met",
        "supporting": "supports",
        "legend_confidence": "dot size and %: how sure the verdict is",
        "legend_confidence_withheld": " (a word where privacy withholds the figure)",
        "legend_provisional": "open circle: provisional verdict",
        "legend_range": "bar: phases the evidence cannot tell apart, or between two phases",
        "yes": "yes",
        "no": "no",
        "all_units": "(all)",
        "small_groups": "other (small groups)",
        "small_groups_in": "other in {unit} (small groups)",
        "reason_suppressed": "fewer than {minimum} {minimum|person|people}, so its figures are "
        "withheld",
        "reason_too_little": "too little data: {events} employee {events|event|events} (fewer "
        "than {min_events}) and {respondents} survey {respondents|respondent|respondents} (fewer "
        "than {minimum})",
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
        "no_data": "Geen gegevens om te tonen.",
        "criterion_withheld": "Afgeschermd voor privacy.",
        "withheld": "afgeschermd (ook samengevoegd te weinig)",
        "units_table": "Alle bedrijfsonderdelen",
        "evidence_table": "Het bewijs, criterium voor criterium",
        "quality_title": "Datakwaliteit: wat is gelezen en wat is apart gezet",
        "between": "tussen fase {between}",
        "reading_phase_map": "{advanced} van de {total} ingedeelde "
        "{total|bedrijfsonderdeel|bedrijfsonderdelen} {advanced|zit|zitten} in de coördinatiefase "
        "of volledige integratie; {pilot} {pilot|zit|zitten} nog in de pilotfase.",
        "reading_network": "{pairs} {pairs|paar|paren} afdelingen {pairs|heeft|hebben} contact; de "
        "drukste verbinding is {source} – {target} ({weight} {weight|interactie|interacties}).",
        "reading_network_empty": "Er zijn geen interacties tussen verschillende afdelingen "
        "gevonden.",
        "reading_network_hidden": "Er is geen verbinding tussen afdelingen te tonen: privacy "
        "verbergt ze (zie hieronder).",
        "reading_merged": "Privacy: {small} van de {departments} "
        "{departments|afdeling|afdelingen} {small|heeft|hebben} minder dan {minimum} "
        "{minimum|persoon|mensen}{beside}; {merged|ze staat|ze staan} samengevoegd als {into} en "
        "{merged|komt|komen} voor in {pairs_merged} van de {pairs} {pairs|paar|paren} "
        "afdelingen met contact{scope}, geteld vóór het samenvoegen ({interactions_merged} van "
        "de {interactions} {interactions|interactie|interacties}).",
        "pairs_of_unit": " waarbij dit onderdeel betrokken is (erbinnen of met andere onderdelen)",
        "merged_beside": ", en {extra} {extra|afdeling|afdelingen} ernaast {extra|wordt|worden} "
        "ook afgeschermd, omdat {extra|haar|hun} cijfers die van de kleine "
        "{small|afdeling|afdelingen} zouden prijsgeven",
        "reading_merged_inside": "{hidden} {hidden|interactie|interacties} binnen een "
        "samengevoegde groep {hidden|is|zijn} niet getekend.",
        "reading_links_hidden": "Verbindingen met groepen van minder dan {minimum} "
        "{minimum|persoon|mensen} die ook samengevoegd te klein zijn om te tonen, zijn niet "
        "getekend en niet geteld.",
        "reading_merged_withheld": "Privacy: {small} van de {departments} "
        "{departments|afdeling|afdelingen} {small|heeft|hebben} minder dan {minimum} "
        "{minimum|persoon|mensen}{beside}; {merged|die is te klein|samen zijn ze te weinig} om te "
        "tonen, dus {merged|haar|hun} verbindingen zijn hier niet getekend en niet geteld.",
        "reading_merged_elsewhere": "Privacy: {small} van de {departments} "
        "{departments|afdeling|afdelingen} {small|heeft|hebben} minder dan {minimum} "
        "{minimum|persoon|mensen}{beside}; te weinig om binnen dit onderdeel te tonen, "
        "{merged|staat|staan} ze alleen in het netwerk van de organisatie, samengevoegd met andere "
        "kleine groepen als {into}, en {merged|haar|hun} verbindingen zijn hier niet geteld.",
        "warning_most_merged": "De meeste afdelingen van {units} zijn samengevoegd voor privacy "
        "(minder dan {minimum} {minimum|persoon|mensen}, of naast zo'n afdeling), waardoor het "
        "netwerk weinig van hun structuur laat zien. Om die te zien: deel kleine teams in bij "
        "grotere afdelingen in de importmapping of het personeelsbestand.",
        "merged_title": "Privacy: samengevoegde afdelingen in het netwerk",
        "reading_response": "{within_hour} van de klantvragen krijgt binnen het uur antwoord, "
        "{within_day} binnen een dag; {unanswered} {unanswered|wacht|wachten} langer dan 24 uur "
        "of {unanswered|krijgt|krijgen} nooit antwoord.",
        "reading_response_empty": "Geen klantvragen in deze gegevens.",
        "reading_unit": "{unit}: {verdict} ({when}zekerheid {confidence}{between}).",
        "band_high": "hoog",
        "band_moderate": "redelijk",
        "band_low": "laag",
        "confidence_withheld": "{band}, getal afgeschermd voor privacy",
        "reading_unit_none": "{unit} is niet ingedeeld: {reason}.",
        "reading_criteria": "De zwakste criteria van de volgende fase: {weakest}.",
        "reading_quality": "{kept} van de {read} {read|rij|rijen} {kept|is|zijn} gebruikt; "
        "{rejected} {rejected|rij is|rijen zijn} met een reden apart gezet.",
        "reading_imports": "Daarvoor hebben de imports ({imports}) {set_aside} "
        "{set_aside|record|records} apart gezet, elk met de reden in het afkeurbestand van de "
        "import naast de dataset; alles wat ze telden, ook wat is weggelaten, staat in de tabellen "
        "voor analisten onderaan deze pagina.",
        "reading_imports_none": "Daarvoor hebben de imports ({imports}) geen record apart gezet; "
        "alles wat ze telden, ook wat is weggelaten, staat in de tabellen voor analisten onderaan "
        "deze pagina.",
        "reading_default_time": "{events} {events|gebeurtenis|gebeurtenissen} "
        "{events|had|hadden} geen tijdstip en {events|kreeg|kregen} het ene tijdstip dat de "
        "import zulke gebeurtenissen geeft: die gegevens hebben geen datums.",
        "imports_set_aside": "Records die de imports apart zetten (reden in hun afkeurbestanden)",
        "imports_title": "Wat de imports lazen, apart zetten en weglieten",
        "back_to_summary": "← Overzicht van alle bedrijfsonderdelen",
        "warning_mixed_secrets": "De imports {imports} zijn met verschillende geheimen "
        "gepseudonimiseerd, zodat dezelfde persoon er verschillende id's in heeft en hun "
        "gegevens niet te koppelen zijn: importeer ze opnieuw met één geheim.",
        "function": "Functie",
        "runner_up": "Tweede keus",
        "indicator": "Criterium",
        "value": "Waarde",
        "threshold": "Drempel",
        "met": "Gehaald",
        "fulfilment_score": "Score (50% = op de drempel)",
        "weight": "Gewicht",
        "why": "Waarom het telt",
        "risk": "Het grootste risico, uit de eigen cijfers van dit onderdeel",
        "next_steps": "Volgende stappen",
        "say_do": "Wat mensen zeggen en wat ze doen",
        "trend": "Fase door de tijd",
        "trend_title": "Hoe de fase van elk bedrijfsonderdeel veranderde",
        "trend_axis": "Periode",
        "reading_trend": "Sinds de vorige periode: {up} {up|onderdeel ging|onderdelen gingen} "
        "vooruit, {down} {down|ging|gingen} terug.",
        "moved_up_from": "Vooruitgegaan: in {period} zat het nog in de {phase}.",
        "moved_back_from": "Teruggegaan: in {period} zat het nog in de {phase}.",
        "at_least_phase": "minstens {phase}",
        "reading_criteria_four": "Wat volledige integratie nog mist: {weakest}.",
        "reading_criteria_all_met": "Aan elk criterium van volledige integratie is voldaan.",
        "reading_trend_empty": "Nog maar één periode om te vergelijken: nog geen trend.",
        "reading_trend_none": "Geen perioden om te vergelijken, dus geen trend.",
        "reading_phase_map_none": "Nog geen bedrijfsonderdeel is in een fase in te delen.",
        "reading_trend_undated": "De gegevens hebben geen datums en tonen dus geen trend: "
        "importeer de activiteit met de tijdkolom om de fasen in de tijd te volgen.",
        "trend_unit_title": "Hoe de fase van {unit} veranderde",
        "trend_unit_one": "De fase van {unit}",
        "trend_one": "De fase van elk bedrijfsonderdeel",
        "reading_trend_unit_up": "{unit} ging vooruit sinds {previous}: van {old} naar {new}.",
        "reading_trend_unit_back": "{unit} ging terug sinds {previous}: van {old} naar {new}.",
        "reading_trend_unit_same": "{unit} staat waar het in {previous} stond: {new}.",
        "reading_trend_unit_few": "{unit} heeft een fase in {phased} van zijn {total} perioden: "
        "te weinig om al een trend te tonen.",
        "heatmap_title": "Interacties tussen afdelingen (top {n} naar volume)",
        "reading_heatmap": "Hoe donkerder een vak, hoe meer de twee afdelingen met elkaar omgaan.",
        "heatmap_scale": "interacties (logaritmische schaal)",
        "criteria_share_axis": "Deel van de drempel gehaald (balken stoppen bij 150%)",
        "threshold_met_line": "100%: drempel gehaald",
        "quality_axis": "Aandeel van de gelezen rijen",
        "quality_counts": "{read} gelezen: {kept} gebruikt, {rejected} apart gezet",
        "trend_dashed": "stip: de fase in die periode; stippellijn: teruggegaan",
        "trend_dot": "stip: de fase in die periode",
        "unit_prefixes": "Namen beginnen met",
        "network_links_between": "sterkste verbindingen tussen onderdelen",
        "network_hub": "zwarte rand: de drukste afdeling van het onderdeel, eronder genoemd",
        "network_hub_unit": "zwarte rand: de drukste afdeling van het onderdeel",
        "network_hub_name": "drukste: {name}",
        "network_merged": "gestreepte rand: kleine afdelingen samengevoegd voor privacy",
        "connections_title": "Hoe de afdelingen van elk bedrijfsonderdeel samenwerken",
        "connections_cs": "met de klantenservice (% van de andere afdelingen van het onderdeel)",
        "connections_within": "met elkaar (% van de afdelingsparen in het onderdeel)",
        "connections_between": "met andere onderdelen (% van de interacties tussen afdelingen "
        "van het onderdeel)",
        "connections_none": "– : het onderdeel heeft geen klantenservice of maar één afdeling",
        "reading_criteria_unclassified": "Zonder fase is er geen volgende fase waarvan de "
        "criteria het onderdeel tegenhouden (waarom: zie de eerste zin van deze pagina).",
        "reading_criteria_unmeasured": "Er is te weinig gemeten om te zeggen welke criteria van de "
        "volgende fase het onderdeel tegenhouden (waarom: zie het voorlopige oordeel hierboven).",
        "reading_connections_same": "Geen onderdeel blijft hier achter bij de andere: hun "
        "afdelingen zijn gelijk verbonden.",
        "reading_connections_few": "Te weinig onderdelen tonen twee of meer afdelingen om te "
        "vergelijken hoe hun afdelingen verbonden zijn.",
        "reading_connections_one": "Alleen {unit} toont twee of meer afdelingen, dus er is geen "
        "ander onderdeel om mee te vergelijken: bij {share} van de afdelingsparen is er contact.",
        "reading_connections_cs": "De klantenservice is het minst verbonden in {unit}: {share} "
        "van de andere afdelingen heeft er contact mee.",
        "reading_connections_pairs": "De afdelingen van {unit} werken het minst samen: bij "
        "{share} van de afdelingsparen is er contact.",
        "units_edges_title": "Interacties tussen bedrijfsonderdelen",
        "brokers_title": "Afdelingen die anderen verbinden (makelaars)",
        "channels_title": "Reactie op klanten per kanaal",
        "answers_title": "Wie klanten antwoordt",
        "run_date": "Datum van de run",
        "dataset": "Dataset",
        "rows_read": "Rijen gelezen",
        "rows_rejected": "Rijen apart gezet (met reden in analysis/rejects)",
        "privacy_minimum": "Privacy: kleinste getoonde groep",
        "reports": "Rapporten geschreven",
        "summary_title": "Sociale media: waar elk bedrijfsonderdeel staat",
        "summary_period": "Oordelen over {period}",
        "summary_period_undated": "Oordelen over de gegevens als geheel (ze hebben geen datums)",
        "no_dates": "gegevens zonder datums",
        "summary_units": "Alle onderdelen, wie de meeste aandacht nodig heeft eerst",
        "summary_rank": "#",
        "summary_since": "Sinds {period}",
        "summary_change": "Verandering",
        "summary_sure": "Hoe zeker",
        "summary_matters": "Grootste risico en eerste stap",
        "summary_first_step": "Eerste stap:",
        "summary_actions": "De eerste acties voor de organisatie (hoogstens drie)",
        "summary_serves": "voor {units}",
        "summary_pdf_header": "{title} · {period}",
        "summary_rules": "Hoe deze samenvatting tot stand komt",
        "summary_rule_change": "Een verandering telt als de fase verschilt van die van de vorige "
        "periode en beide oordelen stevig zijn: niet voorlopig, niet 'minstens', niet alleen uit "
        "de enquête, en met een zekerheid van {firm} of meer. Anders is het 'niet duidelijk'.",
        "summary_rule_sure": "Hoe zeker: hoog vanaf {high}, redelijk vanaf {moderate}, "
        "daaronder laag; de zekerheid is het deel van het bewijs dat de fase steunt, verlaagd "
        "waar gegevens ontbreken.",
        "summary_rule_order": "Volgorde: onderdelen die terugzakten eerst; dan op fase, de "
        "laagste eerst; binnen een fase eerst de onderdelen waar zeggen en doen verschillen, "
        "dan de minst zekere; onderdelen zonder oordeel en onderdelen die te klein zijn om te "
        "rapporteren als laatste.",
        "summary_rule_actions": "Acties: de volgende stappen van elk onderdeel wegen 1, 1/2 en "
        "1/3 in hun volgorde; de drie zwaarste over alle onderdelen staan er, met de "
        "onderdelen waarvoor ze gelden.",
        "phase_colours": "Kleuren staan alleen voor fasen:",
        "single_file_link": "Het hele rapport in één bestand, om door te sturen of te printen",
        "org_reports": "Rapporten over de organisatie",
        "failed": "rapport mislukt",
        "kept": "gebruikt",
        "set_aside": "apart gezet",
        "org_measures": "De organisatie op het niveau van bedrijfsonderdelen",
        "appendix_summary": "Voor analisten",
        "unit_measures_title": "Kerncijfers per bedrijfsonderdeel",
        "channels_units_title": "Reactie op klanten per bedrijfsonderdeel en kanaal",
        "validation_title": "Rijen gelezen, gebruikt en apart gezet per bestand",
        "phase_map_title_period": "Fase van elk bedrijfsonderdeel nu ({period})",
        "reading_phase_map_all_two": "Elk ingedeeld bedrijfsonderdeel ({total}) zit in de "
        "centralisatiefase: geen zit nog in de pilotfase, geen al in de coördinatiefase.",
        "reading_phase_map_all_two_open": "Elk ingedeeld bedrijfsonderdeel ({total}) zit "
        "minstens in de centralisatiefase: geen zit nog in de pilotfase.",
        "reading_phase_map_at_least": "Bij {count} daarvan kunnen de gegevens niet zeggen of "
        "{count|het|ze} verder {count|is|zijn} (“minstens”).",
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
        "no_verdicts": "geen periode met activiteit om te lezen",
        "window": "Tabellen beslaan",
        "data_span": "Gegevens lopen over",
        "run": "Uitvoering",
        "evidence_kind": "Bewijs",
        "behaviour": "wat mensen doen",
        "survey": "wat mensen zeggen",
        "role": "Rol",
        "decisive": "vereist",
        "supporting": "ondersteunend",
        "legend_confidence": "grootte van de stip en %: hoe zeker het oordeel is",
        "legend_confidence_withheld": " (een woord waar privacy het getal afschermt)",
        "legend_provisional": "open cirkel: voorlopig oordeel",
        "legend_range": "balk: fasen die het bewijs niet kan onderscheiden, of tussen twee fasen",
        "yes": "ja",
        "no": "nee",
        "all_units": "(hele organisatie)",
        "small_groups": "overig (kleine groepen)",
        "small_groups_in": "overig in {unit} (kleine groepen)",
        "reason_suppressed": "minder dan {minimum} {minimum|persoon|personen}, dus de cijfers "
        "worden afgeschermd",
        "reason_too_little": "te weinig gegevens: {events} {events|gebeurtenis|gebeurtenissen} van "
        "medewerkers (minder dan {min_events}) en {respondents} "
        "{respondents|respondent|respondenten} op de enquête (minder dan {minimum})",
    },
}


#: Names of columns, measures and criteria as tables and figures show them. A name not
#: here is shown with spaces for underscores.
NAMES: dict[str, dict[str, str]] = {
    "en": {
        # departments, units and edges
        "department": "department",
        "business_unit": "business unit",
        "function": "function",
        "customer_facing": "customer facing",
        "headcount": "headcount",
        "active_employees": "active employees",
        "events": "events",
        "events_internal": "events internal",
        "events_external": "events external",
        "takes_part": "takes part",
        "strength": "strength",
        "cross_department_interactions": "cross department interactions",
        "within_ties": "within ties",
        "cross_department_share": "share with other departments",
        "ei_index": "E-I index",
        "betweenness": "betweenness",
        "constraint": "constraint",
        "effective_size": "effective size",
        "connectors": "connectors",
        "connector_share": "connector share",
        "partners_median": "partners (median)",
        "answers_given": "answers given",
        "answer_minutes_median": "answer time in minutes (median)",
        "answer_minutes_p90": "answer time in minutes (90th percentile)",
        "answer_hours_median": "answer time in hours (median)",
        "answer_hours_p90": "answer time in hours (90th percentile)",
        "answers_within_1h_share": "answers within 1 hour",
        "answers_customers": "answers customers",
        "suppressed": "suppressed",
        "source": "source",
        "target": "target",
        "weight": "weight",
        # validation
        "file": "file",
        "path": "path",
        "rows_read": "rows read",
        "rows_kept": "rows kept",
        "rows_rejected": "rows rejected",
        "blank_rows": "blank rows",
        "warnings": "warnings",
        "activity": "activity",
        "survey": "survey",
        "department_ties": "department ties",
        # privacy
        "departments": "departments",
        "departments_merged": "departments merged",
        "merged_into": "merged into",
        "department_pairs": "department pairs",
        "pairs_merged": "pairs merged",
        "interactions": "interactions",
        "interactions_merged": "interactions merged",
        "interactions_hidden": "interactions hidden",
        "links_with_hidden_groups": "links with hidden groups",
        "most_departments_merged": "most departments merged",
        # imports
        "import": "import",
        "measure": "measure",
        "count": "count",
        "value": "value",
        "records_set_aside": "records set aside",
        "nodes": "nodes",
        "nodes_rejected": "nodes rejected",
        "edge_rows": "edge rows",
        "edge_rows_rejected": "edge rows rejected",
        "edge_rows_without_tie": "edge rows without tie",
        "self_loops_dropped": "self loops dropped",
        "undirected_rows": "undirected rows",
        "undirected_ties": "undirected ties",
        "events_at_default_time": "events at the default time (no time in the file)",
        "files_read_as_windows_1252": "files read as Windows-1252 (not UTF-8)",
        "departments_already_there": "departments already there (not added twice)",
        "employees_already_there": "employees already there (not added twice)",
        "activity_already_there": "events already there (not added twice)",
        "channels": "channels",
        "roster_rows": "roster rows",
        "roster_rows_rejected": "roster rows rejected",
        "employees": "employees",
        "business_units": "business units",
        "responses": "responses",
        "responses_rejected": "responses rejected",
        "identified": "identified",
        "anonymous": "anonymous",
        "items": "items",
        "rows": "rows",
        "rows_with_pseudo_groups": "rows with pseudo groups",
        "rows_within_a_group": "rows within a group",
        "ties": "ties",
        "placeholder_employees": "placeholder employees",
        "messages": "messages",
        "system_skipped": "system skipped",
        "bot_skipped": "bot skipped",
        "rejected": "rejected",
        "files_rejected": "files rejected",
        "posts": "posts",
        "replies": "replies",
        "direct_messages": "direct messages",
        "mentions": "mentions",
        "mentions_of_bots": "mentions of bots",
        "mentions_outside_roster": "mentions outside roster",
        # customer response
        "channel": "channel",
        "inquiries": "inquiries",
        "answered": "answered",
        "response_rate": "share answered",
        "response_minutes_median": "response time in minutes (median)",
        "response_minutes_p90": "response time in minutes (90th percentile)",
        "response_hours_median": "response time in hours (median)",
        "response_hours_p90": "response time in hours (90th percentile)",
        "unanswered_after_24h": "unanswered after 24 hours",
        # trend
        "period": "period",
        "phase": "phase",
        "phase_name": "phase name",
        "confidence": "confidence",
        "at_least": "at least",
        "phase_max": "phase max",
        "basis": "basis",
        "provisional": "provisional",
        "between": "between",
        "phase_survey": "phase survey",
        "phase_behaviour": "phase behaviour",
        "survey_wave": "survey wave",
        "employee_events": "employee events",
        "change": "change",
        "moved_back": "moved back",
        # the organisation at business-unit level
        "unit_density": "density between units",
        "unit_degree_centralisation": "centralisation between units",
        "unit_components": "separate parts of the network of units",
        "unit_bridges": "bridges between units",
        "unit_local_bridges": "local bridges between units",
        "ei_index_units": "E-I index of the units",
        "cross_unit_tie_share": "share of ties between units",
        "modularity_units": "modularity of the units",
        "louvain_department_communities": "communities of departments (Louvain)",
        "louvain_unit_nmi": "match of communities with units (NMI)",
        "phases_classified": "units classified",
        # criteria
        "control_share": "share held by the leading department",
        "lead_department_active_employees": "people active in the leading department",
        "lead_department_active_share": "share active in the leading department",
        "lead_department_is_marcom": "leading department is marketing or communications",
        "ownership_mean": "average ownership",
        "departments_active_share": "share of departments active",
        "customer_facing_active_share": "share active in customer-facing departments",
        "active_share": "share of employees active",
        "departments_connected_share": "share of departments connected",
        "answered_within_24h_share": "share answered within 24 hours",
        "answered_within_1h_share": "share answered within 1 hour",
        "policy_agree_share": "policy: share agreeing",
        "best_practices_agree_share": "good practices shared: share agreeing",
        "customer_service_involved_agree_share": "customer service involved: share agreeing",
        "internal_active_share": "share active internally",
        "external_active_share": "share active externally",
        "external_interaction_share": "external activity: share in conversation",
        "department_density": "density between departments",
        "strategy_agree_share": "in the strategy: share agreeing",
        "autonomy_agree_share": "autonomy: share agreeing",
        "open_culture_agree_share": "open culture: share agreeing",
        "realtime_response_agree_share": "answer within the hour: share agreeing",
        "use_internal_weekly_share": "internal use: share weekly",
        "use_external_weekly_share": "external use: share weekly",
    },
    "nl": {
        "department": "afdeling",
        "business_unit": "bedrijfsonderdeel",
        "function": "functie",
        "customer_facing": "klantgericht",
        "headcount": "aantal medewerkers",
        "active_employees": "actieve medewerkers",
        "events": "gebeurtenissen",
        "events_internal": "gebeurtenissen intern",
        "events_external": "gebeurtenissen extern",
        "takes_part": "doet mee",
        "strength": "sterkte",
        "cross_department_interactions": "interacties met andere afdelingen",
        "within_ties": "banden binnen de afdeling",
        "cross_department_share": "aandeel met andere afdelingen",
        "ei_index": "E-I-index",
        "betweenness": "tussenpositie",
        "constraint": "beperking",
        "effective_size": "effectieve omvang",
        "connectors": "verbinders",
        "connector_share": "aandeel verbinders",
        "partners_median": "partners (mediaan)",
        "answers_given": "gegeven antwoorden",
        "answer_minutes_median": "antwoordtijd in minuten (mediaan)",
        "answer_minutes_p90": "antwoordtijd in minuten (90e percentiel)",
        "answer_hours_median": "antwoordtijd in uren (mediaan)",
        "answer_hours_p90": "antwoordtijd in uren (90e percentiel)",
        "answers_within_1h_share": "aandeel antwoorden binnen 1 uur",
        "answers_customers": "antwoordt klanten",
        "suppressed": "verborgen",
        "source": "tussen",
        "target": "en",
        "weight": "interacties",
        "file": "bestand",
        "path": "pad",
        "rows_read": "rijen gelezen",
        "rows_kept": "rijen gebruikt",
        "rows_rejected": "rijen apart gezet",
        "blank_rows": "lege rijen",
        "warnings": "waarschuwingen",
        "activity": "activiteit",
        "survey": "enquête",
        "department_ties": "banden tussen afdelingen",
        "departments": "afdelingen",
        "departments_merged": "afdelingen samengevoegd",
        "merged_into": "samengevoegd als",
        "department_pairs": "afdelingsparen",
        "pairs_merged": "paren met een samengevoegde afdeling",
        "interactions": "interacties",
        "interactions_merged": "interacties met een samengevoegde afdeling",
        "interactions_hidden": "interacties verborgen",
        "links_with_hidden_groups": "verbindingen met verborgen groepen",
        "most_departments_merged": "meeste afdelingen samengevoegd",
        "import": "import",
        "measure": "maat",
        "count": "aantal",
        "value": "waarde",
        "records_set_aside": "records apart gezet",
        "nodes": "knooppunten",
        "nodes_rejected": "knooppunten apart gezet",
        "edge_rows": "rijen met verbindingen",
        "edge_rows_rejected": "rijen met verbindingen apart gezet",
        "edge_rows_without_tie": "rijen met verbindingen zonder band",
        "self_loops_dropped": "verbindingen met zichzelf weggelaten",
        "undirected_rows": "ongerichte rijen",
        "undirected_ties": "ongerichte banden",
        "events_at_default_time": "gebeurtenissen op het standaardtijdstip (geen tijd in het "
        "bestand)",
        "files_read_as_windows_1252": "bestanden gelezen als Windows-1252 (geen UTF-8)",
        "departments_already_there": "afdelingen die er al waren (niet dubbel toegevoegd)",
        "employees_already_there": "medewerkers die er al waren (niet dubbel toegevoegd)",
        "activity_already_there": "gebeurtenissen die er al waren (niet dubbel toegevoegd)",
        "channels": "kanalen",
        "roster_rows": "rijen in het personeelsbestand",
        "roster_rows_rejected": "rijen in het personeelsbestand apart gezet",
        "employees": "medewerkers",
        "business_units": "bedrijfsonderdelen",
        "responses": "antwoorden op de enquête",
        "responses_rejected": "antwoorden op de enquête apart gezet",
        "identified": "met respondentnummer",
        "anonymous": "anoniem",
        "items": "vragen",
        "rows": "rijen",
        "rows_with_pseudo_groups": "rijen met pseudogroepen",
        "rows_within_a_group": "rijen binnen één groep",
        "ties": "banden",
        "placeholder_employees": "plaatsvervangende medewerkers",
        "messages": "berichten",
        "system_skipped": "systeemberichten overgeslagen",
        "bot_skipped": "botberichten overgeslagen",
        "rejected": "apart gezet",
        "files_rejected": "bestanden apart gezet",
        "posts": "nieuwe berichten",
        "replies": "reacties",
        "direct_messages": "privéberichten",
        "mentions": "vermeldingen",
        "mentions_of_bots": "vermeldingen van bots",
        "mentions_outside_roster": "vermeldingen buiten het personeelsbestand",
        "channel": "kanaal",
        "inquiries": "klantvragen",
        "answered": "beantwoord",
        "response_rate": "aandeel beantwoord",
        "response_minutes_median": "reactietijd in minuten (mediaan)",
        "response_minutes_p90": "reactietijd in minuten (90e percentiel)",
        "response_hours_median": "reactietijd in uren (mediaan)",
        "response_hours_p90": "reactietijd in uren (90e percentiel)",
        "unanswered_after_24h": "na 24 uur onbeantwoord",
        "period": "periode",
        "phase": "fase",
        "phase_name": "fase",
        "confidence": "zekerheid",
        "at_least": "minstens",
        "phase_max": "hoogste fase",
        "basis": "basis",
        "provisional": "voorlopig",
        "between": "tussen fasen",
        "phase_survey": "fase volgens de enquête",
        "phase_behaviour": "fase volgens het gedrag",
        "survey_wave": "enquêteronde",
        "employee_events": "gebeurtenissen van medewerkers",
        "change": "verandering",
        "moved_back": "teruggegaan",
        "unit_density": "dichtheid tussen onderdelen",
        "unit_degree_centralisation": "centralisatie tussen onderdelen",
        "unit_components": "losse delen van het netwerk van onderdelen",
        "unit_bridges": "bruggen tussen onderdelen",
        "unit_local_bridges": "lokale bruggen tussen onderdelen",
        "ei_index_units": "E-I-index van de onderdelen",
        "cross_unit_tie_share": "aandeel banden tussen onderdelen",
        "modularity_units": "modulariteit van de onderdelen",
        "louvain_department_communities": "gemeenschappen van afdelingen (Louvain)",
        "louvain_unit_nmi": "overeenkomst gemeenschappen met onderdelen (NMI)",
        "phases_classified": "ingedeelde onderdelen",
        "control_share": "aandeel van de leidende afdeling",
        "lead_department_active_employees": "actieve medewerkers in de leidende afdeling",
        "lead_department_active_share": "aandeel actief in de leidende afdeling",
        "lead_department_is_marcom": "leidende afdeling is marketing of communicatie",
        "ownership_mean": "gemiddeld eigenaarschap",
        "departments_active_share": "aandeel actieve afdelingen",
        "customer_facing_active_share": "aandeel actief in klantgerichte afdelingen",
        "active_share": "aandeel actieve medewerkers",
        "departments_connected_share": "aandeel verbonden afdelingen",
        "answered_within_24h_share": "aandeel binnen 24 uur beantwoord",
        "answered_within_1h_share": "aandeel binnen 1 uur beantwoord",
        "policy_agree_share": "beleid: aandeel eens",
        "best_practices_agree_share": "goede praktijken gedeeld: aandeel eens",
        "customer_service_involved_agree_share": "klantenservice betrokken: aandeel eens",
        "internal_active_share": "aandeel intern actief",
        "external_active_share": "aandeel extern actief",
        "external_interaction_share": "externe activiteit: aandeel in gesprek",
        "department_density": "dichtheid tussen afdelingen",
        "strategy_agree_share": "in de strategie: aandeel eens",
        "autonomy_agree_share": "autonomie: aandeel eens",
        "open_culture_agree_share": "open cultuur: aandeel eens",
        "realtime_response_agree_share": "antwoord binnen het uur: aandeel eens",
        "use_internal_weekly_share": "intern gebruik: aandeel wekelijks",
        "use_external_weekly_share": "extern gebruik: aandeel wekelijks",
    },
}

#: The contract's functions (departments file), as the network's legend names them.
FUNCTIONS: dict[str, dict[str, str]] = {
    "en": {
        "marketing": "marketing",
        "communications": "communications",
        "customer_service": "customer service",
        "sales": "sales",
        "hr": "HR",
        "it": "IT",
        "finance": "finance",
        "operations": "operations",
        "legal": "legal",
        "product": "product",
        "management": "management",
        "other": "other",
    },
    "nl": {
        "marketing": "marketing",
        "communications": "communicatie",
        "customer_service": "klantenservice",
        "sales": "verkoop",
        "hr": "HR",
        "it": "IT",
        "finance": "financiën",
        "operations": "bedrijfsvoering",
        "legal": "juridische zaken",
        "product": "product",
        "management": "directie",
        "other": "overig",
    },
}

#: Channels as sentences and tables name them (a channel not here is shown as it is: the
#: column is free text, and most social media are names).
CHANNELS: dict[str, dict[str, str]] = {
    "en": {
        "email": "email",
        "collaboration": "collaboration",
        "advice": "advice",
        "cowork": "co-work",
        "work": "work",
        "lunch": "lunch",
        "leisure": "leisure",
        "coauthor": "co-authorship",
        "friendship": "friendship",
        "meetings": "meetings",
        "meeting": "meetings",
        "calls": "calls",
        "chat": "chat",
        "viva_engage": "Viva Engage",
        "teams": "Teams",
        "other": "other",
    },
    "nl": {
        "email": "e-mail",
        "collaboration": "samenwerking",
        "advice": "advies",
        "cowork": "samenwerken",
        "work": "werk",
        "lunch": "lunch",
        "leisure": "vrije tijd",
        "coauthor": "co-auteurschap",
        "friendship": "vriendschap",
        "meetings": "vergaderingen",
        "meeting": "vergaderingen",
        "calls": "gesprekken",
        "chat": "chat",
        "viva_engage": "Viva Engage",
        "teams": "Teams",
        "other": "overig",
    },
}

#: Why each criterion of a phase matters (``(phase, indicator)``); the English is the
#: default settings' ``why`` (a test keeps them equal), so a text changed in a
#: ``--config`` file is shown as written.
WHY: dict[str, dict[tuple[int, str], str]] = {
    "en": {
        (2, "control_share"): "one department holds most of the unit's social activity, its "
        "external voice and its answers to customers",
        (2, "lead_department_active_employees"): "a team, at least three people, not one "
        "enthusiast",
        (2, "lead_department_active_share"): "the department as a whole has taken it on, not a "
        "few of its people on their own",
        (2, "lead_department_is_marcom"): "usually marketing or communications",
        (2, "ownership_mean"): "employees say a team, not individual enthusiasts, runs social "
        "media",
        (3, "departments_active_share"): "every department implements, not only the central team",
        (3, "customer_facing_active_share"): "customer-facing departments (customer service) join",
        (3, "active_share"): "dozens of employees, not a happy few",
        (3, "departments_connected_share"): "departments are connected with each other, not "
        "isolated",
        (3, "answered_within_24h_share"): "customers get an answer within a day",
        (3, "policy_agree_share"): "there is a social media policy that people know",
        (3, "best_practices_agree_share"): "departments share best practices",
        (3, "customer_service_involved_agree_share"): "customer service takes part",
        (3, "ownership_mean"): "employees say every department runs it under central guidance",
        (4, "active_share"): "social tools are part of everyone's work",
        (4, "internal_active_share"): "used internally, with colleagues",
        (4, "external_active_share"): "used externally, with customers and the public",
        (4, "answered_within_1h_share"): "customers get a real-time answer (within the hour)",
        (4, "external_interaction_share"): "interactive rather than sender-driven, replies and "
        "conversations rather than broadcasts",
        (4, "departments_active_share"): "carried out decentrally, in every department",
        (4, "customer_facing_active_share"): "customer-facing departments are at home online",
        (4, "department_density"): "a mesh, departments working directly with each other",
        (4, "strategy_agree_share"): "social media is part of the business strategy",
        (4, "autonomy_agree_share"): "employees answer customers without asking for approval",
        (4, "open_culture_agree_share"): "the culture is open and interactive",
        (4, "realtime_response_agree_share"): "employees say customers get an answer within the "
        "hour",
        (4, "use_internal_weekly_share"): "employees say they work with colleagues on social "
        "tools every week",
        (4, "use_external_weekly_share"): "employees say they work with customers on social "
        "media every week",
        (4, "ownership_mean"): "employees say everyone runs it as part of their work",
    },
    "nl": {
        (2, "control_share"): "één afdeling heeft het grootste deel van de sociale activiteit "
        "van het onderdeel in handen, ook de stem naar buiten en de antwoorden aan klanten",
        (2, "lead_department_active_employees"): "een team van minstens drie mensen, niet één "
        "enthousiasteling",
        (2, "lead_department_active_share"): "de afdeling als geheel heeft het opgepakt, niet "
        "alleen een paar van haar mensen op eigen houtje",
        (2, "lead_department_is_marcom"): "meestal marketing of communicatie",
        (2, "ownership_mean"): "medewerkers zeggen dat een team de sociale media runt, niet "
        "losse enthousiastelingen",
        (3, "departments_active_share"): "elke afdeling voert het uit, niet alleen het centrale "
        "team",
        (3, "customer_facing_active_share"): "afdelingen met klantcontact (klantenservice) doen "
        "mee",
        (3, "active_share"): "tientallen medewerkers, niet een select groepje",
        (3, "departments_connected_share"): "afdelingen zijn met elkaar verbonden, niet geïsoleerd",
        (3, "answered_within_24h_share"): "klanten krijgen binnen een dag antwoord",
        (3, "policy_agree_share"): "er is een socialemediabeleid dat mensen kennen",
        (3, "best_practices_agree_share"): "afdelingen delen wat goed werkt",
        (3, "customer_service_involved_agree_share"): "klantenservice doet mee",
        (3, "ownership_mean"): "medewerkers zeggen dat elke afdeling het runt onder centrale regie",
        (4, "active_share"): "sociale tools horen bij ieders werk",
        (4, "internal_active_share"): "intern gebruikt, met collega's",
        (4, "external_active_share"): "extern gebruikt, met klanten en het publiek",
        (4, "answered_within_1h_share"): "klanten krijgen direct antwoord (binnen het uur)",
        (4, "external_interaction_share"): "in gesprek in plaats van zenden: reacties en "
        "gesprekken in plaats van aankondigingen",
        (4, "departments_active_share"): "decentraal uitgevoerd, in elke afdeling",
        (4, "customer_facing_active_share"): "afdelingen met klantcontact zijn online thuis",
        (4, "department_density"): "een netwerk waarin afdelingen rechtstreeks met elkaar werken",
        (4, "strategy_agree_share"): "sociale media zijn deel van de bedrijfsstrategie",
        (4, "autonomy_agree_share"): "medewerkers antwoorden klanten zonder eerst toestemming "
        "te vragen",
        (4, "open_culture_agree_share"): "de cultuur is open en interactief",
        (4, "realtime_response_agree_share"): "medewerkers zeggen dat klanten binnen het uur "
        "antwoord krijgen",
        (4, "use_internal_weekly_share"): "medewerkers zeggen dat ze elke week via sociale "
        "tools met collega's werken",
        (4, "use_external_weekly_share"): "medewerkers zeggen dat ze elke week via sociale "
        "media met klanten werken",
        (4, "ownership_mean"): "medewerkers zeggen dat iedereen het runt als deel van het werk",
    },
}

_AGREEMENT = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def is_one(value: object) -> bool:
    """Whether a count, as a number or as the text a report writes, is exactly one.

    Examples
    --------
    >>> is_one(1), is_one("1"), is_one(1.0), is_one("1.000"), is_one(0), is_one("11")
    (True, True, True, False, False, False)
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return value == 1
    return str(value).strip() == "1"


def fill(template: str, **values: object) -> str:
    """``template`` with ``values`` filled in, each ``{count|one|more}`` agreeing with its
    count.

    Examples
    --------
    >>> fill("{n} {n|pair|pairs} {n|interacts|interact}", n=1)
    '1 pair interacts'
    >>> fill("{n} {n|paar|paren} {n|heeft|hebben} contact", n="2")
    '2 paren hebben contact'
    """
    agreed = _AGREEMENT.sub(
        lambda m: m.group(2) if is_one(values[m.group(1)]) else m.group(3), template
    )
    return agreed.format(**values)


def label(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``values`` filled in (:func:`fill`).

    Examples
    --------
    >>> label("unit_title", "nl", unit="Verzekeringen")
    'Bedrijfsonderdeel: Verzekeringen'
    >>> label("reading_trend", "nl", up=1, down=1)
    'Sinds de vorige periode: 1 onderdeel ging vooruit, 1 ging terug.'
    """
    return fill(LABELS[check_language(lang)][key], **values)


def name(key: object, lang: str = "en") -> str:
    """A column's, measure's or criterion's name in ``lang`` (one the catalogue does not know:
    with spaces for underscores).

    Examples
    --------
    >>> name("records_set_aside", "nl"), name("active_share"), name("my_column", "nl")
    ('records apart gezet', 'share of employees active', 'my column')
    """
    text = str(key)
    return NAMES[check_language(lang)].get(text, text.replace("_", " "))


def function_name(function: object, lang: str = "en") -> str:
    """A contract function in words (``customer_service``: "klantenservice" in Dutch)."""
    text = str(function)
    return FUNCTIONS[check_language(lang)].get(text, text.replace("_", " "))


def channel_name(channel: object, lang: str = "en") -> str:
    """A channel in words ("e-mail"); a channel the catalogue does not know, as it is."""
    text = str(channel)
    return CHANNELS[check_language(lang)].get(text.strip().lower(), text)


def why_text(phase: int, indicator: str, why: str, lang: str = "en") -> str:
    """Why a criterion matters, in ``lang``: the catalogue's words for the default text;
    a text a settings file changed is shown as written."""
    if why == WHY["en"].get((int(phase), indicator)):
        return WHY[check_language(lang)][(int(phase), indicator)]
    return why


def group_name(node: object, lang: str = "en") -> str:
    """A node privacy made of small groups in words ("overig in Sales (kleine groepen)");
    any other name as it is."""
    text = str(node)
    if text == SMALL_GROUPS:
        return label("small_groups", lang)
    unit = group_unit(text)
    return text if unit == SMALL_GROUPS else label("small_groups_in", lang, unit=unit)


def group_names(names: object, lang: str = "en") -> str:
    """:func:`group_name` of each of a comma-separated list of nodes (``merged_into``)."""
    return ", ".join(group_name(node, lang) for node in str(names).split(", "))


MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
}
_RANGE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.\.(\d{4})-(\d{2})-(\d{2})$")


def period_words(period: object, lang: str = "en") -> str:
    """A period as a reader writes it: a date range in words, anything else (a quarter,
    a month, a year) as it is.

    Examples
    --------
    >>> period_words("2026-04-01..2026-10-05"), period_words("2026-04-01..2026-10-05", "nl")
    ('1 Apr – 5 Oct 2026', '1 apr – 5 okt 2026')
    >>> period_words("2025-12-01..2026-01-31"), period_words("1990-01-01..1990-01-01")
    ('1 Dec 2025 – 31 Jan 2026', '1 Jan 1990')
    >>> period_words("2026-Q3")
    '2026-Q3'
    """
    text = "" if period is None else str(period)
    found = _RANGE.match(text)
    if not found:
        return text
    months = MONTHS[check_language(lang)]
    y1, m1, d1, y2, m2, d2 = (int(part) for part in found.groups())
    end = f"{d2} {months[m2 - 1]} {y2}"
    if (y1, m1, d1) == (y2, m2, d2):
        return end
    start = f"{d1} {months[m1 - 1]}" + ("" if y1 == y2 else f" {y1}")
    return f"{start} – {end}"


def phase_name(phase: int | None, lang: str = "en") -> str:
    """The phase's name in ``lang`` (``"not classified"`` for no phase)."""
    if phase is None or phase != phase:  # NaN / NA
        return label("not_classified", lang)
    return PHASE_NAMES[check_language(lang)][int(phase)]


def phase_in_sentence(phase: int, lang: str = "en") -> str:
    """A phase's name inside a sentence: lower case, with the article Dutch needs.

    Examples
    --------
    >>> phase_in_sentence(2), phase_in_sentence(3, "nl"), phase_in_sentence(4, "nl")
    ('centralisation', 'de coördinatiefase', 'volledige integratie')
    """
    shown = phase_name(int(phase), lang).lower()
    return f"de {shown}" if lang == "nl" and shown.endswith("fase") else shown


def shown_period(period: object, note: object, lang: str = "en") -> str:
    """The period a verdict is for, as a reader sees it: "data without dates" where its
    ``period_note`` (or the ``headline_note``) says the data carry none.

    Examples
    --------
    >>> shown_period("2026-Q3", ""), shown_period("1990-Q1", "undated:1990-01-01", "nl")
    ('2026-Q3', 'gegevens zonder datums')
    """
    if undated(note):
        return label("no_dates", lang)
    return period if isinstance(period, str) else ""


def spoken_period(meta: dict, key: str, lang: str = "en") -> str:
    """The span ``meta[key]`` of a run's ``meta`` (``window``, ``data_span``) in words, or
    that the data carry no dates (its ``headline_note``)."""
    return period_words(shown_period(meta.get(key, ""), meta.get("headline_note"), lang), lang)


def any_undated(units: pd.DataFrame) -> bool:
    """Whether a verdict of ``units`` is for data without dates (its ``period_note``)."""
    return bool(units.get("period_note", pd.Series(dtype=object)).map(undated).any())


def with_period(title: str, period: str) -> str:
    """A title naming the period it covers (none without one).

    Examples
    --------
    >>> with_period("Business unit: Retail", "2026-Q3"), with_period("Trend", "")
    ('Business unit: Retail (2026-Q3)', 'Trend')
    """
    return f"{title} ({period})" if period else title
