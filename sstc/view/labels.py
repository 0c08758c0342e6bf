"""Words for column names: tables on screen read "Practices moved online", CSVs keep `practices_moved_online`.

CSV headers stay stable snake_case (listed in README.md) so scripts that read them do not break.
"""

from sstc.data import i18n


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "1 practice", "2 practices", "0 countries": the one helper for a count and its noun ("(s)" read as a draft)."""
    return f"{i18n.number(n)} {i18n.ngettext(one, many or one + 's', n)}"


def agrees(n: int, one: str, many: str) -> str:
    """The verb that agrees with a count: "1 record names", "2 records name"."""
    return i18n.ngettext(one, many, n)


HEADERS: dict[str, str] = {
    "iso3": "ISO code",
    "how": "Names the country, or may reach it",
    "countries_named": "Countries named (participants and peers)",
    "id": "ID",
    "kind": "Kind",
    "covid_moved_online": "Moved online (COVID-19)",
    "covid_note": "COVID-19 note",
    "covid_quote": "COVID-19: the words that say so",
    "covid_source": "COVID-19: source of the words",
    "date_inferred": "Date inferred",
    "basis": "Basis",
    "practices_moved_online": "Practices moved online",
    "record_titles": "Records naming it",
    "records": "Records",
    "ambiguous_records": "Ambiguous matches",
    "global_records_reaching": "Global records reaching it",
    "regional_records": "Regional records",
    "source_kind": "Kind of source",
    "source_id": "Source ID",
    "source_count": "Number of sources",
    "funding_sources": "Funding sources",
    "inherited_only": "Named only through a linked practice",
    "stated_shares": "Stated shares",
    "as_stated": "As stated",
    "modality_label": "Modality",
    "modality": "Modality ID",
    "theme": "Theme ID",
    "outcome_name": "Outcome name",
    "theme_label": "Theme",
    "project_id": "Project",
    "short_name": "Short name",
    "via_group": "Through group",
    "named_by": "Named by",
    "ambiguous_matches": "Has ambiguous matches",
    "brochure_alone": "Brochure alone",
    "in_dataset": "In the dataset",
    "stated_source": "Stated in",
    "from_compendium": "From the compendium",
    "quote": "The words that say so",
    "inference": "Inference (no sentence says it)",
    "bar_start": "From",
    "bar_end": "To",
    "when": "When",
    "contact_role": "Role",
    "link_title": "Link",
    "url": "Address",
    "sdg": "SDG",
    "delivered_online_as": "Delivered online as",
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
        return HEADERS[column]
    if column.endswith("_reason"):
        return f"{header(column.removesuffix('_reason'))}: reason"
    words = column.replace("_", " ").strip()
    return words[:1].upper() + words[1:]
