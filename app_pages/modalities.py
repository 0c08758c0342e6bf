import streamlit as st

import ui
from memo import call as cached
from sstc import charts, summaries, transforms

ctx = ui.context()
ui.header(
    "Modalities",
    "How cooperation was delivered (study tours, webinars, fellowships, ...), virtual versus in person, "
    "and what COVID-19 moved online. A modality counts as delivered only where a sentence says it happened; "
    "the brochure's projects are plans.",
)
ui.filter_caption(ctx)
summary = cached(transforms.modality_summary, ctx.filtered)
if not ui.nothing_matches(summary):
    ui.chart(
        cached(charts.modality_bar, summary),
        cached(summaries.modality_bar, summary),
        summary,
        "modalities",
        "records per delivered modality and delivery",
        columns=("modality_label", "delivery", "records"),
    )
    ui.table(summary, "modalities", what="delivered modalities")
    st.header("Each modality and the words that say so", anchor=False)
    st.caption("Delivered, planned, replaced or cancelled, with the quote and where it stands.")
    ui.table(
        cached(transforms.modality_records, ctx.filtered),
        "modality-records",
        column_config={"quote": st.column_config.TextColumn(width="large")},
        what="every modality with its quote",
    )
    st.header("Virtual versus in person", anchor=False)
    ui.table(cached(transforms.delivery_summary, ctx.filtered), "delivery", what="records per delivery")
    st.header("What COVID-19 moved online", anchor=False)
    shifts = cached(transforms.covid_shifts, ctx.filtered)
    if shifts.empty:
        st.info("No practice in this selection has a sentence saying COVID-19 moved it online.")
    else:
        ui.table(
            shifts,
            "covid-shifts",
            column_config={"covid_note": st.column_config.TextColumn(width="large")},
            what="practices moved online",
        )
