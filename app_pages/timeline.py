from functools import partial

import pandas as pd
import streamlit as st

from app import sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import timeline
from sstc.view import charts, summaries
from sstc.view.labels import counted

ctx = context()
widgets.header(
    "Timeline",
    "How to read: one row per record, one bar per dated activity, coloured by region; a bar spans the precision "
    "the source gives (a day, a month, a year), and one too short to see (a day, a month) also has a diamond; a "
    "hatched bar or a crossed diamond is a date inferred, not stated (hover for why); an empty outline or an open "
    "diamond is a plan the source announces, not something known to have happened. News items from outside the "
    "2020-21 records are grey. A row's name is shortened on the axis, whole in its hover and in the list under the "
    "chart. Drag to zoom, double-click to go back. Records and activities with no date are listed at the end, with "
    "what is known.",
)
widgets.filter_caption(ctx)
entries = cached(timeline.entries, ctx.filtered)
dated = cached(timeline.dated, entries)


def years_shown(dated: pd.DataFrame) -> None:
    """The choice of years (2019-2024 or the whole span, kept in the URL as `?view=`), and the chart over them;
    says how many entries the chosen years cut or leave out, so the narrower view hides nothing silently."""
    key = sidebar.page_param("view", timeline.VIEWS, timeline.VIEWS[0])
    view = st.radio(
        "Years shown",
        timeline.VIEWS,
        key=key,
        horizontal=True,
        help="2019-2024: the 2020-2021 biennium, the 2022-2023 one, and a year either side. Whole span: every "
        f"dated entry ({cached(timeline.years, dated)}).",
    )
    sidebar.sync_param("view", view, timeline.VIEWS[0])
    shown = cached(timeline.shown_range, dated, view)
    out = cached(timeline.outside, dated, shown)
    if out:
        st.caption(
            f"{out} of the {len(dated)} dated entries reach outside {view}: choose the whole span "
            f"({cached(timeline.years, dated)}) to see them. The list under the chart has every one."
        )
    widgets.chart(
        cached(charts.timeline, dated, timeline.NEWS, shown),
        cached(summaries.timeline, dated, shown),
        partial(cached, timeline.bars, dated),  # made only if its table is opened
        "timeline-bars",
        "the bars drawn",
    )


if not widgets.nothing_matches():
    counts = cached(timeline.counts, entries, ctx.filtered)
    st.markdown(
        f"**{counted(counts['all'], 'record or activity', 'records and activities')}: {counts['dated']} with a date "
        "(the sources', or inferred where "
        "the table says so) "
        f"({counts['entries']} dated entries drawn), {counts['undated']} without (listed below).**"
    )
    if not dated.empty:
        years_shown(dated)
        st.header(f"The {len(dated)} dated entries as a list", anchor=False)
        widgets.table(
            cached(timeline.table, dated),
            "timeline",
            column_config={
                "when": st.column_config.TextColumn("Date"),
                "label": st.column_config.TextColumn("What", width="large"),
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
