"""The explorers say where each record matched the search: two last columns, in the table and in its CSV, only
while a search is on."""

import csv
import io

import pytest

from app.sidebar import WIDGET_PREFIX
from sstc.analysis import filters
from tests.app.apptest import downloads, open_page, run_with_upload
from tests.conftest import PAYLOAD, hostile_dataset

PAGES = [("explorer", "practice", "practices"), ("projects", "project", "projects")]
ADDED = ["match", "matched_in"]


@pytest.mark.usefixtures("record_downloads")
@pytest.mark.parametrize(("page", "kind", "name"), PAGES)
def test_explorers_show_where_each_record_matched(tables, page, kind, name):
    expected = filters.apply(tables, filters.Filters(text="refugee", kinds=(kind,))).records["id"].tolist()
    assert expected
    at = open_page(page, q="refugees")
    table = at.dataframe[0].value
    assert table["id"].tolist() == expected  # the other word form finds the same records
    title = list(table.columns).index("title")
    assert list(table.columns[title + 1 : title + 3]) == ADDED  # in sight, not past the right edge
    assert all(cell for cell in table["matched_in"])
    assert all("«refugee" in cell.casefold() and "»" in cell for cell in table["match"])
    (file,) = [n for n in downloads(at) if n.startswith(f"sstc-{name}-")]
    rows = list(csv.DictReader(io.StringIO(downloads(at)[file].decode("utf-8-sig"))))
    assert [r["match"] for r in rows] == table["match"].tolist()  # the CSV exports what the table shows
    assert [r["matched_in"] for r in rows] == table["matched_in"].tolist()


@pytest.mark.parametrize("page", [page for page, _, _ in PAGES])
def test_the_columns_go_with_the_search(page):
    at = open_page(page, q="refugees")
    assert set(ADDED) <= set(at.dataframe[0].value.columns)
    assert "where each matched the search" in " ".join(c.value for c in at.caption)
    at.text_input(key=f"{WIDGET_PREFIX}text").set_value("").run()
    assert not at.exception
    assert not set(ADDED) & set(at.dataframe[0].value.columns)
    assert "where each matched the search" not in " ".join(c.value for c in at.caption)


def test_the_snippet_shows_markup_in_the_data_as_text():
    """A record text full of Markdown and HTML (tests.conftest.PAYLOAD in every title): the cell holds its very
    characters, with only « » added around the matched word."""
    at = run_with_upload(hostile_dataset(), page="explorer")
    at.text_input(key=f"{WIDGET_PREFIX}text").set_value("pwn").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) and (table["matched_in"].str.split(", ").str[0] == "title").all()
    literal = " ".join(PAYLOAD.split()).replace("PWN", "«PWN»", 1)
    assert all(literal.startswith(cell.removesuffix("…")) for cell in table["match"])
