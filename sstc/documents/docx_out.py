"""A `document.Document` as a Word file: real headings, tables and hyperlinks; data text only ever in plain runs."""

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from sstc.data import i18n
from sstc.data.i18n import _
from sstc.documents.document import Bullets, Document, Heading, Image, Inline, Para, Table, plain, shorten, text
from sstc.view.present import link_target

LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)
NOTE_COLOUR = RGBColor(0x55, 0x55, 0x55)
PROPERTY_LIMIT = 255  # characters in a core property (title, subject, author...): python-docx refuses more


def _runs(paragraph: Paragraph, runs: Inline, size: float | None = None, small: bool = False) -> None:
    for item in runs:
        target = link_target(item.url) if item.url else None
        label = item.text if target or not item.url else f"{item.text} ({item.url})"
        run = paragraph.add_run(plain(label))  # a run's text is XML-escaped by python-docx: never markup
        run.bold = item.bold or None
        if size or small:
            run.font.size = Pt(size or 8)
        if small:
            run.font.color.rgb = NOTE_COLOUR
        if target:
            run.font.color.rgb = LINK_COLOUR
            run.font.underline = True
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
            link.append(run._r)  # moves the run inside the hyperlink element
            paragraph._p.append(link)


def _page_number(paragraph: Paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _table(doc: object, block: Table, usable_cm: float) -> None:
    table = doc.add_table(rows=1, cols=len(block.header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.autofit = False
    weights = block.widths or tuple(1.0 for _ in block.header)
    widths = [Cm(usable_cm * w / sum(weights)) for w in weights]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads; Word reads each cell's width
    header = table.rows[0]
    flag = OxmlElement("w:tblHeader")  # the header row repeats on every page
    header._tr.get_or_add_trPr().append(flag)
    size = 7.5 if block.small else 8.5
    for cell, name, width in zip(header.cells, block.header, widths, strict=True):
        _fill(cell, text(name, bold=True), width, size)
    for row in block.rows:
        for cell, value, width in zip(table.add_row().cells, row, widths, strict=True):
            _fill(cell, value, width, size)


def _fill(cell: _Cell, runs: Inline, width: Cm, size: float) -> None:
    cell.width = width
    _runs(cell.paragraphs[0], runs, size=size)


# The language Word proofs the text in (the template's default is en-US): the document's own.
_LANGUAGE_TAGS = {"fr": "fr-FR", "es": "es-ES"}


def _language(doc: object, code: str) -> None:
    tag = _LANGUAGE_TAGS.get(code)
    if tag is None:
        return
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), tag)
    doc.core_properties.language = tag


def to_docx(document: Document) -> bytes:
    with i18n.using(document.language):
        return _docx(document)


def _docx(document: Document) -> bytes:
    doc = new_docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if document.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    usable = (section.page_width - section.left_margin - section.right_margin) / Cm(1)
    doc.styles["Normal"].font.size = Pt(10)
    _language(doc, document.language)
    props = doc.core_properties
    props.title = shorten(document.title, PROPERTY_LIMIT)
    props.subject = shorten(document.footer, PROPERTY_LIMIT)  # the label: an upload's name can be long
    props.author = shorten(_("SSTC dashboard"), PROPERTY_LIMIT)
    footer = section.footer.paragraphs[0]
    # TRANSLATORS: in a Word file's footer, after the dataset's name; the page number follows
    footer.add_run(plain(document.footer) + _(" · page ")).font.size = Pt(8)
    _page_number(footer)
    doc.add_heading(plain(document.title), level=0)
    for block in document.blocks:
        if isinstance(block, Heading):
            doc.add_heading(plain(block.text), level=block.level)
        elif isinstance(block, Para):
            _runs(doc.add_paragraph(), block.runs, small=block.small)
        elif isinstance(block, Bullets):
            for item in block.items:
                _runs(doc.add_paragraph(style="List Bullet"), item)
        elif isinstance(block, Table):
            _table(doc, block, usable)
            doc.add_paragraph()
        elif isinstance(block, Image):
            doc.add_picture(io.BytesIO(block.png), width=Cm(min(block.width_cm, usable)))
            doc.inline_shapes[-1]._inline.docPr.set("descr", plain(block.alt))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
