"""SSTC 2020-2021 data layer: load, validate and reshape the curated dataset (no Streamlit here)."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT_DIR = PACKAGE_DIR.parent
DEFAULT_DATA = ROOT_DIR / "data" / "practices.yaml"
