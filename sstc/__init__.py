"""SSTC 2020-2021 data layer: load, validate and reshape the curated dataset (no Streamlit here)."""

from pathlib import Path

import pandas as pd

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT_DIR = PACKAGE_DIR.parent
DEFAULT_DATA = ROOT_DIR / "data" / "practices.yaml"

# Text columns keep pandas 3's `str` dtype (missing is NaN), stored as Python strings rather than in Arrow: every
# table here has tens to a few thousand rows, where each Arrow call's fixed cost is the cost (the transforms of a
# filter change measured 25-35% faster this way; see benchmarks/bench_pages.py).
pd.set_option("mode.string_storage", "python")
