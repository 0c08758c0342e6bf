"""SSTC 2020-2021 dashboard: entry point. Loads the data, draws the shared sidebar, runs the chosen page."""

import streamlit as st

import ui
from sstc import ROOT_DIR, filters
from sstc.safe import md

st.set_page_config(
    page_title="SSTC 2020-2021 dashboard", page_icon=str(ROOT_DIR / "static" / "favicon.png"), layout="wide"
)

PAGES = {
    "2020-2021: what was done": [
        st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("app_pages/coverage.py", title="Country coverage", icon=":material/public:"),
        st.Page("app_pages/funding.py", title="Funding mix", icon=":material/payments:"),
        st.Page("app_pages/modalities.py", title="Modalities", icon=":material/school:"),
        st.Page("app_pages/outcomes.py", title="Outcome alignment", icon=":material/target:"),
        st.Page("app_pages/explorer.py", title="Practice explorer", icon=":material/search:"),
        st.Page("app_pages/profile.py", title="Country profile", icon=":material/location_on:"),
    ],
    "Plan 2022-2023": [
        st.Page("app_pages/replication.py", title="Replication finder", icon=":material/content_copy:"),
        st.Page("app_pages/gaps.py", title="Coverage gaps", icon=":material/grid_off:"),
        st.Page("app_pages/shortlist.py", title="Shortlist and brief", icon=":material/checklist:"),
        st.Page("app_pages/timeline.py", title="Timeline", icon=":material/timeline:"),
    ],
}

page = st.navigation(PAGES)
filter_area = st.sidebar.container()  # drawn after loading, shown above the upload box
ui.upload_box()
dataset, tables, source = ui.load()
current = ui.sidebar(dataset, tables, filter_area)
picks = ui.keep_shortlist(tables)
ui.set_context(ui.Context(dataset, tables, filters.apply(tables, current), current, source, tuple(picks)))
st.sidebar.caption(f"Dataset: {md(source)} · {len(dataset.projects)} projects, {len(dataset.practices)} practices")
page.run()
