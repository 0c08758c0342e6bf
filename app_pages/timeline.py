import streamlit as st

import ui
from sstc import charts, timeline

ctx = ui.context()
ui.header(
    "Timeline",
    "How to read: one row per record, one bar per dated activity, coloured by region; a bar spans the precision "
    "the source gives (a day, a month, a year). News items from outside the 2020-21 records are grey.",
)
ui.filter_caption(ctx)
entries = timeline.entries(ctx.filtered)
dated = timeline.dated(entries)
if entries.empty:
    st.info(
        "No dated activity matches the current filters. Widen the selection in the sidebar or press **Reset filters**.",
        icon=":material/search_off:",
    )
else:
    if not dated.empty:
        st.plotly_chart(charts.timeline(dated, timeline.NEWS), config=ui.plotly_config())
    ui.table(timeline.table(entries), "timeline", column_config={"label": st.column_config.TextColumn(width="large")})
    undated = timeline.undated(entries)
    if not undated.empty:
        st.markdown(f"**{len(undated)} activity(ies) the sources give no full date for** (not drawn above)")
        ui.table(undated, "timeline-undated")
