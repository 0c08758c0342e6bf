import streamlit as st

import ui
from sstc import charts, transforms

ctx = ui.context()
ui.header(
    "Funding mix",
    "Which sources paid for the records, in which regions, and the shares where the sources state them "
    "(most records name sources without shares).",
)
ui.filter_caption(ctx)
by_source = transforms.funding_by_source(ctx.filtered)
if not ui.nothing_matches(by_source):
    st.plotly_chart(
        charts.stacked_by_region(
            transforms.funding_by_region(ctx.filtered), "source", "Records per funding source, by region", "Records"
        ),
        config=ui.plotly_config(),
    )
    ui.table(by_source, "funding-sources")
    st.subheader("Stated shares")
    shares = transforms.stated_shares(ctx.filtered)
    if shares.empty:
        st.info("No record in this selection states funding shares.")
    else:
        ui.table(shares, "funding-shares")
    st.subheader("Funding sources per record")
    st.caption("A record paid from a single source is harder to sustain or replicate.")
    ui.table(transforms.funding_diversity(ctx.filtered), "funding-per-record")
