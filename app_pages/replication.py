import pandas as pd
import streamlit as st

from app import plan, sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, scoring, targets, transforms
from sstc.data import i18n, planfile
from sstc.data.i18n import _, ngettext
from sstc.data.tables import rows_of
from sstc.view import charts, present, summaries

CHART_ROWS = 40

ctx = context()
widgets.header(
    _("Replication finder"),
    _(
        "How to read: practices ranked by the compendium's seven criteria, each judged from the practice's own row "
        "(strong 2 points, some 1, not shown 0; out of {most}); every judgement comes with the words of the "
        "row that earn it. Pick a target to rank them by fit to it instead. Choose a theme or an outcome in the "
        "sidebar: the ranking is among the practices the filters keep."
    ).format(most=i18n.figure(scoring.MOST)),
)
widgets.filter_caption(ctx)
choices = cached(targets.options, ctx.tables)


def _kept(values: list[str]) -> tuple[list[str], list[str]]:
    found, notices = targets.from_params(ctx.tables, values)
    tokens = list(dict.fromkeys(t.token for t in found))  # ?target=eth&target=ETH: one target
    notices += [
        # TRANSLATORS: "target=" is the address's parameter: keep it as it is.
        _("Ignored target={value} from the URL: it is not offered here.").format(value=repr(t))
        for t in tokens
        if t not in choices
    ]
    tokens = [t for t in tokens if t in choices]
    if len(tokens) > planfile.MAX_TARGETS:
        notices.append(
            _("Kept the first {kept} of the {count} targets in the URL.").format(
                kept=i18n.figure(planfile.MAX_TARGETS), count=i18n.figure(len(tokens))
            )
        )
    return tokens[: planfile.MAX_TARGETS], notices


target_key = sidebar.page_params(targets.PARAM, _kept)

if any(v not in choices for v in st.session_state[target_key]):  # the dataset changed under it
    st.session_state[target_key] = [v for v in st.session_state[target_key] if v in choices]
picked = st.multiselect(
    _("Replicate to: countries, UN M49 sub-regions or groups"),
    choices,
    key=target_key,
    format_func=cached(targets.labels, ctx.tables).__getitem__,
    placeholder=_("No target: rank by the replication score"),
    max_selections=planfile.MAX_TARGETS,
    select_all=False,  # "Select all" made 296 targets of one Enter; typing "Central Am" offered "Select 3 matches"
    help=_(
        "A country, a sub-region of the UN M49 standard (Central America, Eastern Africa, ...) or a group the "
        "sources name. The practices are ranked by fit to it, with a reason per point; the replication score breaks "
        "ties."
    ),
)
sidebar.sync_params(targets.PARAM, picked)
st.session_state[plan.FINDER_TARGETS] = picked  # the first targets of an item ticked here (Shortlist and brief)
scores = cached(scoring.scores_among, cached(scoring.score_practices, ctx.tables), ctx.filtered.records)
empty = widgets.nothing_matches(scores)  # once: it draws the nearest answers when nothing matches
if picked and not empty:
    chosen = tuple(targets.resolve(ctx.tables, token) for token in picked)
    named = ", ".join(t.label for t in chosen)
    st.header(_("Fit to {targets}").format(targets=named), anchor=False)
    st.caption(
        _(
            "Points per target: {named} if the practice names it as a candidate for extension (with the quote); "
            "{member} if it names as a candidate a group that takes it in (members from the sources, or from "
            "UN M49: not named); {with_group} if it already worked with the target group; {near} if it "
            "already worked in a country of the target's M49 sub-region (a standard's neighbourhood: read it as a "
            "hint); {language} if it already worked where the target country's official language is official "
            "(CLDR); {topic} if it carries the theme or outcome chosen in the sidebar. "
            "Whether the target meets the conditions a practice's adaptability names is for you to read: its "
            "judgement and quote are in the last column. Ties go to the higher replication score."
        ).format(
            named=i18n.figure(targets.NAMED),
            member=i18n.figure(targets.MEMBER),
            with_group=i18n.figure(targets.WITH_GROUP),
            near=i18n.figure(targets.NEAR),
            language=i18n.figure(targets.LANGUAGE),
            topic=i18n.figure(targets.TOPIC),
        )
    )
    fit = cached(targets.rank, ctx.tables, ctx.filtered.records, chosen, ctx.filters.themes, ctx.filters.outcomes)
    reason = st.column_config.TextColumn(width="large")
    widgets.table(
        cached(transforms.without_key, fit),
        "replication-fit",
        column_config={"fit_reasons": reason, "adaptability": reason},
        record_keys=list(fit["key"]),
        what=_("practices ranked by fit to the target"),
    )
    for target in chosen:
        if target.kind == "country":
            st.subheader(_("Records that name {target} as a candidate").format(target=target.label), anchor=False)
            naming = cached(targets.naming_as_candidate, ctx.tables, target.token)
            if naming.empty:
                st.caption(
                    _("No record names {target} as a candidate for extension, itself or through a group.").format(
                        target=target.label
                    )
                )
            else:
                st.markdown(cached(present.candidate_list, naming))
                widgets.download(
                    cached(transforms.without_key, naming),
                    f"candidates-{target.token.lower()}",
                    what=_("records naming {target} as a candidate").format(target=target.label),
                )
