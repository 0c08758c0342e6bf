"""A `document.Document` as PDF (ReportLab): clickable links, bookmarks per heading, the identity in every footer.

ReportLab paragraphs read a small markup language, so every piece of data text is XML-escaped before it goes in:
`<b>` in the data prints as `<b>`.
"""

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image as PilImage
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer
from reportlab.platypus import Image as PdfImage
from reportlab.platypus import Table as PdfTable

from sstc.data import i18n
from sstc.data.i18n import _
from sstc.documents.document import (
    ELLIPSIS,
    Bullets,
    Document,
    Heading,
    Image,
    Inline,
    Para,
    Run,
    Table,
    plain,
    shorten,
)
from sstc.view.present import link_target

LINK_COLOUR = "#0563C1"
# DejaVu (Debian's fonts-dejavu-core) covers far more scripts; Vera, its ancestor, ships inside ReportLab.
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_VERA = Path(__import__("reportlab").__file__).parent / "fonts"
_FACES = {
    "": ("DejaVuSans.ttf", "Vera.ttf"),
    "-Bold": ("DejaVuSans-Bold.ttf", "VeraBd.ttf"),
    "-Oblique": ("DejaVuSans-Oblique.ttf", "VeraIt.ttf"),
    "-BoldOblique": ("DejaVuSans-BoldOblique.ttf", "VeraBI.ttf"),
}
FONT = "BriefSans"
# Characters in the file's metadata and in a bookmark: short enough for any reader (PDF's own implementation limit
# is 32,767 bytes a string, which a 20,000-character title in UTF-16 would pass).
PROPERTY_LIMIT = 255
# Lines of one field in one ReportLab paragraph at most: more are drawn as several paragraphs (see `_paragraphs`).
LINES_PER_PART = 40


@cache
def _register_fonts() -> str:
    """Registers one TrueType family (embedded in the PDF, so accents print everywhere); returns where it came from."""
    use_dejavu = all((_DEJAVU / dejavu).exists() for dejavu, _ in _FACES.values())
    for suffix, (dejavu, vera) in _FACES.items():
        path = _DEJAVU / dejavu if use_dejavu else _VERA / vera
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Oblique", boldItalic=FONT + "-BoldOblique"
    )
    return "DejaVu Sans" if use_dejavu else "Bitstream Vera Sans"


@cache
def _styles() -> dict[str, ParagraphStyle]:
    _register_fonts()
    base = getSampleStyleSheet()
    bold = FONT + "-Bold"

    def style(name: str, parent: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base[parent], **{"fontName": FONT, **changes})

    return {
        "title": style("BriefTitle", "Title", fontName=bold, fontSize=18, leading=22, alignment=0),
        "h1": style("BriefH1", "Heading1", fontName=bold, fontSize=14, leading=18, spaceBefore=14, keepWithNext=1),
        "h2": style("BriefH2", "Heading2", fontName=bold, fontSize=11.5, leading=14, spaceBefore=9, keepWithNext=1),
        "h3": style("BriefH3", "Heading3", fontName=bold, fontSize=10, leading=13, spaceBefore=6, keepWithNext=1),
        "body": style("BriefBody", "Normal", fontSize=9.5, leading=12.5, spaceAfter=4),
        "small": style("BriefSmall", "Normal", fontSize=7.5, leading=9.5, textColor=colors.HexColor("#555555")),
        "cell": style("BriefCell", "Normal", fontSize=7.5, leading=9.5),
        "head": style("BriefHead", "Normal", fontName=bold, fontSize=7.5, leading=9.5),
    }


def _tagged(shown: str, bold: bool, target: str | None) -> str:
    if bold:
        shown = f"<b>{shown}</b>"
    if target:
        shown = f'<a href="{escape(target, {chr(34): "&quot;"})}" color="{LINK_COLOUR}"><u>{shown}</u></a>'
    return shown


def _label(run: Run) -> tuple[str, str | None]:
    """What a run prints (a link that is not http(s): its text plus the address) and where a click goes."""
    target = link_target(run.url) if run.url else None
    return (run.text if target or not run.url else f"{run.text} ({run.url})"), target


def _markup(runs: Inline) -> str:
    """ReportLab paragraph markup from runs: data escaped, line breaks kept, http(s) links as link annotations."""
    parts = []
    for run in runs:
        label, target = _label(run)
        parts.append(_tagged(escape(plain(label)).replace("\n", "<br/>"), run.bold, target))
    return "".join(parts)


