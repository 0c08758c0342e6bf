"""Geography from a standard: the UN M49 sub-regions and intermediate regions of the countries the records name
(`sstc.data.m49`), for the Sub-region facet and for targets.

Membership is M49's, never a source's: a record is in a sub-region when it names one of its countries (in any role,
or as a member of a group the sources list), and the app says so wherever it uses it.
"""

from functools import cache

import pandas as pd
import pycountry
from babel import Locale
from babel.languages import get_official_languages

from sstc.data import i18n, m49
from sstc.data.i18n import N_, _
from sstc.data.tables import Tables

NOTE = N_("membership from the UN M49 standard, not from the sources")  # `_(NOTE)` where shown
# Groups the sources name without listing their members, where M49 defines the same area (by the group's name as
# the dataset writes it). Pacific Island Countries: M49's Melanesia, Micronesia and Polynesia (Oceania without
# Australia and New Zealand), the UN's usual reading; a region-wide group (Africa, Americas) keeps the sources'
# regions (`reach`). Members found this way "may" be reached; they are never "named".
M49_GROUPS: dict[str, tuple[str, ...]] = {
    "Central America": ("Central America",),
    # M49 has no "Latin America" alone: its Central America and South America, Latin America and the Caribbean less
    # the Caribbean (a reading of the standard, said with every country it gives).
    "Latin America": ("Central America", "South America"),
    "Latin America and the Caribbean": ("Latin America and the Caribbean",),
    "Pacific Island Countries and Territories": ("Melanesia", "Micronesia", "Polynesia"),
    "Pacific Island Countries": ("Melanesia", "Micronesia", "Polynesia"),
}


@cache
def areas_of(iso3: str) -> tuple[str, ...]:
    """The M49 sub-region and intermediate region a country is in (none for a code M49 lacks, e.g. Kosovo)."""
    area = m49.area(iso3)
    if area is None:
        return ()
    return tuple(name for name in (area.sub_region, area.intermediate_region) if name)


def subregion_options(tables: Tables) -> list[str]:
    """Every sub-region or intermediate region with a country the records name, in M49's order of regions, then
    by name."""
    found = {name for iso3 in set(tables.countries["iso3"]) for name in areas_of(iso3)}
    region = {}
    for area in m49.table():
        for name in (area.sub_region, area.intermediate_region):
            if name:
                region.setdefault(name, area.region)
    return sorted(found, key=lambda name: (region.get(name, ""), name))


def keys_in(tables: Tables, names: tuple[str, ...] | list[str]) -> set[str]:
    """Keys of the records that name a country of any of the sub-regions `names`."""
    wanted = set(names)
    rows = tables.countries
    return {key for key, iso3 in zip(rows["key"], rows["iso3"], strict=True) if wanted & set(areas_of(iso3))}


def countries_in(names: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The M49 members of the sub-regions `names`."""
    return frozenset().union(*(m49.members(name) for name in names)) if names else frozenset()


@cache  # a table of the standard's, fixed: asked once per country and open group when a filter finds its records
def group_members(group_name: str) -> frozenset[str] | None:
    """The M49 members of a group the sources name without members, where M49 defines it; None where it does not."""
    areas = M49_GROUPS.get(group_name)
    return countries_in(areas) if areas else None


def group_note(group_name: str) -> str:
    """Where a group's members come from, in words, for a reason or a caption."""
    areas = M49_GROUPS.get(group_name, ())
    if not areas:
        return _("the sources list no countries")
    return _("members from UN M49 {areas}, not from the sources").format(areas=" + ".join(map(m49.shown, areas)))


def table_of(iso3s: pd.Series) -> pd.DataFrame:
    """iso3 -> M49 region, sub-region, intermediate region (empty where M49 gives none), for tables and exports."""
    rows = []
    for iso3 in iso3s:
        area = m49.area(iso3)
        rows.append({"iso3": iso3, "m49_region": area.region if area else "",
                     "m49_sub_region": area.sub_region if area else "",
                     "m49_intermediate_region": area.intermediate_region if area else ""})  # fmt: skip
    return pd.DataFrame(rows, columns=["iso3", "m49_region", "m49_sub_region", "m49_intermediate_region"])


LANGUAGES_NOTE = N_("official languages from the Unicode CLDR, through Babel, not from the sources")  # `_()` shown


@cache
def languages_of(iso3: str) -> tuple[str, ...]:
    """A country's official languages (CLDR codes: "es", "pt", "fr"), de facto ones included; none if unknown."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return ()
    return tuple(get_official_languages(country.alpha_2, de_facto=True))


def language_name(code: str, language: str | None = None) -> str:
    """A language in the words of the run's language (`language`): "Spanish", "espagnol", "español"."""
    return _language_name(code, language or i18n.language())


@cache
def _language_name(code: str, language: str) -> str:
    return Locale(language if language in i18n.LANGUAGES else i18n.ENGLISH).languages.get(code, code)
