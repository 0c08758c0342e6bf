"""Documents from data at the schema's limits: a long upload name or title must not break the Word or PDF brief.

Word refuses a core property of more than 255 characters (the subject is the dataset's label, which carries the
upload's name); a PDF heading longer than the room left on a page must split like any paragraph, and stay one
bookmark.
"""

import io
import time

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from sstc import DEFAULT_DATA
from sstc.data.identity import identify
from sstc.data.tables import build
from sstc.documents import brief
from sstc.documents.docx_out import to_docx
from sstc.documents.pdf_out import to_pdf
from tests.conftest import with_practice
from tests.readback import docx_headings, fold, pdf_outline, pdf_text

LIMIT = 255
PROPERTIES = ("title", "subject", "author", "keywords", "comments", "category", "content_status", "identifier")
PROPERTIES += ("language", "last_modified_by", "version")


@pytest.fixture(scope="module")
def long_identity(dataset):
    return identify(dataset, DEFAULT_DATA.read_bytes(), uploaded_as="a" * 300 + ".yaml")


def long_title(length: int) -> str:
    words = "Strengthening social dialogue and decent work across regions "
    return (words * (length // len(words) + 1))[:length].strip()


def test_word_properties_stay_within_their_limit_and_say_where_cut(tables, long_identity):
    assert len(long_identity.label()) > 300
    raw = to_docx(brief.build(tables, ["practice:3"], long_identity))
    props = open_docx(io.BytesIO(raw)).core_properties
    for name in PROPERTIES:
        assert len(getattr(props, name) or "") <= LIMIT, name
    assert props.subject.endswith("…") and len(props.subject) <= LIMIT
    assert long_identity.label().startswith(props.subject.removesuffix("…"))
    assert props.title == brief.TITLE and props.author == "SSTC dashboard"  # short ones untouched


def test_short_labels_stay_whole_in_word_and_pdf(tables, dataset):
    identity = identify(dataset, DEFAULT_DATA.read_bytes())
    model = brief.build(tables, ["practice:3"], identity)
    assert open_docx(io.BytesIO(to_docx(model))).core_properties.subject == identity.label()
    assert PdfReader(io.BytesIO(to_pdf(model))).metadata.subject == identity.label()


def test_pdf_metadata_stays_within_the_limit(tables, long_identity):
    meta = PdfReader(io.BytesIO(to_pdf(brief.build(tables, ["practice:3"], long_identity)))).metadata
    assert len(meta.subject) <= LIMIT and meta.subject.endswith("…")
    assert long_identity.label().startswith(meta.subject.removesuffix("…"))
    assert len(meta.title) <= LIMIT and len(meta.author) <= LIMIT


@pytest.mark.parametrize("length", [2_500, 20_000])
def test_a_heading_longer_than_a_page_splits_in_the_pdf_and_stays_a_bookmark(dataset, long_identity, length):
    title = long_title(length)
    tables = build(with_practice(dataset, 3, title=title))
    model = brief.build(tables, ["practice:3", "practice:8"], long_identity)
    started = time.perf_counter()
    raw = to_pdf(model)
    seconds = time.perf_counter() - started
    print(f"PDF with a {length:,}-character title: {seconds:.2f} s, {len(PdfReader(io.BytesIO(raw)).pages)} pages")
    assert f"1. Practice 3: {title[:200]}" in fold(pdf_text(raw))
    bookmarks = pdf_outline(raw)
    (entry,) = [b for b in bookmarks if b.startswith("1. Practice 3: ")]  # one bookmark, not one per part
    assert len(entry) <= LIMIT and entry.endswith("…")
    assert [b for b in bookmarks if b.startswith("2. Practice 8")]
    assert bookmarks.count("Replication score") == 2
    docx = to_docx(model)
    assert ("Heading 1", f"1. Practice 3: {title}") in docx_headings(docx)


def test_a_title_without_spaces_still_renders(dataset, long_identity):
    tables = build(with_practice(dataset, 3, title="x" * 20_000))
    raw = to_pdf(brief.build(tables, ["practice:3"], long_identity))
    assert "1. Practice 3: xxxxxxxx" in fold(pdf_text(raw))
    assert any(b.startswith("1. Practice 3: x") and len(b) <= LIMIT for b in pdf_outline(raw))


def test_a_footer_too_long_for_two_lines_ends_with_an_ellipsis_and_a_short_one_is_whole():
    from sstc.documents.document import Document, Para, text
    from tests.readback import pdf_text

    long_label = "Data: " + " ".join(f"word{n}" for n in range(200)) + " · #abc123"
    raw = to_pdf(Document("Title", long_label, (Para(text("body")),)))
    shown = [line.strip() for line in pdf_text(raw).splitlines()]
    footer = [line for line in shown if line.startswith("Data: ") or "word" in line]
    assert len(footer) == 2 and footer[-1].endswith("…"), footer
    assert "word199" not in " ".join(shown)
    short = to_pdf(Document("Title", "Data: the shipped dataset · #abc123", (Para(text("body")),)))
    assert "Data: the shipped dataset · #abc123" in pdf_text(short)


def test_every_bookmark_has_a_key_of_its_own_even_when_python_reuses_an_id():
    """Bookmarks were keyed by id(flowable): a heading made after an earlier one was freed could get its id, and took
    over that bookmark (one PDF in a few printed "1. Practice 3" twice and lost another)."""
    from reportlab.lib.styles import ParagraphStyle

    from sstc.documents import pdf_out

    class Canvas:
        def __init__(self) -> None:
            self.keys: list[str] = []

        def bookmarkPage(self, key: str) -> None:
            self.keys.append(key)

        def addOutlineEntry(self, title: str, key: str, level: int = 0) -> None:
            pass

    template = pdf_out._Template(io.BytesIO())
    template.canv = Canvas()
    heading = pdf_out._Heading("1. Practice 3: t", ParagraphStyle("h"), level=0)
    template.afterFlowable(heading)
    template.afterFlowable(heading)  # the same id twice, as a freed heading's id given to a new one
    assert len(set(template.canv.keys)) == 2
