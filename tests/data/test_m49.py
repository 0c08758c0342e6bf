"""The shipped UN M49 geography (data/m49.csv, from OCHA's hdx-python-country): its file, how it is made, what it says.

Why: the app names a country's sub-region and turns groups the sources name without members (Central America,
Latin America, Pacific Island Countries) into countries; those come from M49, never from the sources, so the file
must be the package's, unchanged, and the memberships read from it must be M49's.
"""

import csv
import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pydantic
import pytest

from sstc import ROOT_DIR
from sstc.data import countries, m49
from sstc.data.schema import CountryCode

PACKAGE_FILE = Path("/tmp/hdx/hdx/location/Countries & Territories Taxonomy MVP - C&T Taxonomy.csv")

# The taxonomy's first line as hdx-python-country 4.2.5 writes it.
HEADER_LINE = (
    "ID,RW ID,m49 numerical code,HPC Tools API ID,Appears in UNTERM list,Appears in DGACM list,Independent,"
    "Deprecated,Has HRP,In GHO,ISO 3166-1 Alpha 2-Codes,ISO 3166-1 Alpha 3-Codes,x Alpha2 codes,x Alpha3 codes,"
    "Preferred Term,ISO Alt Term,DGACM Alt Term,HPC Tools Alt Term,RW Short Name,RW API Alt Term,English Short,"
    "French Short,Spanish Short,Russian Short,Chinese Short,Arabic Short,English Formal,M49 English,M49 French,"
    "M49 Spanish,M49 Russian,M49 Chinese,M49 Arabic,Admin Level,Latitude,Longitude,Region Code,Region Name,"
    "Sub-region Code,Sub-region Name,Intermediate Region Code,Intermediate Region Name,Regex,"
    "World Bank Income Level,Currency,Reference Period Start,Concatenation"
)
TAXONOMY_HEADER = next(csv.reader([HEADER_LINE]))

# The sets sstc/data/m49.py held before it read the table: copied by hand from M49's region lists.
HAND_COPIED_EUROPE = frozenset({
    "BLR", "BGR", "CZE", "HUN", "MDA", "POL", "ROU", "RUS", "SVK", "UKR",  # Eastern Europe
    "ALA", "DNK", "EST", "FRO", "FIN", "GGY", "IMN", "ISL", "IRL", "JEY", "LVA", "LTU", "NOR", "SJM", "SWE",
    "GBR",  # Northern Europe
    "ALB", "AND", "BIH", "HRV", "GIB", "GRC", "ITA", "MLT", "MNE", "MKD", "PRT", "SMR", "SRB", "SVN", "ESP",
    "VAT", "XKX",  # Southern Europe
    "AUT", "BEL", "FRA", "DEU", "LIE", "LUX", "MCO", "NLD", "CHE",  # Western Europe
})  # fmt: skip
HAND_COPIED_NORTHERN_AMERICA = frozenset({"BMU", "CAN", "GRL", "SPM", "USA"})
HAND_COPIED_DEVELOPED_REGIONS = HAND_COPIED_EUROPE | HAND_COPIED_NORTHERN_AMERICA | frozenset({"AUS", "NZL", "JPN"})


def taxonomy(path: Path, rows: list[dict[str, str]]) -> Path:
    """A taxonomy file with the package's header and the given columns filled (the others empty)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=TAXONOMY_HEADER, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


MEXICO = {
    "ID": "144", "m49 numerical code": "484", "Independent": "Y", "Deprecated": "N",
    "ISO 3166-1 Alpha 3-Codes": "MEX", "M49 English": "Mexico", "M49 French": "Mexique", "M49 Spanish": "México",
    "Region Code": "19", "Region Name": "Americas", "Sub-region Code": "419",
    "Sub-region Name": "Latin America and the Caribbean", "Intermediate Region Code": "13",
    "Intermediate Region Name": "Central America", "Latitude": "23.93832004",
}  # fmt: skip
AFGHANISTAN = {
    "ID": "1", "m49 numerical code": "4", "Independent": "Y", "Deprecated": "N", "ISO 3166-1 Alpha 3-Codes": "AFG",
    "M49 English": "Afghanistan", "M49 French": "Afghanistan", "M49 Spanish": "Afganistán", "Region Code": "142",
    "Region Name": "Asia", "Sub-region Code": "34", "Sub-region Name": "Southern Asia",
}  # fmt: skip
SARK = {  # an M49 area with no ISO code: not shipped
    "ID": "256", "m49 numerical code": "680", "Independent": "N", "Deprecated": "N", "Preferred Term": "Sark",
    "Region Code": "150", "Region Name": "Europe", "Sub-region Code": "154", "Sub-region Name": "Northern Europe",
    "Intermediate Region Code": "830", "Intermediate Region Name": "Channel Islands",
}  # fmt: skip


def test_the_shipped_file_is_the_one_its_origin_names():
    """A changed data/m49.csv must come with a new hash (and so a look at ORIGIN), never silently."""
    assert hashlib.sha256(m49.PATH.read_bytes()).hexdigest() == m49.SHA256
    assert m49.PATH == ROOT_DIR / "data" / "m49.csv"
    for words in ("hdx-python-country", "4.2.5", "C&T Taxonomy.csv", "MIT", "OCHA", "Statistics Division"):
        assert words in m49.ORIGIN


def test_extract_keeps_current_rows_with_both_codes_padded_and_sorted(tmp_path):
    """Padding as M49 writes its codes ("004"), sorted by iso3, areas with no ISO code or deprecated left out."""
    path = taxonomy(tmp_path / "taxonomy.csv", [MEXICO, AFGHANISTAN, SARK])
    assert list(csv.reader(io.StringIO(m49.extract(path)))) == [
        list(m49.COLUMNS),
        ["AFG", "004", "Afghanistan", "Afghanistan", "Afganistán", "142", "Asia", "034", "Southern Asia", "", ""],
        ["MEX", "484", "Mexico", "Mexique", "México", "019", "Americas", "419", "Latin America and the Caribbean",
         "013", "Central America"],
    ]  # fmt: skip
    taxonomy(path, [MEXICO, {**AFGHANISTAN, "Deprecated": "Y"}, SARK])
    assert [row[0] for row in csv.reader(io.StringIO(m49.extract(path)))] == ["iso3", "MEX"]


def test_the_module_prints_what_extract_returns(tmp_path):
    """`python -m sstc.data.m49 FILE > data/m49.csv` is how the shipped file is made: byte for byte extract's."""
    path = taxonomy(tmp_path / "taxonomy.csv", [MEXICO, AFGHANISTAN, SARK])
    run = subprocess.run([sys.executable, "-m", "sstc.data.m49", str(path)], capture_output=True, check=True)
    assert run.stdout == m49.extract(path).encode("utf-8")


