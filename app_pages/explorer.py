import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import transforms
from sstc.data import i18n, vocab
from sstc.data.i18n import N_, _, ngettext
from sstc.view import labels
from sstc.view.present import practice_card

CARDS_PER_PAGE = 25  # cards are heavy to draw; the table above always lists every match
# Each criterion's tab named as its column is (translated where shown), then the card's own two.
TABS = [labels.HEADERS[c] for c in vocab.CRITERIA] + [N_("Details"), N_("Evidence")]

ctx = context()
total = len(ctx.dataset.practices)
widgets.header(
    _("Practice explorer"),
    ngettext(
        "The {count} documented good practice of the dataset in use, one card each with the compendium's seven "
        "criteria. Use the sidebar's search to look across all their text.",
        "The {count} documented good practices of the dataset in use, one card each with the compendium's seven "
        "criteria. Use the sidebar's search to look across all their text.",
        total,
    ).format(count=i18n.number(total)),
)
widgets.filter_caption(ctx)
practices = widgets.matching_records(ctx, "practice")
if not widgets.nothing_matches(practices):
    projects = cached(transforms.kind_counts, ctx.filtered.records)["projects"]
    matches = ngettext("{count} good practice matches", "{count} good practices match", len(practices)).format(
        count=i18n.number(len(practices))
    )
    st.caption(
        (
            ngettext(
                "{matches}; {count} project matches too: see the Project explorer.",
                "{matches}; {count} projects match too: see the Project explorer.",
                projects,
            ).format(matches=matches, count=i18n.number(projects))
            if projects
            else matches + "."
        )
        + " "
        + _("Tick rows to put them on your shortlist.")
        + (_(widgets.MATCHED) if ctx.filters.text else "")
    )
    widgets.matching_table(practices, "practice", "practices")
    st.header(_("Cards"), anchor=False)
    st.caption(_("Open a card for the compendium's seven criteria, the details and the evidence of each value."))
    numbers = [int(i) for i in practices["id"]]
    if len(numbers) > CARDS_PER_PAGE:
        pages = -(-len(numbers) // CARDS_PER_PAGE)
        page = st.number_input(
            _("Cards page (of {pages})").format(pages=pages), min_value=1, max_value=pages, value=1, step=1
        )
        first = (page - 1) * CARDS_PER_PAGE
        st.caption(
            _("Cards {first}-{last} of {total}; the table above lists them all.").format(
                first=first + 1, last=min(first + CARDS_PER_PAGE, len(numbers)), total=len(numbers)
            )
        )
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
            tabs = st.tabs([_(tab) for tab in TABS], key=f"card-{key}", on_change="rerun")
            for tab, criterion in zip(tabs, vocab.CRITERIA, strict=False):
                if tab.open:
                    tab.markdown(card.criteria[criterion])
                    # TRANSLATORS: {source} says where the criterion's text is read (compendium, practice, row).
                    tab.caption(_("Source: {source}").format(source=card.criteria_sources[criterion]))
            if tabs[-2].open:
                with tabs[-2]:
                    st.markdown(card.details)
                    if card.materials:
                        st.markdown(_("**Materials**") + "\n\n" + card.materials)
            if tabs[-1].open:
                with tabs[-1]:
                    widgets.card_evidence(ctx.tables, key)