def _lines(runs: Inline) -> list[str]:
    """The markup of each line of `runs` (split at its line breaks), as one paragraph with `<br/>` would show them:
    a blank line keeps its height (a no-break space), a break at the very end adds none."""
    lines = [""]
    for run in runs:
        label, target = _label(run)
        for n, piece in enumerate(plain(label).split("\n")):
            if n:
                lines.append("")
            if piece:
                lines[-1] += _tagged(escape(piece), run.bold, target)
    if len(lines) > 1 and not lines[-1]:
        lines.pop()
    return [line or "&#160;" for line in lines]


def _paragraphs(runs: Inline, style: ParagraphStyle) -> list[Flowable]:
    """`runs` as one paragraph; text with more than LINES_PER_PART line breaks as consecutive paragraphs of at most
    that many lines each, spaced as one (no space between the parts).

    ReportLab re-wraps what is left of a paragraph at every page it breaks over, so one paragraph of N lines costs
    about N squared (9,000 breaks in one field: 38 s); parts of a bounded size cost N."""
    if sum(run.text.count("\n") for run in runs) <= LINES_PER_PART:
        return [Paragraph(_markup(runs), style)]
    lines = _lines(runs)
    parts = [lines[n : n + LINES_PER_PART] for n in range(0, len(lines), LINES_PER_PART)]
    inner = ParagraphStyle(f"{style.name}Part", parent=style, spaceBefore=0, spaceAfter=0)
    first = ParagraphStyle(f"{style.name}First", parent=style, spaceAfter=0)
    last = ParagraphStyle(f"{style.name}Last", parent=style, spaceBefore=0)
    shapes = [first, *[inner] * (len(parts) - 2), last] if len(parts) > 1 else [style]
    return [Paragraph("<br/>".join(part), shape) for part, shape in zip(parts, shapes, strict=True)]


class _Heading(Paragraph):
    """A heading paragraph that knows its outline level (0 = top) and its bookmark text.

    A heading longer than the room left on a page splits like any paragraph (ReportLab makes the parts with
    `self.__class__(None, style, bulletText=..., frags=...)`): the first part carries the bookmark, the rest none."""

    outline_level = 0
    outline: str | None = None  # the bookmark's text; None for the continuation of a split heading

    def __init__(self, value: str | None, style: ParagraphStyle, level: int = 0, **parts: object) -> None:
        super().__init__(None if value is None else escape(plain(value)), style, **parts)
        if value is not None:
            self.outline_level = level
            self.outline = shorten(value, PROPERTY_LIMIT)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) > 1:
            for n, part in enumerate(parts):
                part.outline_level = self.outline_level
                part.outline = self.outline if n == 0 else None
        return parts


class _Template(SimpleDocTemplate):
    """Adds a PDF bookmark (outline entry) for every heading, so a reader can jump between items."""

    last_level = -1
    bookmarks = 0

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, _Heading) or flowable.outline is None:
            return
        # A key of its own per bookmark: `id(flowable)` was reused by a later heading once the first was freed, and
        # the later one then took over the earlier bookmark (one run in a few printed two "1. Practice 3").
        self.bookmarks += 1
        key = f"h{self.bookmarks}"
        self.canv.bookmarkPage(key)
        self.last_level = min(flowable.outline_level, self.last_level + 1)  # an outline cannot skip a level
        self.canv.addOutlineEntry(flowable.outline, key, level=self.last_level)


GRID_COLOUR = colors.HexColor("#9AA5B1")


