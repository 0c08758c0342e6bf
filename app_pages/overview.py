from functools import partial

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import figures, filters, reach, transforms
from sstc.analysis.reconcile import reconciliation
from sstc.data import countries
from sstc.documents import printable
from sstc.view import charts, present, summaries
from sstc.view.labels import counted

ctx = context()
widgets.header(
    "SSTC 2020-2021 at a glance",
    "What the ILO's South-South and Triangular Cooperation projects and documented good practices covered, "
    "and how the sources' own figures compare with what the data adds up to.",
)
widgets.filter_caption(ctx)
for iso3 in ctx.filters.countries:  # the Country filter's own page, one link away (a walk asked for it)
    st.page_link(
        "app_pages/profile.py",
        label=f"The profile of {countries.name(iso3)}: every record naming it, in its words",
        icon=":material/location_on:",
        query_params={"iso3": iso3, **filters.to_params(ctx.filters)},
    )
if not widgets.nothing_matches():
    tiles = cached(transforms.headline, ctx.filtered)
    # Under a country filter a record that only may reach the country (through Global South, a region) is counted
    # apart: each tile counts the records naming it, the line under it what those that may reach it add.
    how = cached(reach.how_reached, ctx.tables, ctx.filters.countries) if ctx.filters.countries else None
    naming = cached(figures.naming, ctx.filtered, how) if how is not None else ctx.filtered
    named = cached(transforms.headline, naming) if how is not None else tiles
    place = " or ".join(countries.name(c) for c in ctx.filters.countries)

    def tile(where: DeltaGenerator, label: str, name: str, value: object, **more: str) -> None:
        if how is None:
            widgets.metric(where, label, value, **more)
            return
        more_ = tiles[name] - named[name]
        said = (  # a count of records, or of what the records name (countries, regions)
            f"naming {place}; {more_} more may reach it"
            if name in ("projects", "practices", "covid_moved_online")
            else f"in the records naming {place}; {more_} more in those that may reach it"
        )
        widgets.metric(where, label, value, delta=said, delta_color="off", delta_arrow="off", **more)

    cols = st.columns(5)
    tile(cols[0], "Projects", "projects", named["projects"])
    tile(cols[1], "Good practices", "practices", named["practices"])
    tile(
        cols[2],
        figures.COUNTRIES_NAMED,
        "countries_named",
        named["countries_named"],
        help=f"Distinct countries a record names as a participant or a peer: {present.countries_note(named)}. The "
        "reconciliation below and Compare count the same way.",
    )
    tile(cols[3], "Regions", "regions", named["regions"], help="Besides global / interregional activities")
    covid, note = present.covid_tile(named)
    tile(
        cols[4],
        "Moved online (COVID-19)",
        "covid_moved_online",
        covid,
        help=f"Good practices where a sentence of the compendium says the format changed because of the pandemic "
        f"(the quotes are just below): {note}.",
    )
    box = st.expander("Which practices moved online, and the words that say so", key="covid-open", on_change="rerun")
    if box.open:  # built only when opened: a filter change pays nothing for it
        with box:
            shifts = cached(transforms.covid_shifts, ctx.filtered)
            widgets.reading_table(shifts, "covid-moved-online", "practices moved online")
    summary = cached(transforms.region_summary, naming)  # under a country filter, the records naming it, as the tiles
    st.header("By region", anchor=False)
    if how is not None:
        apart = tiles["projects"] + tiles["practices"] - named["projects"] - named["practices"]
        st.caption(
            f"The records naming {place}; the {counted(apart, 'record')} that may reach it through a group "
            "(Global South, a region) are not counted here: the Country profile lists them."
        )
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
