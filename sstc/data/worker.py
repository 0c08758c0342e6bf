"""Work that a hostile input could make slow or large, done in a separate process with a time and a memory limit,
so it stalls no one else: reading an upload here, rendering a document in `sstc.documents.worker`.

Streamlit runs every session's script in one Python process: parsing a slow file or laying out a huge document there
would hold the interpreter for everyone. Here a child process (forked from a small forkserver that has the modules
preloaded) does the work; the calling thread only waits on a pipe, and other sessions run meanwhile. The child's
address space is capped (a memory limit above what it starts with), it runs at a lower priority than the server, the
parent kills it once its time is up, and a `Slots` bounds how many children of a kind run at once and how long a
caller may wait for one.
"""

import multiprocessing
import os
import pickle
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection

from sstc.data import i18n, workbook_in
from sstc.data.i18n import N_, _
from sstc.data.load import MAX_UPLOAD_BYTES, load_bytes
from sstc.data.problems import DatasetError, Problem
from sstc.data.schema import Dataset
from sstc.data.tables import Tables, build

TIME_LIMIT = 10.0  # seconds for parse + validate + tables of one upload, counted once it has a slot
MEMORY_LIMIT = 600 * 2**20  # bytes the child may add to the address space it starts with
SLOTS = 2  # upload readers at once (the machine has 2 cores); further uploads wait for a slot
QUEUE_LIMIT = 30.0  # seconds an upload may wait for a slot before it is turned away as "busy, try again"
NICE = 10  # a child yields the CPU to the server process, which answers every other user
BUSY = N_("the server is busy reading other files; try again in a moment (nothing was found wrong with this one)")
_context = multiprocessing.get_context("forkserver")
_preload = ["sstc.data.worker", "sstc.data.workbook_in"]
_context.set_forkserver_preload(_preload)


def preload(*modules: str) -> None:
    """Modules the forkserver imports once, so a child starts with them (called at import, before any child)."""
    _preload.extend(m for m in modules if m not in _preload)
    _context.set_forkserver_preload(_preload)


class Slots:
    """How many children of one kind run at once (`running`), and, when `waiting` is given, how many callers may
    hold a place (running or waiting) at all: the rest are told the server is busy at once, so waiting callers
    never fill the server's threads."""

    def __init__(self, running: int, waiting: int | None = None) -> None:
        self.running = threading.BoundedSemaphore(running)
        self.places = threading.BoundedSemaphore(running + waiting) if waiting is not None else None

    @contextmanager
    def place(self) -> Iterator[bool]:
        """A place in line, taken without waiting: True if there was one (released on leaving)."""
        got = self.places.acquire(blocking=False) if self.places is not None else True
        try:
            yield got
        finally:
            if got and self.places is not None:
                self.places.release()


@dataclass(frozen=True)
class Answer:
    """What a bounded child gave: its result, or why there is none ("busy", "start", "time", "died")."""

    result: object
    seconds: float  # from the moment it had a slot
    peak_bytes: int  # the child's peak resident memory (0 when it gave no answer)
    failure: str = ""
    detail: str = ""  # the error starting it, or how it died


def _vm(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(conn: Connection, target: Callable, args: tuple, memory: int, cpu: int, browser: bool) -> None:
    # Both the address space and the writable data may grow by `memory`: the address space alone let a child commit
    # the ~300 MiB its libraries had reserved but not used at the start (VmSize 405 MiB, VmRSS 79 MiB). A child that
    # starts a browser gets neither: Chromium reserves terabytes of address space, and its renderer crashed under
    # any data limit a forked child could give it (3 GiB tried); it is held by its time, and runs in a process group
    # of its own so that the browser goes with it.
    if browser:
        os.setpgid(0, 0)
    else:
        for limit, field in ((resource.RLIMIT_AS, "VmSize"), (resource.RLIMIT_DATA, "VmData")):
            allowed = _vm(field) + memory
            resource.setrlimit(limit, (allowed, allowed))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))  # a backstop should the parent be gone
    os.nice(NICE)
    try:
        result: object = target(*args)
    except MemoryError:
        result = ("memory",)
    except RecursionError:
        result = ("depth",)
    try:
        payload = pickle.dumps((result, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024))
    except MemoryError:
        payload = pickle.dumps((("memory",), 0))
    conn.send_bytes(payload)
    conn.close()


def _kill_group(pid: int | None) -> None:
    """What a browser child left behind (a Chromium it started, if the child was killed first)."""
    with suppress(ProcessLookupError, PermissionError, TypeError):
        os.killpg(pid, signal.SIGKILL)


def _stopped(exitcode: int | None) -> str:
    """How a child died without an answer: an allocation refused in C or Rust aborts it (SIGABRT)."""
    try:
        return signal.Signals(-exitcode).name if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
    except ValueError:
        return f"exit code {exitcode}"


