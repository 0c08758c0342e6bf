import pandas as pd
import streamlit as st

import ui
from memo import call as cached
from sstc import charts, scoring, summaries, vocab

CHART_ROWS = 40

ctx = ui.context()
ui.header(
    "Replication finder",
    "How to read: practices ranked by the compendium's own criteria, 0-2 points each (out of 10); every score "
    "comes with the words in the text that earned it. Pick a theme here or an outcome in the sidebar.",
)
ui.filter_caption(ctx)
themes = ["all", *cached(scoring.themes_present, ctx.tables)]
key = ui.page_param("theme", themes, "all")
theme = st.selectbox(
    "Theme",
    themes,
    key=key,
    format_func=lambda t: "All themes" if t == "all" else vocab.THEMES[t],
)
ui.sync_param("theme", theme, "all")
scores = cached(
    scoring.for_theme, cached(scoring.score_practices, ctx.filtered), ctx.filtered, None if theme == "all" else theme
)
if not ui.nothing_matches(scores):
    with st.expander("How the score is computed"):
        st.markdown(scoring.RULE_MARKDOWN)
    shown = cached(pd.DataFrame.head, scores, CHART_ROWS)  # the same frame on a rerun: its chart is cached
    ui.chart(
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
    ui.table(
        scores.drop(columns="key"),
        "replication-scores" + ("" if theme == "all" else f"-{theme}"),
        column_config={f"{c}_reason": reason for c in scoring.CRITERIA} | {"title": reason},
        record_keys=list(scores["key"]),
        what="replication scores with their reasons",
    )
    ui.shortlist_picker(ctx.tables, "Shortlist (shared with the Shortlist and brief page)", "pick_replication")
