"""The catalogs are complete and faithful, and the language's formats, plurals, collation and country names are the
language's own (issue 26)."""

import re
from datetime import date

import pytest

from sstc.data import catalogs, countries, i18n
from sstc.view.labels import counted

LANGUAGES = catalogs.TRANSLATED
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}")


def _messages(domain: str, code: str) -> list:
    return [m for m in catalogs.read(catalogs.po_path(code, domain), code) if m.id]


def test_the_catalog_templates_say_what_the_code_says():
    """Every word the code routes through `_()` is in its domain's template, and nothing else (`make catalogs`)."""
    assert [p for d in catalogs.DOMAINS for p in catalogs.stale(d)] == []


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("domain", list(catalogs.DOMAINS))
def test_every_message_is_translated(domain, code):
    template = {(m.context, m.id) for m in catalogs.read(catalogs.pot_path(domain)) if m.id}
    messages = {(m.context, m.id): m for m in _messages(domain, code)}
    assert template - set(messages) == set(), "not in the catalog: run make catalogs"
    missing = [
        m.id
        for key, m in messages.items()
        if key in template and (m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert missing == [], f"{len(missing)} untranslated in {code}/{domain}: {missing[:10]}"


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("domain", list(catalogs.DOMAINS))
def test_translations_keep_the_placeholders_and_markup(domain, code):
    """A translation has exactly the msgid's {placeholders} (a missing one loses a figure, an extra one raises),
    and its bold marks."""
    wrong = []
    for message in _messages(domain, code):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for form in forms:
            if not form:
                continue
            if not set(PLACEHOLDER.findall(form)) <= wanted or (
                len(ids) == 1 and set(PLACEHOLDER.findall(form)) != wanted
            ):
                wrong.append((ids[0], form))
            if form.count("**") != ids[0].count("**"):
                wrong.append((ids[0], form))
    assert wrong == []


def test_english_is_the_code_itself_and_the_pseudo_locale_marks_every_message():
    with i18n.using("en"):
        assert i18n._("Language") == "Language"
        assert counted(1, "project", "projects") == "1 project"
        assert counted(1234, "project", "projects") == "1,234 projects"
    with i18n.using(i18n.PSEUDO):
        assert i18n._("Language") == "⟦Language⟧"
        assert counted(2, "project", "projects") == "2 ⟦projects⟧"


def test_a_translated_message_and_its_plural_forms():
    """French counts 0 and 1 as singular, Spanish only 1 (CLDR's rules, from the catalogs' Plural-Forms)."""
    with i18n.using("fr"):
        assert i18n._("Language") == "Langue"
        assert counted(0, "project", "projects") == "0 projet"
        assert counted(1, "project", "projects") == "1 projet"
        assert counted(2, "project", "projects") == "2 projets"
    with i18n.using("es"):
        assert i18n._("Language") == "Idioma"
        assert counted(0, "project", "projects") == "0 proyectos"
        assert counted(1, "project", "projects") == "1 proyecto"


def test_numbers_percentages_and_dates_in_the_language():
    day = date(2021, 12, 31)
    with i18n.using("en"):
        assert (i18n.number(1234567), i18n.percent(0.256), i18n.percent(0.2567, 1)) == ("1,234,567", "26%", "25.7%")
        assert i18n.day(day) == "Dec 31, 2021"
    with i18n.using("fr"):
        assert i18n.number(1234567) == "1\u202f234\u202f567"
        assert i18n.percent(0.256) == "26\u00a0%"
        assert i18n.percent(0.2567, 1) == "25,7\u00a0%"
        assert i18n.day(day) == "31 déc. 2021"
    with i18n.using("es"):
        assert i18n.number(1234567) == "1.234.567"
        assert i18n.percent(0.2567, 1) == "25,7\u00a0%"
        assert i18n.day(day) == "31 dic 2021"


def test_sorting_follows_the_language():
    words = ["Zambie", "Égypte", "Éthiopie", "Eswatini", "Nicaragua", "Ñandú", "Oman"]
    with i18n.using("fr"):
        assert sorted(words, key=i18n.collation_key) == [
            "Égypte",
            "Eswatini",
            "Éthiopie",
            "Ñandú",  # French sorts ñ as n
            "Nicaragua",
            "Oman",
            "Zambie",
        ]
    with i18n.using("es"):  # ñ is a letter of its own, after n
        assert sorted(["Ñandú", "Nicaragua", "Oman"], key=i18n.collation_key) == ["Nicaragua", "Ñandú", "Oman"]


def test_country_names_in_the_language():
    codes = ["ETH", "BRA", "COD", "EGY", "ZAF", "TUR"]
    with i18n.using("fr"):
        assert [countries.name(c) for c in sorted(codes, key=countries.sort_key)] == [
            "Afrique du Sud",
            "Brésil",
            "Égypte",
            "Éthiopie",
            "RD Congo",
            "Türkiye",
        ]
        assert countries.full_name("COD") == "République démocratique du Congo"
    with i18n.using("es"):
        assert countries.name("ETH") == "Etiopía" and countries.name("ZAF") == "Sudáfrica"
    with i18n.using("en"):
        assert countries.name("COD") == "DR Congo"


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_country_name_holds_a_comma(code):
    """A comma list of names reads one country per item, in every language."""
    from sstc.data import m49

    with i18n.using(code):
        assert [a.iso3 for a in m49.table() if "," in countries.name(a.iso3)] == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "fr"),
        ("de-DE,es;q=0.5,fr;q=0.3", "es"),
        ("de-DE,nl", "en"),
        ("en-GB,fr;q=0.9", "en"),
        ("", "en"),
        (None, "en"),
        ("xx", "en"),  # the pseudo-locale is the tests', never a browser's
        ("fr;q=abc,es", "es"),
    ],
)
def test_the_browser_language_the_app_speaks(header, expected):
    assert i18n.from_accept_language(header) == expected


