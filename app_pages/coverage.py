import streamlit as st

import ui
from memo import call as cached
from sstc import charts, countries, filters, summaries, transforms, vocab

ROLES = [transforms.ANY_ROLE, *vocab.ROLES]

ctx = ui.context()
ui.header(
    "Country coverage",
    "Where the records worked: countries shaded by the number of projects and practices naming them in the "
    "chosen role. Small states show as markers. Click a country to open its profile.",
)
ui.filter_caption(ctx)
key = ui.page_param("role", ROLES, "participant")
role = st.radio(
    "Role",
    ROLES,
    key=key,
    horizontal=True,
    help="participant: named as involved; peer: its experience was shared, visited or presented; "
    "candidate: named as a place to extend the practice to",
)
ui.sync_param("role", role, "participant")
data = cached(transforms.coverage, ctx.filtered, role)
if not ui.nothing_matches(data):
    event = ui.chart(
        cached(charts.coverage_map, data, f"Records per country ({role})"),
        cached(summaries.coverage_map, data, role),
        data,
        f"map-{role}",
        f"records per country, {role}",
        columns=("iso3", "country", "records"),
        on_select="rerun",
        selection_mode=("points",),
        key="coverage-map",
    )
    points = event.selection.points if event and event.selection else []
    chosen = next(
        (p.get("customdata") or p.get("location") for p in points if p.get("customdata") or p.get("location")), None
    )
    if chosen:
        if isinstance(chosen, list):
            chosen = chosen[0]
        st.switch_page("app_pages/profile.py", query_params={"iso3": chosen, **filters.to_params(ctx.filters)})
    st.caption(
        f"{len(data)} countries. Groups not expanded into countries (e.g. Global South) are listed on the "
        "Overview's reconciliation and in each record."
    )
    ui.table(
        data,
        f"countries-{role}",
        column_config={"record_titles": st.column_config.TextColumn(width="large")},
        what=f"countries ({role}) with their records",
    )
    choice = st.selectbox(
        "Open a country profile", data["iso3"], index=None, placeholder="Choose a country", format_func=countries.name
    )
    if choice:
        st.switch_page("app_pages/profile.py", query_params={"iso3": choice, **filters.to_params(ctx.filters)})
