from functools import partial

import pandas as pd
import streamlit as st

from app import sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import timeline
from sstc.data import i18n
from sstc.data.i18n import N_, _, ngettext
from sstc.view import charts, summaries

# The choice of years in words: `timeline.VIEWS` are the values the address keeps (`?view=`), in English.
VIEW_WORDS = {"2019-2024": "2019-2024", "whole span": N_("whole span")}


def view_words(view: str) -> str:
    """The years shown as the reader reads them (the address keeps the English value)."""
    return _(VIEW_WORDS[view]) if view in VIEW_WORDS else view


ctx = context()
widgets.header(
    _("Timeline"),
    _(
        "How to read: one row per record, one bar per dated activity, coloured by region; a bar spans the precision "
        "the source gives (a day, a month, a year), and one too short to see (a day, a month) also has a diamond; a "
        "hatched bar or a crossed diamond is a date inferred, not stated (hover for why); an empty outline or an "
        "open diamond is a plan the source announces, not something known to have happened. News items from outside "
        "the 2020-21 records are grey. A row's name is shortened on the axis, whole in its hover and in the list "
        "under the chart. Drag to zoom, double-click to go back. Records and activities with no date are listed at "
        "the end, with what is known."
    ),
)
widgets.filter_caption(ctx)
entries = cached(timeline.entries, ctx.filtered)
dated = cached(timeline.dated, entries)


def years_shown(dated: pd.DataFrame) -> None:
    """The choice of years (2019-2024 or the whole span, kept in the URL as `?view=`), and the chart over them;
    says how many entries the chosen years cut or leave out, so the narrower view hides nothing silently."""
    key = sidebar.page_param("view", timeline.VIEWS, timeline.VIEWS[0])
    view = st.radio(
        _("Years shown"),
        timeline.VIEWS,
        key=key,
        horizontal=True,
        format_func=view_words,
        help=_(
            "2019-2024: the 2020-2021 biennium, the 2022-2023 one, and a year either side. Whole span: every "
            "dated entry ({years})."
        ).format(years=cached(timeline.years, dated)),
    )
    sidebar.sync_param("view", view, timeline.VIEWS[0])
    shown = cached(timeline.shown_range, dated, view)
    out = cached(timeline.outside, dated, shown)
    if out:
        # TRANSLATORS: {view} is "2019-2024". The English says "reach" whatever the count; give the singular its own
        # form.
        st.caption(
            ngettext(
                "{count} of the {total} dated entries reach outside {view}: choose the whole span ({years}) to see "
                "them. The list under the chart has every one.",
                "{count} of the {total} dated entries reach outside {view}: choose the whole span ({years}) to see "
                "them. The list under the chart has every one.",
                out,
            ).format(
                count=i18n.figure(out),
                total=i18n.figure(len(dated)),
                view=view_words(view),
                years=cached(timeline.years, dated),
            )
        )
    widgets.chart(
        cached(charts.timeline, dated, timeline.NEWS, shown),
        cached(summaries.timeline, dated, shown),
        partial(cached, timeline.bars, dated),  # made only if its table is opened
        "timeline-bars",
        _("the bars drawn"),
    )


if not widgets.nothing_matches():
    counts = cached(timeline.counts, entries, ctx.filtered)
    # TRANSLATORS: keep the ** around the sentence (it is bold).
    st.markdown(
        ngettext(
            "**{count} record or activity: {dated} with a date (the sources', or inferred where the table says so) "
            "({entries} dated entries drawn), {undated} without (listed below).**",
            "**{count} records and activities: {dated} with a date (the sources', or inferred where the table says "
            "so) ({entries} dated entries drawn), {undated} without (listed below).**",
            counts["all"],
        ).format(
            count=i18n.number(counts["all"]),
            dated=i18n.figure(counts["dated"]),
            entries=i18n.figure(counts["entries"]),
            undated=i18n.figure(counts["undated"]),
        )
    )
    if not dated.empty:
        years_shown(dated)
        # TRANSLATORS: the English says "entries" whatever the count; give the singular its own form.
        st.header(
            ngettext("The {count} dated entries as a list", "The {count} dated entries as a list", len(dated)).format(
                count=i18n.figure(len(dated))
            ),
            anchor=False,
        )
        widgets.table(
            cached(timeline.table, dated),
            "timeline",
            column_config={
                "when": st.column_config.TextColumn(_("Date")),
                "label": st.column_config.TextColumn(_("What"), width="large"),
                "basis": st.column_config.TextColumn(width="large"),
            },
            what=_("dated entries"),
        )
    undated = cached(timeline.undated, entries, ctx.filtered)
    if not undated.empty:
        st.header(_("{count} without a date the chart can draw").format(count=i18n.figure(len(undated))), anchor=False)
        widgets.table(
            undated,
            "timeline-undated",
            column_config={"why": st.column_config.TextColumn(width="large")},
            what=_("records and activities without a date"),
        )
