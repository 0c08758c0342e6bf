"""The planning brief in Markdown, Word and PDF, read back as a reader would; the printable Overview and profile.

Expected values come from the dataset models (titles, objectives, sources, links, e-mail flags), from the scoring
module (the brief must carry its scores, not compute them) or from a record edited for the test.
"""

import datetime as dt
import io
import re

import pytest
from markdown_it import MarkdownIt
from PIL import Image

from sstc import DEFAULT_DATA, ROOT_DIR, cli
from sstc.analysis import scoring, shortlist
from sstc.analysis.filters import Filters
from sstc.data.identity import identify
from sstc.data.privacy import find_emails
from sstc.data.tables import build
from sstc.documents import brief, printable
from sstc.documents.document import to_markdown
from sstc.documents.docx_out import to_docx
from sstc.documents.pdf_out import to_pdf
from sstc.view import geo, staticmap
from sstc.view.safe import href
from tests.conftest import with_practice
from tests.readback import (
    docx_headings,
    docx_links,
    docx_text,
    fold,
    markdown_text,
    pdf_images,
    pdf_links,
    pdf_outline,
    pdf_text,
)

KEYS = ["practice:3", "project:ASIA-BRICS", "practice:8", "practice:14"]
DAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def identity(dataset):
    return identify(dataset, DEFAULT_DATA.read_bytes())


@pytest.fixture(scope="module")
def formats(tables, identity) -> dict[str, str | bytes]:
    chosen = Filters(regions=("Africa",), countries=("ETH",), funding=("RBTC-SSTC",))
    model = brief.build(tables, KEYS, identity, filtered_by=chosen, on=DAY)
    return {"md": to_markdown(model), "docx": to_docx(model), "pdf": to_pdf(model)}


@pytest.fixture(scope="module")
def texts(formats) -> dict[str, str]:
    """What a reader sees of each format: the rendered Markdown's text, the Word text, the PDF's extracted text."""
    return {"md": rendered_text(formats["md"]), "docx": docx_text(formats["docx"]), "pdf": pdf_text(formats["pdf"])}


rendered_text = markdown_text


def items(dataset) -> dict[str, tuple[str, str, str, str]]:
    """key -> (title, objective, record source, source of the objective), from the models."""
    practices = {f"practice:{p.number}": p for p in dataset.practices}
    projects = {f"project:{p.id}": p for p in dataset.projects}
    out = {}
    for key in KEYS:
        if key in practices:
            p = practices[key]
            out[key] = (p.title, p.criteria.objective, p.source, f"{p.source}, Objective")
        else:
            p = projects[key]
            out[key] = (p.title, p.description, p.source, p.source)
    return out


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_each_item_has_its_title_objective_score_and_source(fmt, texts, dataset, tables):
    shown = fold(texts[fmt])
    scores = scoring.score_practices(tables).set_index("key")
    for key, (title, objective, record_source, objective_source) in items(dataset).items():
        assert fold(title) in shown, (fmt, key)
        for line in objective.splitlines():  # the data's own bullets may render as list items
            assert fold(line.removeprefix("- ")) in shown, (fmt, key, line)
        assert fold(record_source) in shown and fold(objective_source) in shown, (fmt, key)
        if key in scores.index:
            # every practice has its seven criteria judged: its score out of 14 and its rank, in the item and the table
            assert shown.count(f"{scores.loc[key, 'total']}/14 (rank {scores.loc[key, 'rank']} of ") >= 2, (fmt, key)
    assert shown.index(fold(items(dataset)["practice:3"][0])) < shown.index(fold(items(dataset)["practice:14"][0]))


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_date_dataset_identity_and_filters_in_words_and_no_path(fmt, texts, identity, dataset):
    shown = fold(texts[fmt])
    funding = dataset.meta.funding_sources["RBTC-SSTC"].name
    assert "2026-11-24" in shown and f"region: Africa; country: Ethiopia; funding: {funding}" in shown
    assert fold(identity.label()) in shown and identity.version in shown and identity.digest in shown
    assert str(ROOT_DIR) not in shown and "practices.yaml" not in shown and "/work" not in shown


def test_materials_are_clickable_links_in_word_and_pdf_and_markdown(dataset, formats):
    practices = {p.number: p for p in dataset.practices}
    expected = {re.sub(r"^(https?):/(?!/)", r"\1://", m.url) for n in (3, 8, 14) for m in practices[n].materials}
    assert expected and all(" " not in u and "(" not in u for u in expected)  # addresses needing no encoding
    word = dict(docx_links(formats["docx"]))
    assert {m.title for n in (3, 8, 14) for m in practices[n].materials} <= set(word)
    assert set(word.values()) == expected
    assert set(pdf_links(formats["pdf"])) == expected
    tokens = MarkdownIt("commonmark").parse(formats["md"])
    hrefs = {c.attrs["href"] for t in tokens for c in t.children or [] if c.type == "link_open"}
    assert hrefs == expected


