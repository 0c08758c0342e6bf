"""The formats a `Document` is offered in, one table for the app and the command line: extension -> renderer, MIME."""

from collections.abc import Callable

from sstc.documents.document import Document, to_markdown
from sstc.documents.docx_out import to_docx
from sstc.documents.pdf_out import to_pdf

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _markdown(document: Document) -> bytes:
    return to_markdown(document).encode("utf-8")


FORMATS: dict[str, tuple[Callable[[Document], bytes], str]] = {
    "md": (_markdown, "text/markdown"),
    "docx": (to_docx, DOCX_MIME),
    "pdf": (to_pdf, "application/pdf"),
}
