import streamlit as st

from app import sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import nearest, transforms
from sstc.data import countries, i18n, vocab
from sstc.data.i18n import _, ngettext
from sstc.view.labels import counted

ctx = context()
widgets.header(
    _("Compare"),
    _(
        "Two regions, two countries, or a region and a country side by side, on the same measures: records, "
        "countries, outcomes (ambiguous matches apart), themes, modalities and funding. The sidebar's other filters "
        "(theme, outcome, ...) apply to both sides; each side replaces its region and country. A country side counts "
        "the records naming the country, as its profile does."
    ),
)
regions = [r for r in vocab.REGIONS if r in set(ctx.tables.records["region"])]
codes = sorted(cached(transforms.country_choices, ctx.tables), key=countries.sort_key)  # as the picker reads
choices = [f"region:{r}" for r in regions] + [f"country:{c}" for c in codes]


def said(choice: str) -> str:
    """A side in words: a region's name, or a country's with "(country)"; `choice` is its key ("region:Africa")."""
    kind, value = choice.split(":", 1)
    # A region's name is vocab.REGIONS' (marked there): its key stays English, its name is translated here.
    return _(value) if kind == "region" else _("{country} (country)").format(country=countries.name(value))


left_col, right_col = st.columns(2)
keys = {}
for column, name, default in ((left_col, "left", choices[0]), (right_col, "right", choices[min(1, len(choices) - 1)])):
    keys[name] = sidebar.page_param(name, choices, default)
    with column:
        st.selectbox(_("Left side") if name == "left" else _("Right side"), choices, key=keys[name], format_func=said)
    sidebar.sync_param(name, st.session_state[keys[name]], default)
left, right = st.session_state[keys["left"]], st.session_state[keys["right"]]


def offer(label: str, sides: dict[str, str], key: str) -> None:
    st.button(label, key=key, on_click=lambda: st.session_state.update(sides), icon=":material/compare_arrows:")


def with_count(choice: str, n: int) -> str:
    records = counted(n, "record", "records")  # outside the f-string, where the catalogs' extraction reads it
    return f"{widgets.escape(said(choice))} ({records})"


# Keyed on each side's own filters: the sidebar's Region, which a side replaces, changes nothing here.
left_tables = cached(nearest.side_tables, ctx.tables, nearest.side(ctx.filters, left), left)
right_tables = cached(nearest.side_tables, ctx.tables, nearest.side(ctx.filters, right), right)
if left_tables.records.empty and right_tables.records.empty:  # rows of zeros would say "none", not "no match"
    pairs = cached(nearest.sides_with_records, ctx.tables, ctx.filters, regions, codes, left.split(":", 1)[0])
    if not pairs:
        widgets.nothing_matches(left_tables.records)
        st.stop()
    st.info(
        _("Neither {left} nor {right} has a record under the sidebar's other filters. Sides that do:").format(
            left=widgets.escape(said(left)), right=widgets.escape(said(right))
        ),
        icon=":material/search_off:",
    )
    st.header(_("Compare sides that have records"), anchor=False)
    for n, ((first, a), (second, b)) in enumerate(pairs):
        # TRANSLATORS: a button: {first} and {second} are two sides with their counts ("Africa (12 records)").
        offer(
            _("{first} with {second}").format(first=with_count(first, a), second=with_count(second, b)),
            {keys["left"]: first, keys["right"]: second},
            f"sides-{n}",
        )
    st.stop()
if left == right:
    st.info(
        _("Both sides are {side}: every difference below is 0. Choose another side above.").format(
            side=widgets.escape(said(left))
        ),
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
        a.metric(_("Records"), counts["records"])
        b.metric(_("Projects"), counts["projects"])
        c.metric(_("Good practices"), counts["practices"])
        may = cached(nearest.side_may_reach, ctx.tables, nearest.side(ctx.filters, choice), choice)
        if choice.startswith("country:"):
            country = widgets.escape(countries.name(choice.split(":", 1)[1]))
            st.caption(
                ngettext(
                    "Records naming {country}; {count} more record does not name it but may reach it through a group "
                    "(Global South, a region): not counted here; the Country profile lists them.",
                    "Records naming {country}; {count} more records do not name it but may reach it through a group "
                    "(Global South, a region): not counted here; the Country profile lists them.",
                    may,
                ).format(country=country, count=i18n.number(may))
                if may
                else _("Records naming {country}.").format(country=country)
            )
        if counts["records"] == 0:
            st.info(
                _(
                    "{side} has no record under the sidebar's other filters: its column below is all zeros. Sides of "
                    "its kind that do:"
                ).format(side=widgets.escape(said(choice))),
                icon=":material/search_off:",
            )
            both = (choice, right if name == "left" else left)
            for n, (other, k) in enumerate(cached(nearest.replacing, ctx.tables, ctx.filters, both, regions, codes)):
                # TRANSLATORS: a button: {side} is a side with its count ("Americas (8 records)").
                offer(_("{side} instead").format(side=with_count(other, k)), {keys[name]: other}, f"instead-{name}-{n}")
st.header(_("Side by side"), anchor=False)
st.caption(
    _(
        "Left: {left}; right: {right}. Each number counts records (a record once per item); difference = left minus "
        "right."
    ).format(left=widgets.escape(said(left)), right=widgets.escape(said(right)))
)
widgets.table(
    table,
    f"compare-{left}-vs-{right}",
    what=_("{left} versus {right}").format(left=said(left), right=said(right)),
    column_config={
        "left": st.column_config.NumberColumn(_("Left: {side}").format(side=said(left))),
        "right": st.column_config.NumberColumn(_("Right: {side}").format(side=said(right))),
    },
)
