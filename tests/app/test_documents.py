"""Documents a planner takes away from the app: the planning brief's model is built once for its three formats."""

import threading

import pytest

from sstc.documents import brief
from tests.app.apptest import downloads, open_page


@pytest.mark.usefixtures("record_downloads")
def test_the_brief_is_built_once_for_word_pdf_markdown_and_the_preview(monkeypatch):
    built = []
    build = brief.build
    monkeypatch.setattr(brief, "build", lambda *a, **k: built.append(a[1]) or build(*a, **k))
    at = open_page("shortlist", pick=["practice:3", "practice:8"])
    at.toggle(key="preview_brief").set_value(True).run()
    files = downloads(at)  # each deferred download rendered, as three clicks would
    briefs = sorted(name.rsplit(".", 1)[1] for name in files if name.startswith("sstc-planning-brief-2-items"))
    assert briefs == ["docx", "md", "pdf"]
    assert built == [["practice:3", "practice:8"]]  # one model for the preview and the three files


def test_one_document_at_a_time_per_session_and_other_sessions_go_on():
    from app import documents as app_documents
    from sstc.documents.document import Document, Para, text

    building = threading.Event()
    release = threading.Event()

    def slow_model() -> Document:
        building.set()
        release.wait(10)
        return Document("Slow", "footer", (Para(text("done")),))

    first = threading.Thread(target=lambda: app_documents.build("session-a", slow_model, "md"))
    first.start()
    try:
        assert building.wait(10)
        with pytest.raises(app_documents.Refused, match="previous document is still being built"):
            app_documents.build("session-a", slow_model, "md")
        quick = Document("Quick", "footer", (Para(text("other visitor")),))
        assert b"other visitor" in app_documents.build("session-b", lambda: quick, "md")
    finally:
        release.set()
        first.join()
    assert b"done" in app_documents.build("session-a", slow_model, "md")  # free again once its first is done


def test_the_download_button_shows_a_refusal_in_its_own_words_and_other_failures_in_streamlits():
    """Streamlit answers any failure of a deferred download with one sentence; a refusal (busy, too long, one at a
    time) reaches the visitor as written."""
    import asyncio

    from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
    from streamlit.runtime import backend_operation_handler
    from streamlit.runtime.media_file_manager import MediaFileStorageError

    from app import documents as app_documents

    app_documents.show_refusals()

    class Manager:
        def __init__(self, error: Exception | None) -> None:
            self.error = error

        def execute_deferred(self, file_id: str) -> str:
            if self.error:
                raise self.error
            return f"/media/{file_id}.pdf"

    def answer(error: Exception | None):
        handler = backend_operation_handler.DeferredFileHandler(lambda: Manager(error))
        request = BackendOperationRequest(request_id="r1")
        request.deferred_file.file_id = "abc"
        return asyncio.run(handler.handle(request, "session"))

    refused = MediaFileStorageError("Callable execution failed")
    refused.__cause__ = app_documents.Refused("The server is building other documents; try again in a minute.")
    assert answer(refused).error_msg == "The server is building other documents; try again in a minute."
    assert answer(MediaFileStorageError("Callable execution failed: boom")).error_msg == app_documents.FAILED
    assert answer(None).deferred_file.url == "/media/abc.pdf"


def test_a_built_document_outlives_other_sessions_clean_ups_until_its_session_runs_again(monkeypatch):
    """Every script run of any session cleans up Streamlit's files; a built document, referenced by no element, was
    gone after two, before a busy server's browser fetched it (HTTP 404). It is kept for the session that asked."""
    import asyncio

    from streamlit.proto.BackMsg_pb2 import BackendOperationRequest
    from streamlit.runtime import backend_operation_handler, media_file_manager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from app import documents as app_documents

    app_documents.show_refusals()
    storage = MemoryMediaFileStorage("/media")
    manager = media_file_manager.MediaFileManager(storage)
    monkeypatch.setattr(media_file_manager, "_get_session_id", lambda: "asker")
    placeholder = manager.add_deferred(lambda: b"%PDF the brief", "application/pdf", "coords", "brief.pdf")
    handler = backend_operation_handler.DeferredFileHandler(lambda: manager)
    request = BackendOperationRequest(request_id="r1")
    request.deferred_file.file_id = placeholder
    url = asyncio.run(handler.handle(request, "asker")).deferred_file.url
    built = url.rsplit("/", 1)[-1].split(".")[0]
    for _ in range(3):  # three other sessions finish a run
        manager.remove_orphaned_files()
    assert storage.get_file(built).content == b"%PDF the brief"
    manager.clear_session_refs("asker")  # the asker's next run
    manager.remove_orphaned_files()
    manager.remove_orphaned_files()
    with pytest.raises(media_file_manager.MediaFileStorageError, match="No media file"):
        storage.get_file(built)


def test_a_reruns_queue_clear_keeps_the_answer_to_a_download_request():
    """A rerun empties the outgoing queue but for lifecycle messages; the answer to a download request queued just
    before it went too, and the button spun, disabled, for three minutes (CI: a CSV clicked as a rerun began)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

    from app import documents as app_documents

    app_documents.show_refusals()
    queue = ForwardMsgQueue()
    drawn = ForwardMsg()
    drawn.delta.new_element.markdown.body = "an element of the interrupted run"
    drawn.metadata.delta_path[:] = [0, 0]
    answer = ForwardMsg()
    answer.backend_operation_response.request_id = "r1"
    answer.backend_operation_response.deferred_file.url = "/media/abc.csv"
    queue.enqueue(drawn)
    queue.enqueue(answer)
    queue.clear(retain_lifecycle_msgs=True)
    assert [m.WhichOneof("type") for m in queue._queue] == ["backend_operation_response"]
    assert queue.flush()[0].backend_operation_response.request_id == "r1"
    assert queue._queue == []  # a flush still empties it all
