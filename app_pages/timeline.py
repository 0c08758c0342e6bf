from functools import partial

import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import timeline
from sstc.view import charts, summaries

ctx = context()
widgets.header(
    "Timeline",
    "How to read: one row per record, one bar per dated activity, coloured by region; a bar spans the precision "
    "the source gives (a day, a month, a year); a hatched bar is a date inferred, not stated (hover for why); an "
    "empty outline is a plan the source announces, not something known to have happened. News "
    "items from outside the 2020-21 records are grey. Records and "
    "activities with no date are listed below the chart, with what is known.",
)
widgets.filter_caption(ctx)
entries = cached(timeline.entries, ctx.filtered)
dated = cached(timeline.dated, entries)
if not widgets.nothing_matches():
    counts = cached(timeline.counts, entries, ctx.filtered)
    st.markdown(
        f"**{counts['all']} records and activities: {counts['dated']} with a date (the sources', or inferred where "
        "the table says so) "
        f"({counts['entries']} dated entries drawn), {counts['undated']} without (listed below).**"
    )
    if not dated.empty:
        widgets.chart(
            cached(charts.timeline, dated, timeline.NEWS),
            cached(summaries.timeline, dated),
            partial(cached, timeline.bars, dated),  # made only if its table is opened
            "timeline-bars",
            "the bars drawn",
        )
        widgets.table(
            cached(timeline.table, dated),
            "timeline",
            column_config={
                "label": st.column_config.TextColumn(width="large"),
                "basis": st.column_config.TextColumn(width="large"),
            },
            what="dated entries",
        )
    undated = cached(timeline.undated, entries, ctx.filtered)
    if not undated.empty:
        st.header(f"{len(undated)} without a date the chart can draw", anchor=False)
        widgets.table(
            undated,
            "timeline-undated",
            column_config={"why": st.column_config.TextColumn(width="large")},
            what="records and activities without a date",
        )
