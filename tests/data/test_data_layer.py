"""Unit tests of the data layer: countries, tables, CSV export, the CLI's export command."""

import csv
import io
import subprocess
import sys

import pycountry
import pytest

from sstc import ROOT_DIR
from sstc.analysis import filters
from sstc.data import countries
from sstc.data.load import load_text
from sstc.data.problems import DatasetError
from sstc.data.tables import Tables
from sstc.documents.export import file_name, neutralise, to_csv

REQUIRED = {
    "projects": ["id", "title", "region", "source"],
    "practices": ["id", "title", "region", "project_id", "covid_moved_online", "source"],
    "countries": ["kind", "id", "iso3", "country", "role"],
    "funding": ["kind", "id", "source", "share"],
    "modalities": ["kind", "id", "modality"],
    "outcomes": ["kind", "id", "outcome"],
}


@pytest.mark.parametrize("name", ["DRC", "Swaziland", "Turkey", "Russia", "oPT"])
def test_pycountry_lookup_fails_where_the_alias_table_is_needed(name):
    with pytest.raises(LookupError):
        pycountry.countries.lookup(name)
    assert countries.resolve(name)


@pytest.mark.parametrize(
    "name,code",
    [
        ("Kosovo", "XKX"),
        ("oPT", "PSE"),
        ("eSwatini", "SWZ"),
        ("Türkiye", "TUR"),
        ("Laos", "LAO"),
        ("Viet Nam", "VNM"),
        ("Moldova", "MDA"),
        ("DRC", "COD"),
        ("Congo", "COG"),
        ("ETH", "ETH"),
    ],
)
def test_aliases(name, code):
    assert countries.resolve(name) == code


def test_no_fuzzy_matching():
    for name in ["Serbiaa", "Narnia", "Mali-ish", "Kosov"]:
        with pytest.raises(countries.UnknownCountry):
            countries.resolve(name)


def test_alias_targets_are_real_codes():
    assert all(countries.is_code(code) for code in countries.ALIASES.values())


