"""Growth: per-page server-side script time and peak memory at 1x, 10x and 100x the shipped dataset, in one run.

Generates the synthetic datasets (benchmarks/synth.py) in a temporary folder, measures each size in its own
process (benchmarks/bench_pages.py --json) so memory does not carry over, and prints the cost curve with the
ratios to 1x.

Usage: python benchmarks/growth.py [--factors 1 10 100] [--runs 3]
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synth import write  # noqa: E402
from sstc import DEFAULT_DATA  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    figures: dict[int, dict[str, dict[str, float]]] = {}
    sizes: dict[int, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        for factor in args.factors:
            path = DEFAULT_DATA if factor == 1 else write(factor, Path(folder) / f"x{factor}.yaml")
            sizes[factor] = path.stat().st_size
            command = [sys.executable, str(ROOT / "benchmarks" / "bench_pages.py"), "--data", str(path),
                       "--runs", str(args.runs), "--json"]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=1800)
            figures[factor] = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"measured {factor}x ({sizes[factor]:,} bytes)", file=sys.stderr)
    base, top = args.factors[0], args.factors[-1]
    print("dataset size: " + ", ".join(f"{f}x = {sizes[f] / 2**20:.1f} MiB" for f in args.factors))
    head = "".join(f"{f'warm {f}x':>10}" for f in args.factors) + "".join(f"{f'change {f}x':>12}" for f in args.factors)
    print(f"{'page':<12}{head}{f'MiB {top}x':>9}   (ms per rerun; target at 100x: <= 250 ms)")
    pages = [page for page in figures[base] if not page.startswith("(")]
    for page in pages:
        warm = [figures[f][page]["ms"] for f in args.factors]
        change = [figures[f][page]["change_ms"] for f in args.factors]
        row = "".join(f"{t:>10.0f}" for t in warm) + "".join(f"{t:>12.0f}" for t in change)
        print(f"{page:<12}{row}{figures[top][page]['peak_mib']:>9.1f}")
    worst = max(max(figures[top][p]["ms"], figures[top][p]["change_ms"]) for p in pages)
    print(f"slowest rerun at {top}x: {worst:.0f} ms; first load " + ", ".join(
        f"{f}x {figures[f]['(first load)']['ms'] / 1000:.1f} s" for f in args.factors))  # fmt: skip


if __name__ == "__main__":
    main()
