import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import gaps
from sstc.view import charts, summaries
from sstc.view.safe import md

ctx = context()
widgets.header(
    "Coverage gaps",
    "How to read: each cell is a region and an outcome or theme; blue = done by that region's records, "
    "amber = only an ambiguous outcome match (n?), purple = reached only by global activities (n global), "
    "light grey = nothing in 2020-2021 (–). Hover a cell for the reason behind an ambiguous match.",
)
widgets.filter_caption(ctx)
if ctx.filters.active():
    st.caption(
        "The grids count only the records the filters keep: a cell outside the filter shows as a gap here though "
        "other records may cover it. Reset the filters for the whole picture."
    )
st.caption(
    "Counted differently from Outcome alignment, on purpose: here the five regions only (a global record counts in "
    "the regions its participant countries are in, as 'n global'), and a region with a confirmed record is done "
    "whatever else is ambiguous there; Outcome alignment counts each record in its own region, Global/"
    "interregional as a sixth column, and shows confirmed and ambiguous matches side by side (n +m?)."
)
regions_of = cached(gaps.country_regions, ctx.tables)
if not widgets.nothing_matches():
    # Only the open tab is computed and drawn; which one is open is in the address (`?view=`), so a link opens it.
    outcome, theme, country, candidate = st.tabs(
        ["Outcome x region", "Theme x region", "Country x outcome", "Candidates not yet covered"],
        key="view",
        bind="query-params",
    )
    for tab, grid_of, row, label, what in (
        (outcome, gaps.outcome_region, "outcome", "outcome_name", "outcome"),
        (theme, gaps.theme_region, "theme", "theme_label", "theme"),
    ):
        if not tab.open:
            continue
        grid = cached(grid_of, ctx.filtered, regions_of)
        with tab:
            title = "P&B 2020-21 outcome x region" if row == "outcome" else "Theme x region"
            widgets.chart(
                cached(charts.status_grid, grid, row, label, title),
                cached(summaries.status_grid, grid, what),
                grid,
                f"{what}-region-grid",
                f"the full {what} x region grid",
            )
            st.header(f"Gaps: {len(cached(gaps.gap_list, grid))} of {len(grid)} {what}-region cells", anchor=False)
            widgets.table(cached(gaps.gap_list, grid), f"gaps-{what}-region", what=f"{what} x region gaps")
    if country.open:
        with country:
            grid = cached(gaps.country_outcome, ctx.filtered)
            missing = cached(gaps.countries_without_outcome, grid, ctx.filtered)
            st.header(f"{len(missing)} participant countries with no confirmed outcome", anchor=False)
            st.caption(
                "Reached by no record with a confirmed outcome (ambiguous matches: a record names candidate outcomes)"
            )
            widgets.table(missing, "countries-without-outcome", what="countries without a confirmed outcome")
            st.header("Every participant country x outcome", anchor=False)
            st.caption("Records per country and outcome; ambiguous matches apart.")
            widgets.table(grid, "country-outcome", height=400, what="country x outcome")
    if candidate.open:
        with candidate:
            open_ = cached(gaps.uncovered_candidates, ctx.filtered, ctx.tables)
            st.header(f"{len(open_)} candidate countries not yet covered", anchor=False)
            st.caption("Named as candidates for extension; no record covers them as a participant.")
            widgets.table(
                open_,
                "uncovered-candidates",
                column_config={"named_by": st.column_config.TextColumn(width="large")},
                what="candidate countries not yet covered",
            )
    unassigned = cached(gaps.unassigned_countries, ctx.filtered, regions_of)
    if not unassigned.empty:
        st.caption(
            "Countries named only by global records have no region here and cannot count for one: "
            + md(", ".join(unassigned["country"]))
        )
