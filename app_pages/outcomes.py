from functools import partial

import streamlit as st

from app import sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import transforms
from sstc.data import vocab
from sstc.data.i18n import N_, _
from sstc.data.tables import rows_of
from sstc.view import charts, summaries

# The tabs' words are the address's value too (`?view=`, Streamlit's binding): a link made in one language opens
# the same tab in another, and a change of language keeps the open tab.
TABS = (N_("Outcome x region"), N_("Records and their outcomes"), N_("SDG mentions"))


ctx = context()
widgets.header(
    _("Outcome alignment"),
    _(
        "Which ILO Programme and Budget 2020-21 outcomes the records served, by region, in three states: confirmed "
        "(blue, the number of records), an ambiguous match only (orange, n?: the brochure's layout and the meaning "
        "disagree, so the record's outcome is one of several candidates) and none (grey, –). Hover a cell for the "
        "outcome's full name; choose a cell under the grid for why its match is ambiguous. The other tabs list "
        "each record's outcomes with their basis, and the SDGs the sources mention."
    ),
)
widgets.filter_caption(ctx)
st.caption(
    _(
        "Each record counts in its own region (Global/interregional is a column of its own). Coverage gaps counts "
        "the same records differently, on purpose: five regions, a global record in the regions of its "
        "participant countries, and a region with any confirmed record as done."
    )
)
grid = cached(transforms.outcome_region, ctx.filtered, ctx.filters.regions, ctx.filters.outcomes)
if not widgets.nothing_matches():
    # Only the open tab is computed and drawn; which one is open is in the address (`?view=`), so a link opens it.
    labels = widgets.tab_names(TABS)
    alignment, records, sdgs = st.tabs(labels, key="view", bind="query-params")
    if alignment.open:
        with alignment:
            left, right = st.columns([3, 2])
            with left:
                widgets.chart(
                    cached(charts.outcome_heatmap, grid),
                    cached(summaries.outcome_grid, grid),
                    grid,
                    "outcome-states",
                    _("outcome x region states"),
                    columns=("outcome", "region", "state", "records", "ambiguous_records"),
                )
            with right:
                widgets.chart(
                    cached(charts.outcome_bar, grid),
                    cached(summaries.outcome_bar, grid),
                    partial(cached, transforms.outcome_totals, grid),  # made only if its table is opened
                    "outcome-totals",
                    _("records with a confirmed match per outcome"),
                )
            # A heat map's cell cannot be clicked in Streamlit (streamlit/streamlit#8760): a picker, which a
            # keyboard reaches too, opens one cell's reasons, one short sentence each, the full reasoning on demand.
            cells = cached(transforms.ambiguous_cells, grid)
            options = ["", *cells]
            key = sidebar.page_param("cell", options, "")
            cell = st.selectbox(
                _("Why is a match ambiguous? Choose a cell"),
                options,
                key=key,
                format_func=lambda c: cells.get(c, _("No cell chosen")),
                help=_("Cells marked n? (or +n?) hold records whose outcome is one of several candidates."),
            )
            sidebar.sync_param("cell", cell, "")
            if cell:
                outcome, region = cell.split(":", 1)
                with st.container(border=True):
                    st.header(
                        _("The ambiguous matches of Outcome {outcome} in {region}").format(
                            outcome=outcome, region=vocab.word(region)
                        ),
                        anchor=False,
                    )
                    confirmed = cached(transforms.cell_confirmed, ctx.filtered, outcome, region)
                    if confirmed:
                        st.markdown(
                            _(
                                "Confirmed here besides: {records} (the cell is blue). Each record below matches the "
                                "outcome only as one of several readings:"
                            ).format(records=widgets.escape(", ".join(confirmed)))
                        )
                    for kind, id_, title, basis, reason, reasoning in rows_of(
                        cached(transforms.cell_ambiguities, ctx.filtered, outcome, region),
                        "kind", "id", "title", "basis", "reason", "reasoning",
                    ):  # fmt: skip
                        st.markdown(
                            _("**{kind} {id}** ({basis}): {title}").format(
                                kind=vocab.word(kind).capitalize(),
                                id=widgets.escape(id_),
                                basis=basis,
                                title=widgets.escape(title),
                            )
                        )
                        st.markdown(widgets.escape(reason or _("not stated")))
                        if isinstance(reasoning, str) and reasoning:
                            with st.expander(
                                _("Both readings in full: {kind} {id}").format(kind=vocab.word(kind), id=id_)
                            ):
                                st.markdown(widgets.escape(reasoning))
            widgets.table(
                grid,
                "outcome-region",
                what=_("outcome x region with the reasons for ambiguity"),
                column_config={
                    "outcome_name": st.column_config.TextColumn(width="large"),
                    "ambiguity": st.column_config.TextColumn(width="large"),
                },
            )
    if records.open:
        with records:
            st.header(labels[1], anchor=False)
            st.caption(
                _(
                    "Basis: stated (the brochure's outcome line beside the project, or the compendium), via project "
                    "(a practice inherits its project's), best match or candidate of an ambiguous match, with the "
                    "reason and the outcome line quoted."
                )
            )
            widgets.table(
                cached(transforms.outcome_records, ctx.filtered),
                "outcome-records",
                what=_("records and their outcomes"),
                column_config={
                    "reason": st.column_config.TextColumn(width="large"),
                    "reasoning": st.column_config.TextColumn(width="large"),
                },
            )
    if sdgs.open:
        with sdgs:
            st.header(labels[2], anchor=False)
            st.caption(
                _(
                    "SDGs only where a source states them; other records speak of the SDGs or the 2030 Agenda in "
                    "general."
                )
            )
            widgets.table(cached(transforms.sdg_mentions, ctx.filtered), "sdg-mentions", what=_("SDG mentions"))
