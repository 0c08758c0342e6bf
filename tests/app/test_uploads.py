"""Uploads are fair and bounded: the time limit counts a file's own reading, not its wait for a slot; a refusal for
the server's state (busy, out of time) is not kept as the file's verdict; a session holds at most two uploaded
files in the server's memory; `make run` listens on this machine unless told otherwise."""

import os
import subprocess
import threading
import time

import pytest
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec
from streamlit.testing.v1 import AppTest

from app import dataset as app_dataset
from sstc import DEFAULT_DATA, ROOT_DIR
from sstc.data import worker
from tests.app.apptest import dataset_caption


def hold_every_slot(seconds: float) -> threading.Thread:
    """Both worker slots taken for `seconds`, as two other uploads being read would take them."""
    taken = threading.Barrier(2)

    def hold() -> None:
        for _ in range(worker.SLOTS):
            worker._slots.running.acquire(timeout=60)
        taken.wait()
        time.sleep(seconds)
        for _ in range(worker.SLOTS):
            worker._slots.running.release()

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait()
    return thread


def test_the_time_limit_counts_the_files_reading_not_its_wait_for_a_slot():
    holder = hold_every_slot(4.0)
    began = time.monotonic()
    outcome = worker.read_upload(DEFAULT_DATA.read_bytes(), "waited.yaml", time_limit=4.0)
    holder.join()
    assert time.monotonic() - began >= 4.0  # it did wait behind the others
    assert outcome.dataset is not None, outcome.problems  # and was read all the same
    assert outcome.seconds < 4.0 and not outcome.retry


def test_a_full_queue_says_busy_and_try_again():
    holder = hold_every_slot(2.0)
    outcome = worker.read_upload(DEFAULT_DATA.read_bytes(), "queued.yaml", queue_limit=0.2)
    holder.join()
    assert outcome.dataset is None and outcome.retry
    assert outcome.problems[0].message == worker.BUSY
    assert "busy" in worker.BUSY and "try again" in worker.BUSY


def test_a_refusal_for_time_is_said_as_such_and_may_be_retried():
    outcome = worker.read_upload(DEFAULT_DATA.read_bytes(), "slow.yaml", time_limit=0.001)
    assert outcome.retry and "try again" in outcome.problems[0].message
    memory = worker.read_upload(b"a: [" + b"1, " * 2_000_000 + b"]", "big.yaml", memory=2**20)
    assert memory.dataset is None and not memory.retry  # a file's own verdict stays one


def problems(at: AppTest) -> str:
    """The problems listed for an upload (under its error box, as `python -m sstc validate` prints them)."""
    return " ".join(c.value for c in at.code)


def upload(at: AppTest, raw: bytes, name: str) -> AppTest:
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value((name, raw, "application/x-yaml")).run()
    assert not at.exception, at.exception
    return at


def test_an_upload_refused_for_time_is_read_again_when_uploaded_again(monkeypatch):
    raw = DEFAULT_DATA.read_bytes()
    calls = []
    read = worker.read_upload
    monkeypatch.setattr(worker, "read_upload", lambda *a, **k: calls.append(a[1]) or read(*a, **k))
    monkeypatch.setattr(worker, "TIME_LIMIT", 0.001)  # a busy server: the reading runs out of time
    at = AppTest.from_file(str(ROOT_DIR / "dashboard.py"), default_timeout=60).run()
    upload(at, raw, "retried.yaml")
    assert at.error and "took longer than 0.001 s" in problems(at)
    at.run()  # a rerun of the same upload keeps its refusal and does not read it again
    assert calls == ["retried.yaml (uploaded)"]
    assert at.error and "took longer than 0.001 s" in problems(at)
    monkeypatch.setattr(worker, "TIME_LIMIT", 10.0)  # the server is idle again
    upload(at, raw, "retried.yaml")
    assert calls == ["retried.yaml (uploaded)"] * 2  # read again, not the cached refusal
    assert not at.error and "uploaded as retried.yaml" in dataset_caption(at)


def record(number: int, size: int) -> UploadedFileRec:
    return UploadedFileRec(f"file-{number}", f"f{number}.yaml", "application/x-yaml", b"x" * size)


def test_a_session_holds_at_most_two_uploaded_files_the_newest():
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    app_dataset.bound_uploads(manager)
    app_dataset.bound_uploads(manager)  # bound once, however often a page asks
    manager.add_file("other", record(0, 10))
    for number in range(1, 61):  # 60 files of 5 MB sent to the endpoint by one client
        manager.add_file("session", record(number, 5_000_000))
    assert list(manager.file_storage["session"]) == ["file-59", "file-60"]
    assert manager._total_bytes == 2 * 5_000_000 + 10
    assert list(manager.file_storage["other"]) == ["file-0"]  # another session's file is its own


@pytest.mark.parametrize("kept", [1, 2])
def test_replacing_a_file_keeps_the_replacement(kept):
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    app_dataset.bound_uploads(manager)
    for number in range(kept):
        manager.add_file("session", record(number, 3))
    manager.add_file("session", record(9, 3))
    assert "file-9" in manager.file_storage["session"] and len(manager.file_storage["session"]) <= 2


def test_make_run_listens_on_this_machine_unless_told_otherwise():
    def recipe(*args: str) -> str:
        outer = {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}  # under `make test`, not the outer make's options
        env = {k: v for k, v in os.environ.items() if k not in outer}
        command = ["make", "--no-print-directory", "-n", "run", *args]
        done = subprocess.run(command, cwd=ROOT_DIR, capture_output=True, text=True, check=True, env=env)
        return next(line for line in done.stdout.splitlines() if "streamlit run" in line)

    assert recipe().endswith("streamlit run dashboard.py --server.address 127.0.0.1")
    assert recipe("ADDRESS=0.0.0.0").endswith("--server.address 0.0.0.0")
