import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import transforms
from sstc.view import charts, summaries

ctx = context()
widgets.header(
    "Funding mix",
    "Which sources paid for the records, in which regions, and the shares where the sources state them. The "
    "sources give no amounts: everything here counts records naming a source, not money. A record whose sources "
    "say nothing of its funding counts under 'not stated'; a project the brochure is silent on shows its linked "
    "practices' funding, labelled 'via practice N'. What each source means (RBTC-SSTC, PSI slippage, ...) is on "
    "About the data.",
)
widgets.filter_caption(ctx)
by_source = cached(transforms.funding_by_source, ctx.filtered)
if not widgets.nothing_matches(by_source):
    by_region = cached(transforms.funding_by_region, ctx.filtered)
    widgets.chart(
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
    widgets.table(by_source, "funding-sources", what="funding sources")
    st.header("Stated shares", anchor=False)
    shares = cached(transforms.stated_shares, ctx.filtered)
    if shares.empty:
        st.info("No record in this selection states funding shares.")
    else:
        widgets.table(shares, "funding-shares", what="stated funding shares")
    st.header("Funding sources per record", anchor=False)
    st.caption("A record paid from a single source is harder to sustain or replicate.")
    widgets.table(
        cached(transforms.funding_diversity, ctx.filtered), "funding-per-record", what="funding sources per record"
    )
