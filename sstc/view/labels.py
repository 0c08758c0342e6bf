"""Words for column names: tables on screen read "Practices moved online", CSVs keep `practices_moved_online`.

CSV headers stay stable snake_case (listed in README.md) so scripts that read them do not break.
"""

from sstc.data import i18n, vocab
from sstc.data.i18n import N_, _


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "1 practice", "2 practices", "0 countries": the one helper for a count and its noun ("(s)" read as a draft)."""
    return f"{i18n.number(n)} {i18n.ngettext(one, many or one + 's', n)}"


def agrees(n: int, one: str, many: str) -> str:
    """The verb that agrees with a count: "1 record names", "2 records name"."""
    return i18n.ngettext(one, many, n)


HEADERS: dict[str, str] = {
    "iso3": N_("ISO code"),
    "how": N_("Names the country, or may reach it"),
    "countries_named": N_("Countries named (participants and peers)"),
    "id": N_("ID"),
    "kind": N_("Kind"),
    "covid_moved_online": N_("Moved online (COVID-19)"),
    "covid_note": N_("COVID-19 note"),
    "covid_quote": N_("COVID-19: the words that say so"),
    "covid_source": N_("COVID-19: source of the words"),
    "date_inferred": N_("Date inferred"),
    "basis": N_("Basis"),
    "practices_moved_online": N_("Practices moved online"),
    "record_titles": N_("Records naming it"),
    "records": N_("Records"),
    "ambiguous_records": N_("Ambiguous matches"),
    "global_records_reaching": N_("Global records reaching it"),
    "regional_records": N_("Regional records"),
    "source_kind": N_("Kind of source"),
    "source_id": N_("Source ID"),
    "source_count": N_("Number of sources"),
    "funding_sources": N_("Funding sources"),
    "inherited_only": N_("Named only through a linked practice"),
    "stated_shares": N_("Stated shares"),
    "as_stated": N_("As stated"),
    "modality_label": N_("Modality"),
    "modality": N_("Modality ID"),
    "theme": N_("Theme ID"),
    "outcome_name": N_("Outcome name"),
    "theme_label": N_("Theme"),
    "project_id": N_("Project"),
    "short_name": N_("Short name"),
    "via_group": N_("Through group"),
    "named_by": N_("Named by"),
    "ambiguous_matches": N_("Has ambiguous matches"),
    "brochure_alone": N_("Brochure alone"),
    "in_dataset": N_("In the dataset"),
    "stated_source": N_("Stated in"),
    "from_compendium": N_("From the compendium"),
    "quote": N_("The words that say so"),
    "inference": N_("Inference (no sentence says it)"),
    "bar_start": N_("From"),
    "bar_end": N_("To"),
    "when": N_("When"),
    "contact_role": N_("Role"),
    "link_title": N_("Link"),
    "url": N_("Address"),
    "sdg": N_("SDG"),
    "delivered_online_as": N_("Delivered online as"),
    # Columns whose words are their own name, listed so that they are translated too.
    "ambiguity": N_("Ambiguity"),
    "ambiguous": N_("Ambiguous"),
    "country": N_("Country"),
    "countries": N_("Countries"),
    "delivery": N_("Delivery"),
    "description": N_("Description"),
    "difference": N_("Difference"),
    "evidence": N_("Evidence"),
    "item": N_("Item"),
    "judged": N_("Judged"),
    "label": N_("Label"),
    "left": N_("Left"),
    "right": N_("Right"),
    "meaning": N_("Meaning"),
    "measure": N_("Measure"),
    "name": N_("Name"),
    "named": N_("Named"),
    "number": N_("Number"),
    "outcome": N_("Outcome"),
    "planned": N_("Planned"),
    "practices": N_("Practices"),
    "precision": N_("Precision"),
    "projects": N_("Projects"),
    "rank": N_("Rank"),
    "record": N_("Record"),
    "region": N_("Region"),
    "roles": N_("Roles"),
    "role": N_("Role"),
    "share": N_("Share"),
    "source": N_("Source"),
    "state": N_("State"),
    "status": N_("Status"),
    "themes": N_("Themes"),
    "title": N_("Title"),
    "total": N_("Total"),
    "unit": N_("Unit"),
    "why": N_("Why"),
    "reason": N_("Reason"),
    "note": N_("Note"),
    "detail": N_("Detail"),
    "field": N_("Field"),
    "value": N_("Value"),
    "group": N_("Group"),
    "criterion": N_("Criterion"),
    "strength": N_("Strength"),
    "points": N_("Points"),
    "candidate": N_("Candidate"),
    "priority": N_("Priority"),
    "lead": N_("Lead"),
    "target": N_("Target"),
    "targets": N_("Targets"),
    "year": N_("Year"),
    "order": N_("Order"),
    "objective": N_("Objective"),
    "cooperation": N_("Cooperation"),
    "effectiveness": N_("Effectiveness"),
    "innovation": N_("Innovation"),
    "sustainability": N_("Sustainability"),
    "adaptability": N_("Adaptability"),
    "results": N_("Results"),
    "code": N_("Code"),
    "before": N_("Before"),
    "items": N_("Items"),
    "groups": N_("Groups"),
    "funding": N_("Funding"),
    "contacts": N_("Contacts"),
    "candidates": N_("Candidates"),
    "match": N_("Match"),
    "matched_in": N_("Matched in"),
    "fit": N_("Fit"),
    "fit_reasons": N_("Fit reasons"),
    "score": N_("Score"),
    "reasoning": N_("Reasoning"),
    "mention": N_("Mention"),
}


def headers(columns: list[str]) -> list[str]:
    """Words for a table's columns, each unique (a grid refuses two columns of one name)."""
    out: list[str] = []
    for column in columns:
        word = header(column)
        out.append(word if word not in out else f"{word} ({column})")
    return out


def header(column: str) -> str:
    """`practices_moved_online` -> `Practices moved online`; known abbreviations and terms from HEADERS."""
    if column in HEADERS:
        return _(HEADERS[column])
    if column.endswith("_reason"):
        # TRANSLATORS: a column's header: the reason for the judgement in column {header}.
        return _("{header}: reason").format(header=header(column.removesuffix("_reason")))
    words = column.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


# A role (a key in the data) as the heading of its list of countries: translated at use.
ROLE_HEADINGS: dict[str, str] = {"participant": N_("Participants"), "peer": N_("Peers"), "candidate": N_("Candidates")}


def role_words(roles: str) -> str:
    """`participant, peer` (roles as transforms join them) in the language's words."""
    words = vocab.ROLE_WORDS
    return ", ".join(_(words[r]) if r in words else r for r in str(roles).split(", "))


def criterion_word(criterion: str) -> str:
    """A criterion's name (`objective`) in the language's words; any other text as it is."""
    return _(vocab.CRITERION_WORDS[criterion]) if criterion in vocab.CRITERION_WORDS else criterion


def capitalized(text: str) -> str:
    """The first letter up, as str.capitalize() but leaving the rest as written (translations keep their case)."""
    return text[:1].upper() + text[1:]
