import streamlit as st

import ui
from sstc import charts, shortlist
from sstc.export import file_name
from sstc.safe import md

ctx = ui.context()
ui.header(
    "Shortlist and brief",
    "How to read: tick the projects and practices to replicate; the map shows the countries they cover now (blue) "
    "and those their named candidate countries would add (orange). The address of this page carries the shortlist.",
)
keys = ui.shortlist_picker(ctx.tables, "Shortlist", "pick_shortlist")
if not keys:
    st.info(
        "The shortlist is empty. Tick items above, or in the Replication finder; the page address then carries "
        "them (`?pick=practice:3&pick=project:ASIA-BRICS`) so the shortlist can be shared.",
        icon=":material/checklist:",
    )
else:
    coverage = shortlist.extension_coverage(ctx.tables, keys)
    now = int((coverage["status"] == shortlist.NOW).sum())
    added = int((coverage["status"] == shortlist.EXTENDED).sum())
    left, middle, right = st.columns(3)
    left.metric("Items", len(keys))
    middle.metric("Countries covered now", now)
    right.metric("Countries if extended", now + added, delta=f"+{added}" if added else "no candidate countries")
    if coverage.empty:
        st.info("These items name no country: nothing to draw on the map.")
    else:
        st.plotly_chart(
            charts.shortlist_map(
                coverage, "Shortlist coverage: now and if extended", (shortlist.NOW, shortlist.EXTENDED)
            ),
            config=ui.plotly_config(),
        )
    unmapped = shortlist.unmapped_candidates(ctx.tables, keys)
    if unmapped:
        st.caption("Also named as candidates, without a country list to map: " + md(", ".join(unmapped)))
    st.subheader("Items")
    ui.table(
        shortlist.items(ctx.tables, keys),
        "shortlist",
        column_config={c: st.column_config.TextColumn(width="large") for c in ("objective", "results", "adaptability")},
    )
    st.subheader("Countries: now and if extended")
    ui.table(coverage, "shortlist-coverage")
    brief = shortlist.brief_markdown(ctx.tables, keys, dataset_name=ctx.source)
    st.download_button(
        "Download the planning brief (Markdown)",
        data=brief.encode("utf-8"),
        file_name=file_name("planning-brief", f"{len(keys)}-items", extension="md"),
        mime="text/markdown",
        key="download-brief",
        icon=":material/description:",
        type="primary",
    )
    with st.expander("Preview the brief"):
        st.markdown(brief, anchors=False)
