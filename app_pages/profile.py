from functools import partial

import streamlit as st

from app import sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, nearest, targets, transforms
from sstc.data import countries
from sstc.documents import printable
from sstc.view.present import candidate_list, profile_cards, profile_reach_list

CARDS = 25  # cards per list: on a dataset 100x the shipped one a country has hundreds; the table lists them all

ctx = context()
widgets.header(
    "Country profile",
    "One country: every record that names it, its role in each with the words that say so, and the records that "
    "may reach it through a group the sources give no country list for (Global South, a region, ...).",
)
widgets.filter_caption(ctx)
available = sorted(cached(transforms.country_choices, ctx.tables), key=countries.sort_key)  # as the picker reads
key = sidebar.page_param("iso3", ["", *available], "")
iso3 = st.selectbox(
    "Country", ["", *available], key=key, format_func=lambda c: countries.name(c) if c else "Choose a country"
)
sidebar.sync_param("iso3", iso3, "")
if iso3:
    cards = cached(transforms.country_cards, ctx.filtered, iso3)
    st.header(f"{countries.full_name(iso3)} at a glance", anchor=False)  # the subject: its full name
    if cards.empty:
        widgets.nearest_answers(
            f"No record under the current filters names {widgets.escape(countries.full_name(iso3))} or may reach it.",
            cached(nearest.for_country, ctx.tables, ctx.filters, iso3),
        )
    else:
        named, group_only = cached(transforms.card_groups, cards)
        counts = cached(transforms.kind_counts, named)
        cols = st.columns(3)
        widgets.metric(
            cols[0],
            "Records naming it",
            counts["records"],
            help="In any role (participant, peer or candidate); Country coverage's map counts the role chosen there, "
            "so its number for this country may be smaller.",
        )
        widgets.metric(cols[1], "Projects naming it", counts["projects"])
        widgets.metric(cols[2], "Good practices naming it", counts["practices"])
        st.header("Records that name it", anchor=False)
        if len(named) > CARDS:
            st.caption(f"Cards for the first {CARDS} of {len(named)}; the table below lists them all.")
        for heading, caption, body in cached(profile_cards, named, CARDS):
            with st.container(border=True):
                st.subheader(heading, anchor=False)
                st.markdown(f"_{caption}_\n\n{body}")  # one element, not two: the page reruns near the floor
        if len(group_only):
            st.header("Records that may reach it through a group", anchor=False)
            st.caption("The sources list no countries for these groups: the record may, or may not, have reached it.")
            if len(group_only) > CARDS:
                st.caption(f"The first {CARDS} of {len(group_only)}; the table below lists them all.")
            st.markdown(cached(profile_reach_list, group_only, CARDS))
        naming = cached(targets.naming_as_candidate, ctx.filtered, iso3)
        if len(naming):
            st.header("Records that name it as a candidate for extension", anchor=False)
            st.caption(
                "Where a practice or project could go next: named itself (with the words that say so), or through a "
                "candidate group whose members take it in (from the sources' list, or from the UN M49 standard: not "
                "named)."
            )
            st.markdown(cached(candidate_list, naming))
            widgets.download(cached(transforms.without_key, naming), f"profile-{iso3}-candidate",
                             what=f"records naming {countries.name(iso3)} as a candidate")  # fmt: skip
            st.page_link(
                "app_pages/replication.py",
                label=f"Rank the practices by fit to {countries.name(iso3)} (Replication finder)",
                icon=":material/target:",
                query_params={targets.PARAM: iso3, **filters.to_params(ctx.filters)},
            )
        st.header("As a table", anchor=False)
        what = f"records reaching {countries.name(iso3)}"
        widgets.table(cached(transforms.without_key, cards), f"profile-{iso3}", what=what)
        printable_view = partial(printable.profile, ctx.filtered, iso3, ctx.identity, filtered_by=ctx.filters)
        widgets.document_download(
            "Download this profile as PDF (to print)", printable_view, f"profile-{iso3}-{ctx.filters.describe()}", "pdf"
        )
