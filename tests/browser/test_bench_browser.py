"""`make bench-browser` (benchmarks/browser_bench.py) runs end to end: two servers, one Chromium, a line of figures
per page asked for and for the floor. Its figures are printed, never asserted (timings on a shared machine).

Under CI=true a missing Chromium fails the run (the `chromium` fixture); locally the test skips with a message."""

import os
import re
import subprocess
import sys

from sstc import ROOT_DIR

NUMBER = r"\d+(?:\.\d+)?"


def test_browser_bench_prints_a_line_of_figures_per_page_and_for_the_floor(chromium):
    done = subprocess.run(
        [sys.executable, "benchmarks/browser_bench.py", "--rounds", "1", "--pages", "overview,funding"],
        cwd=ROOT_DIR,
        env={**os.environ, "SSTC_CHROMIUM": chromium},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    for name in ("(floor)", "(redrawn)", "overview", "funding"):
        timings, change = [line for line in lines if line.startswith(f"{name} ")]  # the two tables, a line each
        # first visit ms, its ratio to the floor's, filter change ms, its ratios to the floor's and the redrawn floor's
        assert re.fullmatch(rf"{re.escape(name)}(\s+{NUMBER}){{5}}", timings), timings
        runs, asked = map(int, re.search(r"\s(\d+)/(\d+)\s", change).groups())  # script runs / rerun requests
        assert runs >= 1 and asked >= 1, change
        assert len(re.findall(NUMBER, change)) >= 10, change  # frames, bytes, the time split, the browser's time
    assert re.search(r"^\(floor\)\s+\S+\s+1\.00\s+\S+\s+1\.00\s+\S+$", done.stdout, flags=re.MULTILINE)
    assert re.search(r"^\(redrawn\)\s+\S+\s+\S+\s+\S+\s+\S+\s+1\.00$", done.stdout, flags=re.MULTILINE)
    assert not [line for line in lines if line.startswith(("coverage ", "about "))]  # only the pages asked for
