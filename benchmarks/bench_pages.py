"""Median server-side script time per page (Streamlit AppTest, warm cache), on a dataset file.

Usage: python benchmarks/bench_pages.py [--data PATH] [--runs N]
Prints one line per page; figures are measured in this run, not asserted anywhere.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

PAGES = ["overview", "coverage", "funding", "modalities", "outcomes", "explorer", "profile"]


def page_times(data: str, runs: int) -> dict[str, list[float]]:
    os.environ["SSTC_DATA"] = data
    results: dict[str, list[float]] = {}
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    at.query_params["iso3"] = "BRA"
    at.run()  # fills the data cache
    for page in PAGES:
        if page != "overview":
            at.switch_page(f"app_pages/{page}.py")
        at.run()  # first visit of the page
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
        if at.exception:
            raise SystemExit(f"{page}: {at.exception}")
        results[page] = times
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT / "data" / "practices.yaml"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    results = page_times(args.data, args.runs)
    print(f"dataset: {args.data} ({Path(args.data).stat().st_size:,} bytes); {args.runs} reruns per page")
    print(f"{'page':<12} {'median ms':>10} {'min ms':>8} {'max ms':>8}")
    for page, times in results.items():
        print(
            f"{page:<12} {statistics.median(times) * 1000:>10.1f} {min(times) * 1000:>8.1f} {max(times) * 1000:>8.1f}"
        )


if __name__ == "__main__":
    main()
