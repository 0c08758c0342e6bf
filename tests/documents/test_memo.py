"""The one-page plan memo in Markdown, Word and PDF, read back as a reader would (as the brief's tests do).

Expected values come from the dataset models (titles), the vocabulary (outcome names), `targets.label` and
`planned.in_words` (the memo must carry them, not recompute them) or from the plan written here.
"""

import datetime as dt
import io
import re

import pytest
from docx import Document as open_docx
from markdown_it import MarkdownIt
from pypdf import PdfReader

from sstc import DEFAULT_DATA
from sstc.analysis import planned, targets
from sstc.data import planfile, vocab
from sstc.data.identity import identify
from sstc.documents import brief, memo
from sstc.documents.document import to_markdown
from sstc.documents.docx_out import to_docx
from sstc.documents.pdf_out import to_pdf
from sstc.view.safe import JOINER
from tests.readback import docx_headings, docx_links, docx_text, fold, markdown_text, pdf_images, pdf_links, pdf_text

DAY = dt.date(2026, 11, 24)


def PlanItem(
    key: str,
    order: int,
    priority: str,
    targets: list[str],
    lead: str | None,
    note: str | None,
    status: str,
) -> planfile.PlanItem:
    """A plan item as the app makes it (`sstc.data.planfile.PlanItem`), written positionally for the table below."""
    return planfile.PlanItem(
        key=key, order=order, priority=priority, targets=targets, lead=lead, note=note, status=status
    )


def note(n: int) -> str:
    return f"Note {n}: ask the regional office whether the partner ministry can host the first exchange early on."


# Given out of order: the memo sorts by `order`. Outcomes stated (LAC-TVET, 5 via LAC-TVET), ambiguous (9,
# ASIA-BRICS) and none (8); targets of every kind. Notes of about 100 characters.
PLAN = (
    PlanItem("project:ASIA-BRICS", 40, "high", ["Western Africa"], "ROAF", note(4), "idea"),
    PlanItem("practice:9", 10, "high", ["GTM", "Central America"], "M. Silva", note(1), "idea"),
    PlanItem("practice:5", 50, "medium", ["COL"], "CO Lima", note(5), "proposed"),
    PlanItem("project:LAC-TVET", 20, "medium", ["group:sids"], "PARDEV", note(2), "proposed"),
    PlanItem("practice:8", 30, "low", ["ETH", "KEN"], "ITCILO", note(3), "agreed"),
)
IN_ORDER = sorted(PLAN, key=lambda item: item.order)


def squash(text: str) -> str:
    """No white space at all: a PDF table cell wraps anywhere, a hyphenated title too ("knowledge-" / "sharing")."""
    return re.sub(r"\s+", "", text)


def rendered_text(markdown: str) -> str:
    """What a Markdown viewer shows, without the invisible joiner that keeps "http://" from linking."""
    return markdown_text(markdown).replace(JOINER, "")


def render(model) -> dict[str, str | bytes]:
    return {"md": to_markdown(model), "docx": to_docx(model), "pdf": to_pdf(model)}


def shown(formats: dict[str, str | bytes]) -> dict[str, str]:
    """What a reader sees of each format (the Word text and the PDF text include their footers)."""
    md, word, pdf = formats["md"], formats["docx"], formats["pdf"]
    return {"md": rendered_text(md), "docx": docx_text(word), "pdf": pdf_text(pdf)}  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def identity(dataset):
    return identify(dataset, DEFAULT_DATA.read_bytes())


@pytest.fixture(scope="module")
def adds(tables):
    return planned.adds(tables, PLAN)


@pytest.fixture(scope="module")
def formats(tables, identity, adds) -> dict[str, str | bytes]:
    return render(memo.build(tables, PLAN, identity, adds, on=DAY))


@pytest.fixture(scope="module")
def texts(formats) -> dict[str, str]:
    return shown(formats)


