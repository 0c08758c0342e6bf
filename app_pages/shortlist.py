from functools import partial

import streamlit as st

from app import mapcomponent, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, shortlist
from sstc.documents import brief
from sstc.documents.document import to_markdown
from sstc.view import charts, summaries, svgmap
from sstc.view.safe import md

ctx = context()
widgets.header(
    "Shortlist and brief",
    "How to read: tick the projects and practices to replicate; the map shows the countries they cover now (blue) "
    "and those their named candidate countries would add (orange). The address of this page carries the shortlist.",
)
keys = widgets.shortlist_picker(ctx.tables, "Shortlist", "pick_shortlist")
if not keys:
    st.info(
        "The shortlist is empty. Tick items above, or in the Replication finder; the page address then carries "
        "them (`?pick=practice:3&pick=project:ASIA-BRICS`) so the shortlist can be shared.",
        icon=":material/checklist:",
    )
else:
    coverage = cached(shortlist.extension_coverage, ctx.tables, keys)
    now, added = cached(shortlist.status_counts, coverage)
    left, middle, right = st.columns(3)
    left.metric("Items", len(keys))
    middle.metric("Countries covered now", now)
    right.metric(
        "Countries if extended",
        now + added,
        help=f"{added} more countries named as candidates for extension" if added else "no candidate countries named",
    )
    groups = cached(shortlist.shortlist_groups, ctx.tables, keys)
    reached = [g for role in ("participant", "peer") for g in groups.get(role, [])]
    if reached or groups.get("candidate"):
        st.caption(
            "Countries now: "
            + md(shortlist.reach_words(now, list(dict.fromkeys(reached))))
            + ". Groups count as groups, never as countries (the sources list no countries for most of them)"
            + (f"; candidate groups: {md(', '.join(groups['candidate']))}." if groups.get("candidate") else ".")
        )
    if coverage.empty:
        st.info("These items name no country: nothing to draw on the map.")
    else:
        # Drawn by the server, as the coverage map (plotly's world map made this page's first visit 1.7x the floor's).
        chosen = mapcomponent.svg_map(
            cached(
                svgmap.shortlist_map,
                coverage,
                "Shortlist coverage: now and if extended",
                ctx.filters,
                dict(zip((shortlist.NOW, shortlist.EXTENDED), charts.SHORTLIST_COLORS, strict=True)),
            ),
            cached(summaries.shortlist_map, coverage, (shortlist.NOW, shortlist.EXTENDED)),
            coverage,
            "shortlist-map",
            "countries now and if extended",
        )
        if chosen:
            st.switch_page("app_pages/profile.py", query_params={"iso3": chosen, **filters.to_params(ctx.filters)})
    unmapped = cached(shortlist.unmapped_candidates, ctx.tables, keys)
    if unmapped:
        st.caption("Also named as candidates, without a country list to map: " + md(", ".join(unmapped)))
    st.header("Items", anchor=False)
    widgets.table(
        cached(shortlist.items, ctx.tables, keys),
        "shortlist",
        column_config={c: st.column_config.TextColumn(width="large") for c in ("objective", "results", "adaptability")},
        what="shortlisted items",
    )
    st.header("Countries: now and if extended", anchor=False)
    widgets.table(coverage, "shortlist-coverage", what="countries now and if extended")
    st.header("Planning brief", anchor=False)
    st.caption(
        "Per item: score, objective, results with the stated figures, outcomes with their basis, adaptability, "
        "candidates, funding, modalities, contacts, links, and the source of each part; the map as an image."
    )
    # Built once for the three formats and the preview (the memo): each click renders, none builds it again.
    make = partial(cached, brief.build, ctx.tables, keys, ctx.identity, filtered_by=ctx.filters)
    name = f"planning-brief-{len(keys)}-items"
    word, pdf, markdown = st.columns(3)
    widgets.document_download("Download the planning brief (Word)", make, name, "docx", word)
    widgets.document_download("Download the planning brief (PDF)", make, name, "pdf", pdf)
    widgets.document_download("Download the planning brief (Markdown)", make, name, "md", markdown)
    if st.toggle("Preview the brief", key="preview_brief"):
        st.markdown(to_markdown(make()), anchors=False)
