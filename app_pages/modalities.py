import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import transforms
from sstc.data.i18n import _
from sstc.view import charts, summaries

ctx = context()
widgets.header(
    _("Modalities"),
    _(
        "How cooperation was delivered (study tours, webinars, fellowships, ...), virtual versus in person, "
        "and what COVID-19 moved online. A modality counts as delivered only where a sentence says it happened; "
        "the brochure's projects are plans."
    ),
)
widgets.filter_caption(ctx)
summary = cached(transforms.modality_summary, ctx.filtered)
if not widgets.nothing_matches(summary):
    widgets.chart(
        cached(charts.modality_bar, summary),
        cached(summaries.modality_bar, summary),
        summary,
        "modalities",
        _("records per delivered modality and delivery"),
        columns=("modality_label", "delivery", "records"),
    )
    widgets.table(summary, "modalities", what=_("delivered modalities"))
    st.header(_("Each modality and the words that say so"), anchor=False)
    st.caption(_("Delivered, planned, replaced or cancelled, with the quote and where it stands."))
    widgets.table(
        cached(transforms.modality_records, ctx.filtered),
        "modality-records",
        column_config={"quote": st.column_config.TextColumn(width="large")},
        what=_("every modality with its quote"),
    )
    st.header(_("Virtual versus in person"), anchor=False)
    widgets.table(cached(transforms.delivery_summary, ctx.filtered), "delivery", what=_("records per delivery"))
    st.header(_("What COVID-19 moved online"), anchor=False)
    shifts = cached(transforms.covid_shifts, ctx.filtered)
    if shifts.empty:
        st.info(_("No practice in this selection has a sentence saying COVID-19 moved it online."))
    else:
        widgets.table(
            shifts,
            "covid-shifts",
            column_config={"covid_note": st.column_config.TextColumn(width="large")},
            what=_("practices moved online"),
        )
