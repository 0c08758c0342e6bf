import streamlit as st

import ui
from sstc import charts, gaps
from sstc.safe import md

ctx = ui.context()
ui.header(
    "Coverage gaps",
    "How to read: each cell is a region and an outcome or theme; dark blue = done by that region's records, "
    "light blue = only an ambiguous outcome match (n?), orange = reached only by global activities (n global), "
    "grey = nothing in 2020-2021 (–).",
)
ui.filter_caption(ctx)
regions_of = gaps.country_regions(ctx.tables)
if not ui.nothing_matches():
    outcome, theme, country, candidate = st.tabs(
        ["Outcome x region", "Theme x region", "Country x outcome", "Candidates not yet covered"]
    )
    with outcome:
        grid = gaps.outcome_region(ctx.filtered, regions_of)
        st.plotly_chart(
            charts.status_grid(grid, "outcome", "outcome_name", "P&B 2020-21 outcome x region"),
            config=ui.plotly_config(),
        )
        st.markdown(f"**Gaps: {len(gaps.gap_list(grid))} of {len(grid)} outcome-region cells**")
        ui.table(gaps.gap_list(grid), "gaps-outcome-region")
    with theme:
        grid = gaps.theme_region(ctx.filtered, regions_of)
        st.plotly_chart(charts.status_grid(grid, "theme", "theme_label", "Theme x region"), config=ui.plotly_config())
        st.markdown(f"**Gaps: {len(gaps.gap_list(grid))} of {len(grid)} theme-region cells**")
        ui.table(gaps.gap_list(grid), "gaps-theme-region")
    with country:
        grid = gaps.country_outcome(ctx.filtered)
        missing = gaps.countries_without_outcome(grid, ctx.filtered)
        st.markdown(
            f"**{len(missing)} participant countries reached by no record with a confirmed outcome** "
            "(ambiguous_matches: a record names candidate outcomes for it)"
        )
        ui.table(missing, "countries-without-outcome")
        st.markdown("**Every participant country x outcome** (records; ambiguous matches apart)")
        ui.table(grid, "country-outcome", height=400)
    with candidate:
        open_ = gaps.uncovered_candidates(ctx.filtered, ctx.tables)
        st.markdown(
            f"**{len(open_)} countries named as candidates for extension that no record covers as a participant**"
        )
        ui.table(open_, "uncovered-candidates", column_config={"named_by": st.column_config.TextColumn(width="large")})
    unassigned = gaps.unassigned_countries(ctx.filtered, regions_of)
    if not unassigned.empty:
        st.caption(
            "Countries named only by global records have no region here and cannot count for one: "
            + md(", ".join(unassigned["country"]))
        )
