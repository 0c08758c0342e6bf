import streamlit as st

import ui
from sstc import charts, transforms

ctx = ui.context()
ui.header(
    "Modalities",
    "How cooperation was delivered (study tours, webinars, fellowships, ...), virtual versus in person, "
    "and what COVID-19 moved online.",
)
ui.filter_caption(ctx)
summary = transforms.modality_summary(ctx.filtered)
if not ui.nothing_matches(summary):
    st.plotly_chart(charts.modality_bar(summary), config=ui.plotly_config())
    ui.table(summary, "modalities")
    st.subheader("Virtual versus in person")
    ui.table(transforms.delivery_summary(ctx.filtered), "delivery")
    st.subheader("What COVID-19 moved online")
    shifts = transforms.covid_shifts(ctx.filtered)
    if shifts.empty:
        st.info("No practice in this selection was moved online because of COVID-19.")
    else:
        ui.table(shifts, "covid-shifts", column_config={"covid_note": st.column_config.TextColumn(width="large")})
