"""The sidebar's text search: word forms, runs of words, where a record matched, and the snippet that shows it."""

import gc
import re
import time

import pytest

from sstc.analysis import filters, search, transforms
from sstc.data.tables import build
from sstc.view import present
from tests.conftest import PAYLOAD, with_practice


def found(tables, text: str) -> set[str]:
    return set(filters.apply(tables, filters.Filters(text=text)).records["key"])


def with_words(tables, pattern: str) -> set[str]:
    """Records having a word that `pattern` matches whole, in any part of their searched text."""
    word = re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)
    return {
        key
        for key, parts in zip(tables.records["key"], tables.records["search_fields"], strict=True)
        if any(word.search(text) for _, text in parts)
    }


@pytest.mark.parametrize(
    ("one", "other", "forms"),
    [
        ("refugee", "refugees", "refugees?"),
        ("migrant", "migrants", "migrants?"),
        ("study", "studies", "stud(?:y|ies|ied|ying)"),
    ],
)
def test_word_forms_find_the_same_records(tables, one, other, forms):
    """Issue 23 point 11: "refugee" found 3 records and "refugees" 2. Each form now finds every record that has
    either form, and casefolding stays."""
    expected = with_words(tables, forms)
    assert expected
    assert found(tables, one) == found(tables, other) == found(tables, other.upper()) == expected


def test_a_word_with_no_form_in_the_data_finds_nothing(tables):
    assert "ugee" in " ".join(tables.records["search_text"])  # a substring of "refugee", a word of no record
    assert found(tables, "ugee") == set()
    assert found(tables, "zzzz") == set()
    assert found(tables, "refugees ugee") == set()  # every word is needed


def test_country_names_and_project_ids_are_found(tables):
    named = tables.countries.loc[(tables.countries["iso3"] == "FJI") & tables.countries["via_group"].isna(), "key"]
    assert set(named) and set(named) <= found(tables, "fiji")
    assert "project:ECA-REFUGEE" in found(tables, "ECA-REFUGEE")
    assert found(tables, "asia-brics") == {"project:ASIA-BRICS"}


def test_a_word_with_inner_punctuation_or_a_quoted_phrase_needs_its_words_in_a_row(dataset):
    edited = build(
        with_practice(dataset, 3, objective="Decent work for all.", results="Work that was decent, we hope.")
    )
    apart = build(with_practice(dataset, 3, objective="Work that was decent.", results="Decent jobs."))
    assert "practice:3" in found(edited, '"decent work"') and "practice:3" in found(edited, '"Decent works"')
    assert "practice:3" in found(edited, "decent-work")
    assert "practice:3" not in found(apart, '"decent work"')
    assert "practice:3" in found(apart, "decent work")  # unquoted, the words may be anywhere
    assert "practice:3" not in found(apart, "decent-work")


def test_news_activities_are_found_by_word_forms_too(tables):
    news = "activity:lma-2023-ssc-elective"
    dates = filters.apply(tables, filters.Filters(text="academies")).dates["key"]
    assert news in set(dates)


@pytest.mark.parametrize("hostile", [".*[(\\", "<script>alert(1)</script>", "&&& ---", '"', "x" * 5000])
def test_hostile_queries_are_plain_text(tables, hostile):
    started = time.perf_counter()
    assert found(tables, hostile) == set()
    assert time.perf_counter() - started < 1


def test_a_query_of_punctuation_finds_nothing_and_blank_is_no_search(tables):
    assert found(tables, "  -- ") == set()
    assert found(tables, "   ") == set(tables.records["key"])


def test_stems_are_worked_out_once_per_tables_object(dataset, monkeypatch):
    built = []
    real = search.build
    monkeypatch.setattr(search, "build", lambda t: built.append(id(t)) or real(t))
    tables = build(dataset)
    for text in ("refugee", "refugees colombia", "youth"):
        filters.apply(tables, filters.Filters(text=text))
        search.where(tables, text, list(tables.records["key"]))
    assert len(built) == 1
    other = build(dataset)
    found(other, "youth")
    assert len(built) == 2 and search.index(other) is not search.index(tables)
    entries = len(search._INDEXES)
    del tables, other
    gc.collect()
    assert len(search._INDEXES) <= entries - 2  # an index goes with its tables


def test_where_names_the_parts_and_the_matched_words(tables):
    where = search.where(tables, "refugees colombia", sorted(found(tables, "refugees colombia")))
    assert where
    for key, match in where.items():
        parts = dict(tables.records.loc[tables.records["key"] == key, "search_fields"].iloc[0])
        assert match.text == parts[match.parts[0]]
        assert {match.text[a:b].casefold() for a, b in match.spans} <= {"refugee", "refugees", "colombia"}
        assert match.spans


def test_snippet_marks_the_matched_word_around_the_first_match(dataset):
    long = "Words before. " * 20 + "They trained many refugees in Colombia. " + "Words after. " * 20
    tables = build(with_practice(dataset, 5, results=long))
    match = search.where(tables, "refugee", ["practice:5"])["practice:5"]
    text = present.match_snippet(match)
    assert "«refugees»" in text and text.startswith("…") and text.endswith("…")
    assert len(text) <= present.SNIPPET + 4
    assert "results" in match.parts


def test_snippet_keeps_data_text_literal(dataset):
    """The snippet is plain characters: markup in the data is neither escaped nor dropped, and only « » are
    added."""
    tables = build(with_practice(dataset, 5, objective=f"{PAYLOAD} refugees"))
    shown = transforms.record_table(filters.apply(tables, filters.Filters(text="pwn")), "practice")
    table = present.with_matches(shown, tables, "pwn", "practice")
    title = list(shown.columns).index("title") + 1
    assert list(table.columns) == [*shown.columns[:title], "match", "matched_in", *shown.columns[title:]]
    row = table.loc[table["id"] == "5"].iloc[0]
    assert row["matched_in"] == "objective"
    assert row["match"].startswith("«PWN» [Sign in again](http://evil.example/x) ![i](http://evil.example/i.png) <b>b")
    assert row["match"].removesuffix("…").replace("«PWN»", "PWN") in " ".join(PAYLOAD.split())
