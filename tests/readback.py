"""Documents read back as a reader's software reads them: python-docx for Word, pypdf's text extraction for PDF."""

import io
import re
import zipfile

import openpyxl
from docx import Document as open_docx
from markdown_it import MarkdownIt
from pypdf import PdfReader


def fold(text: str) -> str:
    """White space folded: PDF text comes back broken into lines wherever the layout wrapped it."""
    return re.sub(r"\s+", " ", text).strip()


def docx_text(raw: bytes) -> str:
    """Body paragraphs and table cells in document order, then the page footer."""
    doc = open_docx(io.BytesIO(raw))
    parts = []
    for block in doc.iter_inner_content():
        if hasattr(block, "rows"):
            parts += [cell.text for row in block.rows for cell in row.cells]
        else:
            parts.append(block.text)
    parts += [p.text for section in doc.sections for p in section.footer.paragraphs]
    return "\n".join(parts)


def docx_links(raw: bytes) -> list[tuple[str, str]]:
    """(text, address) of every hyperlink, in paragraphs and in table cells."""
    doc = open_docx(io.BytesIO(raw))
    paragraphs = list(doc.paragraphs)
    paragraphs += [p for table in doc.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return [(link.text, link.address) for p in paragraphs for link in p.hyperlinks]


def docx_headings(raw: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph styled as a title or heading."""
    doc = open_docx(io.BytesIO(raw))
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def pdf_text(raw: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)


def pdf_links(raw: bytes) -> list[str]:
    """The address of every link annotation (what a click opens)."""
    out = []
    for page in PdfReader(io.BytesIO(raw)).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                out.append(str(action["/URI"]))
    return out


def pdf_outline(raw: bytes) -> list[str]:
    """The titles of the PDF's bookmarks, depth first."""

    def walk(items: list) -> list[str]:
        return [t for item in items for t in (walk(item) if isinstance(item, list) else [item.title])]

    return walk(PdfReader(io.BytesIO(raw)).outline)


def pdf_images(raw: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(raw)).pages)


def readable(name: str, raw: bytes) -> str:
    """Any download as text: Word, PDF and Excel through their readers (links included), a zip's files, anything
    else as UTF-8."""
    if name.endswith(".xlsx"):
        return xlsx_text(raw)
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "\n".join(readable(n, archive.read(n)) for n in archive.namelist())
    if name.endswith(".png"):
        return ""
    if name.endswith(".docx"):
        return docx_text(raw) + "\n" + "\n".join(url for _, url in docx_links(raw))
    if name.endswith(".pdf"):
        return pdf_text(raw) + "\n" + "\n".join(pdf_links(raw))
    return raw.decode("utf-8-sig")


def xlsx_text(raw: bytes) -> str:
    """Every cell of every sheet of a workbook, one line per row, cells separated by tabs."""
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
    rows = [
        "\t".join("" if v is None else str(v) for v in row)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
    ]
    return "\n".join(rows)


def markdown_text(markdown: str) -> str:
    """The text a CommonMark + GFM-tables viewer shows (escapes resolved), one line per block, table cell or line
    break."""
    parts: list[str] = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        for child in token.children or []:
            if child.type in {"text", "code_inline"}:
                parts.append(child.content)
            elif child.type in {"softbreak", "hardbreak"}:
                parts.append("\n")
        if token.type.endswith("_close"):
            parts.append("\n")
    return "".join(parts)
