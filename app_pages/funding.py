import streamlit as st

import ui
from memo import call as cached
from sstc import charts, summaries, transforms

ctx = ui.context()
ui.header(
    "Funding mix",
    "Which sources paid for the records, in which regions, and the shares where the sources state them. The "
    "sources give no amounts: everything here counts records naming a source, not money. A record whose sources "
    "say nothing of its funding counts under 'not stated'; a project the brochure is silent on shows its linked "
    "practices' funding, labelled 'via practice N'. What each source means (RBTC-SSTC, PSI slippage, ...) is on "
    "About the data.",
)
ui.filter_caption(ctx)
by_source = cached(transforms.funding_by_source, ctx.filtered)
if not ui.nothing_matches(by_source):
    by_region = cached(transforms.funding_by_region, ctx.filtered)
    ui.chart(
        cached(
            charts.stacked_by_region,
            by_region,
            "source",
            "Records naming each funding source, by region (a count of records, not of money)",
            "Records",
        ),
        cached(summaries.stacked_by_region, by_region, "source", "funding source"),
        by_region,
        "funding-by-region",
        "records per funding source and region",
    )
    ui.table(by_source, "funding-sources", what="funding sources")
    st.header("Stated shares", anchor=False)
    shares = cached(transforms.stated_shares, ctx.filtered)
    if shares.empty:
        st.info("No record in this selection states funding shares.")
    else:
        ui.table(shares, "funding-shares", what="stated funding shares")
    st.header("Funding sources per record", anchor=False)
    st.caption("A record paid from a single source is harder to sustain or replicate.")
    ui.table(
        cached(transforms.funding_diversity, ctx.filtered), "funding-per-record", what="funding sources per record"
    )
