import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.data import i18n
from sstc.data.i18n import N_, _, ngettext
from sstc.view.present import project_card

CARDS_PER_PAGE = 25
TABS = [N_("Description"), N_("Details"), N_("Evidence")]

ctx = context()
total = len(ctx.dataset.projects)
widgets.header(
    _("Project explorer"),
    ngettext(
        "The {count} project of the dataset in use, one card each: the brochure's text, the countries in their "
        "roles, outcomes with their basis (stated, best match or candidate of an ambiguous match), modalities with "
        "their status (the brochure announces plans), linked good practices and funding. Every value read from the "
        "text shows its quote under Evidence.",
        "The {count} projects of the dataset in use, one card each: the brochure's text, the countries in their "
        "roles, outcomes with their basis (stated, best match or candidate of an ambiguous match), modalities with "
        "their status (the brochure announces plans), linked good practices and funding. Every value read from the "
        "text shows its quote under Evidence.",
        total,
    ).format(count=i18n.number(total)),
)
widgets.filter_caption(ctx)
projects = widgets.matching_records(ctx, "project")
if not widgets.nothing_matches(projects):
    st.caption(
        ngettext(
            "{count} project matches; the Practice explorer shows the matching good practices. Tick rows to put "
            "them on your shortlist.",
            "{count} projects match; the Practice explorer shows the matching good practices. Tick rows to put "
            "them on your shortlist.",
            len(projects),
        ).format(count=i18n.number(len(projects)))
        + (_(widgets.MATCHED) if ctx.filters.text else "")
    )
    widgets.matching_table(projects, "project", "projects")
    st.header(_("Cards"), anchor=False)
    st.caption(_("Open a card for the brochure's text, the details and the evidence of each value."))
    ids = list(projects["id"])[:CARDS_PER_PAGE]
    if len(projects) > CARDS_PER_PAGE:
        st.caption(
            _("Cards for the first {count} of {total}; the table lists them all.").format(
                count=CARDS_PER_PAGE, total=len(projects)
            )
        )
    by_id = {p.id: p for p in ctx.dataset.projects}
    for pid in ids:
        card = cached(project_card, by_id[pid], ctx.tables, ctx.dataset.meta.groups)
        key = f"project:{pid}"
        box = widgets.card(card.heading, key, card.caption, card.countries)  # its body only when opened
        if box is None:
            continue
        with box:
            # only the open tab
            about, details, evidence = st.tabs([_(tab) for tab in TABS], key=f"card-{key}", on_change="rerun")
            if about.open:
                about.markdown(card.description)
            if details.open:
                details.markdown(card.details)
            if evidence.open:
                with evidence:
                    widgets.card_evidence(ctx.tables, key)