def run(
    target: Callable,
    args: tuple,
    *,
    slots: Slots,
    time_limit: float,
    memory: int,
    queue_limit: float,
    browser: bool = False,
) -> Answer:
    """`target(*args)` in a child process once `slots` has room (waiting at most `queue_limit` seconds), stopped
    after `time_limit` seconds counted from then; never raises for what the child does. `target` returns a
    picklable value; MemoryError and RecursionError in it become ("memory",) and ("depth",). With `browser`, the
    child may start a browser: its address space is not capped, and whatever it started is killed with it."""
    queued = time.monotonic()
    if not slots.running.acquire(timeout=queue_limit):
        return Answer(None, time.monotonic() - queued, 0, "busy")
    try:
        started = time.monotonic()
        receive, send = _context.Pipe(duplex=False)
        cpu = int(time_limit) + 5
        child = _context.Process(target=_child, args=(send, target, args, memory, cpu, browser), daemon=True)
        try:
            child.start()
        except OSError as exc:  # the forkserver is gone (killed, or it could not start): the server's fault
            send.close()
            receive.close()
            return Answer(None, time.monotonic() - started, 0, "start", str(exc.strerror or exc))
        send.close()
        payload, answered = None, False
        try:
            answered = receive.poll(max(0.0, time_limit - (time.monotonic() - started)))
            payload = receive.recv_bytes() if answered else None
        except EOFError:
            payload = None  # the child died without an answer (killed by the kernel, a crash in C)
        finally:
            receive.close()
            if child.is_alive() and payload is None:
                child.kill()
            child.join()
            if browser:
                _kill_group(child.pid)
    finally:
        slots.running.release()
    seconds = time.monotonic() - started
    if payload is None:
        if not answered:
            return Answer(None, seconds, 0, "time")
        return Answer(None, seconds, 0, "died", _stopped(child.exitcode))
    result, peak = pickle.loads(payload)
    return Answer(result, seconds, peak)


@dataclass(frozen=True)
class Outcome:
    """What reading an upload gave: the dataset and its tables, or the problems; and what it cost."""

    dataset: Dataset | None
    tables: Tables | None
    problems: list[Problem]
    seconds: float
    peak_bytes: int  # the child's peak resident memory (0 when it was killed)
    more: int = 0  # problems found beyond those listed
    retry: bool = False  # refused for the server's state (busy, out of time), not for the file: not its verdict

    def error(self) -> DatasetError:
        return DatasetError(self.problems, self.more)


_slots = Slots(SLOTS)


def _read(raw: bytes, name: str, max_bytes: int, language: str = i18n.ENGLISH) -> tuple:
    """An upload read in the child: a YAML file, or a workbook filled from the template (`workbook_in`); its
    problems are written in `language` (the reader's, told by the parent: a child starts in English)."""
    with i18n.using(language):
        return _read_in(raw, name, max_bytes)


def _read_in(raw: bytes, name: str, max_bytes: int) -> tuple:
    if workbook_in.is_workbook(raw):
        return workbook_in.read_upload(raw, name, max_bytes)
    try:
        dataset = load_bytes(raw, name, max_bytes)
        return ("ok", dataset, build(dataset))
    except DatasetError as exc:
        return ("problems", exc.problems, exc.more)


def _refused(name: str, message: str) -> list[Problem]:
    return [Problem(name, 1, _("(file)"), message)]


def read_upload(
    raw: bytes,
    name: str,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    time_limit: float | None = None,
    memory: int = MEMORY_LIMIT,
    queue_limit: float | None = None,
) -> Outcome:
    """Parse, validate and table an upload in a child process; never raises for a bad file.

    The time limit (TIME_LIMIT unless given) counts from when the upload has a slot, so a file that waited behind
    others is not refused for their time; one that waited QUEUE_LIMIT seconds for a slot is turned away as busy."""
    time_limit = TIME_LIMIT if time_limit is None else time_limit
    queue_limit = QUEUE_LIMIT if queue_limit is None else queue_limit
    answer = run(
        _read,
        (raw, name, max_bytes, i18n.language()),
        slots=_slots,
        time_limit=time_limit,
        memory=memory,
        queue_limit=queue_limit,
    )
    seconds, peak = answer.seconds, answer.peak_bytes
    if answer.failure == "busy":
        return Outcome(None, None, _refused(name, _(BUSY)), seconds, 0, retry=True)
    if answer.failure == "start":
        message = _("the server could not start a reader ({detail}); try again").format(detail=answer.detail)
        return Outcome(None, None, _refused(name, message), seconds, 0, retry=True)
    if answer.failure == "time":
        message = _(
            "reading the file took longer than {seconds} s; it was stopped (is it inflated? if the "
            "server was busy, try again)"
        ).format(seconds=f"{time_limit:g}")
        return Outcome(None, None, _refused(name, message), seconds, 0, retry=True)
    if answer.failure == "died":
        if answer.detail in {"SIGABRT", "SIGKILL", "SIGSEGV"}:
            message = _(
                "reading the file ran out of memory (the reader was stopped by {signal}); it is refused"
            ).format(signal=answer.detail)
        else:
            message = _("the reader stopped without an answer ({detail}); the file is refused").format(
                detail=answer.detail
            )
        return Outcome(None, None, _refused(name, message), seconds, 0)
    result = answer.result
    assert isinstance(result, tuple)
    if result[0] == "ok":
        return Outcome(result[1], result[2], [], seconds, peak)
    if result[0] == "problems":
        return Outcome(None, None, result[1], seconds, peak, result[2])
    message = {
        "memory": _("reading the file needs more than {mebibytes} MiB of memory; it is refused").format(
            mebibytes=i18n.number(memory // 2**20)
        ),
        "depth": _("the file nests too deeply to read"),
    }[result[0]]
    return Outcome(None, None, _refused(name, message), seconds, peak)
