"""The floor: a page with the kinds of elements our pages draw, computing nothing (issue 12's yardstick).

A sidebar with seven filters, a choropleth of 75 countries, a 75-row table and a download button, all from
constants: what a rerun costs Streamlit alone. `bench_pages.py` runs it in the same process and run as the pages,
and prints every page's time as a ratio to it.

With `?redraw=1` in its address the Region filter keeps the countries of the regions picked (each of the 75 is given
one of five, in turn), so a change redraws the choropleth, the table and the download as a page's filter change
does; without it, a change leaves every element as it was and the browser redraws nothing (issue 27's yardstick).
"""

import pandas as pd
import plotly.graph_objects as go
import pycountry
import streamlit as st

REGIONS = ["Africa", "Americas", "Arab States", "Asia and the Pacific", "Europe and Central Asia", "Global"]
OUTCOMES = [*"12345678ABC"]
CODES = [c.alpha_3 for c in pycountry.countries][:75]
NAMES = [c.name for c in pycountry.countries][:75]
FRAME = pd.DataFrame({"iso3": CODES, "country": NAMES, "records": [i % 7 + 1 for i in range(75)]})
FRAME["region"] = [REGIONS[i % 5] for i in range(75)]
chosen: dict[str, list] = {}

for label, options in (
    ("Search", None),
    ("Projects / practices", ["project", "practice"]),
    ("Region", REGIONS),
    ("Country", CODES),
    ("P&B 2020-21 outcome", OUTCOMES),
    ("Theme", [f"theme {n}" for n in range(19)]),
    ("Modality", [f"modality {n}" for n in range(20)]),
):
    if options is None:
        st.sidebar.text_input(label, key="floor_text")
    else:
        chosen[label] = st.sidebar.multiselect(label, options, key=f"floor_{label}")
st.title("Floor")
shown = FRAME
if st.query_params.get("redraw") == "1" and chosen["Region"]:
    shown = FRAME[FRAME["region"].isin(chosen["Region"])]
figure = go.Figure(go.Choropleth(locations=shown["iso3"], z=shown["records"], text=shown["country"]))
st.plotly_chart(figure, theme=None)
st.dataframe(shown, hide_index=True)
st.download_button("Download CSV", data=shown.to_csv(index=False).encode(), file_name="floor.csv")
