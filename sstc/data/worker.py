"""Read an upload in a separate process with a time and a memory limit, so a hostile file stalls no one else.

Streamlit runs every session's script in one Python process: parsing and validating a slow file there would
hold the interpreter for everyone. Here a child process (forked from a small forkserver that has the data layer
preloaded) parses, validates and tables the upload; the session's thread only waits on a pipe, and other
sessions run meanwhile. The child's address space is capped (MEMORY_LIMIT above what it starts with), the parent
kills it after TIME_LIMIT seconds, and at most SLOTS children run at once.
"""

import multiprocessing
import pickle
import resource
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection

from sstc.data.load import MAX_UPLOAD_BYTES, load_bytes
from sstc.data.problems import DatasetError, Problem
from sstc.data.schema import Dataset
from sstc.data.tables import Tables, build

TIME_LIMIT = 10.0  # seconds for parse + validate + tables of one upload, counted once it has a slot
MEMORY_LIMIT = 600 * 2**20  # bytes the child may add to the address space it starts with
SLOTS = 2  # children at once (the machine has 2 cores); further uploads wait for a slot
QUEUE_LIMIT = 30.0  # seconds an upload may wait for a slot before it is turned away as "busy, try again"
BUSY = "the server is busy reading other files; try again in a moment (nothing was found wrong with this one)"
_slots = threading.BoundedSemaphore(SLOTS)
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["sstc.data.worker"])


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


def _vm_size() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(conn: Connection, raw: bytes, name: str, max_bytes: int, memory: int) -> None:
    limit = _vm_size() + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = int(TIME_LIMIT) + 5  # a backstop should the parent be gone
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    try:
        dataset = load_bytes(raw, name, max_bytes)
        result: tuple = ("ok", dataset, build(dataset))
    except DatasetError as exc:
        result = ("problems", exc.problems, exc.more)
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


def _stopped(exitcode: int | None) -> str:
    """Why a child died without an answer: an allocation refused in C or Rust aborts it (SIGABRT)."""
    try:
        signal_name = signal.Signals(-exitcode).name if exitcode is not None and exitcode < 0 else ""
    except ValueError:
        signal_name = ""
    if signal_name in {"SIGABRT", "SIGKILL", "SIGSEGV"}:
        return f"reading the file ran out of memory (the reader was stopped by {signal_name}); it is refused"
    return f"the reader stopped without an answer (exit code {exitcode}); the file is refused"


def _refused(name: str, message: str) -> list[Problem]:
    return [Problem(name, 1, "(file)", message)]


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
    queued = time.monotonic()
    if not _slots.acquire(timeout=QUEUE_LIMIT if queue_limit is None else queue_limit):
        return Outcome(None, None, _refused(name, BUSY), time.monotonic() - queued, 0, retry=True)
    try:
        started = time.monotonic()
        receive, send = _context.Pipe(duplex=False)
        child = _context.Process(target=_child, args=(send, raw, name, max_bytes, memory), daemon=True)
        try:
            child.start()
        except OSError as exc:  # the forkserver is gone (killed, or it could not start): the server's fault
            send.close()
            receive.close()
            message = f"the server could not start a reader ({exc.strerror or exc}); try again"
            return Outcome(None, None, _refused(name, message), time.monotonic() - started, 0, retry=True)
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
    finally:
        _slots.release()
    seconds = time.monotonic() - started
    if payload is None:
        if not answered:
            message = (
                f"reading the file took longer than {time_limit:g} s; it was stopped (is it inflated? if the "
                "server was busy, try again)"
            )
            return Outcome(None, None, _refused(name, message), seconds, 0, retry=True)
        return Outcome(None, None, _refused(name, _stopped(child.exitcode)), seconds, 0)
    result, peak = pickle.loads(payload)
    if result[0] == "ok":
        return Outcome(result[1], result[2], [], seconds, peak)
    if result[0] == "problems":
        return Outcome(None, None, result[1], seconds, peak, result[2])
    message = {
        "memory": f"reading the file needs more than {memory // 2**20:,} MiB of memory; it is refused",
        "depth": "the file nests too deeply to read",
    }[result[0]]
    return Outcome(None, None, _refused(name, message), seconds, peak)