def titles(dataset) -> dict[str, str]:
    """What the memo names each record by: a practice's short name, a project's title (its first 70 characters,
    cut with "…": the memo must fit a page; the annex has titles whole)."""
    return {f"practice:{p.number}": p.short_name for p in dataset.practices} | {
        f"project:{p.id}": p.title if len(p.title) <= 70 else p.title[:69].rstrip() for p in dataset.projects
    }


def body_docx(raw: bytes) -> str:
    """Word paragraphs and table cells, without the page footer."""
    doc = open_docx(io.BytesIO(raw))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_each_item_shows_title_outcomes_targets_priority_lead_and_note(fmt, texts, dataset, tables):
    seen = squash(texts[fmt])
    named = titles(dataset)
    for item in PLAN:
        kind, rid = item.key.split(":")
        assert squash(f"{kind.capitalize()} {rid}: {named[item.key]}") in seen, (fmt, item.key)
        rows = tables.outcomes[tables.outcomes["key"] == item.key]
        for code in rows["outcome"]:
            first_words = " ".join(vocab.OUTCOMES[code].split()[:2])
            assert squash(f"{code}: {first_words}") in seen, (fmt, item.key, code)
        for token in item.targets:
            assert squash(targets.label(tables, token)) in seen, (fmt, item.key, token)
        assert squash(item.lead) in seen and squash(item.note) in seen, (fmt, item.key)
    assert squash("none stated") in seen  # practice 8 states no outcome
    assert all(squash(word) in seen for word in ("high", "medium", "low", "idea", "proposed", "agreed"))


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_items_come_in_the_plans_order(fmt, texts):
    seen = squash(texts[fmt])
    where = [seen.index(squash(item.note)) for item in IN_ORDER]
    assert where == sorted(where), fmt


def test_word_has_one_real_table_of_eight_columns_and_a_row_per_item(formats, dataset, tables):
    doc = open_docx(io.BytesIO(formats["docx"]))
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert len(table.columns) == 8 and len(table.rows) == len(PLAN) + 1
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert tuple(rows[0]) == memo.HEADER == ("#", "Item", "Outcomes", "Targets", "Priority", "Lead", "Note", "Status")
    named = titles(dataset)
    for n, (row, item) in enumerate(zip(rows[1:], IN_ORDER, strict=True), start=1):
        number, label, outcomes, aimed, priority, lead, said, status = row
        assert number == str(n) and named[item.key] in label and label.startswith(("Practice ", "Project "))
        assert (priority, lead, said, status) == (item.priority, item.lead, item.note, item.status)
        assert aimed == "; ".join(targets.label(tables, token) for token in item.targets)
        own = tables.outcomes[tables.outcomes["key"] == item.key]
        parts = outcomes.split("; ")
        assert len(parts) == len(set(own["outcome"])) or (own.empty and outcomes == "none stated")
        for code, unsure in zip(own["outcome"], own["ambiguous"].astype(bool), strict=True):
            part = next(p for p in parts if p.startswith(f"{code}: "))
            assert part.endswith(memo.AMBIGUOUS) == unsure, (item.key, part)  # confirmed ones never marked
            name = part.removeprefix(f"{code}: ").removesuffix(f" {memo.AMBIGUOUS}").removesuffix("…")
            assert len(name) >= 12 and vocab.OUTCOMES[code].startswith(name), (item.key, part)  # a name, not a code
    assert docx_headings(formats["docx"]) == [
        ("Title", memo.TITLE),
        ("Heading 2", "The plan"),
        ("Heading 2", "What the plan adds"),
    ]


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_what_the_plan_adds_date_dataset_and_sources(fmt, texts, adds, identity):
    seen = squash(texts[fmt])
    assert squash(planned.in_words(adds, brief=True)) in seen
    assert squash("What the plan adds") in seen and squash("Drawn up 2026-11-24") in seen
    assert squash(f"Dataset: {identity.title}, version {identity.version} of {identity.date}") in seen
    for source in ("compendium, good practice 9", "brochure, Latin America and the Caribbean"):
        assert squash(source) in seen, (fmt, source)
    assert squash(memo.M49) in seen


