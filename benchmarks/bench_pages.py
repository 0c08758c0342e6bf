"""Server-side script time and peak memory per page (Streamlit AppTest, warm cache), on one dataset file.

Usage: python benchmarks/bench_pages.py [--data PATH] [--runs N] [--json]
Prints one line per page; figures are measured in this run, not asserted anywhere. Peak memory is what
tracemalloc sees allocated during one rerun of the page (Python and NumPy allocations), above what was
already held.
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

from streamlit.testing.v1 import AppTest  # noqa: E402

PAGES = [
    "overview", "coverage", "funding", "modalities", "outcomes", "explorer", "projects", "profile", "compare",
    "replication", "gaps", "shortlist", "timeline", "about",
]  # fmt: skip
PICKS = ["practice:3", "practice:14", "project:ASIA-BRICS"]


def measure(data: str, runs: int) -> dict[str, dict[str, float]]:
    os.environ["SSTC_DATA"] = data
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    at.query_params.update({"iso3": "BRA", "pick": PICKS})
    start = time.perf_counter()
    at.run()  # parses, validates and tables the dataset into the cache
    results = {"(first load)": {"ms": (time.perf_counter() - start) * 1000, "peak_mib": float("nan")}}
    for page in PAGES:
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py")
        at.run()  # first visit of the page
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - begin)
        tracemalloc.start()  # one more rerun for memory: tracing slows the code, so it is not timed
        held = tracemalloc.get_traced_memory()[0]
        at.run()
        peak = (tracemalloc.get_traced_memory()[1] - held) / 2**20
        tracemalloc.stop()
        if at.exception:
            raise SystemExit(f"{page}: {at.exception}")
        results[page] = {"ms": statistics.median(times) * 1000, "peak_mib": peak}
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
    print(f"dataset: {args.data} ({Path(args.data).stat().st_size:,} bytes); median of {args.runs} reruns per page")
    print(f"{'page':<14} {'median ms':>10} {'peak MiB':>9}")
    for page, figures in results.items():
        print(f"{page:<14} {figures['ms']:>10.1f} {figures['peak_mib']:>9.1f}")


if __name__ == "__main__":
    main()
