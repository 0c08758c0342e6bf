"""A document as plain data (headings, paragraphs of text runs and links, bullets, tables, images), and its Markdown.

The brief and the printable pages are built once as a `Document`; Markdown, Word (`docx_out`) and PDF (`pdf_out`)
only render it, so the three formats cannot say different things. Text in the model is data, never markup:
each renderer makes it literal in its own format.
"""

import re
from dataclasses import dataclass, field

import pandas as pd

from sstc.data import i18n
from sstc.data.i18n import N_, _
from sstc.view.present import link_target, md_text


@dataclass(frozen=True)
class Run:
    """A piece of text; with `url`, a link (drawn as text plus its address when not http(s)); `literal` for an
    address or a mailbox shown as written (Markdown: a code span, which no reader turns into a link)."""

    text: str
    bold: bool = False
    url: str | None = None
    literal: bool = False


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1-3


@dataclass(frozen=True)
class Para:
    runs: Inline
    small: bool = False  # source lines and notes


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inline, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    small: bool = False  # smaller cell text in Word (the one-page memo); the PDF's cells are small already


@dataclass(frozen=True)
class Image:
    png: bytes
    width_cm: float
    alt: str  # what the image shows, in words: the Markdown's stand-in


Block = Heading | Para | Bullets | Table | Image


@dataclass(frozen=True)
class Document:
    title: str
    footer: str  # the dataset's identity: in every page footer and the file's properties
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    landscape: bool = False
    # the language it is written in (the run's, when it was built): a renderer writes its own words (a page
    # footer, an image's stand-in) in it, in a child process too (`sstc.documents.worker`)
    language: str = field(default_factory=i18n.language)


def text(value: object, bold: bool = False) -> Inline:
    return (Run("" if value is None or value is pd.NA else str(value), bold=bold),)


count = i18n.figure  # a count in a document's sentence: 1 234 in French, 1234 in English as always


def labelled(label: str, value: str) -> Para:
    # TRANSLATORS: a label before its value ("Dataset: ..."); keep the trailing space
    return Para((Run(_("{label}: ").format(label=label), bold=True), Run(value)))


def source(reference: str) -> Para:
    return Para((Run(_("Source: "), bold=True), Run(reference)), small=True)


# The headers `frame_table` makes of the columns of the tables the printable pages show (the Overview's regions and
# reconciliation, a profile's records), for the catalogs: a header is translated where it is shown.
FRAME_HEADERS = (
    N_("Region"),
    N_("Records"),
    N_("Projects"),
    N_("Practices"),
    N_("Countries named"),
    N_("Practices moved online"),
    N_("Figure"),
    N_("Stated"),
    N_("Stated as"),
    N_("Stated source"),
    N_("Brochure alone"),
    N_("In dataset"),
    N_("Difference"),
    N_("Explanation"),
    N_("Kind"),
    N_("Id"),
    N_("Title"),
    N_("Roles"),
    N_("Via group"),
    N_("Evidence"),
    N_("How"),
)


def frame_table(frame: pd.DataFrame, widths: tuple[float, ...] = ()) -> Table:
    """A DataFrame as a table: headers in words, missing values empty."""
    header = tuple(_(str(c).replace("_", " ").capitalize()) for c in frame.columns)
    rows = tuple(tuple(text(None if pd.isna(v) else v) for v in row) for row in frame.itertuples(index=False))
    return Table(header, rows, widths)


def plain(value: str) -> str:
    """Characters XML 1.0 cannot hold (control codes) dropped: Word and PDF text must stay parseable."""
    return re.sub(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "", value)


ELLIPSIS = "…"


def shorten(value: str, limit: int) -> str:
    """`plain(value)` on one line, at most `limit` characters: a longer text cut at a space where one is near, ending
    with "…". For a file's properties (Word refuses one of more than 255 characters) and PDF bookmarks."""
    value = " ".join(plain(value).split())
    if len(value) <= limit:
        return value
    cut = value[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space >= limit // 2:  # a word cut in half reads as a typo ("lifelong learnin…")
        cut = cut[:space]
    return cut.rstrip(" ·,;:-–") + ELLIPSIS


# --- Markdown -------------------------------------------------------------------------------------------------------


def _code_span(body: str) -> str:
    """`body` as a Markdown code span: shown exactly as written, never a link (no invisible characters needed)."""
    if not body:
        return ""
    fence = "`" * (max((len(m) for m in re.findall(r"`+", body)), default=0) + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def _md_inline(runs: Inline, indent: str = "", one_line: bool = False) -> str:
    parts = []
    for run in runs:
        body = run.text.strip()
        shown = _code_span(body) if run.literal else md_text(body, indent, block=not one_line, line_start=not parts)
        target = link_target(run.url) if run.url else None
        if target:
            shown = f"[{shown}]({target})"
        elif run.url:
            shown = f"{shown} ({md_text(run.url, block=False)})"
        if run.bold and shown:
            shown = f"**{shown}**"
        lead = " " if body and run.text[:1].isspace() else ""
        trail = " " if body and run.text[-1:].isspace() else ""
        parts.append(lead + shown + trail)
    return "".join(parts)


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * (block.level + 1) + " " + _md_inline(text(block.text), one_line=True).replace("#", r"\#")
    if isinstance(block, Para):
        return _md_inline(block.runs)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_md_inline(item, '  ')}" for item in block.items)
    if isinstance(block, Table):
        head = "| " + " | ".join(_md_inline(text(h), one_line=True) for h in block.header) + " |"
        rule = "|" + "|".join(" --- " for _ in block.header) + "|"
        body = ["| " + " | ".join(_md_inline(cell, one_line=True) for cell in row) + " |" for row in block.rows]
        return "\n".join([head, rule, *body])
    said = _("Image: {description} (drawn in the Word and PDF versions).").format(description=block.alt)
    return "*" + md_text(said) + "*"


def to_markdown(document: Document) -> str:
    """Markdown that reads as plain text too: data escaped only where it would format (`present.md_text`)."""
    with i18n.using(document.language):
        parts = [f"# {_md_inline(text(document.title), one_line=True)}"]
        parts += [_md_block(block) for block in document.blocks]
    return "\n\n".join(parts) + "\n"
