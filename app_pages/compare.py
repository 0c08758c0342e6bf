import streamlit as st

from app import sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import nearest, transforms
from sstc.data import countries, vocab
from sstc.view.labels import agrees, counted

ctx = context()
widgets.header(
    "Compare",
    "Two regions, two countries, or a region and a country side by side, on the same measures: records, "
    "countries, outcomes (ambiguous matches apart), themes, modalities and funding. The sidebar's other filters "
    "(theme, outcome, ...) apply to both sides; each side replaces its region and country. A country side counts "
    "the records naming the country, as its profile does.",
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


def offer(label: str, sides: dict[str, str], key: str) -> None:
    st.button(label, key=key, on_click=lambda: st.session_state.update(sides), icon=":material/compare_arrows:")


def with_count(choice: str, n: int) -> str:
    return f"{widgets.escape(said(choice))} ({counted(n, 'record')})"


# Keyed on each side's own filters: the sidebar's Region, which a side replaces, changes nothing here.
left_tables = cached(nearest.side_tables, ctx.tables, nearest.side(ctx.filters, left), left)
right_tables = cached(nearest.side_tables, ctx.tables, nearest.side(ctx.filters, right), right)
if left_tables.records.empty and right_tables.records.empty:  # rows of zeros would say "none", not "no match"
    pairs = cached(nearest.sides_with_records, ctx.tables, ctx.filters, regions, codes, left.split(":", 1)[0])
    if not pairs:
        widgets.nothing_matches(left_tables.records)
        st.stop()
    st.info(
        f"Neither {widgets.escape(said(left))} nor {widgets.escape(said(right))} has a record under the sidebar's "
        "other filters. Sides that do:",
        icon=":material/search_off:",
    )
    st.header("Compare sides that have records", anchor=False)
    for n, ((first, a), (second, b)) in enumerate(pairs):
        offer(f"{with_count(first, a)} with {with_count(second, b)}", {keys["left"]: first, keys["right"]: second},
              f"sides-{n}")  # fmt: skip
    st.stop()
if left == right:
    st.info(
        f"Both sides are {widgets.escape(said(left))}: every difference below is 0. Choose another side above.",
        icon=":material/compare_arrows:",
    )
table = cached(transforms.compare, left_tables, right_tables)
for column, choice, tables, name in (
    (left_col, left, left_tables, "left"),
    (right_col, right, right_tables, "right"),
):
    with column:
        counts = cached(transforms.kind_counts, tables.records)
        st.header(said(choice), anchor=False)
        a, b, c = st.columns(3)
        a.metric("Records", counts["records"])
        b.metric("Projects", counts["projects"])
        c.metric("Good practices", counts["practices"])
        may = cached(nearest.side_may_reach, ctx.tables, nearest.side(ctx.filters, choice), choice)
        if choice.startswith("country:"):
            st.caption(
                f"Records naming {widgets.escape(countries.name(choice.split(':', 1)[1]))}"
                + (
                    f"; {counted(may, 'more record')} {agrees(may, 'does', 'do')} not name it but may reach it "
                    "through a group (Global South, a region): not counted here; the Country profile lists them."
                    if may
                    else "."
                )
            )
        if counts["records"] == 0:
            st.info(
                f"{widgets.escape(said(choice))} has no record under the sidebar's other filters: its column below "
                "is all zeros. Sides of its kind that do:",
                icon=":material/search_off:",
            )
            both = (choice, right if name == "left" else left)
            for n, (other, k) in enumerate(cached(nearest.replacing, ctx.tables, ctx.filters, both, regions, codes)):
                offer(f"{with_count(other, k)} instead", {keys[name]: other}, f"instead-{name}-{n}")
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
