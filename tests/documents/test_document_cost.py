"""A document costs what it shows: a field with thousands of line breaks renders in linear time, and a country
named by thousands of records prints as many as the Country profile page shows, then says how many more."""

import io
import time

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from sstc import DEFAULT_DATA
from sstc.data.identity import identify
from sstc.data.tables import build
from sstc.documents import brief, printable
from sstc.documents.document import Bullets, Document, Para, Table, text
from sstc.documents.formats import FORMATS
from sstc.documents.pdf_out import to_pdf
from tests.conftest import with_practice
from tests.readback import docx_text, fold, pdf_text


@pytest.fixture(scope="module")
def identity(dataset):
    return identify(dataset, DEFAULT_DATA.read_bytes())


def lines(breaks: int) -> str:
    return "\n".join(f"line {n} of the objective" for n in range(breaks + 1))


def timed(render, model: Document) -> tuple[float, bytes]:
    started = time.perf_counter()
    raw = render(model)
    return time.perf_counter() - started, raw


def test_a_field_with_many_line_breaks_costs_linear_time_and_reads_back_whole(dataset, identity):
    """ReportLab re-wraps what is left of a paragraph at each page it breaks over: 9,000 breaks in one field took
    38 s. 8,000 breaks must cost about four times 2,000 (< 6x plus a constant), every line kept, in PDF and Word."""
    seconds = {}
    for breaks in (2_000, 8_000):
        body = lines(breaks)
        tables = build(with_practice(dataset, 3, objective=body))
        model = brief.build(tables, ["practice:3"], identity)
        for fmt in ("pdf", "docx"):
            seconds[fmt, breaks], raw = timed(FORMATS[fmt][0], model)
            shown = {line.strip() for line in (pdf_text(raw) if fmt == "pdf" else docx_text(raw)).splitlines()}
            assert set(body.splitlines()) <= shown, (fmt, breaks)  # each line whole, on a line of its own
    print({k: round(v, 2) for k, v in seconds.items()})
    for fmt in ("pdf", "docx"):
        assert seconds[fmt, 8_000] < 6 * seconds[fmt, 2_000] + 0.5, fmt


def test_each_line_stays_on_its_own_line_in_a_paragraph_a_bullet_and_a_table_cell():
    body = lines(300) + "\n\nafter a blank line\n"
    model = Document(
        "Lines",
        "footer",
        (Para(text(body)), Bullets((text(body),)), Table(("Name", "Text"), ((text("cell"), text(body)),))),
    )
    raw = to_pdf(model)
    shown = [line.strip() for line in pdf_text(raw).splitlines()]
    for line in [*body.splitlines()[1:301], "after a blank line"]:
        assert shown.count(line) == 3, line  # once as a paragraph, once in the bullet, once in the cell
    word = open_docx(io.BytesIO(FORMATS["docx"][0](model)))
    assert word.tables[0].rows[1].cells[1].text == body


def test_a_few_line_breaks_keep_one_paragraph(dataset, identity):
    """The shipped fields (a handful of breaks at most) are drawn as before: one paragraph each."""
    from sstc.documents import pdf_out

    runs = text("one\ntwo\nthree")
    (paragraph,) = pdf_out._paragraphs(runs, pdf_out._styles()["body"])
    assert paragraph.text == "one<br/>two<br/>three"
    parts = pdf_out._paragraphs(text(lines(3 * pdf_out.LINES_PER_PART)), pdf_out._styles()["body"])
    assert len(parts) == 4 and parts[0].style.spaceAfter == 0 and parts[-1].style.spaceBefore == 0


@pytest.fixture(scope="module")
def crowded(dataset):
    """The shipped dataset plus n copies of practice 6, which names Brazil (a peer): Brazil named by n + 8 records."""
    original = next(p for p in dataset.practices if p.number == 6)

    def named_by(copies: int):
        extra = [
            original.model_copy(update={"number": 100_000 + n, "title": f"Copy {n:05d} of {original.title}"})
            for n in range(copies)
        ]
        return build(dataset.model_copy(update={"practices": [*dataset.practices, *extra]}))

    return named_by


def test_a_country_named_by_thousands_of_records_prints_what_the_page_shows(crowded, identity):
    sizes = {}
    for copies in (2_000, 4_000):
        tables = crowded(copies)
        started = time.perf_counter()
        raw = to_pdf(printable.profile(tables, "BRA", identity))
        seconds = time.perf_counter() - started
        print(f"{copies:,} copies: {seconds:.2f} s, {len(raw):,} bytes")
        assert seconds < 3
        sizes[copies] = len(raw)
        shown = fold(pdf_text(raw))
        total = copies + 8
        assert f"{total:,} records: 4 projects, {total - 4:,} good practices" in shown
        assert f"The first {printable.SHOWN} of {total} records; {total - printable.SHOWN} more name Brazil" in shown
        assert "CSV download holds every one" in shown
        # the page's order: projects, then practices by number (6, 7, 9, 13, then the copies, 100000 on)
        for title in ["Copy 00000 of", "Copy 00016 of"]:
            assert title in shown
        assert "Copy 00017 of" not in shown and "Copy 01999 of" not in shown
        assert len(PdfReader(io.BytesIO(raw)).pages) <= 6
    assert abs(sizes[4_000] - sizes[2_000]) <= 0.1 * sizes[2_000]


def test_the_shipped_profile_lists_every_record_in_the_page_order(tables, identity):
    model = printable.profile(tables, "BRA", identity)
    table = next(b for b in model.blocks if isinstance(b, Table))  # the records naming it; "may reach" follows
    ids = [(row[0][0].text, row[1][0].text) for row in table.rows]
    assert len(ids) == 8 and not [b for b in model.blocks if isinstance(b, Para) and "more name" in b.runs[0].text]
    practices = [int(i) for kind, i in ids if kind == "practice"]
    assert ids[0][0] == "project" and practices == sorted(practices)