def test_the_identity_is_in_the_footer_only_and_there_is_no_method_note(formats, texts, identity):
    word_body = body_docx(formats["docx"])
    footer = [p.text for s in open_docx(io.BytesIO(formats["docx"])).sections for p in s.footer.paragraphs]
    assert any(identity.label() in line for line in footer)
    assert re.search(r"#?[0-9a-f]{12}", word_body) is None and identity.digest not in word_body
    assert identity.digest not in formats["md"] and identity.digest not in texts["md"]
    assert texts["pdf"].count(identity.digest) == 1  # the one page's footer
    for seen in (word_body, texts["md"], texts["pdf"]):
        assert "How to read" not in seen and fold(brief.HOW_TO_READ[:60]) not in fold(seen)


def test_pdf_is_one_page_and_the_map_is_drawn_in_word_and_pdf(formats, adds):
    assert len(PdfReader(io.BytesIO(formats["pdf"])).pages) == 1
    assert pdf_images(formats["pdf"]) == 1
    doc = open_docx(io.BytesIO(formats["docx"]))
    assert len(doc.inline_shapes) == 1
    alt = doc.inline_shapes[0]._inline.docPr.get("descr")
    status = adds.countries["status"]
    covered, new = int(status.isin([planned.COVERED, planned.TARGETED]).sum()), int((status == planned.NEW).sum())
    assert f"{covered} countries covered in 2020-2021" in alt and f"{new} countries new with the plan" in alt
    assert f"Image: {alt}" in formats["md"]


def test_markup_in_a_note_stays_literal_in_every_format(tables, identity):
    hostile = '=HYPERLINK("http://x") <b>x</b> **bold** a | b'
    plan = [PlanItem("practice:9", 1, "high", ["GTM"], "<i>lead</i>", hostile, "idea")]
    formats = render(memo.build(tables, plan, identity, planned.adds(tables, plan), on=DAY))
    html = MarkdownIt("commonmark").enable("table").render(formats["md"])
    assert "<b>" not in html and "<i>" not in html and "<strong>bold" not in html and "<a " not in html
    assert re.findall(r"<tr>\s*(?:<td>.*?</td>\s*){8}</tr>", html, re.S)  # the pipe did not split the cell
    seen = shown(formats)
    for fmt in ("md", "docx"):
        assert hostile in seen[fmt] and "<i>lead</i>" in seen[fmt], fmt
    assert squash(hostile) in squash(seen["pdf"]) and "<i>lead</i>" in squash(seen["pdf"])
    assert not docx_links(formats["docx"]) and not pdf_links(formats["pdf"])  # type: ignore[arg-type]


def test_empty_fields_unknown_targets_and_records_say_so(tables, identity):
    plan = [
        PlanItem("practice:8", 2, "low", [], None, "  ", "idea"),
        PlanItem("practice:999", 1, "high", ["XXX", "group:nowhere"], "", None, "idea"),
    ]
    doc = open_docx(io.BytesIO(to_docx(memo.build(tables, plan, identity, planned.adds(tables, plan), on=DAY))))
    rows = [[cell.text for cell in row.cells] for row in doc.tables[0].rows[1:]]
    assert rows[0][1:4] == ["practice:999 (not in this dataset)", "none stated",
                            "XXX (not recognised); group:nowhere (not recognised)"]  # fmt: skip
    assert rows[1][3] == "none" and rows[1][5] == rows[1][6] == rows[0][5] == rows[0][6] == "–"


def test_an_empty_plan_says_so(tables, identity):
    model = memo.build(tables, [], identity, planned.adds(tables, []), on=DAY)
    assert "The plan has no items yet." in to_markdown(model)
    assert not open_docx(io.BytesIO(to_docx(model))).tables
    assert len(PdfReader(io.BytesIO(to_pdf(model))).pages) == 1
