"""Documents a visitor takes away, built when clicked: one at a time per session, rendered in the bounded worker
(`sstc.documents.worker`), and a refusal shown under the button in the words the worker gives.

Streamlit runs a download's deferred callable in a thread of the server and, should it raise, shows the same
"Failed to generate file for download" whatever happened (streamlit/streamlit#13466). `show_refusals` makes the
button show a `Refused` message instead ("the server is building other documents ... try again in a minute"), so the
queue says so; it keeps a built document until the session that asked for it runs again; and the answer to a
download request survives a rerun that starts before the answer is sent.
"""

import asyncio
import logging
import threading
from collections.abc import Callable

from streamlit.proto.ForwardMsg_pb2 import BackendOperationResponse, DeferredFileResponsePayload
from streamlit.runtime import backend_operation_handler
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from sstc.data import i18n
from sstc.data.i18n import N_, _
from sstc.documents.document import Document
from sstc.documents.images import Picture
from sstc.documents.worker import Refused, Renders, render

FAILED = "Failed to generate file for download"  # Streamlit's own words for any other failure
ONE_AT_A_TIME = N_("Your previous document is still being built; click again once it has downloaded.")
_LOG = logging.getLogger(__name__)
_building: set[str] = set()  # sessions with a document being built
_lock = threading.Lock()


def session() -> str:
    """The session the running script serves ("" outside one)."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""


def build(
    session_id: str,
    make: Callable[[], Document | Picture | Renders],
    extension: str,
    language: str | None = None,
) -> bytes:
    """The document (or chart image) `make()` gives, rendered in the worker; a session has one in flight at most.
    `language`: the page's, read when the button was drawn (the click's callable runs outside the page's run, in
    English unless told); its words, `make()`'s and a refusal's are in it."""
    with i18n.using(language or i18n.language()):
        with _lock:
            if session_id in _building:
                raise Refused(_(ONE_AT_A_TIME))
            _building.add(session_id)
        try:
            return render(make, extension, language=i18n.language())
        finally:
            with _lock:
                _building.discard(session_id)


def _cause(exc: BaseException) -> Refused | None:
    while exc is not None:
        if isinstance(exc, Refused):
            return exc
        exc = exc.__cause__  # type: ignore[assignment]
    return None


def _keep_for(manager: MediaFileManager, session_id: str, url: str) -> None:
    """Streamlit deletes a built document at the second clean-up after it, and every script run of any session
    cleans up: under load the browser's fetch came too late (2 of 4 briefs in `benchmarks/stall.py`, HTTP 404). The
    file is referenced from the session that asked for it, as a drawn file is, until that session's next run."""
    file_id = url.rsplit("/", 1)[-1].split(".", 1)[0]
    with manager._lock:
        manager._files_by_session_and_coord.setdefault(session_id, {})[f"document-{file_id}"] = file_id


async def _handle(self, request, session_id):
    file_id = request.deferred_file.file_id
    try:
        manager = self._get_media_file_mgr()

        def build_and_keep() -> str:  # in the worker thread: kept at once, not when the busy event loop resumes
            url = manager.execute_deferred(file_id)
            if isinstance(manager, MediaFileManager):
                _keep_for(manager, session_id, url)
            return url

        url = await asyncio.to_thread(build_and_keep)
    except Exception as exc:
        refused = _cause(exc)
        if refused is None:
            _LOG.exception("Error executing deferred callable for file_id %s", file_id)
        return BackendOperationResponse(request_id=request.request_id, error_msg=str(refused or FAILED))
    return BackendOperationResponse(request_id=request.request_id, deferred_file=DeferredFileResponsePayload(url=url))


_clear = ForwardMsgQueue.clear


def _clear_keeping_answers(self, retain_lifecycle_msgs: bool = False, fragment_ids_this_run=None) -> None:
    """A rerun empties the session's outgoing queue but for lifecycle messages; a download's answer queued just
    before was dropped with the rest and its button stayed disabled, spinning, for Streamlit's three-minute timeout
    (seen in CI: a CSV clicked as the click's own rerun started). Answers are kept, after what the rerun keeps."""
    answers = [m for m in self._queue if m.WhichOneof("type") == "backend_operation_response"]
    _clear(self, retain_lifecycle_msgs, fragment_ids_this_run)
    if retain_lifecycle_msgs:
        self._queue.extend(answers)


def show_refusals() -> None:
    """Streamlit's deferred-download handler, answering a `Refused` with its message, and a rerun that keeps the
    answers to download requests (idempotent)."""
    handler = backend_operation_handler.DeferredFileHandler
    if handler.handle is not _handle:
        handler.handle = _handle  # type: ignore[method-assign]
    if ForwardMsgQueue.clear is not _clear_keeping_answers:
        ForwardMsgQueue.clear = _clear_keeping_answers  # type: ignore[method-assign]
