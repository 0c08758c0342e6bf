"""Every page in French, Spanish and the pseudo-locale (issue 26): it opens, writes every word of its own through
the catalogs, keeps the language across a change, and keeps the filters when the language changes."""

import pytest

from tests.app.apptest import open_page, open_path
from tests.app.pseudo import untranslated
from tests.conftest import EVERY_VIEW


def param(at, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


@pytest.mark.parametrize("code", ["fr", "es"])
@pytest.mark.parametrize(("path", "name"), EVERY_VIEW)
def test_every_page_opens_in_the_language(path, name, code):
    at = open_path(path, lang=code)
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert param(at, "lang") == [code]


@pytest.mark.parametrize("state", [{}, {"q": "youth"}, {"country": "ETH"}], ids=["default", "search", "country"])
@pytest.mark.parametrize(("path", "name"), EVERY_VIEW)
def test_no_word_the_app_writes_is_outside_the_catalogs(path, name, state):
    """Run in the pseudo-locale every translated string shows inside ⟦ ⟧: what is left outside is the data's own
    text (English by design), a country's name, a number or an acronym, else a word that skipped the catalogs.
    Unfiltered, under a search (the explorers' match columns) and under a Country filter (how a record reaches it)."""
    at = open_path(path, lang="xx", **state)
    assert untranslated(at) == []


def test_the_pseudo_locale_check_finds_a_word_outside_the_catalogs():
    """The check itself: English the app writes is found; the data's text, names and acronyms are not."""
    from tests.app.pseudo import leftover

    assert leftover("⟦Records⟧ per region") == ["per", "region"]
    assert leftover("⟦{n} ⟦projects⟧ in⟧ Ethiopia, SSTC 2020\\-2021") == []
    assert leftover("Skills V\\-Forum") == []  # a practice's short name, Markdown-escaped


def test_the_language_is_chosen_in_the_sidebar_and_the_filters_stay():
    at = open_page("funding", region="Africa")
    assert at.selectbox(key="sstc-language-choice").label == "Language"
    headings = [h.value for h in at.header]
    at.selectbox(key="sstc-language-choice").set_value("fr").run()
    assert not at.exception
    assert param(at, "lang") == ["fr"] and param(at, "region") == ["Africa"]
    assert at.selectbox(key="sstc-language-choice").label == "Langue"
    assert [h.value for h in at.header] != headings
    assert at.multiselect(key="f_regions").value == ["Africa"]
    at.selectbox(key="sstc-language-choice").set_value("en").run()
    assert "lang" not in at.query_params and [h.value for h in at.header] == headings


def test_an_address_without_a_language_is_english_and_one_with_an_unknown_language_too():
    assert open_page("funding").selectbox(key="sstc-language-choice").value == "en"
    at = open_page("funding", lang="de")
    assert at.selectbox(key="sstc-language-choice").value == "en" and "lang" not in at.query_params


@pytest.mark.parametrize(("page", "tab"), [("outcomes", "Records and their outcomes"), ("gaps", "Theme x region")])
def test_a_tab_named_in_english_opens_in_another_language(page, tab):
    """A tab bound to `?view=` is named in the address as shown; an English link opens the same tab in French, and
    the address then names it in French (Streamlit's binding writes it; AppTest does not show the binding's
    address, so the open tab is read from the session)."""
    from sstc.data import i18n

    with i18n.using("fr"):
        french = i18n._(tab)
    assert french != tab
    at = open_page(page, view=tab, lang="fr")
    assert at.session_state["view"] == french
    default = open_page(page, lang="fr")
    assert default.session_state["view"] != french  # not the tab a page opens on


def test_a_tables_app_words_are_in_the_language_and_the_sources_words_are_not():
    """Regions, kinds, statuses and modalities in a table's cells are the app's words: translated (in the CSV too,
    which holds what is shown); titles and quotes are the sources': as written."""
    english = open_page("modalities").dataframe[1].value
    french = open_page("modalities", lang="fr").dataframe[1].value
    assert list(french.columns) == list(english.columns)
    assert set(english["kind"]) == {"project", "practice"} and set(french["kind"]) == {"projet", "pratique"}
    assert "planned" in set(english["status"]) and "planned" not in set(french["status"])
    assert list(french["title"]) == list(english["title"]) and list(french["quote"]) == list(english["quote"])


def test_country_names_follow_each_runs_language_whatever_language_loaded_the_data_first():
    """The dataset's tables are built once and shared: built in English, each run reads the countries' names in its
    own language (a planner walk saw French names on a Spanish page, the French run having loaded the data)."""
    french = open_page("coverage", lang="fr").dataframe[0].value
    spanish = open_page("coverage", lang="es").dataframe[0].value
    english = open_page("coverage").dataframe[0].value
    assert "Chine" in set(french["country"]) and "China" in set(spanish["country"])
    assert "Jordania" in set(spanish["country"]) and "Jordan" in set(english["country"])
    ones = french[french["records"] == 1]["country"].tolist()
    assert ones.index("Îles Cook") < ones.index("Lituanie")  # sorted as French sorts, accents aside


def test_the_shared_tables_are_built_in_english():
    from sstc import DEFAULT_DATA
    from sstc.data import i18n
    from sstc.data.load import load_path
    from sstc.data.tables import build, in_language

    dataset = load_path(DEFAULT_DATA)
    with i18n.using("fr"):
        tables = build(dataset)
        assert "Ethiopia" in set(tables.countries["country"])
        assert "Éthiopie" in set(in_language(tables).countries["country"])
    with i18n.using("en"):
        assert in_language(tables) is tables


OTHER_VIEWS = [
    "replication?target=SEN",
    "replication?target=Central America&target=group:sids",
    "outcomes?view=Records and their outcomes",
    "outcomes?view=SDG mentions",
    "gaps?view=Country x outcome",
    "gaps?view=Candidates not yet covered",
    "coverage?role=candidate",
    "timeline?view=whole+span",
    "compare?left=region:Africa&right=country:ETH",
    "shortlist?pick=practice:3&pick=practice:5&pick=project:ASIA-BRICS",
]


@pytest.mark.parametrize("path", OTHER_VIEWS)
def test_no_word_outside_the_catalogs_in_a_pages_other_views(path):
    """A page's other tabs and choices (a target, a role, a whole span, two sides) in the pseudo-locale."""
    at = open_path(path, lang="xx")
    assert untranslated(at) == []
