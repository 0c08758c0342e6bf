from functools import partial

import streamlit as st

from app import sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, nearest, targets, transforms
from sstc.data import countries
from sstc.data.i18n import _
from sstc.documents import printable
from sstc.view.present import candidate_list, profile_cards, profile_reach_list

CARDS = 25  # cards per list: on a dataset 100x the shipped one a country has hundreds; the table lists them all

ctx = context()
widgets.header(
    _("Country profile"),
    _(
        "One country: every record that names it, its role in each with the words that say so, and the records that "
        "may reach it through a group the sources give no country list for (Global South, a region, ...)."
    ),
)
widgets.filter_caption(ctx)
available = sorted(cached(transforms.country_choices, ctx.tables), key=countries.sort_key)  # as the picker reads
key = sidebar.page_param("iso3", ["", *available], "")
iso3 = st.selectbox(
    _("Country"), ["", *available], key=key, format_func=lambda c: countries.name(c) if c else _("Choose a country")
)
sidebar.sync_param("iso3", iso3, "")
if iso3:
    cards = cached(transforms.country_cards, ctx.filtered, iso3)
    # TRANSLATORS: {country} is the country's full name, the subject of the page.
    st.header(_("{country} at a glance").format(country=countries.full_name(iso3)), anchor=False)
    if cards.empty:
        widgets.nearest_answers(
            _("No record under the current filters names {country} or may reach it.").format(
                country=widgets.escape(countries.full_name(iso3))
            ),
            cached(nearest.for_country, ctx.tables, ctx.filters, iso3),
        )
    else:
        named, group_only = cached(transforms.card_groups, cards)
        counts = cached(transforms.kind_counts, named)
        cols = st.columns(3)
        widgets.metric(
            cols[0],
            _("Records naming it"),
            counts["records"],
            help=_(
                "In any role (participant, peer or candidate); Country coverage's map counts the role chosen there, "
                "so its number for this country may be smaller."
            ),
        )
        widgets.metric(cols[1], _("Projects naming it"), counts["projects"])
        widgets.metric(cols[2], _("Good practices naming it"), counts["practices"])
        st.header(_("Records that name it"), anchor=False)
        if len(named) > CARDS:
            st.caption(
                _("Cards for the first {count} of {total}; the table below lists them all.").format(
                    count=CARDS, total=len(named)
                )
            )
        for heading, caption, body in cached(profile_cards, named, CARDS):
            with st.container(border=True):
                st.subheader(heading, anchor=False)
                st.markdown(f"_{caption}_\n\n{body}")  # one element, not two: the page reruns near the floor
        if len(group_only):
            st.header(_("Records that may reach it through a group"), anchor=False)
            st.caption(
                _("The sources list no countries for these groups: the record may, or may not, have reached it.")
            )
            if len(group_only) > CARDS:
                st.caption(
                    _("The first {count} of {total}; the table below lists them all.").format(
                        count=CARDS, total=len(group_only)
                    )
                )
            st.markdown(cached(profile_reach_list, group_only, CARDS))
        naming = cached(targets.naming_as_candidate, ctx.filtered, iso3)
        if len(naming):
            st.header(_("Records that name it as a candidate for extension"), anchor=False)
            st.caption(
                _(
                    "Where a practice or project could go next: named itself (with the words that say so), or through "
                    "a candidate group whose members take it in (from the sources' list, or from the UN M49 standard: "
                    "not named)."
                )
            )
            st.markdown(cached(candidate_list, naming))
            widgets.download(
                cached(transforms.without_key, naming),
                f"profile-{iso3}-candidate",
                what=_("records naming {country} as a candidate").format(country=countries.name(iso3)),
            )
            st.page_link(
                "app_pages/replication.py",
                label=_("Rank the practices by fit to {country} (Replication finder)").format(
                    country=countries.name(iso3)
                ),
                icon=":material/target:",
                query_params={targets.PARAM: iso3, **filters.to_params(ctx.filters)},
            )
        st.header(_("As a table"), anchor=False)
        what = _("records reaching {country}").format(country=countries.name(iso3))
        widgets.table(cached(transforms.without_key, cards), f"profile-{iso3}", what=what)
        printable_view = partial(printable.profile, ctx.filtered, iso3, ctx.identity, filtered_by=ctx.filters)
        widgets.document_download(
            _("Download this profile as PDF (to print)"),
            printable_view,
            f"profile-{iso3}-{ctx.filters.describe()}",
            "pdf",
        )
