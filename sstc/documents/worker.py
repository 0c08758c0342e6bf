"""Documents rendered in a bounded child process (`sstc.data.worker`), so laying out a huge one stalls no one else.

ReportLab and python-docx hold the interpreter while they lay out a page; in Streamlit's one server process that is
every user's time. The document model is built by the caller (its cost bounded by what it shows); the rendering runs
in a child with a time and memory limit, at most SLOTS at once, at most WAITING more waiting for one (QUEUE_LIMIT
seconds at most), and a refusal says why in words a visitor can act on.
"""

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from sstc.data import i18n, worker
from sstc.data.i18n import N_, _
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
BUSY = N_(
    "The server is building other documents ({slots} at a time, {waiting} waiting); nothing is wrong with this "
    "one: try again in a minute."
)


def _busy() -> str:
    return _(BUSY).format(slots=SLOTS, waiting=WAITING)


@runtime_checkable
class Renders(Protocol):
    """A file that makes its own bytes: a workbook, a data package."""

    def render(self) -> bytes: ...


class Refused(Exception):
    """A document not built, for a reason the visitor who asked for it should read (the message says it)."""


def _render(document: Document | images.Picture | Renders, extension: str, language: str = i18n.ENGLISH) -> bytes:
    """In the child: its words (a page footer, a cover sheet) in the language of the visitor who asked."""
    with i18n.using(language):
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
    language: str | None = None,
) -> bytes:
    """The bytes of the document `make()` gives, in `extension` ("md", "docx", "pdf"; a picture's "png", "svg"; a
    workbook's "xlsx"),
    rendered in a bounded child; raises `Refused`. `make` runs only once the document has a place in line, so a
    caller turned away as busy costs nothing. A picture is drawn by a browser the child starts (`images`).
    `language`: the one the document is written in (`make()`, the child's words, a refusal); the current run's when
    not given. A download's deferred callable runs outside the page's run, so its caller passes the page's."""
    with i18n.using(language or i18n.language()):
        return _bounded(make, extension, time_limit, memory, queue_limit)


def _bounded(
    make: Callable[[], Document | images.Picture | Renders],
    extension: str,
    time_limit: float,
    memory: int,
    queue_limit: float,
) -> bytes:
    if extension not in FORMATS and extension not in images.MIMES and extension not in ("xlsx", "zip"):
        raise ValueError(f"no document format {extension!r}")
    with _slots.place() as placed:
        if not placed:
            raise Refused(_busy())
        answer = worker.run(
            _render,
            (make(), extension, i18n.language()),
            slots=_slots,
            time_limit=time_limit,
            memory=memory,
            queue_limit=queue_limit,
            browser=extension in images.MIMES,
        )
    if isinstance(answer.result, bytes):
        return answer.result
    if isinstance(answer.result, tuple) and answer.result[:1] == (images.FAILED,):
        raise Refused(
            _("The browser on the server did not draw this chart ({reason}); try again.").format(
                reason=answer.result[1]
            )
        )
    if answer.result == images.NO_BROWSER:
        raise Refused(
            _(
                "Charts are drawn as images by a browser on the server, and none is installed there (`make chromium` "
                "installs one); the chart's data as a table can be downloaded meanwhile."
            )
        )
    if answer.failure == "busy":
        raise Refused(_busy())
    if answer.failure == "start":
        raise Refused(
            _("The server could not start building the document ({reason}); try again.").format(reason=answer.detail)
        )
    if answer.failure == "time":
        raise Refused(
            _(
                "Building this document took longer than {seconds} s and was stopped; choose fewer items or a "
                "narrower filter, then try again."
            ).format(seconds=f"{time_limit:g}")
        )
    if answer.failure == "died" or answer.result == ("memory",):
        raise Refused(
            _(
                "Building this document needed more than {mebibytes} MiB of memory and was stopped; choose "
                "fewer items or a narrower filter."
            ).format(mebibytes=i18n.number(memory // 2**20))
        )
    raise Refused(_("The document could not be built ({reason}).").format(reason=repr(answer.result)))
