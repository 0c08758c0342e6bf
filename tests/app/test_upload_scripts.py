"""Findings 5 and 6 of hardening round 3, measured by the scripts that print their figures (small sizes here; the
full runs are `benchmarks/upload_flood.py` and `benchmarks/fair_uploads.py` at their defaults): one session holds at
most two uploaded files however many it sends, and a refusal because the server was busy is neither caused by the
wait for a slot nor kept as the file's verdict."""

import re
import subprocess
import sys

from app.dataset import FILES_PER_SESSION
from sstc import ROOT_DIR
from sstc.data import worker


def run(*args: str, timeout: int = 180) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT_DIR, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def line(out: str, start: str) -> str:
    return next(text for text in out.splitlines() if text.startswith(start))


def test_a_flood_of_uploads_to_one_session_leaves_at_most_two_files_held():
    """10 PUTs of 1 MB straight to Streamlit's upload endpoint: all accepted (the endpoint takes them), but the
    server keeps only the newest two (it kept all 10, and 60 of 5 MB, before)."""
    out = run("benchmarks/upload_flood.py", "--files", "10", "--mb", "1", "--settle", "1")
    print(out)
    assert line(out, "accepted:").startswith("accepted: 10 of 10 (HTTP 204 x10)"), out
    seconds = float(re.search(r"^seconds: ([\d.]+) for all 10 PUTs", out, re.MULTILINE).group(1))
    assert seconds >= 0
    before, right_after, settled = map(
        int, re.search(r"before (\d+) MiB, right after (\d+) MiB \(\S+\), after 1 s (\d+) MiB", out).groups()
    )
    assert min(before, right_after, settled) > 0
    held = line(out, "held after 1 s:")
    files, mib = re.match(r"held after 1 s: (\d+) files \(([\d.]+) MiB\) of the 10 accepted", held).groups()
    assert 1 <= int(files) <= FILES_PER_SESSION, held  # the newest is kept for the uploader, no more than two
    assert float(mib) <= FILES_PER_SESSION * 10**6 / 2**20 + 0.1, held


def test_uploads_at_once_are_all_read_and_a_busy_refusal_does_not_stick():
    """Three valid files read at once on the worker's two slots are all accepted; in the app, the shipped dataset
    uploaded while every slot is held is turned away as busy, and the same bytes and name uploaded again once the
    slots are free are read (before: refused as 'took longer than 10 s', and refused again from the cache)."""
    out = run("benchmarks/fair_uploads.py", "--files", "3", "--factor", "1")
    print(out)
    assert line(out, "phase 1 (worker): 3 distinct valid files")
    assert line(out, "accepted:") == "accepted: 3 of 3, refused: 0", out
    low, high = map(float, re.search(r"seconds to each answer: min ([\d.]+), max ([\d.]+)", out).groups())
    assert 0 < low <= high
    first = line(out, "first upload, slots held:")
    assert f"refused: {worker.BUSY} after" in first, first
    first_seconds = float(re.search(r"after ([\d.]+) s$", first).group(1))
    assert first_seconds < worker.TIME_LIMIT  # turned away at the (shortened) queue limit, not kept waiting
    second = line(out, "second upload, same bytes and name, slots free:")
    assert "read (the uploaded dataset is in use)" in second, second
