"""The floor: a page with the kinds of elements our pages draw, computing nothing (issue 12's yardstick).

A sidebar with seven filters, a choropleth of 75 countries, a 75-row table and a download button, all from
constants: what a rerun costs Streamlit alone. `bench_pages.py` runs it in the same process and run as the pages,
and prints every page's time as a ratio to it.
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
        st.sidebar.multiselect(label, options, key=f"floor_{label}")
st.title("Floor")
figure = go.Figure(go.Choropleth(locations=FRAME["iso3"], z=FRAME["records"], text=FRAME["country"]))
st.plotly_chart(figure, theme=None)
st.dataframe(FRAME, hide_index=True)
st.download_button("Download CSV", data=FRAME.to_csv(index=False).encode(), file_name="floor.csv")