def _table(block: Table, usable: float, styles: dict[str, ParagraphStyle]) -> PdfTable:
    """A table with a header row repeated on every page. A cell holding more than LINES_PER_PART line breaks goes on
    over continuation rows (the row's other cells empty there, no rule or padding between them: it reads as one
    cell): ReportLab re-measures the rest of a row at every page it breaks over, so one row of N lines costs about N
    squared; rows of bounded height cost N."""
    weights = block.widths or tuple(1.0 for _ in block.header)
    widths = [usable * w / sum(weights) for w in weights]
    data: list[list[Flowable | str]] = [[Paragraph(escape(plain(h)), styles["head"]) for h in block.header]]
    continued = []  # rows (in `data`) whose cells go on in the next row
    for row in block.rows:
        parts = [_paragraphs(cell, styles["cell"]) for cell in row]
        height = max((len(cell) for cell in parts), default=1)
        continued += range(len(data), len(data) + height - 1)
        data += [[cell[n] if n < len(cell) else "" for cell in parts] for n in range(height)]
    # splitting between rows first, ReportLab would then put the header again and the next row's first part
    # below, on the same page: between continuation rows it splits inside the row that reaches the page's foot
    table = PdfTable(data, colWidths=widths, repeatRows=1, splitByRow=not continued, splitInRow=1, hAlign="LEFT")
    if continued:
        rules: list[tuple] = [
            ("BOX", (0, 0), (-1, -1), 0.4, GRID_COLOUR),
            ("LINEAFTER", (0, 0), (-2, -1), 0.4, GRID_COLOUR),
        ]
        ruled = 0  # the next row that may have a rule below it
        for row in continued:
            rules += [("BOTTOMPADDING", (0, row), (-1, row), 0), ("TOPPADDING", (0, row + 1), (-1, row + 1), 0)]
            if row > ruled:
                rules.append(("LINEBELOW", (0, ruled), (-1, row - 1), 0.4, GRID_COLOUR))
            ruled = row + 1
        if ruled < len(data) - 1:
            rules.append(("LINEBELOW", (0, ruled), (-1, -2), 0.4, GRID_COLOUR))
    else:
        rules = [("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOUR)]
    table.setStyle(
        [
            *rules,
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6EEF5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    return table


def _image(block: Image, usable: float) -> PdfImage:
    with PilImage.open(io.BytesIO(block.png)) as picture:
        ratio = picture.height / picture.width
    width = min(block.width_cm * cm, usable)
    return PdfImage(io.BytesIO(block.png), width=width, height=width * ratio)


def _footer_lines(text: str, room: float, most: int = 2) -> list[str]:
    """The footer in at most `most` lines of `room` points; a longer one ends its last line with "…" (it was cut
    without a sign)."""
    lines = simpleSplit(text, FONT, 7, room)
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    while last and stringWidth(last + ELLIPSIS, FONT, 7) > room:
        last = last[:-1]
    return [*lines[: most - 1], last.rstrip(" ·,;:-–") + ELLIPSIS]


def to_pdf(document: Document) -> bytes:
    with i18n.using(document.language):
        return _pdf(document)


def _pdf(document: Document) -> bytes:
    styles = _styles()
    out = io.BytesIO()
    size = landscape(A4) if document.landscape else A4
    template = _Template(
        out,
        pagesize=size,
        leftMargin=1.8 * cm,
        rightMargin=1.8 * cm,
        topMargin=1.6 * cm,
        bottomMargin=1.8 * cm,
        title=shorten(document.title, PROPERTY_LIMIT),
        subject=shorten(document.footer, PROPERTY_LIMIT),
        author=shorten(_("SSTC dashboard"), PROPERTY_LIMIT),
        creator=_("SSTC dashboard") + " (ReportLab)",
    )
    usable = template.width
    story: list[Flowable] = [
        Paragraph(escape(plain(document.title)), styles["title"]),
        Spacer(1, 4),
    ]
    for block in document.blocks:
        if isinstance(block, Heading):
            story.append(_Heading(block.text, styles[f"h{min(block.level, 3)}"], block.level - 1))
        elif isinstance(block, Para):
            story += _paragraphs(block.runs, styles["small" if block.small else "body"])
        elif isinstance(block, Bullets):
            items = [ListItem(_paragraphs(item, styles["body"]), leftIndent=12) for item in block.items]
            story.append(ListFlowable(items, bulletType="bullet", start="•", leftIndent=12, bulletFontName=FONT))
        elif isinstance(block, Table):
            story += [_table(block, usable, styles), Spacer(1, 6)]
        elif isinstance(block, Image):
            story.append(_image(block, usable))

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        """The dataset's identity and the page number on every page: a loose printed page still says its source."""
        page = _("page {number}").format(number=doc.page)
        room = size[0] - doc.leftMargin - doc.rightMargin - stringWidth(page, FONT, 7) - 12
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.HexColor("#555555"))
        for n, line in enumerate(_footer_lines(plain(document.footer), room)):
            canvas.drawString(doc.leftMargin, (1.1 - 0.3 * n) * cm, line)
        canvas.drawRightString(size[0] - doc.rightMargin, 1.1 * cm, page)
        canvas.restoreState()

    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
