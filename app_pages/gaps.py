from dataclasses import replace

import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, gaps
from sstc.data import i18n
from sstc.data.i18n import N_, _, ngettext
from sstc.view import charts, summaries
from sstc.view.safe import md

# The tabs, in English: the address's `?view=` (a link opens a tab) names them so in every language.
TABS = (N_("Outcome x region"), N_("Theme x region"), N_("Country x outcome"), N_("Candidates not yet covered"))


ctx = context()
widgets.header(
    _("Coverage gaps"),
    _(
        "How to read: each cell is a region and an outcome or theme; blue = done by that region's records, "
        "amber = only an ambiguous outcome match (n?), purple = reached only by global activities (n global), "
        "light grey = nothing in 2020-2021 (–). Hover a cell for the reason behind an ambiguous match."
    ),
)
widgets.filter_caption(ctx)
chosen = ctx.filters
if chosen.active():
    st.caption(
        _(
            "The grids and lists count only the records the filters keep, and show only the regions, outcomes, "
            "themes and countries they keep: what a filter leaves out is left out here, not drawn as a gap. Reset "
            "the filters for the whole picture."
        )
    )
if chosen.regions and not set(chosen.regions) & set(gaps.REGIONAL):
    st.caption(
        _(
            "Region Global/interregional: the grids count global records only, in the regions of their participant "
            "countries; regional records are outside the filter, so a cell drawn – here is one no global record "
            "reached, not one where nothing was done."
        )
    )
elif chosen.regions:
    st.caption(
        _(
            "A global record still counts in a region shown here when one of its participant countries is there "
            "(n global), as without the filter; it never counts in a region the filter leaves out."
        )
    )
st.caption(
    _(
        "Counted differently from Outcome alignment, on purpose: here the five regions only (a global record counts "
        "in the regions its participant countries are in, as 'n global'), and a region with a confirmed record is "
        "done whatever else is ambiguous there; Outcome alignment counts each record in its own region, Global/"
        "interregional as a sixth column, and shows confirmed and ambiguous matches side by side (n +m?)."
    )
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
    outcome, theme, country, candidate = st.tabs(widgets.tab_names(TABS), key="view", bind="query-params")
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
                    _(
                        "No cell to show: the countries the filters keep are in none of the regions shown here (a "
                        "country named only by global records has no region on this page)."
                    ),
                    icon=":material/info:",
                )
                continue
            title = _("P&B 2020-21 outcome x region") if row == "outcome" else _("Theme x region")
            gap_count, cell_count = len(cached(gaps.gap_list, grid)), len(grid)
            if what == "outcome":
                chart_what = _("the full outcome x region grid")
                header = _("Gaps: {gaps} of {cells} outcome-region cells")
                table_what = _("outcome x region gaps")
            else:
                chart_what = _("the full theme x region grid")
                header = _("Gaps: {gaps} of {cells} theme-region cells")
                table_what = _("theme x region gaps")
            widgets.chart(
                cached(charts.status_grid, grid, row, label, title),
                cached(summaries.status_grid, grid, what),
                grid,
                f"{what}-region-grid",
                chart_what,
            )
            st.header(
                header.format(gaps=i18n.figure(gap_count), cells=i18n.figure(cell_count)),
                anchor=False,
            )
            widgets.table(cached(gaps.gap_list, grid), f"gaps-{what}-region", what=table_what)
    if country.open:
        with country:
            grid = cached(gaps.country_outcome, scope, regions_of, regions, chosen.outcomes, countries)
            missing = cached(gaps.countries_without_outcome, grid, scope)
            n = len(missing)
            if chosen.outcomes:
                # TRANSLATORS: between two outcomes ("Outcome 1 or Outcome 3"); keep the spaces.
                which = _(" or ").join(
                    _("Outcome {outcome}").format(outcome=outcome_id) for outcome_id in chosen.outcomes
                )
                # TRANSLATORS: {outcomes} is "Outcome 1" or "Outcome 1 or Outcome 3". The English says "countries"
                # whatever the count; give the singular its own form.
                header = ngettext(
                    "{count} participant countries with no confirmed {outcomes}",
                    "{count} participant countries with no confirmed {outcomes}",
                    n,
                ).format(count=i18n.figure(n), outcomes=which)
            else:
                # TRANSLATORS: the English says "countries" whatever the count; give the singular its own form.
                header = ngettext(
                    "{count} participant countries with no confirmed outcome",
                    "{count} participant countries with no confirmed outcome",
                    n,
                ).format(count=i18n.figure(n))
            st.header(header, anchor=False)
            st.caption(
                _(
                    "Reached by no record with a confirmed outcome (ambiguous matches: a record names candidate "
                    "outcomes)"
                )
            )
            widgets.table(missing, "countries-without-outcome", what=_("countries without a confirmed outcome"))
            st.header(_("Every participant country x outcome"), anchor=False)
            st.caption(_("Records per country and outcome; ambiguous matches apart."))
            widgets.table(grid, "country-outcome", height=400, what=_("country x outcome"))
    if candidate.open:
        with candidate:
            open_ = cached(gaps.uncovered_candidates, scope, ctx.tables, regions_of, regions, countries)
            n = len(open_)
            st.header(
                # TRANSLATORS: the English says "countries" whatever the count; give the singular its own form.
                ngettext(
                    "{count} candidate countries not yet covered", "{count} candidate countries not yet covered", n
                ).format(count=i18n.figure(n)),
                anchor=False,
            )
            st.caption(_("Named as candidates for extension; no record covers them as a participant."))
            widgets.table(
                open_,
                "uncovered-candidates",
                column_config={"named_by": st.column_config.TextColumn(width="large")},
                what=_("candidate countries not yet covered"),
            )
    unassigned = cached(gaps.unassigned_countries, scope, regions_of, regions, countries)
    if not unassigned.empty:
        n = len(unassigned)
        st.caption(
            ngettext(
                "{countries} is named only by global records, and no record places it in a region: no cell above "
                "counts it.",
                "{countries} are named only by global records, and no record places them in a region: no cell "
                "above counts them.",
                n,
            ).format(countries=md(", ".join(unassigned["country"])))
        )