@pytest.mark.parametrize("cell", ["=1+1", "+1+A1", "-2-cmd", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_cells_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell
    import pandas as pd

    out = to_csv(pd.DataFrame({"a": [cell], "b": ["Côte d’Ivoire"]})).decode("utf-8")
    assert out.startswith("\ufeff")
    row = next(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert row["a"] == "'" + cell
    assert row["b"] == "Côte d’Ivoire"


def test_plain_cells_unchanged():
    assert neutralise("Ethiopia") == "Ethiopia" and neutralise(5) == 5


def test_file_name_says_what_it_holds():
    assert file_name("countries", "region Africa") == "sstc-countries-region-africa.csv"


def test_tidy_tables_have_one_row_per_record_and_item(dataset, tables: Tables):
    expected = sum(
        len(getattr(r.countries, role))
        for r in [*dataset.projects, *dataset.practices]
        for role in ("participant", "peer", "candidate")
    )
    expanded = sum(
        len(dataset.meta.groups[g.group].members) for r in [*dataset.projects, *dataset.practices] for g in r.groups
    )
    assert len(tables.countries) == expected + expanded
    assert len(tables.records) == len(dataset.projects) + len(dataset.practices)
    stated = tables.funding[tables.funding["basis"] == "stated"]
    assert stated["share"].dropna().tolist() == [75.0, 5.0, 20.0]
    derived = tables.funding[tables.funding["basis"] != "stated"]
    assert set(derived["basis"]) <= {f"via practice {p.number}" for p in dataset.practices}
    assert set(derived["kind"]) == {"project"}


def test_practice_inherits_project_outcomes(dataset, tables):
    projects = {p.id: p for p in dataset.projects}
    for practice in dataset.practices:
        if practice.project is None:
            continue
        project = projects[practice.project]
        rows = tables.outcomes[tables.outcomes["key"] == f"practice:{practice.number}"]
        inherited = rows[rows["basis"].str.contains(f"via project {project.id}")]
        own = {o.code for o in practice.outcomes}
        expected = ({o.code for o in project.outcomes} | {c.code for c in project.outcome_candidates}) - own
        assert set(inherited["outcome"]) == expected, practice.number
        # an ambiguous project's match is never passed on as confirmed
        assert inherited["ambiguous"].all() == (project.ambiguous is not None) or inherited.empty


@pytest.mark.parametrize("table", sorted(REQUIRED))
def test_cli_export_columns(table):
    result = subprocess.run(
        [sys.executable, "-m", "sstc", "export", table], capture_output=True, cwd=ROOT_DIR, timeout=60
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))
    assert rows and set(REQUIRED[table]) <= set(rows[0])
    assert all(r["kind"] in {"project", "practice"} for r in rows if "kind" in r)
    if table == "outcomes":
        assert {r["outcome"] for r in rows} <= set("12345678ABC")
    if table == "funding":
        assert {r["share"] for r in rows} <= {"", "75.0", "5.0", "20.0"}


def test_cli_export_reports_bad_data(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("meta: [", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sstc", "export", "countries", "--data", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT_DIR,
        timeout=60,
    )
    assert result.returncode == 1 and result.stdout == "" and f"{path}:" in result.stderr


def test_alias_bomb_is_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    with pytest.raises(DatasetError, match="expands to more than"):
        load_text("\n".join(lines), "bomb.yaml")


def test_javascript_links_are_refused(shipped_yaml):
    text = shipped_yaml.replace("https://www.oitcinterfor.org/visitasvirtuales/SENAC_Br", "javascript:alert(1)", 1)
    with pytest.raises(DatasetError, match="link scheme 'javascript' not allowed"):
        load_text(text, "x.yaml")


def test_personal_email_in_contacts_is_refused(shipped_yaml):
    text = shipped_yaml.replace("email: delnet@itcilo.org\n", "email: someone@gmail.com\n", 1).replace(
        "email_public: true", "email_public: false", 1
    )
    with pytest.raises(DatasetError, match="email_public"):
        load_text(text, "x.yaml")


def test_reconciliation_compares_like_with_like(dataset, tables):
    """Both country columns count the same thing (countries a record names as participant or peer), computed here
    from the records themselves; a figure the sources count rather than state says so."""
    from sstc.analysis.reconcile import reconciliation

    out = reconciliation(dataset, tables).set_index("figure")
    brochure = {
        c for p in dataset.projects if not p.from_compendium for c in p.countries.participant + p.countries.peer
    }
    every = {c for r in [*dataset.projects, *dataset.practices] for c in r.countries.participant + r.countries.peer}
    row = out.loc["Countries named (participants and peers)"]
    assert (row["brochure_alone"], row["in_dataset"]) == (len(brochure), len(every)) == (63, len(every))
    assert row["difference"] == len(every) - 75
    assert "21 counted, not stated" in out.loc["Good practices", "explanation"]


def test_a_filtered_subset_cuts_each_table_once_on_first_use_and_equals_an_eager_cut(tables):
    from sstc.data.tables import Subset, replaced

    wanted = filters.Filters(regions=("Africa",), kinds=("practice",))
    subset = filters.apply(tables, wanted)
    assert isinstance(subset, Subset) and "outcomes" not in vars(subset)  # nothing cut before it is read
    keys = set(filters.matching_keys(tables, wanted)) | set(filters.activity_keys(tables, wanted, subset._kept))
    for name in tables.names():
        frame = tables.get(name)
        eager = frame[frame["key"].isin(keys)].reset_index(drop=True)
        assert subset.get(name).equals(eager), name
        assert subset.get(name) is subset.get(name)  # one object per table: the page cache keys on it
    with pytest.raises(TypeError):
        hash(subset)
    swapped = replaced(subset, countries=subset.countries.iloc[:0])
    assert swapped.countries.empty and swapped.records.equals(subset.records)
