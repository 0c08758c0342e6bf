"""Words (issue 23, point 13): countries listed by the names the UN and the ILO write ("DR Congo"), a country's name
where a code stood ("country: Ethiopia"), PSI slippage explained on About the data, and no funding source offered
that no record uses."""

import re

import pycountry
import pytest

from sstc import DEFAULT_DATA
from sstc.analysis import filters
from sstc.data import countries, glossary
from sstc.data.identity import identify
from sstc.documents import brief
from sstc.documents.document import to_markdown
from sstc.view import present
from tests.app.apptest import open_page
from tests.conftest import shown

DRC = "COD"


def practice(dataset, number: int):
    return next(p for p in dataset.practices if p.number == number)


# --- A. lists of countries by their short names ----------------------------------------------------------------------


def test_a_comma_list_with_dr_congo_says_dr_congo(dataset, tables):
    third = practice(dataset, 3)  # Cameroon, Gabon, Chad, DRC
    assert DRC in third.countries.participant
    listed = shown(present.practice_card(third, dataset).countries)
    assert "DR Congo" in listed and "Congo, The" not in listed and "Democratic Republic" not in listed
    # the table's country cells, the filters in words and the brief say the same
    assert set(tables.countries.loc[tables.countries["iso3"] == DRC, "country"]) == {"DR Congo"}
    assert filters.in_words(filters.Filters(countries=("ETH", DRC)), tables) == "country: Ethiopia, DR Congo"
    document = to_markdown(brief.build(tables, ["practice:3"], identify(dataset, DEFAULT_DATA.read_bytes())))
    assert "DR Congo" in shown(document) and "Congo, The" not in document


def test_no_country_name_holds_a_comma():
    """A comma list of names reads one country per item: no name a list shows has a comma of its own."""
    codes = [c.alpha_3 for c in pycountry.countries] + [countries.KOSOVO]
    assert not [countries.name(c) for c in codes if "," in countries.name(c)]
    named = {c: countries.name(c) for c in ("BOL", "IRN", "KOR", "LAO", "MDA", "SYR", "TZA", "VEN", "VNM", "RUS")}
    assert named == {
        "BOL": "Bolivia",
        "IRN": "Iran",
        "KOR": "Republic of Korea",
        "LAO": "Lao PDR",
        "MDA": "Moldova",
        "SYR": "Syria",
        "TZA": "Tanzania",
        "VEN": "Venezuela",
        "VNM": "Viet Nam",
        "RUS": "Russian Federation",
    }
    assert countries.resolve("Lao PDR") == "LAO" and countries.resolve("Democratic Republic of the Congo") == DRC


def test_the_profile_names_its_country_in_full_and_pickers_list_short_names_in_order():
    at = open_page("profile", iso3=DRC)
    assert "Democratic Republic of the Congo at a glance" in [h.value for h in at.header]
    picker = next(s for s in at.selectbox if s.label == "Country")
    assert "DR Congo" in picker.options
    names = [o for o in picker.options if o != "Choose a country"]
    assert names == sorted(names, key=countries.alphabetical)  # "Dominican Republic" before "DR Congo"
    sidebar = at.multiselect(key="f_countries").options
    assert "DR Congo (COD)" in sidebar and sidebar == sorted(sidebar, key=countries.alphabetical)


# --- B. a country's name where a code stood --------------------------------------------------------------------------


def _bare_codes(at, codes: set[str]) -> list[str]:
    """Every text on the page (captions, Markdown, notices, headings, labels) that prints a country code alone."""
    texts = [
        e.value for kind in ("caption", "markdown", "info", "warning", "header", "subheader") for e in at.get(kind)
    ]
    texts += [e.label for kind in ("button", "metric", "selectbox") for e in at.get(kind)]
    return [t for t in map(shown, texts) if set(re.findall(r"\b[A-Z]{3}\b", t)) & codes]


@pytest.mark.parametrize(
    "page,params",
    [
        ("profile", {"iso3": "ETH", "country": ["ETH", DRC]}),
        ("profile", {"iso3": "BRA", "country": "ETH", "region": "Arab States"}),  # the empty state too
        ("compare", {"left": "country:ETH", "right": f"country:{DRC}", "country": "KEN"}),
        ("coverage", {"country": "ETH"}),
    ],
)
def test_no_caption_prints_a_bare_country_code(tables, page, params):
    at = open_page(page, **params)
    assert not _bare_codes(at, set(tables.countries["iso3"]))
    if "country" in params and page != "compare":  # the filter caption names the countries
        captions = " ".join(shown(c.value) for c in at.caption)
        assert "country: Ethiopia" in captions


# --- C. PSI slippage explained ---------------------------------------------------------------------------------------


def test_about_the_data_explains_psi_slippage(dataset):
    at = open_page("about")
    text = " ".join(shown(m.value) for m in at.markdown)
    assert "**PSI slippage**: " in text
    said = text.split("**PSI slippage**: ", 1)[1]
    assert "Programme Support Income" in said and "overhead" in said and "not spent in the year" in said
    assert "The app's explanation, not a source's:" in said  # the app's words, labelled as such
    assert "good practice 3" in said and "PSI Slippage" in said and "compendium" in said  # the source's
    assert said.index("Where the sources name it") < said.index("The app's explanation")
    assert glossary.psi_slippage(dataset.model_copy(update={"practices": [], "projects": []})) is None


# --- D. no unused vocabulary offered ---------------------------------------------------------------------------------


def test_no_funding_source_is_offered_that_no_record_uses():
    at = open_page("about", region="Americas")  # no record of the Americas names PSI slippage
    offered = at.multiselect(key="f_funding").options
    assert "Participating countries" not in offered
    assert "PSI slippage" in offered  # options come from the whole dataset in use, not the filtered view
    glossary_table = at.dataframe[0].value  # About's table of funding sources: those some record names
    assert "Participating countries" not in set(glossary_table["name"])
    assert "PSI slippage" in set(glossary_table["name"])
    unused = [shown(c.value) for c in at.caption if "not used by any record" in shown(c.value)]
    assert unused == ["Defined in the dataset but not used by any record, so not listed: Participating countries."]
    assert offered == sorted(offered, key=countries.alphabetical)  # by the name shown, not the id