def test_ambiguous_outcomes_say_so(dataset, formats):
    project = next(p for p in dataset.projects if p.id == "ASIA-BRICS")
    assert project.ambiguous is not None
    codes = {o.code for o in project.outcomes} | {c.code for c in project.outcome_candidates}
    doc = io.BytesIO(formats["docx"])
    from docx import Document as open_docx

    tables = open_docx(doc).tables
    rows = [[c.text for c in row.cells] for t in tables for row in t.rows if t.rows[0].cells[0].text == "Outcome"]
    mine = [r for r in rows if r[0][:1] in codes and fold(r[3]).startswith(fold(project.source))]
    assert {r[0].split(":")[0] for r in mine} == codes
    assert all("(ambiguous)" in basis for _, basis, _, _ in mine)
    assert all(basis != "stated" for _, basis, _, _ in mine)
    assert fold(project.ambiguous.summary) in fold(docx_text(formats["docx"]))


def test_word_has_real_headings_and_tables(dataset, formats):
    headings = docx_headings(formats["docx"])
    assert headings[0] == ("Title", brief.TITLE)
    level1 = [t for s, t in headings if s == "Heading 1"]
    titles = [title for title, *_ in items(dataset).values()]
    assert [t for t in level1 if t[:1].isdigit()] == [
        f"{n}. {key.split(':')[0].capitalize()} {key.split(':')[1]}: {title}"
        for n, (key, title) in enumerate(zip(KEYS, titles, strict=True), start=1)
    ]
    assert {"Replication score", "Objective", "Results", "Funding as stated", "Modalities"} <= {
        t for s, t in headings if s == "Heading 2"
    }
    from docx import Document as open_docx

    doc = open_docx(io.BytesIO(formats["docx"]))
    summary = doc.tables[0]
    assert [c.text for c in summary.rows[0].cells][:4] == ["#", "Item", "Region", "Replication score"]
    assert len(summary.rows) == len(KEYS) + 1
    sizes = {r.font.size.pt for p in doc.paragraphs for r in p.runs if r.font.size is not None}
    assert sizes and min(sizes) >= 7  # notes are small, never unreadable
    bookmarks = pdf_outline(formats["pdf"])
    assert [t for t in bookmarks if t[:1].isdigit()] == [t for t in level1 if t[:1].isdigit()]
    assert "Summary" in bookmarks and "Replication score" in bookmarks


def test_map_is_in_word_and_pdf_and_drawn_from_the_coverage(formats, tables):
    from docx import Document as open_docx

    assert len(open_docx(io.BytesIO(formats["docx"])).inline_shapes) == 1
    assert pdf_images(formats["pdf"]) == 1
    coverage = shortlist.extension_coverage(tables, ["practice:3", "practice:14"])
    png = staticmap.coverage_png(coverage, (shortlist.NOW, shortlist.EXTENDED), "t")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    centre = geo._countries()

    def colour_at(iso3: str) -> tuple[int, int, int]:
        return image.getpixel(staticmap.pixel(centre.loc[iso3, "lon"], centre.loc[iso3, "lat"]))

    def hex_of(rgb: tuple[int, int, int]) -> str:
        return "#{:02X}{:02X}{:02X}".format(*rgb)

    assert hex_of(colour_at("TCD")) == "#0072B2"  # practice 3's participant: covered now
    assert hex_of(colour_at("ETH")) == "#A05A00"  # practice 14's candidate: added if extended
    assert hex_of(colour_at("AUS")) == staticmap.LAND


