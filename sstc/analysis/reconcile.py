"""Stated figures beside what the data adds up to, with the reason for any gap: never hide a disagreement."""

import pandas as pd

from sstc.analysis import figures
from sstc.data import vocab
from sstc.data.i18n import _, ngettext, pgettext
from sstc.data.schema import Dataset
from sstc.data.tables import Tables

COLUMNS = [
    "figure", "stated", "stated_as", "stated_source", "brochure_alone", "in_dataset", "difference", "explanation",
]  # fmt: skip
COUNTED = "counted, not stated"  # a qualifier that says no sentence gives the figure: the sources number it


def reconciliation(dataset: Dataset, tables: Tables) -> pd.DataFrame:
    """Each stated figure beside what the brochure alone names and what the whole dataset adds up to."""
    stated = {f.key: f for f in dataset.meta.stated_figures}
    records, countries = tables.records, tables.countries
    projects = records[records["kind"] == "project"]
    named = projects[~projects["from_compendium"].astype(bool)]
    completed = projects[projects["from_compendium"].astype(bool)]
    unlinked = records[(records["kind"] == "practice") & records["project_id"].isna()]
    direct = countries[countries["via_group"].isna() & countries["role"].isin(["participant", "peer"])]
    brochure_named = direct[direct["key"].isin(named["key"])]["iso3"].nunique()
    # the Overview's tile and Compare count these the same way (one function each, `figures`)
    dataset_named = figures.countries_named(tables)
    with_members = figures.countries_with_members(tables)
    any_role = figures.countries_any_role(tables)
    groups_kept = tables.groups[~tables.groups["expanded"].astype(bool)]["group_name"].nunique()
    rows: list[dict] = []

    def add(key: str, label: str, brochure: int | None, value: int, explanation: str) -> None:
        figure = stated.get(key)
        rows.append(
            {
                "figure": label,
                "stated": figure.value if figure else None,
                # "stated" where a sentence gives it; "counted" where the sources only number the items
                "stated_as": (
                    ("counted" if (figure.qualifier or "").startswith(COUNTED) else "stated") if figure else None
                ),
                "stated_source": figure.source if figure else None,
                "brochure_alone": brochure,
                "in_dataset": value,
                "difference": (value - figure.value) if figure else None,
                "explanation": (
                    _("The sources' figure: {value} {qualifier}. ").format(
                        value=figure.value, qualifier=figure.qualifier
                    )
                    if figure and figure.qualifier
                    else ""
                )
                + explanation,
            }
        )

    add(
        "projects",
        _("Projects"),
        len(named),
        len(projects),
        _(
            "The brochure names {named} projects; {more} more come from compendium practices that match no brochure "
            "project ({ids})."
        ).format(
            named=len(named), more=len(completed), ids=", ".join(completed["id"]) or pgettext("no project", "none")
        ),
    )
    fewer = "countries" in stated and stated["countries"].value > brochure_named
    counts = {
        "brochure": brochure_named,
        "fewer": stated["countries"].value - brochure_named if fewer else 0,
        "stated": stated["countries"].value if fewer else 0,
        "dataset": dataset_named,
        "with_members": with_members,
        "any_role": any_role,
        "groups": groups_kept,
    }
    add(
        "countries",
        _(figures.COUNTRIES_NAMED),
        brochure_named,
        dataset_named,
        (
            _(
                "Both columns count the same way: distinct countries a record names as a participant or a peer. The "
                "brochure's project texts name {brochure}, {fewer} fewer than the {stated} it states; some of its "
                "projects name only groups (Global South, Central America), which it does not list. The practices "
                "add more: every record together names {dataset}; adding the members of the groups that have a "
                "member list (WB-6, BRICS) gives {with_members} participants and peers, and with candidates "
                "{any_role} (the Overview's country tile and Compare count the same three ways). {groups} groups are "
                "kept as groups, not expanded into countries, so the data cannot confirm which countries the stated "
                "figure counts."
            )
            if fewer
            else _(
                "Both columns count the same way: distinct countries a record names as a participant or a peer. The "
                "brochure's project texts name {brochure}; some of its projects name only groups (Global South, "
                "Central America), which it does not list. The practices add more: every record together names "
                "{dataset}; adding the members of the groups that have a member list (WB-6, BRICS) gives "
                "{with_members} participants and peers, and with candidates {any_role} (the Overview's country tile "
                "and Compare count the same three ways). {groups} groups are kept as groups, not expanded into "
                "countries, so the data cannot confirm which countries the stated figure counts."
            )
        ).format(**counts),
    )
    add(
        "practices",
        _("Good practices"),
        None,
        int((records["kind"] == "practice").sum()),
        _("The brochure lists projects, not practices; the compendium documents the practices. ")
        + (
            ngettext("Practice {ids} has no project.", "Practices {ids} have no project.", len(unlinked)).format(
                ids=", ".join(unlinked["id"])
            )
            if len(unlinked)
            else ""
        ),
    )
    regions = sorted(set(records["region"]) - {"Global/interregional"})
    brochure_regions = sorted(set(named["region"]) - {"Global/interregional"})
    add(
        "regions",
        _("Regions"),
        len(brochure_regions),
        len(regions),
        _(
            "Regions with at least one record, besides Global/interregional (ITC-ILO and HQ activities): {regions}. "
            "The brochure's sixth section is the ITC-Turin office, which the stated figure counts apart."
        ).format(regions=", ".join(vocab.word(r) for r in regions) or pgettext("no region", "none")),
    )
    out = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("stated", "brochure_alone", "difference"):
        out[column] = out[column].astype("Int64")
    return out
