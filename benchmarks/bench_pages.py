"""Server-side script time and peak memory per page (Streamlit AppTest), against a floor page, on one dataset file.

Usage: python benchmarks/bench_pages.py [--data PATH] [--runs N] [--json]
Per page: a warm rerun (same state again) and a filter change (a Region selection never seen before in this run,
so nothing the page computes is cached for it), each the median of N, and each as a ratio to the same measure of
the floor page (`floor_page.py`: the same kinds of elements, computing nothing), measured in the same run. Figures
are printed, not asserted anywhere. Peak memory is what tracemalloc sees allocated during one warm rerun of the
page (Python and NumPy allocations), above what was already held.
"""

import argparse
import json
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itertools import combinations  # noqa: E402

from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest, app_test, local_script_runner  # noqa: E402

from app import memo  # noqa: E402
from sstc.data import vocab  # noqa: E402

PAGES = [
    "overview", "coverage", "funding", "modalities", "outcomes", "explorer", "projects", "profile", "compare",
    "replication", "gaps", "shortlist", "timeline", "about",
]  # fmt: skip
PICKS = ["practice:3", "practice:14", "project:ASIA-BRICS"]


# A server compiles each script once and keeps the bytecode; AppTest makes a new cache every run (in two places),
# which would add the compilation of dashboard.py and the page (~3 ms) to every figure. One cache for the run, as a
# server has.
_ONE_CACHE = ScriptCache()
app_test.ScriptCache = lambda: _ONE_CACHE  # type: ignore[assignment]
local_script_runner.ScriptCache = lambda: _ONE_CACHE  # type: ignore[assignment]


def region_states() -> list[list[str]]:
    """Every non-empty set of regions (63), each used once: a filter change that no earlier run has computed."""
    regions = list(vocab.REGIONS)
    return [list(c) for n in range(1, len(regions) + 1) for c in combinations(regions, n)]


def timed(at: AppTest) -> float:
    begin = time.perf_counter()
    at.run()
    if at.exception:
        raise SystemExit(f"the page raised: {at.exception}")
    return time.perf_counter() - begin


def floor(runs: int) -> dict[str, float]:
    at = AppTest.from_file(str(ROOT / "benchmarks" / "floor_page.py"), default_timeout=600)
    at.run()
    at.run()
    warm = [timed(at) for _ in range(runs)]
    changes = []
    for n in range(runs):
        at.sidebar.multiselect(key="floor_Region").set_value([["Africa"], ["Americas"]][n % 2])
        changes.append(timed(at))
    return {"ms": statistics.median(warm) * 1000, "change_ms": statistics.median(changes) * 1000}


def measure(data: str, runs: int) -> dict[str, dict[str, float]]:
    results = {"(floor)": floor(runs)}
    os.environ["SSTC_DATA"] = data
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    at.query_params.update({"iso3": "BRA", "pick": PICKS})
    start = time.perf_counter()
    at.run()  # parses, validates and tables the dataset into the cache
    results["(first load)"] = {"ms": (time.perf_counter() - start) * 1000}
    used = -1
    states = iter(region_states() * len(vocab.KINDS))  # once per kind of record: 126 states, none repeated
    for page in PAGES:
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py")
        at.sidebar.multiselect(key="f_regions").set_value([])
        at.run()  # first visit of the page
        warm = [timed(at) for _ in range(runs)]
        changes = []
        for _ in range(runs):
            used += 1
            at.sidebar.multiselect(key="f_kinds").set_value([vocab.KINDS[used // 63 % len(vocab.KINDS)]])
            at.sidebar.multiselect(key="f_regions").set_value(next(states))
            changes.append(timed(at))
        at.sidebar.multiselect(key="f_regions").set_value([])
        at.sidebar.multiselect(key="f_kinds").set_value([])
        at.run()
        tracemalloc.start()  # one more rerun for memory: tracing slows the code, so it is not timed
        held = tracemalloc.get_traced_memory()[0]
        at.run()
        peak = (tracemalloc.get_traced_memory()[1] - held) / 2**20
        tracemalloc.stop()
        results[page] = {
            "ms": statistics.median(warm) * 1000,
            "change_ms": statistics.median(changes) * 1000,
            "peak_mib": peak,
        }
    cache = memo.store()
    results["(memo)"] = {"hits": cache.hits, "misses": cache.misses, "entries": len(cache.values)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT / "data" / "practices.yaml"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (for growth.py)")
    args = parser.parse_args()
    results = measure(args.data, args.runs)
    if args.json:
        print(json.dumps(results))
        return
    base = results["(floor)"]
    print(f"dataset: {args.data} ({Path(args.data).stat().st_size:,} bytes); median of {args.runs} reruns per page")
    print(f"first load (parse, validate, table): {results['(first load)']['ms']:.0f} ms")
    print(f"floor page: warm rerun {base['ms']:.1f} ms, filter change {base['change_ms']:.1f} ms")
    print(f"{'page':<12} {'warm ms':>8} {'x floor':>8} {'change ms':>10} {'x floor':>8} {'peak MiB':>9}")
    for page in PAGES:
        f = results[page]
        print(f"{page:<12} {f['ms']:>8.1f} {f['ms'] / base['ms']:>7.1f}x {f['change_ms']:>10.1f} "
              f"{f['change_ms'] / base['change_ms']:>7.1f}x {f['peak_mib']:>9.1f}")  # fmt: skip
    warm = [results[p]["ms"] / base["ms"] for p in PAGES]
    change = [results[p]["change_ms"] / base["change_ms"] for p in PAGES]
    print(f"ratio to the floor: warm {min(warm):.1f}x-{max(warm):.1f}x (median {statistics.median(warm):.1f}x), "
          f"filter change {min(change):.1f}x-{max(change):.1f}x (median {statistics.median(change):.1f}x)")  # fmt: skip
    m = results["(memo)"]
    print(f"memo: {m['hits']} hits, {m['misses']} misses, {m['entries']} entries")


if __name__ == "__main__":
    main()