def test_an_unknown_language_is_english():
    assert i18n.known("de") is None and i18n.known(" FR ") == "fr"
    with i18n.using("de"):
        assert i18n.language() == "en"


def test_every_m49_area_has_words_to_translate():
    """A new data/m49.csv with an area the catalogs lack would show it in English: the list is the table's."""
    from sstc.data import m49

    names = {n for a in m49.table() for n in (a.region, a.sub_region, a.intermediate_region) if n}
    assert names == set(m49.AREA_WORDS)
    with i18n.using("fr"):
        assert m49.shown("Sub-Saharan Africa") == "Afrique subsaharienne"
        assert m49.shown("not an area") == "not an area"


@pytest.mark.parametrize("code", LANGUAGES)
def test_one_translation_per_message_across_the_domains(code):
    """The domains' catalogs are read into one table: the same English (and context) translated two ways in two
    domains would show only one of them, whichever file is read last."""
    seen: dict[tuple, dict[str, object]] = {}
    for domain in catalogs.DOMAINS:
        for message in _messages(domain, code):
            kind = "plural" if isinstance(message.id, tuple) else "single"
            key = (message.context, kind, message.id if kind == "single" else message.id[0])
            seen.setdefault(key, {})[domain] = message.string
    differing = {key[2]: found for key, found in seen.items() if len({str(s) for s in found.values()}) > 1}
    assert differing == {}


def test_evidence_in_another_language_marks_the_sources_words_as_english():
    """In French the app's words are French and each quote and source is marked lang="en" (st.html keeps the
    attribute); every text is escaped, so a quote holding markup stays text."""
    import pandas as pd

    from sstc.view import present

    evidence = pd.DataFrame(
        {
            "field": ["countries.participant", "themes"],
            "value": ["ETH", "not_a_theme"],
            "quote": ['<img src=x onerror="alert(1)"> Ethiopia joined', None],
            "inference": [None, "read from the title"],
            "source": ["brochure, Africa", "compendium, good practice 3"],
        }
    )
    with i18n.using("fr"):
        shown = present.evidence_html(evidence)
    assert shown.startswith("<ul><li><strong>") and shown.count("<li>") == 2
    assert "Éthiopie" in shown and "<img" not in shown and "&lt;img src=x" in shown
    assert '<span lang="en">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Ethiopia joined</span>' in shown
    assert '<span lang="en">brochure, Africa</span>' in shown
    assert "<em>" in shown  # the translated "*inference:*" keeps its emphasis


def test_a_word_file_in_french_is_proofed_in_french():
    """Word spell-checks a document in its default language: a French brief is fr-FR, an English one as before."""
    import io
    import zipfile

    from sstc.documents.document import Document, Para, text
    from sstc.documents.docx_out import to_docx

    def language_of(code: str) -> tuple[str, str]:
        with i18n.using(code):
            raw = to_docx(Document(title="T", footer="F", blocks=(Para(text("texte")),)))
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            styles = z.read("word/styles.xml").decode()
            core = z.read("docProps/core.xml").decode()
        return re.search(r'<w:lang [^>]*w:val="([^"]+)"', styles).group(1), core

    french, core = language_of("fr")
    assert french == "fr-FR" and "<dc:language>fr-FR</dc:language>" in core
    assert language_of("es")[0] == "es-ES"
    assert language_of("en")[0] == "en-US"  # the template's own, unchanged


def test_a_long_title_gets_room_above_the_plot():
    """A title of three lines (longer in French) had 60 px and ran over the first bar."""
    from sstc.view import charts

    one = charts._figure([], title="One line")
    three = charts._figure([], title="One<br>two<br>three")
    assert one.layout.margin.t == 60
    assert three.layout.margin.t >= 24 + 22 * 3


def test_a_map_link_keeps_the_language():
    """The quick map's country links open the profile in the page's language, in a new tab too."""
    import pandas as pd

    from sstc.analysis import filters
    from sstc.view import svgmap

    coverage = pd.DataFrame(
        {"iso3": ["ETH"], "country": ["Éthiopie"], "records": [2], "projects": [1], "practices": [1],
         "roles": ["participant"], "record_titles": ["a"]}
    )  # fmt: skip
    with i18n.using("fr"):
        french = "".join(svgmap.coverage_map(coverage, "t", filters.Filters(regions=("Africa",))).values())
    english = "".join(svgmap.coverage_map(coverage, "t", filters.Filters(regions=("Africa",))).values())
    assert 'href="profile?iso3=ETH&amp;region=Africa&amp;lang=fr"' in french
    assert 'href="profile?iso3=ETH&amp;region=Africa"' in english