if not empty:
    if picked:
        st.header(_("Replication score"), anchor=False)
    n = len(scores)
    if ctx.filters.active():
        said = widgets.escape(filters.in_words(ctx.filters, ctx.tables))
        kept = (
            _(
                "The only practice the filters keep ({filters}); the planning brief gives each practice's rank "
                "among all of them."
            )
            if n == 1
            else ngettext(
                "Ranked among the {count} practice the filters keep ({filters}); the planning brief gives each "
                "practice's rank among all of them.",
                "Ranked among the {count} practices the filters keep ({filters}); the planning brief gives each "
                "practice's rank among all of them.",
                n,
            )
        ).format(count=i18n.number(n), filters=said)
    else:
        kept = (
            _("The only practice the filters keep; the planning brief gives each practice's rank among all of them.")
            if n == 1
            else ngettext(
                "Ranked among the {count} practice the filters keep; the planning brief gives each practice's rank "
                "among all of them.",
                "Ranked among the {count} practices the filters keep; the planning brief gives each practice's "
                "rank among all of them.",
                n,
            )
        ).format(count=i18n.number(n))
    st.caption(kept)
    with st.expander(_("How the score is computed")):
        st.markdown(scoring.rule_markdown())
    shown = cached(pd.DataFrame.head, scores, CHART_ROWS)  # the same frame on a rerun: its chart is cached
    widgets.chart(
        cached(charts.score_bars, shown),
        cached(summaries.scores, scores),
        shown,
        "replication-chart",
        _("points per criterion"),
        columns=("number", "short_name", *scoring.CRITERIA, "total", "judged"),
    )
    if len(scores) > CHART_ROWS:
        st.caption(
            _("The chart shows the top {shown} of {count}; the table lists them all.").format(
                shown=i18n.figure(CHART_ROWS), count=i18n.figure(len(scores))
            )
        )
    reason = st.column_config.TextColumn(width="large")
    st.caption(_("Tick rows to put them on your shortlist (shared with the Shortlist and brief page)."))
    widgets.table(
        cached(transforms.without_key, scores),
        "replication-scores",  # the file name carries the filters (theme, outcome, ...)
        column_config={f"{c}_reason": reason for c in scoring.CRITERIA} | {"title": reason},
        record_keys=list(scores["key"]),
        what=_("replication scores with their reasons"),
    )
    st.header(_("A practice's seven judgements"), anchor=False)
    names = dict(rows_of(scores, "number", "short_name"))
    number = st.selectbox(_("Read the judgements of practice"), list(names), format_func=lambda n: f"{n}. {names[n]}")
    one = cached(scoring.practice_judgements, cached(scoring.judgements, ctx.tables), number)
    st.markdown(cached(present.judgement_list, one))
    widgets.download(
        one, f"judgements-practice-{number}", what=_("practice {number}'s judgements").format(number=number)
    )
    widgets.shortlist_picker(ctx.tables, _("Shortlist (shared with the Shortlist and brief page)"), "pick_replication")
