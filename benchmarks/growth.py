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
    base = args.factors[0]
    print("dataset size: " + ", ".join(f"{f}x = {sizes[f] / 2**20:.1f} MiB" for f in args.factors))
    head = "".join(f"{f'{f}x ms':>11}" for f in args.factors) + "".join(f"{f'{f}x MiB':>10}" for f in args.factors)
    print(f"{'page':<14}{head}   ratio {args.factors[-1]}x/{base}x time")
    for page in figures[base]:
        times = [figures[f][page]["ms"] for f in args.factors]
        peaks = [figures[f][page]["peak_mib"] for f in args.factors]
        row = "".join(f"{t:>11.0f}" for t in times) + "".join(f"{p:>10.1f}" for p in peaks)
        print(f"{page:<14}{row}   {times[-1] / times[0]:>6.1f}x")


if __name__ == "__main__":
    main()
