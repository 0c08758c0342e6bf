import streamlit as st

from app import mapcomponent, sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, transforms
from sstc.data import countries, i18n, vocab
from sstc.data.i18n import _, ngettext, pgettext
from sstc.view import charts, summaries, svgmap

ROLES = [transforms.ANY_ROLE, *vocab.ROLES]
MAP_VIEWS = ["quick", "zoomable"]  # the first is drawn by the server (sstc.view.svgmap), the second by plotly.js


def role_word(role: str) -> str:
    """A role as the page writes it (the value itself is a key: the URL's, the data's)."""
    return _("any role") if role == transforms.ANY_ROLE else vocab.word(role)


def map_word(view: str) -> str:
    """A map view as the radio writes it (the value is the URL's)."""
    return pgettext("map view", "quick") if view == MAP_VIEWS[0] else pgettext("map view", "zoomable")


ctx = context()
widgets.header(
    _("Country coverage"),
    _(
        "Where the records worked: countries shaded by the number of projects and practices naming them in the "
        "chosen role. Small states show as markers. Click a country to open its profile; the zoomable map zooms "
        "and pans."
    ),
)
widgets.filter_caption(ctx)
key = sidebar.page_param("role", ROLES, "participant")
role = st.radio(
    _("Role"),
    ROLES,
    key=key,
    horizontal=True,
    format_func=role_word,
    help=_(
        "participant: named as involved; peer: its experience was shared, visited or presented; "
        "candidate: named as a place to extend the practice to"
    ),
)
sidebar.sync_param("role", role, "participant")
data = cached(transforms.coverage, ctx.filtered, role)
matching = cached(transforms.kind_counts, ctx.filtered.records)["records"]
none_in_role = (
    ngettext("The {count} matching record names no country.", "The {count} matching records name no country.", matching)
    if role == ROLES[0]
    else ngettext(
        "The {count} matching record names no country as {role}.",
        "The {count} matching records name no country as {role}.",
        matching,
    )
).format(count=i18n.number(matching), role=role_word(role))
because = _("{reason} Choose another role above, or widen the filters.").format(reason=none_in_role)
if not widgets.nothing_matches(data, because=because):
    view_key = sidebar.page_param("map", MAP_VIEWS, MAP_VIEWS[0])
    view = st.radio(
        _("Map"),
        MAP_VIEWS,
        key=view_key,
        horizontal=True,
        format_func=map_word,
        help=_(
            "quick: drawn by the server, shown with the page; each shaded country links to its profile. "
            "zoomable: zoom and pan; it loads a larger map library (about a second more on a first visit)."
        ),
    )
    sidebar.sync_param("map", view, MAP_VIEWS[0])
    title = _("Records per country ({role})").format(role=role_word(role))
    twin = (
        cached(summaries.coverage_map, data, role),
        data,
        f"map-{role}",
        _("records per country, {role}").format(role=role_word(role)),
    )
    columns = ("iso3", "country", "records")
    if view == MAP_VIEWS[0]:
        chosen = mapcomponent.svg_map(
            cached(svgmap.coverage_map, data, title, ctx.filters), *twin, columns=columns,
            keys=cached(svgmap.coverage_keys, data),
        )  # fmt: skip
    else:
        event = widgets.chart(
            cached(charts.coverage_map, data, title),
            *twin,
            columns=columns,
            on_select="rerun",
            selection_mode=("points",),
            key="coverage-map",
        )
        points = event.selection.points if event and event.selection else []
        chosen = next(
            (p.get("customdata") or p.get("location") for p in points if p.get("customdata") or p.get("location")),
            None,
        )
        if isinstance(chosen, list):
            chosen = chosen[0]
    if chosen:
        st.switch_page("app_pages/profile.py", query_params={"iso3": chosen, **filters.to_params(ctx.filters)})
    st.caption(
        ngettext(
            "{count} country in the role {role}, the members of listed groups (WB-6, BRICS) included: another "
            "figure than the Overview's, which counts participants and peers a record names itself. Groups not "
            "expanded into countries (e.g. Global South) are listed on the Overview's reconciliation and in each "
            "record.",
            "{count} countries in the role {role}, the members of listed groups (WB-6, BRICS) included: another "
            "figure than the Overview's, which counts participants and peers a record names itself. Groups not "
            "expanded into countries (e.g. Global South) are listed on the Overview's reconciliation and in each "
            "record.",
            len(data),
        ).format(count=i18n.number(len(data)), role=role_word(role))
    )
    widgets.table(
        data,
        f"countries-{role}",
        column_config={"record_titles": st.column_config.TextColumn(width="large")},
        what=_("countries ({role}) with their records").format(role=role_word(role)),
    )
    choice = st.selectbox(
        _("Open a country profile"),
        sorted(data["iso3"], key=countries.sort_key),  # by name, as a picker reads; the table is by records
        index=None,
        placeholder=_("Choose a country"),
        format_func=countries.name,
    )
    if choice:
        st.switch_page("app_pages/profile.py", query_params={"iso3": choice, **filters.to_params(ctx.filters)})
