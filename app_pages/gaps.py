from dataclasses import replace

import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, gaps
from sstc.view import charts, summaries
from sstc.view.labels import agrees
from sstc.view.safe import md

ctx = context()
widgets.header(
    "Coverage gaps",
    "How to read: each cell is a region and an outcome or theme; blue = done by that region's records, "
    "amber = only an ambiguous outcome match (n?), purple = reached only by global activities (n global), "
    "light grey = nothing in 2020-2021 (–). Hover a cell for the reason behind an ambiguous match.",
)
widgets.filter_caption(ctx)
chosen = ctx.filters
if chosen.active():
    st.caption(
        "The grids and lists count only the records the filters keep, and show only the regions, outcomes, themes "
        "and countries they keep: what a filter leaves out is left out here, not drawn as a gap. Reset the filters "
        "for the whole picture."
    )
if chosen.regions and not set(chosen.regions) & set(gaps.REGIONAL):
    st.caption(
        "Region Global/interregional: the grids count global records only, in the regions of their participant "
        "countries; regional records are outside the filter, so a cell drawn – here is one no global record reached, "
        "not one where nothing was done."
    )
elif chosen.regions:
    st.caption(
        "A global record still counts in a region shown here when one of its participant countries is there "
        "(n global), as without the filter; it never counts in a region the filter leaves out."
    )
st.caption(
    "Counted differently from Outcome alignment, on purpose: here the five regions only (a global record counts in "
    "the regions its participant countries are in, as 'n global'), and a region with a confirmed record is done "
    "whatever else is ambiguous there; Outcome alignment counts each record in its own region, Global/"
    "interregional as a sixth column, and shows confirmed and ambiguous matches side by side (n +m?)."
)
regions_of = cached(gaps.country_regions, ctx.tables)
# The records to count: those the filters keep and, under a region filter, the global ones too (a global record
# counts in the kept regions its participant countries are in). The analysis keeps only the filters' regions,
# outcomes, themes and countries: a region filtered out is left out, not drawn as a gap.
counted = replace(chosen, regions=gaps.counted_regions(chosen.regions))
scope = ctx.filtered if counted == chosen else cached(filters.apply, ctx.tables, counted)
regions, countries = chosen.regions, chosen.countries
if not widgets.nothing_matches():
    # Only the open tab is computed and drawn; which one is open is in the address (`?view=`), so a link opens it.
    outcome, theme, country, candidate = st.tabs(
        ["Outcome x region", "Theme x region", "Country x outcome", "Candidates not yet covered"],
        key="view",
        bind="query-params",
    )
    for tab, grid_of, row, label, what, values in (
        (outcome, gaps.outcome_region, "outcome", "outcome_name", "outcome", chosen.outcomes),
        (theme, gaps.theme_region, "theme", "theme_label", "theme", chosen.themes),
    ):
        if not tab.open:
            continue
        grid = cached(grid_of, scope, regions_of, regions, values, countries)
        with tab:
            if grid.empty:
                st.info(
                    "No cell to show: the countries the filters keep are in none of the regions shown here (a country "
                    "named only by global records has no region on this page).",
                    icon=":material/info:",
                )
                continue
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
            grid = cached(gaps.country_outcome, scope, regions_of, regions, chosen.outcomes, countries)
            missing = cached(gaps.countries_without_outcome, grid, scope)
            which = " or ".join(f"Outcome {o}" for o in chosen.outcomes) or "outcome"
            st.header(f"{len(missing)} participant countries with no confirmed {which}", anchor=False)
            st.caption(
                "Reached by no record with a confirmed outcome (ambiguous matches: a record names candidate outcomes)"
            )
            widgets.table(missing, "countries-without-outcome", what="countries without a confirmed outcome")
            st.header("Every participant country x outcome", anchor=False)
            st.caption("Records per country and outcome; ambiguous matches apart.")
            widgets.table(grid, "country-outcome", height=400, what="country x outcome")
    if candidate.open:
        with candidate:
            open_ = cached(gaps.uncovered_candidates, scope, ctx.tables, regions_of, regions, countries)
            st.header(f"{len(open_)} candidate countries not yet covered", anchor=False)
            st.caption("Named as candidates for extension; no record covers them as a participant.")
            widgets.table(
                open_,
                "uncovered-candidates",
                column_config={"named_by": st.column_config.TextColumn(width="large")},
                what="candidate countries not yet covered",
            )
    unassigned = cached(gaps.unassigned_countries, scope, regions_of, regions, countries)
    if not unassigned.empty:
        n = len(unassigned)
        st.caption(
            md(", ".join(unassigned["country"]))
            + f" {agrees(n, 'is', 'are')} named only by global records, and no record places "
            + f"{agrees(n, 'it', 'them')} in a region: no cell above counts {agrees(n, 'it', 'them')}."
        )
