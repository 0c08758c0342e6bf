"""The UN's M49 standard (Standard country or area codes for statistical use) as the app ships it: the region,
sub-region and intermediate region of every country or area, in data/m49.csv (see ORIGIN: extracted from OCHA's
hdx-python-country package by `extract`, never edited by hand).

What the app reads from it: a country's sub-region (a facet), the members of a group the sources name without
listing its countries (Central America, Latin America and the Caribbean, Melanesia...: `members`), and the
countries of M49's former "developed regions" grouping (Europe, Northern America, Australia and New Zealand, Japan;
the UN Statistics Division kept it until 2017). Kosovo (XKX, not an M49 area) goes with Southern Europe, as the UN's
Europe lists place it.

Why: a record addressed to the "Global South" names no country, and the app says which countries it may reach; a
country of these regions (Portugal, Germany) is not taken to be one of them. That, and every member given to a group
from here, is the app's reading of a standard, never something a source said.

Regenerate: python -m sstc.data.m49 "<wheel>/hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
> data/m49.csv, then update SHA256 (and ORIGIN if the package's version changed).
"""

import csv
import io
import os
import sys
from dataclasses import dataclass
from functools import cache

from sstc import ROOT_DIR
from sstc.data import countries
from sstc.data.i18n import N_, _

ORIGIN = (
    "UN M49, the Standard country or area codes for statistical use of the UN Statistics Division, as OCHA's "
    "Humanitarian Data Exchange (HDX) keeps it: the file 'hdx/location/Countries & Territories Taxonomy MVP - "
    "C&T Taxonomy.csv' of the PyPI package hdx-python-country 4.2.5, MIT licence (Copyright (c) 2016 Michael Rans; "
    "OCHA / HDX). Kept: the current (not deprecated) rows with an ISO 3166-1 alpha-3 and an M49 code."
)
SHA256 = "fbc52b929f0b61de60d907aca84f9af75a065b61f990206b0c961dbd392edfaf"  # of data/m49.csv
PATH = ROOT_DIR / "data" / "m49.csv"

# data/m49.csv's columns, each from the taxonomy's column; codes are written with three digits, as M49 writes them.
SOURCE_COLUMNS = {
    "iso3": "ISO 3166-1 Alpha 3-Codes",
    "m49": "m49 numerical code",
    "name_en": "M49 English",
    "name_fr": "M49 French",
    "name_es": "M49 Spanish",
    "region_code": "Region Code",
    "region": "Region Name",
    "sub_region_code": "Sub-region Code",
    "sub_region": "Sub-region Name",
    "intermediate_region_code": "Intermediate Region Code",
    "intermediate_region": "Intermediate Region Name",
}
COLUMNS = tuple(SOURCE_COLUMNS)
CODES = ("m49", "region_code", "sub_region_code", "intermediate_region_code")
DEPRECATED = "Deprecated"


def _code(value: str, column: str, row: int) -> str:
    if not value:
        return ""
    if not value.isdigit() or len(value) > 3:
        raise ValueError(f"row {row}: {column} {value!r} is not an M49 code (one to three digits)")
    return value.zfill(3)


