"""What every page finds: the dataset in use, its tables, the filtered tables, the filter state, the shortlist.

dashboard.py makes it once a run (after the sidebar) and pages read it with `context()`: a page never loads or
filters anything itself."""

from dataclasses import dataclass

import streamlit as st

from sstc.analysis import filters
from sstc.data.identity import Identity
from sstc.data.schema import Dataset
from sstc.data.tables import Tables


@dataclass(frozen=True)
class Context:
    dataset: Dataset
    tables: Tables
    filtered: Tables
    filters: filters.Filters
    source: str
    picks: tuple[str, ...] = ()
    identity: Identity | None = None


def set_context(ctx: Context) -> None:
    st.session_state["_ctx"] = ctx


def context() -> Context:
    return st.session_state["_ctx"]
