from functools import partial

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import figures, filters, reach, transforms
from sstc.analysis.reconcile import reconciliation
from sstc.data import countries, i18n
from sstc.data.i18n import _, ngettext, pgettext
from sstc.documents import printable
from sstc.view import charts, present, summaries

ctx = context()
widgets.header(
    _("SSTC 2020-2021 at a glance"),
    _(
        "What the ILO's South-South and Triangular Cooperation projects and documented good practices covered, "
        "and how the sources' own figures compare with what the data adds up to."
    ),
)
widgets.filter_caption(ctx)
for iso3 in ctx.filters.countries:  # the Country filter's own page, one link away (a walk asked for it)
    st.page_link(
        "app_pages/profile.py",
        label=_("The profile of {country}: every record naming it, in its words").format(country=countries.name(iso3)),
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
    # TRANSLATORS: between the names of the countries the filter chose ("Brazil or Chile"); keep the spaces.
    place = _(" or ").join(countries.name(c) for c in ctx.filters.countries)

    def tile(where: DeltaGenerator, label: str, name: str, value: object, **more: str) -> None:
        if how is None:
            widgets.metric(where, label, value, **more)
            return
        more_ = tiles[name] - named[name]
        said = (  # a count of records, or of what the records name (countries, regions)
            ngettext("naming {place}; {more} more may reach it", "naming {place}; {more} more may reach it", more_)
            if name in ("projects", "practices", "covid_moved_online")
            else ngettext(
                "in the records naming {place}; {more} more in those that may reach it",
                "in the records naming {place}; {more} more in those that may reach it",
                more_,
            )
        ).format(place=place, more=i18n.number(more_))
        widgets.metric(where, label, value, delta=said, delta_color="off", delta_arrow="off", **more)

    cols = st.columns(5)
    tile(cols[0], _("Projects"), "projects", named["projects"])
    tile(cols[1], _("Good practices"), "practices", named["practices"])
    tile(
        cols[2],
        _(figures.COUNTRIES_NAMED),
        "countries_named",
        named["countries_named"],
        help=_(
            "Distinct countries a record names as a participant or a peer: {note}. The reconciliation below and "
            "Compare count the same way."
        ).format(note=present.countries_note(named)),
    )
    tile(cols[3], _("Regions"), "regions", named["regions"], help=_("Besides global / interregional activities"))
    covid, note = present.covid_tile(named)
    tile(
        cols[4],
        pgettext("overview tile", "Moved online (COVID-19)"),  # a count of practices, not a table's column
        "covid_moved_online",
        covid,
        help=_(
            "Good practices where a sentence of the compendium says the format changed because of the pandemic "
            "(the quotes are just below): {note}."
        ).format(note=note),
    )
    box = st.expander(_("Which practices moved online, and the words that say so"), key="covid-open", on_change="rerun")
    if box.open:  # built only when opened: a filter change pays nothing for it
        with box:
            shifts = cached(transforms.covid_shifts, ctx.filtered)
            widgets.reading_table(shifts, "covid-moved-online", _("practices moved online"))
    summary = cached(transforms.region_summary, naming)  # under a country filter, the records naming it, as the tiles
    st.header(_("By region"), anchor=False)
    if how is not None:
        apart = tiles["projects"] + tiles["practices"] - named["projects"] - named["practices"]
        st.caption(
            ngettext(
                "The records naming {place}; the {count} record that may reach it through a group (Global South, a "
                "region) are not counted here: the Country profile lists them.",
                "The records naming {place}; the {count} records that may reach it through a group (Global South, "
                "a region) are not counted here: the Country profile lists them.",
                apart,
            ).format(place=place, count=i18n.number(apart))
        )
    widgets.chart(
        cached(charts.region_bar, summary),
        cached(summaries.region_bar, summary),
        summary,
        "regions",
        _("projects and practices per region"),
        columns=("region", "projects", "practices"),
    )
    widgets.table(summary, "regions", what=_("records per region"))

st.header(_("Stated figures versus the data"), anchor=False)
st.caption(
    _(
        "Each figure the sources state, beside what the brochure alone names and what the whole dataset adds up "
        "to (always for the whole dataset), with the reason for each difference."
    )
)
table = cached(reconciliation, ctx.dataset, ctx.tables)
for block in cached(present.reconciliation_blocks, table):
    with st.container(border=True):
        st.markdown(block)
widgets.download(table, "reconciliation", _("stated figures versus the data"))

printable_view = partial(
    printable.overview, ctx.dataset, ctx.tables, ctx.filtered, ctx.identity, filtered_by=ctx.filters
)
widgets.document_download(
    _("Download this page as PDF (to print)"), printable_view, f"overview-{ctx.filters.describe()}", "pdf"
)
