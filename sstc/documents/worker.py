"""Documents rendered in a bounded child process (`sstc.data.worker`), so laying out a huge one stalls no one else.

ReportLab and python-docx hold the interpreter while they lay out a page; in Streamlit's one server process that is
every user's time. The document model is built by the caller (its cost bounded by what it shows); the rendering runs
in a child with a time and memory limit, at most SLOTS at once, at most WAITING more waiting for one (QUEUE_LIMIT
seconds at most), and a refusal says why in words a visitor can act on.
"""

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from sstc.data import worker
from sstc.documents import images
from sstc.documents.document import Document
from sstc.documents.formats import FORMATS

TIME_LIMIT = 60.0  # seconds to render one document once it has a slot (the browser gives up after 180 s)
MEMORY_LIMIT = 800 * 2**20  # bytes a renderer may add to what it starts with
SLOTS = 1  # renderers at once: the other core stays with the server, which answers everyone else
WAITING = 2  # documents that may wait for the renderer; more are turned away at once
QUEUE_LIMIT = 30.0  # seconds a document may wait for the renderer
# Not kaleido: imported in the forkserver and forked, the browser it started never answered (60 s and stopped).
worker.preload(
    "sstc.documents.formats", "sstc.documents.images", "sstc.documents.workbook", "sstc.documents.datapackage"
)
_slots = worker.Slots(SLOTS, WAITING)
BUSY = (
    f"The server is building other documents ({SLOTS} at a time, {WAITING} waiting); nothing is wrong with this "
    "one: try again in a minute."
)


@runtime_checkable
class Renders(Protocol):
    """A file that makes its own bytes: a workbook, a data package."""

    def render(self) -> bytes: ...


class Refused(Exception):
    """A document not built, for a reason the visitor who asked for it should read (the message says it)."""


def _render(document: Document | images.Picture | Renders, extension: str) -> bytes:
    if isinstance(document, images.Picture):
        return images.draw(document, extension)
    if isinstance(document, Renders):
        return document.render()  # a workbook (`workbook.Book`), a data package (`datapackage.Package`)
    return FORMATS[extension][0](document)


def render(
    make: Callable[[], Document | images.Picture | Renders],
    extension: str,
    *,
    time_limit: float = TIME_LIMIT,
    memory: int = MEMORY_LIMIT,
    queue_limit: float = QUEUE_LIMIT,
) -> bytes:
    """The bytes of the document `make()` gives, in `extension` ("md", "docx", "pdf"; a picture's "png", "svg"; a
    workbook's "xlsx"),
    rendered in a bounded child; raises `Refused`. `make` runs only once the document has a place in line, so a
    caller turned away as busy costs nothing. A picture is drawn by a browser the child starts (`images`)."""
    if extension not in FORMATS and extension not in images.MIMES and extension not in ("xlsx", "zip"):
        raise ValueError(f"no document format {extension!r}")
    with _slots.place() as placed:
        if not placed:
            raise Refused(BUSY)
        answer = worker.run(
            _render,
            (make(), extension),
            slots=_slots,
            time_limit=time_limit,
            memory=memory,
            queue_limit=queue_limit,
            browser=extension in images.MIMES,
        )
    if isinstance(answer.result, bytes):
        return answer.result
    if isinstance(answer.result, tuple) and answer.result[:1] == (images.FAILED,):
        raise Refused(f"The browser on the server did not draw this chart ({answer.result[1]}); try again.")
    if answer.result == images.NO_BROWSER:
        raise Refused(
            "Charts are drawn as images by a browser on the server, and none is installed there (`make chromium` "
            "installs one); the chart's data as a table can be downloaded meanwhile."
        )
    if answer.failure == "busy":
        raise Refused(BUSY)
    if answer.failure == "start":
        raise Refused(f"The server could not start building the document ({answer.detail}); try again.")
    if answer.failure == "time":
        raise Refused(
            f"Building this document took longer than {time_limit:g} s and was stopped; choose fewer items or a "
            "narrower filter, then try again."
        )
    if answer.failure == "died" or answer.result == ("memory",):
        raise Refused(
            f"Building this document needed more than {memory // 2**20:,} MiB of memory and was stopped; choose "
            "fewer items or a narrower filter."
        )
    raise Refused(f"The document could not be built ({answer.result!r}).")
