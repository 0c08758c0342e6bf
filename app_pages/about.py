import streamlit as st

import ui
from memo import call as cached
from sstc import glossary

ctx = ui.context()
ui.header(
    "About the data",
    "How the dataset was built, what its words mean, and what the sources cannot tell.",
)
st.header("What data this is", anchor=False)
if ctx.identity is not None:
    st.markdown(ui.escape(ctx.identity.label()))
st.markdown(glossary.METHOD)
st.header("Terms", anchor=False)
for term, meaning in glossary.TERMS.items():
    st.markdown(f"**{ui.escape(term)}**: {ui.escape(meaning)}")
st.header("Funding sources", anchor=False)
st.caption("As the dataset normalises them; each record keeps the words its source uses (as stated).")
ui.table(
    cached(glossary.funding_sources, ctx.dataset), "funding-sources-glossary", what="funding sources and their meanings"
)
st.header("Known limits of the sources", anchor=False)
for limit in glossary.LIMITS:
    st.markdown(f"- {ui.escape(limit)}")
