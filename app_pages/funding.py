import streamlit as st

from app import widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import transforms
from sstc.data import i18n
from sstc.data.i18n import _, ngettext
from sstc.view import charts, summaries

ctx = context()
widgets.header(
    _("Funding mix"),
    _(
        "Which sources paid for the records, in which regions, and the shares where the sources state them. The "
        "sources give no amounts: everything here counts records naming a source, not money, each record once per "
        "source. A record whose sources say nothing of its funding counts under 'not stated'. What each source "
        "means (RBTC-SSTC, PSI slippage, ...) is on About the data."
    ),
)
widgets.filter_caption(ctx)
inherited = st.toggle(
    _("Count funding a project inherits from its linked practices"),
    key="inherited",
    bind="query-params",
    help=_(
        "The brochure is silent on some projects' funding; their linked good practices name it. Off: each record "
        "counts the funding its own source names (a project silent on it is 'not stated'). On: such a project "
        "counts its practices' sources ('via practice N' in the tables) when that practice is not in the "
        "selection; when it is, the practice counts the source already and the project is not counted again."
    ),
)
apart = cached(transforms.funding_apart, ctx.filtered, inherited)
st.caption(
    ngettext(
        "Counting records naming the source themselves, and projects that inherit it from a linked practice "
        "outside this selection ('via practice N'); {count} more project only inherits it from a linked practice "
        "already counted: under 'Named only through a linked practice', not counted again.",
        "Counting records naming the source themselves, and projects that inherit it from a linked practice "
        "outside this selection ('via practice N'); {count} more projects only inherit it from a linked practice "
        "already counted: under 'Named only through a linked practice', not counted again.",
        apart,
    ).format(count=i18n.number(apart))
    if inherited and apart
    else _(
        "Counting records naming the source themselves, and projects that inherit it from a linked practice "
        "outside this selection ('via practice N'); no project only inherits a source from a practice in it."
    )
    if inherited
    else ngettext(
        "Counting records naming the source themselves; {count} project names its funding only through a linked "
        "practice: not counted for a source (the column 'Named only through a linked practice' has them) but "
        "under 'not stated'.",
        "Counting records naming the source themselves; {count} projects name their funding only through a "
        "linked practice: not counted for a source (the column 'Named only through a linked practice' has them) "
        "but under 'not stated'.",
        apart,
    ).format(count=i18n.number(apart))
)
by_source = cached(transforms.funding_by_source, ctx.filtered, inherited)
if not widgets.nothing_matches(by_source):
    by_region = cached(transforms.funding_by_region, ctx.filtered, inherited)
    figure = cached(
        charts.stacked_by_region,
        by_region,
        "source",
        _("Records naming each funding source, by region (a count of records, not of money; 'not stated' last)"),
        _("Records"),
        tuple(by_source["source"].tolist()),  # the table's order, top down
    )
    widgets.chart(
        figure,
        cached(summaries.funding_sources, by_source, inherited),
        by_region,
        "funding-by-region",
        _("records per funding source and region"),
    )
    widgets.table(
        by_source,
        "funding-sources",
        what=_("funding sources"),
        column_config={
            "records": {
                "help": _(
                    "Records naming the source themselves, and projects inheriting it from a linked practice "
                    "outside this selection"
                )
                if inherited
                else _("Records naming the source themselves")
            },
            "inherited_only": {
                "help": _(
                    "Projects that only inherit the source from a linked practice already counted: not counted "
                    "again in Records"
                )
                if inherited
                else _("Projects naming the source only through a linked practice: not counted in Records")
            },
        },
    )
    st.header(_("Stated shares"), anchor=False)
    shares = cached(transforms.stated_shares, ctx.filtered)
    if shares.empty:
        st.info(_("No record in this selection states funding shares."))
    else:
        widgets.table(
            shares,
            "funding-shares",
            what=_("stated funding shares"),
            column_config={"share": st.column_config.NumberColumn(_("Share (%)"), format="%g%%")},
        )
    st.header(_("Funding sources per record"), anchor=False)
    st.caption(
        _(
            "The app's reading, not a source's: a record paid from a single source may be harder to sustain or "
            "replicate. A project's funding inherited from a linked practice is marked 'via practice N'."
        )
        if inherited
        else _(
            "The app's reading, not a source's: a record paid from a single source may be harder to sustain or "
            "replicate. Each record's own funding: a project that only inherits its practice's is 'not stated' here."
        )
    )
    widgets.table(
        cached(transforms.funding_diversity, ctx.filtered, inherited),
        "funding-per-record",
        what=_("funding sources per record"),
    )
