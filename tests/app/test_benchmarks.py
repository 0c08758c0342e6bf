"""The measuring scripts run and report sane figures (small sizes here; the real runs are `make load/growth`)."""

import re
import subprocess
import sys

from sstc import ROOT_DIR


def run(*args: str, timeout: int = 240) -> str:
    done = subprocess.run([sys.executable, *args], cwd=ROOT_DIR, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_load_script_drives_real_sessions_and_reports_latency_and_memory():
    out = run("benchmarks/load_test.py", "--sessions", "3", "--reruns", "3", "--limit", "200")
    assert "9 reruns measured" in out and "0 failed sessions" in out
    assert "filter state honoured in 9 of 9 reruns" in out
    p50, p95 = map(int, re.search(r"p50 (\d+) ms, p95 (\d+) ms", out).groups())
    assert 0 < p50 <= p95
    halves = re.findall(r"reruns (\d+-\d+) \((cold server|warm)\): p50 (\d+) ms, p95 (\d+) ms", out)
    assert [(span, state) for span, state, _, _ in halves] == [("1-1", "cold server"), ("2-3", "warm")]
    assert all(0 < int(a) <= int(b) for _, _, a, b in halves)
    idle, peak = map(int, re.search(r"idle (\d+) MiB, peak (\d+) MiB", out).groups())
    assert 0 < idle <= peak


def test_growth_script_prints_every_page_at_every_size():
    out = run("benchmarks/growth.py", "--factors", "1", "2", "--runs", "1", timeout=400)
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:]}
    pages = [p.stem for p in (ROOT_DIR / "app_pages").glob("*.py")]
    assert set(pages) <= set(rows)
    for page in pages:
        assert all(float(v) > 0 for v in rows[page][:2]), page  # a time at 1x and at 2x


def test_bench_prints_every_page_against_the_floor():
    """`make bench` (issue 12): the floor page, then each page's warm rerun and filter change as a ratio to it."""
    out = run("benchmarks/bench_pages.py", "--runs", "1")
    floor = re.search(r"floor page: warm rerun ([\d.]+) ms, filter change ([\d.]+) ms", out)
    assert floor and all(float(v) > 0 for v in floor.groups())
    pages = [p.stem for p in (ROOT_DIR / "app_pages").glob("*.py")]
    for page in pages:
        row = re.search(rf"^{page}\s+([\d.]+)\s+([\d.]+)x\s+([\d.]+)\s+([\d.]+)x", out, re.MULTILINE)
        assert row, page
        warm, warm_ratio, change, change_ratio = map(float, row.groups())
        assert warm > 0 and change > 0 and warm_ratio > 0 and change_ratio > 0, page
    assert re.search(r"ratio to the floor: warm [\d.]+x-[\d.]+x \(median [\d.]+x\), filter change", out)
