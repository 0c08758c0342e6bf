import streamlit as st

from app import sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, nearest, transforms
from sstc.data import countries, vocab

ctx = context()
widgets.header(
    "Compare",
    "Two regions or two countries side by side, on the same measures: records, countries, outcomes (ambiguous "
    "matches apart), themes, modalities and funding. The sidebar's other filters (theme, outcome, ...) apply to "
    "both sides; each side replaces its region and country.",
)
regions = [r for r in vocab.REGIONS if r in set(ctx.tables.records["region"])]
codes = sorted(cached(transforms.country_choices, ctx.tables), key=countries.sort_key)  # as the picker reads
choices = [f"region:{r}" for r in regions] + [f"country:{c}" for c in codes]


def said(choice: str) -> str:
    kind, value = choice.split(":", 1)
    return value if kind == "region" else f"{countries.name(value)} (country)"


left_col, right_col = st.columns(2)
keys = {}
for column, name, default in ((left_col, "left", choices[0]), (right_col, "right", choices[min(1, len(choices) - 1)])):
    keys[name] = sidebar.page_param(name, choices, default)
    with column:
        st.selectbox("Left side" if name == "left" else "Right side", choices, key=keys[name], format_func=said)
    sidebar.sync_param(name, st.session_state[keys[name]], default)
left, right = st.session_state[keys["left"]], st.session_state[keys["right"]]
left_tables = cached(filters.apply, ctx.tables, nearest.side(ctx.filters, left))
right_tables = cached(filters.apply, ctx.tables, nearest.side(ctx.filters, right))
if left_tables.records.empty and right_tables.records.empty:  # rows of zeros would say "none", not "no match"
    others = cached(nearest.sides_with_records, ctx.tables, ctx.filters, regions, codes)
    if len(others) < 2:
        widgets.nothing_matches(left_tables.records)
        st.stop()
    st.info(
        f"Neither {widgets.escape(said(left))} nor {widgets.escape(said(right))} has a record under the sidebar's "
        "other filters. Sides that do:",
        icon=":material/search_off:",
    )
    st.header("Compare sides that have records", anchor=False)
    for n, (first, second) in enumerate(zip(others[::2], others[1::2], strict=False)):
        st.button(
            f"{widgets.escape(said(first[0]))} ({first[1]} records) with {widgets.escape(said(second[0]))} "
            f"({second[1]} records)",
            key=f"sides-{n}",
            on_click=lambda a=first[0], b=second[0]: st.session_state.update({keys["left"]: a, keys["right"]: b}),
            icon=":material/compare_arrows:",
        )
    st.stop()
table = cached(transforms.compare, left_tables, right_tables)
for column, choice, tables in ((left_col, left, left_tables), (right_col, right, right_tables)):
    with column:
        counts = cached(transforms.kind_counts, tables.records)
        st.header(said(choice), anchor=False)
        a, b, c = st.columns(3)
        a.metric("Records", counts["records"])
        b.metric("Projects", counts["projects"])
        c.metric("Good practices", counts["practices"])
st.header("Side by side", anchor=False)
st.caption(
    f"Left: {widgets.escape(said(left))}; right: {widgets.escape(said(right))}. Each number counts records "
    "(a record once per item); difference = left minus right."
)
widgets.table(
    table,
    f"compare-{left}-vs-{right}",
    what=f"{said(left)} versus {said(right)}",
    column_config={
        "left": st.column_config.NumberColumn(f"Left: {said(left)}"),
        "right": st.column_config.NumberColumn(f"Right: {said(right)}"),
    },
)
