import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import transforms
from sstc.data import vocab
from sstc.view.labels import agrees, counted
from sstc.view.present import practice_card

CARDS_PER_PAGE = 25  # cards are heavy to draw; the table above always lists every match
TABS = [c.capitalize() for c in vocab.CRITERIA] + ["Details", "Evidence"]

ctx = context()
widgets.header(
    "Practice explorer",
    f"The {counted(len(ctx.dataset.practices), 'documented good practice')} of the dataset in use, one card each "
    "with the compendium's seven criteria. Use the sidebar's "
    "search to look across all their text.",
)
widgets.filter_caption(ctx)
practices = widgets.matching_records(ctx, "practice")
if not widgets.nothing_matches(practices):
    projects = cached(transforms.kind_counts, ctx.filtered.records)["projects"]
    st.caption(
        f"{counted(len(practices), 'good practice')} {agrees(len(practices), 'matches', 'match')}"
        + (
            f"; {counted(projects, 'project')} {agrees(projects, 'matches', 'match')} too: see the Project explorer."
            if projects
            else "."
        )
        + " Tick rows to put them on your shortlist."
        + (widgets.MATCHED if ctx.filters.text else "")
    )
    widgets.matching_table(practices, "practice", "practices")
    st.header("Cards", anchor=False)
    st.caption("Open a card for the compendium's seven criteria, the details and the evidence of each value.")
    numbers = [int(i) for i in practices["id"]]
    if len(numbers) > CARDS_PER_PAGE:
        pages = -(-len(numbers) // CARDS_PER_PAGE)
        page = st.number_input(f"Cards page (of {pages})", min_value=1, max_value=pages, value=1, step=1)
        first = (page - 1) * CARDS_PER_PAGE
        st.caption(f"Cards {first + 1}-{min(first + CARDS_PER_PAGE, len(numbers))} of {len(numbers)}; the table "
                   "above lists them all.")  # fmt: skip
        numbers = numbers[first : first + CARDS_PER_PAGE]
    shown = set(numbers)
    for practice in (p for p in ctx.dataset.practices if p.number in shown):
        card = cached(practice_card, practice, ctx.dataset)
        key = f"practice:{practice.number}"
        # A card draws its body only when opened, and then only its open tab: 21 open cards were ~370 elements a
        # rerun, 3.9x Streamlit's floor.
        box = widgets.card(f"{card.heading}: {card.title}", key, card.caption, card.countries)
        if box is None:
            continue
        with box:
            tabs = st.tabs(TABS, key=f"card-{key}", on_change="rerun")
            for tab, criterion in zip(tabs, vocab.CRITERIA, strict=False):
                if tab.open:
                    tab.markdown(card.criteria[criterion])
                    tab.caption(f"Source: {card.criteria_sources[criterion]}")
            if tabs[-2].open:
                with tabs[-2]:
                    st.markdown(card.details)
                    if card.materials:
                        st.markdown("**Materials**\n\n" + card.materials)
            if tabs[-1].open:
                with tabs[-1]:
                    widgets.card_evidence(ctx.tables, key)