def extract(taxonomy_csv_path: str | os.PathLike[str]) -> str:
    """data/m49.csv's text from hdx-python-country's taxonomy file: one row per current area with an ISO alpha-3
    and an M49 code, sorted by iso3. Refuses a file without the columns it reads, or with a value it cannot read."""
    with open(taxonomy_csv_path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in (*SOURCE_COLUMNS.values(), DEPRECATED) if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{taxonomy_csv_path}: no column {', '.join(map(repr, missing))} in the taxonomy")
        found: dict[str, list[str]] = {}
        for number, source in enumerate(reader, start=2):
            deprecated = (source[DEPRECATED] or "").strip()
            if deprecated not in ("Y", "N"):
                raise ValueError(f"row {number}: {DEPRECATED} is {deprecated!r}, not Y or N")
            values = {name: (source[column] or "").strip() for name, column in SOURCE_COLUMNS.items()}
            if deprecated == "Y" or not values["iso3"] or not values["m49"]:
                continue
            for name in CODES:
                values[name] = _code(values[name], SOURCE_COLUMNS[name], number)
            if values["iso3"] in found:
                raise ValueError(f"row {number}: {values['iso3']} appears twice")
            found[values["iso3"]] = [values[name] for name in COLUMNS]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(found[iso3] for iso3 in sorted(found))
    return out.getvalue()


@dataclass(frozen=True)
class Area:
    """A country or area as M49 places it; "" where M49 gives none (most countries have no intermediate region)."""

    iso3: str
    m49: str
    name_en: str
    name_fr: str
    name_es: str
    region: str
    sub_region: str
    intermediate_region: str


@cache
def table() -> tuple[Area, ...]:
    """The shipped rows, sorted by iso3 (read once)."""
    with PATH.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{PATH}: columns {reader.fieldnames}, expected {list(COLUMNS)}")
        return tuple(
            Area(
                iso3=row["iso3"],
                m49=row["m49"],
                name_en=row["name_en"],
                name_fr=row["name_fr"],
                name_es=row["name_es"],
                region=row["region"],
                sub_region=row["sub_region"],
                intermediate_region=row["intermediate_region"],
            )
            for row in reader
        )


@cache
def _by_iso3() -> dict[str, Area]:
    return {a.iso3: a for a in table()}


def area(iso3: str) -> Area | None:
    """The M49 area of an ISO alpha-3 code, None for a code M49 has not (XKX, Kosovo)."""
    return _by_iso3().get(iso3)


@cache
def _groups() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a in table():
        for name in (a.region, a.sub_region, a.intermediate_region):
            if name:
                groups.setdefault(name, set()).add(a.iso3)
    return {name: frozenset(codes) for name, codes in groups.items()}


def members(name: str) -> frozenset[str]:
    """The ISO alpha-3 codes of an M49 region, sub-region or intermediate region, named exactly as M49 writes it in
    English ("Central America", "Latin America and the Caribbean", "Sub-Saharan Africa", "Africa"). Only M49's
    areas: never Kosovo, which no M49 area holds."""
    groups = _groups()
    if name in groups:
        return groups[name]
    near = [known for known in groups if known.casefold() == name.strip().casefold()]
    hint = f"; did you mean {near[0]!r}?" if near else ""
    raise KeyError(
        f"{name!r} is not an M49 region, sub-region or intermediate region{hint} (names as M49 writes them in "
        f"English: {', '.join(sorted(groups))})"
    )


@cache
def _sub_regions() -> tuple[str, ...]:
    return tuple(sorted({n for a in table() for n in (a.sub_region, a.intermediate_region) if n}))


def sub_regions() -> list[str]:
    """Every sub-region and intermediate region name, sorted (for a facet)."""
    return list(_sub_regions())


# M49's area names as words to show (the names themselves are keys: `members`, URLs, targets). The data file has
# them in English only; their French and Spanish, as the UN Statistics Division writes them, are in the catalogs.
AREA_WORDS: dict[str, str] = {
    "Africa": N_("Africa"),
    "Americas": N_("Americas"),
    "Asia": N_("Asia"),
    "Europe": N_("Europe"),
    "Oceania": N_("Oceania"),
    "Australia and New Zealand": N_("Australia and New Zealand"),
    "Central Asia": N_("Central Asia"),
    "Eastern Asia": N_("Eastern Asia"),
    "Eastern Europe": N_("Eastern Europe"),
    "Latin America and the Caribbean": N_("Latin America and the Caribbean"),
    "Melanesia": N_("Melanesia"),
    "Micronesia": N_("Micronesia"),
    "Northern Africa": N_("Northern Africa"),
    "Northern America": N_("Northern America"),
    "Northern Europe": N_("Northern Europe"),
    "Polynesia": N_("Polynesia"),
    "South-eastern Asia": N_("South-eastern Asia"),
    "Southern Asia": N_("Southern Asia"),
    "Southern Europe": N_("Southern Europe"),
    "Sub-Saharan Africa": N_("Sub-Saharan Africa"),
    "Western Asia": N_("Western Asia"),
    "Western Europe": N_("Western Europe"),
    "Caribbean": N_("Caribbean"),
    "Central America": N_("Central America"),
    "Channel Islands": N_("Channel Islands"),
    "Eastern Africa": N_("Eastern Africa"),
    "Middle Africa": N_("Middle Africa"),
    "South America": N_("South America"),
    "Southern Africa": N_("Southern Africa"),
    "Western Africa": N_("Western Africa"),
}


def shown(name: str) -> str:
    """An M49 area's name in the run's language (any other name as given)."""
    return _(AREA_WORDS[name]) if name in AREA_WORDS else name


@cache
def _developed() -> dict[str, frozenset[str]]:
    # Kosovo (XKX) is not an M49 area; the UN's Europe lists place it in Southern Europe, so it is added by hand here
    # (the taxonomy's own Kosovo row, which has no M49 code and is not shipped, says Southern Europe too).
    europe = members("Europe") | {countries.KOSOVO}
    northern_america = members("Northern America")
    return {
        "EUROPE": europe,
        "NORTHERN_AMERICA": northern_america,
        "DEVELOPED_REGIONS": europe | northern_america | frozenset({"AUS", "NZL", "JPN"}),
    }


# EUROPE, NORTHERN_AMERICA and DEVELOPED_REGIONS (frozensets of ISO alpha-3 codes) are read from the table when first
# asked for, not on import: `python -m sstc.data.m49 ... > data/m49.csv` runs with that file just emptied by the shell.
EUROPE: frozenset[str]
NORTHERN_AMERICA: frozenset[str]
DEVELOPED_REGIONS: frozenset[str]


def __getattr__(name: str) -> frozenset[str]:
    if name in ("EUROPE", "NORTHERN_AMERICA", "DEVELOPED_REGIONS"):
        return _developed()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(f"usage: python -m sstc.data.m49 TAXONOMY_CSV > data/m49.csv\n\n{ORIGIN}", file=sys.stderr)
        return 2
    text = extract(args[0])
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))  # bytes: the same file on every platform and locale
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
