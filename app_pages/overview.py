from functools import partial

import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import transforms
from sstc.analysis.reconcile import reconciliation
from sstc.documents import printable
from sstc.view import charts, present, summaries

ctx = context()
widgets.header(
    "SSTC 2020-2021 at a glance",
    "What the ILO's South-South and Triangular Cooperation projects and documented good practices covered, "
    "and how the sources' own figures compare with what the data adds up to.",
)
widgets.filter_caption(ctx)
if not widgets.nothing_matches():
    tiles = cached(transforms.headline, ctx.filtered)
    cols = st.columns(5)
    cols[0].metric("Projects", tiles["projects"])
    cols[1].metric("Good practices", tiles["practices"])
    cols[2].metric(
        "Countries (participants)",
        tiles["countries"],
        help=f"{tiles['countries_named']} named as participants by a record, "
        f"{tiles['countries'] - tiles['countries_named']} more only as members of a group the sources list (WB-6, "
        f"BRICS); {tiles['countries_any_role']} with peers and candidates. The reconciliation below counts named "
        "participants and peers, as the brochure does.",
    )
    cols[3].metric("Regions", tiles["regions"], help="Besides global / interregional activities")
    covid, note = present.covid_tile(tiles)
    cols[4].metric(
        "Practices moved online (COVID-19)",
        covid,
        help=f"Practices where a sentence of the compendium says the format changed because of the pandemic (the "
        f"quotes are just below): {note}.",
    )
    box = st.expander("Which practices moved online, and the words that say so", key="covid-open", on_change="rerun")
    if box.open:  # built only when opened: a filter change pays nothing for it
        with box:
            shifts = cached(transforms.covid_shifts, ctx.filtered)
            widgets.reading_table(shifts, "covid-moved-online", "practices moved online")
    summary = cached(transforms.region_summary, ctx.filtered)
    st.header("By region", anchor=False)
    widgets.chart(
        cached(charts.region_bar, summary),
        cached(summaries.region_bar, summary),
        summary,
        "regions",
        "projects and practices per region",
        columns=("region", "projects", "practices"),
    )
    widgets.table(summary, "regions", what="records per region")

st.header("Stated figures versus the data", anchor=False)
st.caption(
    "Each figure the sources state, beside what the brochure alone names and what the whole dataset adds up to "
    "(always for the whole dataset), with the reason for each difference."
)
table = cached(reconciliation, ctx.dataset, ctx.tables)
for block in cached(present.reconciliation_blocks, table):
    with st.container(border=True):
        st.markdown(block)
widgets.download(table, "reconciliation", "stated figures versus the data")

printable_view = partial(
    printable.overview, ctx.dataset, ctx.tables, ctx.filtered, ctx.identity, filtered_by=ctx.filters
)
widgets.document_download(
    "Download this page as PDF (to print)", printable_view, f"overview-{ctx.filters.describe()}", "pdf"
)
