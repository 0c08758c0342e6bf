"""Stated figures beside what the data adds up to, with the reason for any gap: never hide a disagreement."""

import pandas as pd

from .schema import Dataset
from .tables import Tables

COLUMNS = ["figure", "stated", "stated_source", "in_dataset", "difference", "explanation"]


def reconciliation(dataset: Dataset, tables: Tables) -> pd.DataFrame:
    stated = {f.key: f for f in dataset.meta.stated_figures}
    records, countries = tables.records, tables.countries
    projects = records[records["kind"] == "project"]
    named = projects[~projects["from_compendium"]]
    completed = projects[projects["from_compendium"]]
    unlinked = records[(records["kind"] == "practice") & records["project_id"].isna()]
    proj_countries = countries[countries["kind"] == "project"]
    brochure_named = proj_countries[proj_countries["key"].isin(named["key"])]["iso3"].nunique()
    participants = countries[countries["role"] == "participant"]["iso3"].nunique()
    any_role = countries["iso3"].nunique()
    groups_kept = tables.groups[~tables.groups["expanded"]]["group_name"].nunique()
    rows: list[dict] = []

    def add(key: str, label: str, value: int, explanation: str) -> None:
        figure = stated.get(key)
        rows.append(
            {
                "figure": label,
                "stated": figure.value if figure else None,
                "stated_source": figure.source if figure else None,
                "in_dataset": value,
                "difference": (value - figure.value) if figure else None,
                "explanation": explanation,
            }
        )

    add(
        "projects",
        "Projects",
        len(projects),
        f"The brochure names {len(named)} projects; {len(completed)} more come from compendium practices that match "
        f"no brochure project ({', '.join(completed['id'])}).",
    )
    add(
        "countries",
        "Countries (participants, any record)",
        participants,
        f"The brochure's project texts name {brochure_named} distinct countries. Counting participants of every "
        f"record gives {participants}; with peers and candidates, {any_role}. {groups_kept} groups such as "
        "Global South or Central America are kept as groups, not expanded into countries, so the data cannot "
        "confirm which countries the stated figure counts.",
    )
    add(
        "practices",
        "Good practices",
        int((records["kind"] == "practice").sum()),
        f"{len(unlinked)} practice(s) without a project: {', '.join(unlinked['id'])}." if len(unlinked) else "",
    )
    regions = sorted(set(records["region"]) - {"Global/interregional"})
    add(
        "regions",
        "Regions",
        len(regions),
        "Regions with at least one record, besides Global/interregional (ITC-ILO and HQ activities): "
        + ", ".join(regions)
        + ".",
    )
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["stated"] = out["stated"].astype("Int64")
    out["difference"] = out["difference"].astype("Int64")
    return out
