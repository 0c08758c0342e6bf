import streamlit as st

import ui
from sstc import countries, transforms
from sstc.safe import md

ctx = ui.context()
ui.header("Country profile", "One country: every record it appears in, and in what role.")
ui.filter_caption(ctx)
available = sorted(set(ctx.tables.countries["iso3"]), key=countries.name)
key = ui.page_param("iso3", ["", *available], "")
iso3 = st.selectbox(
    "Country", ["", *available], key=key, format_func=lambda c: countries.name(c) if c else "Choose a country"
)
ui.sync_param("iso3", iso3, "")
if iso3:
    profile = transforms.country_profile(ctx.filtered, iso3)
    st.subheader(md(countries.name(iso3)), anchor=False)
    if not ui.nothing_matches(profile):
        cols = st.columns(3)
        cols[0].metric("Records", len(profile))
        cols[1].metric("Projects", int((profile["kind"] == "project").sum()))
        cols[2].metric("Good practices", int((profile["kind"] == "practice").sum()))
        ui.table(profile, f"profile-{iso3}")
