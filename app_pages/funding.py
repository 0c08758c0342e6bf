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
    "sources give no amounts: everything here counts records naming a source, not money, each record once per "
    "source. A record whose sources say nothing of its funding counts under 'not stated'. What each source means "
    "(RBTC-SSTC, PSI slippage, ...) is on About the data.",
)
widgets.filter_caption(ctx)
inherited = st.toggle(
    "Count funding a project inherits from its linked practices",
    key="inherited",
    bind="query-params",
    help="The brochure is silent on some projects' funding; their linked good practices name it. Off: each record "
    "counts the funding its own source names (a project silent on it is 'not stated'). On: such a project also "
    "counts its practices' sources ('via practice N' in the tables).",
)
st.caption(
    "Counting funding a project inherits from its linked practices too."
    if inherited
    else "Counting each record's own funding; a project that only inherits a source is in 'Named only through a "
    "linked practice'."
)
by_source = cached(transforms.funding_by_source, ctx.filtered, inherited)
if not widgets.nothing_matches(by_source):
    by_region = cached(transforms.funding_by_region, ctx.filtered, inherited)
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
        widgets.table(
            shares,
            "funding-shares",
            what="stated funding shares",
            column_config={"share": st.column_config.NumberColumn("Share (%)", format="%g%%")},
        )
    st.header("Funding sources per record", anchor=False)
    st.caption(
        "The app's reading, not a source's: a record paid from a single source may be harder to sustain or replicate."
    )
    widgets.table(
        cached(transforms.funding_diversity, ctx.filtered), "funding-per-record", what="funding sources per record"
    )
