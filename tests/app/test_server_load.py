"""Finding 1 and 2 of hardening round 3, measured on a real server and a real session (generous bounds; the full
figures are `benchmarks/stall.py` and `benchmarks/upload_memory.py`)."""

import re
import subprocess
import sys

from sstc import ROOT_DIR


def run(*args: str, timeout: int = 300) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT_DIR, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def milliseconds(line: str) -> tuple[int, int]:
    p50, p95 = re.search(r"p50 (\d+) ms, p95 (\d+) ms", line).groups()
    return int(p50), int(p95)


def test_other_visitors_are_answered_while_the_heaviest_documents_are_built():
    """Four sessions click the brief of 44 line-heavy items at once while four others switch pages: the documents
    are rendered one at a time in the worker (the others' p95 stays well under 1 s idle, under 1.5 s beside the
    other test processes: it was 2.4 s idle when rendered in the server), those in line are built and fetched, and
    one beyond the line is turned away at once with a message that says why."""
    out = run("benchmarks/stall.py", "--sessions", "4", "--documents", "4", "--chars", "8000", "--idle", "2")
    print(out)
    during = next(line for line in out.splitlines() if "while the documents were built" in line)
    _, p95 = milliseconds(during)
    # 1 s is the target (met idle: 100-133 ms); the bound leaves room for the other test processes on 2 cores
    assert p95 < 1500, during
    answers = [line for line in out.splitlines() if line.startswith("document ")]
    assert len(answers) == 4
    built = [a for a in answers if a.endswith(" bytes")]
    refused = [a for a in answers if "refused: The server is building other documents" in a]
    assert built and refused and len(built) + len(refused) == 4, answers  # none lost before it was fetched
    assert all("try again" in a for a in refused)


def test_thirty_distinct_uploads_keep_memory_bounded_and_removing_the_last_gives_some_back():
    """30 distinct valid files of 2.1 MiB, one after another in one session: the store keeps at most 3 datasets
    with what derives from them, so the server grows by at most 150 MiB (it grew by ~23 MiB a file, +684 MiB for
    30 of 4.3 MiB, before), and removing the upload drops its dataset."""
    out = run("benchmarks/upload_memory.py", "--uploads", "30", "--factor", "10")
    print(out)
    before, peak, last, removed = map(
        int,
        re.search(
            r"before (\d+) MiB, peak (\d+) MiB, after the last upload (\d+) MiB, after removing it (\d+)", out
        ).groups(),
    )
    assert peak - before <= 150, out
    assert removed < last, out
