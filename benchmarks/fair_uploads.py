"""Fair uploads: are valid files refused because others upload at the same time, and does such a refusal stick?

Phase 1, the upload worker alone: K distinct valid files (the shipped dataset scaled by a factor, `synth.scale`,
each made distinct by its title) read at once in K threads with `read_upload`, as K sessions uploading together
would; prints how many were accepted and refused, the refusals grouped by message, and the min/max seconds from
the common start to each answer. The worker's forkserver is started before (one read of the shipped dataset), so
its start-up is not counted.

Phase 2, the app through Streamlit's AppTest: the shipped dataset uploaded while every worker slot is held by
another thread (held until the upload has its answer, or at most --hold seconds; the default is longer than the
worker's time limit, and the queue limit, where the worker has one, is set to QUEUE_LIMIT seconds); then, the slots
free, the same bytes under the same name uploaded again (a new upload, as a browser's): prints what each upload
gave and how long it took.

Usage: python benchmarks/fair_uploads.py [--files 8] [--factor 4] [--hold SECONDS]
"""

import argparse
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The worker's processes re-import this file (multiprocessing's forkserver runs the main module): only light imports
# at the top, and nothing runs outside main().
from benchmarks.synth import distinct  # noqa: E402
from sstc import DEFAULT_DATA  # noqa: E402
from sstc.data import worker  # noqa: E402

UPLOAD_KEY = "dataset_upload"  # app.dataset.UPLOAD_KEY
QUEUE_LIMIT = 1.0  # seconds, phase 2: how long an upload may wait for a slot (where the worker has such a limit)


def slots() -> threading.BoundedSemaphore:
    """The semaphore that bounds how many uploads are read at once."""
    return worker._slots.running


def set_queue_limit(seconds: float) -> str:
    worker.QUEUE_LIMIT = seconds
    return f"queue limit set to {seconds:g} s"


def at_once(files: list[bytes]) -> list[tuple[float, object]]:
    """Read every file at once, one thread each; (seconds from the common start, outcome) per file."""
    barrier = threading.Barrier(len(files) + 1)
    results: list[tuple[float, object] | None] = [None] * len(files)
    start = [0.0]

    def read(n: int) -> None:
        barrier.wait()
        outcome = worker.read_upload(files[n], f"fair-{n + 1}.yaml (uploaded)")
        results[n] = (time.monotonic() - start[0], outcome)

    threads = [threading.Thread(target=read, args=(n,)) for n in range(len(files))]
    for thread in threads:
        thread.start()
    start[0] = time.monotonic()
    barrier.wait()
    for thread in threads:
        thread.join()
    return results  # type: ignore[return-value]


def message(outcome: object) -> str:
    problems = outcome.problems  # type: ignore[attr-defined]
    return problems[0].message if problems else ""


def phase_one(files: int, factor: int) -> None:
    shipped = DEFAULT_DATA.read_bytes()
    worker.read_upload(shipped, "warm-up.yaml")  # starts the forkserver: not counted
    contents = distinct(factor, files)
    results = at_once(contents)
    accepted = [s for s, o in results if o.dataset is not None]  # type: ignore[attr-defined]
    refused = Counter(message(o) for _, o in results if o.dataset is None)  # type: ignore[attr-defined]
    seconds = [s for s, _ in results]
    print(f"phase 1 (worker): {files} distinct valid files (the shipped dataset x{factor}, "
          f"{len(contents[0]):,} bytes each) read at once in {files} threads; {worker.SLOTS} slots, "
          f"time limit {worker.TIME_LIMIT:g} s")  # fmt: skip
    print(f"accepted: {len(accepted)} of {files}, refused: {sum(refused.values())}")
    for text, count in refused.most_common():
        print(f"  refused x{count}: {text}")
    print(f"seconds to each answer: min {min(seconds):.1f}, max {max(seconds):.1f}")


def upload(at: object, name: str, raw: bytes) -> tuple[float, str]:
    """Upload as a browser does (a new file id each time); (seconds, what the app did with it)."""
    started = time.monotonic()
    at.file_uploader(key=UPLOAD_KEY).set_value((name, raw, "application/x-yaml")).run()  # type: ignore[attr-defined]
    seconds = time.monotonic() - started
    if at.exception:  # type: ignore[attr-defined]
        return seconds, f"the page raised {at.exception[0].value}"  # type: ignore[attr-defined]
    in_use = any("uploaded as" in c.value for c in at.sidebar.caption)  # type: ignore[attr-defined]
    if in_use and not at.error:  # type: ignore[attr-defined]
        return seconds, "read (the uploaded dataset is in use)"
    listed = at.code[0].value.splitlines()[0] if at.code else " ".join(e.value for e in at.error)  # type: ignore
    return seconds, f"refused: {listed.split('(file)', 1)[-1].strip(' :')}"


def phase_two(hold: float) -> None:
    from streamlit.testing.v1 import AppTest

    limit = set_queue_limit(QUEUE_LIMIT)
    raw, name = DEFAULT_DATA.read_bytes(), DEFAULT_DATA.name
    main_module = sys.modules["__main__"]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=hold + 120)
    at.run()
    semaphore, held, answered = slots(), threading.Event(), threading.Event()

    def holder() -> None:
        for _ in range(worker.SLOTS):
            semaphore.acquire()
        held.set()
        answered.wait(hold)
        for _ in range(worker.SLOTS):
            semaphore.release()

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait()
    first = upload(at, name, raw)
    answered.set()
    thread.join()
    second = upload(at, name, raw)
    sys.modules["__main__"] = main_module  # AppTest leaves the app's script as __main__
    print(f"phase 2 (app, AppTest): {name} ({len(raw):,} bytes) uploaded while all {worker.SLOTS} worker slots are "
          f"held (until it is answered, at most {hold:g} s; {limit}), then again with the slots free")  # fmt: skip
    print(f"first upload, slots held: {first[1]} after {first[0]:.2f} s")
    print(f"second upload, same bytes and name, slots free: {second[1]} after {second[0]:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=8, help="files read at once in phase 1")
    parser.add_argument("--factor", type=int, default=4, help="each phase-1 file is the shipped dataset times this")
    parser.add_argument(
        "--hold", type=float, default=worker.TIME_LIMIT + 1, help="phase 2: hold the slots at most this long"
    )
    args = parser.parse_args()
    phase_one(args.files, args.factor)
    phase_two(args.hold)


if __name__ == "__main__":
    main()
