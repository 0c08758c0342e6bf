import streamlit as st

from app import mapcomponent, sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, transforms
from sstc.data import countries, vocab
from sstc.view import charts, summaries, svgmap
from sstc.view.labels import agrees, counted

ROLES = [transforms.ANY_ROLE, *vocab.ROLES]
MAP_VIEWS = ["quick", "zoomable"]  # the first is drawn by the server (sstc.view.svgmap), the second by plotly.js

ctx = context()
widgets.header(
    "Country coverage",
    "Where the records worked: countries shaded by the number of projects and practices naming them in the "
    "chosen role. Small states show as markers. Click a country to open its profile; the zoomable map zooms and "
    "pans.",
)
widgets.filter_caption(ctx)
key = sidebar.page_param("role", ROLES, "participant")
role = st.radio(
    "Role",
    ROLES,
    key=key,
    horizontal=True,
    help="participant: named as involved; peer: its experience was shared, visited or presented; "
    "candidate: named as a place to extend the practice to",
)
sidebar.sync_param("role", role, "participant")
data = cached(transforms.coverage, ctx.filtered, role)
matching = cached(transforms.kind_counts, ctx.filtered.records)["records"]
none_in_role = (
    f"The {counted(matching, 'matching record')} {agrees(matching, 'names', 'name')} no country"
    + ("" if role == ROLES[0] else f" as {role}")
    + "."
)
if not widgets.nothing_matches(data, because=none_in_role + " Choose another role above, or widen the filters."):
    view_key = sidebar.page_param("map", MAP_VIEWS, MAP_VIEWS[0])
    view = st.radio(
        "Map",
        MAP_VIEWS,
        key=view_key,
        horizontal=True,
        help="quick: drawn by the server, shown with the page; each shaded country links to its profile. "
        "zoomable: zoom and pan; it loads a larger map library (about a second more on a first visit).",
    )
    sidebar.sync_param("map", view, MAP_VIEWS[0])
    title = f"Records per country ({role})"
    twin = (cached(summaries.coverage_map, data, role), data, f"map-{role}", f"records per country, {role}")
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
        f"{counted(len(data), 'country', 'countries')} in the role {role}, the members of listed groups (WB-6, "
        "BRICS) included: another figure than the Overview's, which counts participants and peers a record names "
        "itself. Groups not expanded into countries (e.g. Global South) are listed on the Overview's reconciliation "
        "and in each record."
    )
    widgets.table(
        data,
        f"countries-{role}",
        column_config={"record_titles": st.column_config.TextColumn(width="large")},
        what=f"countries ({role}) with their records",
    )
    choice = st.selectbox(
        "Open a country profile",
        sorted(data["iso3"], key=countries.sort_key),  # by name, as a picker reads; the table is by records
        index=None,
        placeholder="Choose a country",
        format_func=countries.name,
    )
    if choice:
        st.switch_page("app_pages/profile.py", query_params={"iso3": choice, **filters.to_params(ctx.filters)})
