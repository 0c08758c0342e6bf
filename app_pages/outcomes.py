import streamlit as st

import ui
from sstc import charts, transforms

ctx = ui.context()
ui.header(
    "Outcome alignment",
    "Which ILO Programme and Budget 2020-21 outcomes the records served, by region; empty cells are gaps. "
    "Hover a row for the outcome's full name.",
)
ui.filter_caption(ctx)
key = ui.page_param("candidates", ["no", "yes"], "no")
with_candidates = st.toggle(
    "Count ambiguous outcome matches (candidates)",
    key=key + "_toggle",
    value=st.session_state[key] == "yes",
    help="The brochure's layout leaves some project-outcome matches ambiguous; "
    "their candidates are left out unless this is on.",
)
st.session_state[key] = "yes" if with_candidates else "no"
ui.sync_param("candidates", st.session_state[key], "no")
grid = transforms.outcome_region(ctx.filtered, with_candidates)
if not ui.nothing_matches():
    left, right = st.columns([3, 2])
    left.plotly_chart(charts.outcome_heatmap(grid), config=ui.plotly_config())
    right.plotly_chart(charts.outcome_bar(grid), config=ui.plotly_config())
    ui.table(grid, "outcome-region", column_config={"outcome_name": st.column_config.TextColumn(width="large")})
    st.subheader("Records and their outcomes")
    records = transforms.outcome_records(ctx.filtered, with_candidates)
    if records.empty:
        st.info(
            "These records match the selected outcomes only as ambiguous candidates: switch on "
            "'Count ambiguous outcome matches' to see them."
        )
    else:
        ui.table(records, "outcome-records")
    st.subheader("SDG mentions")
    st.caption("SDGs only where a source states them; other records speak of the SDGs or the 2030 Agenda in general.")
    ui.table(transforms.sdg_mentions(ctx.filtered), "sdg-mentions")