def test_data_markup_stays_literal_in_every_format(dataset, identity):
    title = "<b>Bold</b> **stars** [x](javascript:alert(1)) &amp; # hash"
    objective = "First line with <script>alert(1)</script>\n- a data bullet\n# not a heading\n1. not renumbered"
    edited = with_practice(dataset, 3, title=title, objective=objective)
    model = brief.build(build(edited), ["practice:3"], identity, on=DAY)
    markdown = to_markdown(model)
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<b>" not in html and "<script>" not in html and "javascript:" not in re.findall(r'href="([^"]*)"', html)
    assert "<h1>not a heading" not in html and "<ol" not in html
    shown = rendered_text(markdown)
    assert title in shown and "First line with <script>alert(1)</script>" in shown
    assert "# not a heading" in shown and "1. not renumbered" in shown
    word, pdf = to_docx(model), to_pdf(model)
    assert title in docx_text(word) and "<script>alert(1)</script>" in docx_text(word)
    assert fold(title) in fold(pdf_text(pdf)) and "<script>alert(1)</script>" in pdf_text(pdf)
    assert not any("javascript" in url for _, url in docx_links(word)) and not any(
        "javascript" in url for url in pdf_links(pdf)
    )


def test_markdown_of_every_record_reads_back_as_written_without_escape_artefacts(dataset, tables, identity):
    everyone = list(shortlist.options(tables))
    markdown = to_markdown(brief.build(tables, everyone, identity, on=DAY))
    shown = fold(rendered_text(markdown))
    for p in dataset.practices:
        assert fold(p.title) in shown, p.number
        for criterion in ("objective", "results", "adaptability"):
            for line in getattr(p.criteria, criterion).splitlines():
                assert fold(line.removeprefix("- ")) in shown, (p.number, criterion, line)
    for p in dataset.projects:
        assert fold(p.title) in shown and fold(p.description) in shown, p.id
    assert "\\-" not in markdown and "\\." not in markdown


def test_only_public_addresses_appear(dataset, tables, identity):
    everyone = list(shortlist.options(tables))
    model = brief.build(tables, everyone, identity, on=DAY)
    public = {c.email.lower() for p in dataset.practices for c in p.contacts if c.email and c.email_public}
    for shown in (to_markdown(model), docx_text(to_docx(model)), pdf_text(to_pdf(model))):
        found = {m.lower() for m in find_emails(shown.replace("\\", ""))}
        assert found == public  # the public mailboxes are shown, nothing else


def test_empty_shortlist_says_so(tables, identity):
    model = brief.build(tables, [], identity, on=DAY)
    assert "The shortlist is empty" in to_markdown(model)
    assert "The shortlist is empty" in pdf_text(to_pdf(model))


def test_item_counts_follow_the_models(dataset, tables):
    practices = {p.number: p for p in dataset.practices}
    members = {g: dataset.meta.groups[g].members for g in dataset.meta.groups}

    def named(p, role: str) -> set[str]:
        return set(getattr(p.countries, role)) | {m for g in p.groups if g.role == role for m in members[g.group]}

    counts = shortlist.item_counts(tables, ["practice:3", "practice:14", "practice:4"]).set_index("key")
    for n in (3, 14, 4):
        now, later = named(practices[n], "participant"), named(practices[n], "candidate")
        assert counts.loc[f"practice:{n}", "now"] == len(now)
        assert counts.loc[f"practice:{n}", "added"] == len(later - now)


def test_printable_overview_has_the_figures_and_the_reconciliation(dataset, tables, identity):
    pdf = to_pdf(printable.overview(dataset, tables, tables, identity, on=DAY))
    shown = fold(pdf_text(pdf))
    assert "SSTC 2020-2021 at a glance" in shown and fold(identity.label()) in shown
    assert f"Projects {len(dataset.projects)}" in shown and f"Good practices {len(dataset.practices)}" in shown
    for figure in dataset.meta.stated_figures:
        assert fold(figure.label) in shown or str(figure.value) in shown
    assert "practices.yaml" not in shown


def test_printable_profile_lists_every_record_naming_the_country(dataset, tables, identity):
    pdf = to_pdf(printable.profile(tables, "BRA", identity, on=DAY))
    shown = fold(pdf_text(pdf))
    brics = {g for g, group in dataset.meta.groups.items() if "BRA" in group.members}
    naming = [
        r.title
        for r in [*dataset.projects, *dataset.practices]
        if "BRA" in {*r.countries.participant, *r.countries.peer, *r.countries.candidate}
        or {g.group for g in r.groups} & brics
    ]
    assert naming and "Country profile: Brazil" in shown
    for title in naming:
        assert fold(title) in shown, title
    assert f"{len(naming)} records" in shown


def test_command_line_writes_the_brief(capsysbinary, dataset):
    assert cli.main(["brief", "practice:8", "project:ASIA-BRICS", "--format", "docx"]) == 0
    word = capsysbinary.readouterr().out
    titles = [p.title for p in dataset.practices if p.number == 8] + [
        p.title for p in dataset.projects if p.id == "ASIA-BRICS"
    ]
    assert [t for s, t in docx_headings(word) if s == "Heading 1" and t[:1].isdigit()] == [
        f"1. Practice 8: {titles[0]}",
        f"2. Project ASIA-BRICS: {titles[1]}",
    ]
    assert cli.main(["brief", "practice:999"]) == 2
    assert "practice:999" in capsysbinary.readouterr().err.decode()


def test_markdown_addresses_and_mailboxes_copy_as_written(tables, identity):
    """An address or a public mailbox in the Markdown is a code span: no reader links it, and it holds no invisible
    character, so it copies and pastes as written."""
    keys = [f"practice:{n}" for n in range(1, 22)]
    markdown = to_markdown(brief.build(tables, keys, identity, on=DAY))
    for url in set(tables.materials["url"]):
        assert f"`{href(url)}`" in markdown, url
    for address in set(tables.contacts["email"].dropna()):
        assert f"`{address}`" in markdown
    spans = re.findall(r"`[^`]+`", markdown)
    assert spans and not any("\u2060" in span for span in spans)
