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
    st.subheader("Each modality and the words that say so")
    st.caption("Delivered only where a sentence says it happened; the brochure's projects are plans.")
    ui.table(
        transforms.modality_records(ctx.filtered),
        "modality-records",
        column_config={"quote": st.column_config.TextColumn(width="large")},
    )
    st.subheader("Virtual versus in person")
    ui.table(transforms.delivery_summary(ctx.filtered), "delivery")
    st.subheader("What COVID-19 moved online")
    shifts = transforms.covid_shifts(ctx.filtered)
    if shifts.empty:
        st.info("No practice in this selection was moved online because of COVID-19.")
    else:
        ui.table(shifts, "covid-shifts", column_config={"covid_note": st.column_config.TextColumn(width="large")})
