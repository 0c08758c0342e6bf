import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.view.labels import agrees, counted
from sstc.view.present import project_card

CARDS_PER_PAGE = 25
TABS = ["Description", "Details", "Evidence"]

ctx = context()
widgets.header(
    "Project explorer",
    f"The {counted(len(ctx.dataset.projects), 'project')} of the dataset in use, one card each: the brochure's "
    "text, the countries in their roles, outcomes "
    "with their basis (stated, best match or candidate of an ambiguous match), modalities with their status "
    "(the brochure announces plans), linked good practices and funding. Every value read from the text shows its "
    "quote under Evidence.",
)
widgets.filter_caption(ctx)
projects = widgets.matching_records(ctx, "project")
if not widgets.nothing_matches(projects):
    st.caption(
        f"{counted(len(projects), 'project')} {agrees(len(projects), 'matches', 'match')}; the Practice explorer "
        "shows the matching good practices. Tick rows to "
        "put them on your shortlist." + (widgets.MATCHED if ctx.filters.text else "")
    )
    widgets.matching_table(projects, "project", "projects")
    st.header("Cards", anchor=False)
    st.caption("Open a card for the brochure's text, the details and the evidence of each value.")
    ids = list(projects["id"])[:CARDS_PER_PAGE]
    if len(projects) > CARDS_PER_PAGE:
        st.caption(f"Cards for the first {CARDS_PER_PAGE} of {len(projects)}; the table lists them all.")
    by_id = {p.id: p for p in ctx.dataset.projects}
    for pid in ids:
        card = cached(project_card, by_id[pid], ctx.tables, ctx.dataset.meta.groups)
        key = f"project:{pid}"
        box = widgets.card(card.heading, key, card.caption, card.countries)  # its body only when opened
        if box is None:
            continue
        with box:
            about, details, evidence = st.tabs(TABS, key=f"card-{key}", on_change="rerun")  # only the open tab
            if about.open:
                about.markdown(card.description)
            if details.open:
                details.markdown(card.details)
            if evidence.open:
                with evidence:
                    widgets.card_evidence(ctx.tables, key)
