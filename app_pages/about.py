import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import rereads, transforms
from sstc.data import glossary
from sstc.view import present

ctx = context()
widgets.header(
    "About the data",
    "How the dataset was built, what its words mean, and what the sources cannot tell.",
)
st.header("What data this is", anchor=False)
if ctx.identity is not None:
    st.markdown(widgets.escape(ctx.identity.label()))
st.markdown(glossary.METHOD)
st.header("Terms", anchor=False)
# One element per list, not one per line: every element is drawn again on every rerun (a filter change here cost
# 2x the floor page with 23 of them).
st.markdown("\n\n".join(f"**{widgets.escape(t)}**: {widgets.escape(m)}" for t, m in glossary.TERMS.items()))
st.header("Funding sources", anchor=False)
st.caption("As the dataset normalises them; each record keeps the words its source uses (as stated).")
widgets.table(
    cached(glossary.funding_sources, ctx.dataset), "funding-sources-glossary", what="funding sources and their meanings"
)
unused = cached(glossary.unused_funding_sources, ctx.dataset)
if unused:
    st.caption(
        "Defined in the dataset but not used by any record, so not listed: " + widgets.escape("; ".join(unused)) + "."
    )
psi = cached(glossary.psi_slippage, ctx.dataset)
if psi:
    st.markdown(f"**PSI slippage**: {widgets.escape(psi)}")
st.header("Known limits of the sources", anchor=False)
st.markdown("\n".join(f"- {widgets.escape(limit)}" for limit in glossary.LIMITS))
st.header("Judgements a keyword check asks to re-read", anchor=False)
st.caption(
    "The replication score adds up judgements of the compendium's seven criteria, each with the quote that earns it. "
    'The keyword rules it was once computed from are kept as a check: a judgement "not shown" whose row has words '
    'they counted, or "strong" whose row has none, is listed here for a second look. A listed judgement is not '
    'wrong (the rules counted a caveat as sustainability and the word "experts" as innovation); it is worth '
    "reading again."
)
reread = cached(rereads.to_reread, ctx.tables)
if reread.empty:
    st.markdown("None: every judgement agrees with the keyword check.")
else:
    st.markdown(cached(present.reread_list, reread))
    widgets.download(cached(transforms.without_key, reread), "judgements-to-reread",
                     what="judgements the keyword check asks to re-read")  # fmt: skip