def test_extract_refuses_a_taxonomy_without_its_columns(tmp_path):
    """A later taxonomy that renamed a column must stop the regeneration, not ship empty cells."""
    path = tmp_path / "taxonomy.csv"
    path.write_text("ISO 3166-1 Alpha 3-Codes,m49 numerical code\nMEX,484\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Region Name"):
        m49.extract(path)


@pytest.mark.skipif(not PACKAGE_FILE.exists(), reason=f"the unpacked hdx-python-country wheel is not at {PACKAGE_FILE}")
def test_the_shipped_file_is_extracted_from_the_package_unchanged():
    """Regenerating from the package's own file gives the shipped file exactly."""
    assert m49.extract(PACKAGE_FILE).encode("utf-8") == m49.PATH.read_bytes()


def country_codes(value: object) -> set[str]:
    """Every country code a dataset (or any part of one) holds: each field typed as CountryCode, at any depth."""
    found: set[str] = set()
    if isinstance(value, pydantic.BaseModel):
        for name, field in type(value).model_fields.items():
            inner = getattr(value, name)
            if field.annotation == CountryCode and inner is not None:
                found.add(inner)
            elif field.annotation == list[CountryCode]:
                found.update(inner)
            else:
                found |= country_codes(inner)
    elif isinstance(value, dict):
        for inner in value.values():
            found |= country_codes(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            found |= country_codes(inner)
    return found


def test_every_country_the_dataset_names_has_an_m49_area(dataset, tables):
    """A facet or a map by sub-region must place every country of the dataset; Kosovo has no M49 area."""
    named = country_codes(dataset)
    assert set(tables.countries["iso3"]) <= named  # the walk finds at least what the tables show
    assert len(named) > 50
    assert sorted(c for c in named if m49.area(c) is None) in ([], [countries.KOSOVO])


def test_known_memberships():
    """A few memberships anyone can check on the UN Statistics Division's M49 page."""
    ethiopia = m49.area("ETH")
    assert ethiopia is not None
    assert (ethiopia.m49, ethiopia.region, ethiopia.sub_region, ethiopia.intermediate_region) == (
        "231", "Africa", "Sub-Saharan Africa", "Eastern Africa",
    )  # fmt: skip
    assert "ETH" in m49.members("Sub-Saharan Africa") and "ETH" in m49.members("Eastern Africa")
    assert {"MEX", "GTM", "CRI"} <= m49.members("Central America")
    assert "EGY" in m49.members("Northern Africa")
    assert "FJI" in m49.members("Melanesia")
    assert "BRA" in m49.members("Latin America and the Caribbean")
    assert m49.members("Central America") == {"BLZ", "CRI", "SLV", "GTM", "HND", "MEX", "NIC", "PAN"}
    assert m49.members("Africa") == m49.members("Northern Africa") | m49.members("Sub-Saharan Africa")
    assert m49.area("XKX") is None  # Kosovo: not an M49 area


def test_an_unknown_name_is_refused_with_the_names_there_are():
    """ "Latin America" or "Atlantis" is not an M49 area: say so, and what the names are, rather than an empty set."""
    with pytest.raises(KeyError, match="Atlantis") as raised:
        m49.members("Atlantis")
    assert "Central America" in str(raised.value)
    with pytest.raises(KeyError, match="'Central America'"):  # the exact spelling is asked for, and offered
        m49.members("central america")


def test_sub_regions_for_a_facet():
    """Every sub-region and intermediate region once, sorted; no region, no country."""
    names = m49.sub_regions()
    assert names == sorted(set(names))
    assert {"Central America", "Sub-Saharan Africa", "Eastern Africa", "Melanesia", "Northern America"} <= set(names)
    assert not {"Africa", "Americas", "Europe", ""} & set(names)


def test_the_table_is_one_area_a_code():
    """One row per ISO code, each with M49's three-digit code; the dataclasses are the file's rows."""
    rows = m49.table()
    assert [a.iso3 for a in rows] == sorted({a.iso3 for a in rows})
    assert all(len(a.m49) == 3 and a.m49.isdigit() for a in rows)
    assert m49.area("PRT") == m49.Area(
        "PRT", "620", "Portugal", "Portugal", "Portugal", "Europe", "Southern Europe", ""
    )


def test_the_derived_lists_are_the_hand_copied_ones():
    """The former "developed regions", now read from the table, are what was copied by hand from M49's lists."""
    assert m49.EUROPE == HAND_COPIED_EUROPE
    assert m49.NORTHERN_AMERICA == HAND_COPIED_NORTHERN_AMERICA
    assert m49.DEVELOPED_REGIONS == HAND_COPIED_DEVELOPED_REGIONS
