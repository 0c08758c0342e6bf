"""Documents are rendered in the bounded worker: the same bytes as in the server, a time and a memory limit, one
renderer at a time with a short line, and a refusal in words a visitor can act on (hardening round 3, finding 1)."""

import threading
import time

import pytest

from sstc.documents import worker
from sstc.documents.document import Document, Para, text
from sstc.documents.formats import FORMATS
from tests.readback import pdf_text


def small() -> Document:
    return Document("A small brief", "footer", (Para(text("one paragraph")),))


def test_the_worker_renders_what_the_server_would():
    for extension in ("md", "docx", "pdf"):
        raw = worker.render(small, extension)
        if extension == "md":
            assert raw == FORMATS["md"][0](small())
        elif extension == "pdf":
            assert raw.startswith(b"%PDF") and "one paragraph" in pdf_text(raw)
        else:
            assert raw.startswith(b"PK")  # a Word file is a zip


def test_a_document_over_its_time_is_stopped_and_says_so():
    with pytest.raises(worker.Refused, match=r"took longer than 0\.001 s .* choose fewer items"):
        worker.render(small, "pdf", time_limit=0.001)


def test_a_document_over_its_memory_is_stopped_and_says_so():
    heavy = Document("Heavy", "footer", tuple(Para(text(f"paragraph {n} " * 500)) for n in range(2000)))
    with pytest.raises(worker.Refused, match="needed more than 16 MiB of memory"):
        worker.render(lambda: heavy, "docx", memory=16 * 2**20)


def hold_the_line(places: int, seconds: float) -> threading.Thread:
    """`places` documents in line (running or waiting) for `seconds`, as other visitors' clicks would be."""
    taken = threading.Barrier(2)

    def hold() -> None:
        got = [worker._slots.places.acquire(blocking=False) for _ in range(places)]
        assert all(got)
        taken.wait()
        time.sleep(seconds)
        for _ in range(places):
            worker._slots.places.release()

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait()
    return thread


def test_beyond_the_line_a_document_is_turned_away_at_once_without_being_built():
    holder = hold_the_line(worker.SLOTS + worker.WAITING, 2.0)
    built = []
    started = time.monotonic()
    try:
        with pytest.raises(worker.Refused, match=r"building other documents \(1 at a time, 2 waiting\).*try again"):
            worker.render(lambda: built.append(1) or small(), "md")
        waited = time.monotonic() - started
    finally:
        holder.join()
    assert waited < 1.0 and built == []  # no wait, and its model never built
    assert worker.render(small, "md")  # the line free again: it is built


def test_a_document_waits_for_the_renderer_then_is_built_or_turned_away_after_the_queue_limit():
    with worker._slots.running:  # another document is being rendered
        started = time.monotonic()
        with pytest.raises(worker.Refused, match="building other documents"):
            worker.render(small, "md", queue_limit=0.3)
        assert 0.3 <= time.monotonic() - started < 2.0
    assert worker.render(small, "md", queue_limit=0.3)
