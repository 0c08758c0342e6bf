import pandas as pd
import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, scoring, transforms
from sstc.view import charts, summaries
from sstc.view.labels import counted

CHART_ROWS = 40

ctx = context()
widgets.header(
    "Replication finder",
    "How to read: practices ranked by the app's score on five criteria (three of the compendium's seven, and "
    "funding diversity and results with numbers, which the app adds), 0-2 points each (out of 10); every score "
    "comes with the words in the text that earned it. Choose a theme or an outcome in the sidebar: the ranking is "
    "among the practices the filters keep.",
)
widgets.filter_caption(ctx)
scores = cached(scoring.scores_among, cached(scoring.score_practices, ctx.tables), ctx.filtered.records)
if not widgets.nothing_matches(scores):
    st.caption(
        f"Ranked among the {counted(len(scores), 'practice')} the filters keep"
        + (f" ({widgets.escape(filters.in_words(ctx.filters, ctx.tables))})" if ctx.filters.active() else "")
        + "; the planning brief gives each practice's rank among all of them."
    )
    with st.expander("How the score is computed"):
        st.markdown(scoring.RULE_MARKDOWN)
    shown = cached(pd.DataFrame.head, scores, CHART_ROWS)  # the same frame on a rerun: its chart is cached
    widgets.chart(
        cached(charts.score_bars, shown),
        cached(summaries.scores, scores),
        shown,
        "replication-chart",
        "points per criterion",
        columns=("number", "short_name", *scoring.CRITERIA, "total"),
    )
    if len(scores) > CHART_ROWS:
        st.caption(f"The chart shows the top {CHART_ROWS} of {len(scores)}; the table lists them all.")
    reason = st.column_config.TextColumn(width="large")
    st.caption("Tick rows to put them on your shortlist (shared with the Shortlist and brief page).")
    widgets.table(
        cached(transforms.without_key, scores),
        "replication-scores",  # the file name carries the filters (theme, outcome, ...)
        column_config={f"{c}_reason": reason for c in scoring.CRITERIA} | {"title": reason},
        record_keys=list(scores["key"]),
        what="replication scores with their reasons",
    )
    widgets.shortlist_picker(ctx.tables, "Shortlist (shared with the Shortlist and brief page)", "pick_replication")
