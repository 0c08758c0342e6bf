import pandas as pd
import streamlit as st

from app import plan, sidebar, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, scoring, targets, transforms
from sstc.data import planfile
from sstc.view import charts, present, summaries
from sstc.view.labels import counted

CHART_ROWS = 40

ctx = context()
widgets.header(
    "Replication finder",
    "How to read: practices ranked by the compendium's seven criteria, each judged from the practice's own row "
    f"(strong 2 points, some 1, not shown 0; out of {scoring.MOST}); every judgement comes with the words of the "
    "row that earn it. Pick a target to rank them by fit to it instead. Choose a theme or an outcome in the sidebar: "
    "the ranking is among the practices the filters keep.",
)
widgets.filter_caption(ctx)
choices = cached(targets.options, ctx.tables)


def _kept(values: list[str]) -> tuple[list[str], list[str]]:
    found, notices = targets.from_params(ctx.tables, values)
    tokens = list(dict.fromkeys(t.token for t in found))  # ?target=eth&target=ETH: one target
    notices += [f"Ignored target={t!r} from the URL: it is not offered here." for t in tokens if t not in choices]
    tokens = [t for t in tokens if t in choices]
    if len(tokens) > planfile.MAX_TARGETS:
        notices.append(f"Kept the first {planfile.MAX_TARGETS} of the {len(tokens)} targets in the URL.")
    return tokens[: planfile.MAX_TARGETS], notices


target_key = sidebar.page_params(targets.PARAM, _kept)

if any(v not in choices for v in st.session_state[target_key]):  # the dataset changed under it
    st.session_state[target_key] = [v for v in st.session_state[target_key] if v in choices]
picked = st.multiselect(
    "Replicate to: countries, UN M49 sub-regions or groups",
    choices,
    key=target_key,
    format_func=lambda token: cached(targets.label, ctx.tables, token),
    placeholder="No target: rank by the replication score",
    max_selections=planfile.MAX_TARGETS,
    select_all=False,  # "Select all" made 296 targets of one Enter; typing "Central Am" offered "Select 3 matches"
    help="A country, a sub-region of the UN M49 standard (Central America, Eastern Africa, ...) or a group the "
    "sources name. The practices are ranked by fit to it, with a reason per point; the replication score breaks ties.",
)
sidebar.sync_params(targets.PARAM, picked)
st.session_state[plan.FINDER_TARGETS] = picked  # the first targets of an item ticked here (Shortlist and brief)
scores = cached(scoring.scores_among, cached(scoring.score_practices, ctx.tables), ctx.filtered.records)
empty = widgets.nothing_matches(scores)  # once: it draws the nearest answers when nothing matches
if picked and not empty:
    chosen = tuple(targets.resolve(ctx.tables, token) for token in picked)
    named = ", ".join(t.label for t in chosen)
    st.header(f"Fit to {named}", anchor=False)
    st.caption(
        f"Points per target: {targets.NAMED} if the practice names it as a candidate for extension (with the quote); "
        f"{targets.MEMBER} if it names as a candidate a group that takes it in (members from the sources, or from "
        f"UN M49: not named); {targets.WITH_GROUP} if it already worked with the target group; {targets.NEAR} if it "
        f"already worked in a country of the target's M49 sub-region (a standard's neighbourhood: read it as a hint); "
        f"{targets.LANGUAGE} if it already worked where the target country's official language is official (CLDR); "
        f"{targets.TOPIC} if it carries the theme or outcome chosen in the sidebar. "
        "Whether the target meets the conditions a practice's adaptability names is for you to read: its judgement "
        "and quote are in the last column. Ties go to the higher replication score."
    )
    fit = cached(targets.rank, ctx.tables, ctx.filtered.records, chosen, ctx.filters.themes, ctx.filters.outcomes)
    reason = st.column_config.TextColumn(width="large")
    widgets.table(
        cached(transforms.without_key, fit),
        "replication-fit",
        column_config={"fit_reasons": reason, "adaptability": reason},
        record_keys=list(fit["key"]),
        what="practices ranked by fit to the target",
    )
    for target in chosen:
        if target.kind == "country":
            st.subheader(f"Records that name {target.label} as a candidate", anchor=False)
            naming = cached(targets.naming_as_candidate, ctx.tables, target.token)
            if naming.empty:
                st.caption(f"No record names {target.label} as a candidate for extension, itself or through a group.")
            else:
                st.markdown(cached(present.candidate_list, naming))
                widgets.download(cached(transforms.without_key, naming), f"candidates-{target.token.lower()}",
                                 what=f"records naming {target.label} as a candidate")  # fmt: skip
if not empty:
    if picked:
        st.header("Replication score", anchor=False)
    st.caption(
        (
            "The only practice the filters keep"
            if len(scores) == 1
            else f"Ranked among the {counted(len(scores), 'practice')} the filters keep"
        )
        + (f" ({widgets.escape(filters.in_words(ctx.filters, ctx.tables))})" if ctx.filters.active() else "")
        + "; the planning brief gives each practice's rank among all of them."
    )
    with st.expander("How the score is computed"):
        st.markdown(scoring.RULE_MARKDOWN)
    shown = cached(pd.DataFrame.head, scores, CHART_ROWS)  # the same frame on a rerun: its chart is cached
    widgets.chart(
        cached(charts.score_bars, shown),
        cached(summaries.scores, scores),
        shown,
        "replication-chart",
        "points per criterion",
        columns=("number", "short_name", *scoring.CRITERIA, "total", "judged"),
    )
    if len(scores) > CHART_ROWS:
        st.caption(f"The chart shows the top {CHART_ROWS} of {len(scores)}; the table lists them all.")
    reason = st.column_config.TextColumn(width="large")
    st.caption("Tick rows to put them on your shortlist (shared with the Shortlist and brief page).")
    widgets.table(
        cached(transforms.without_key, scores),
        "replication-scores",  # the file name carries the filters (theme, outcome, ...)
        column_config={f"{c}_reason": reason for c in scoring.CRITERIA} | {"title": reason},
        record_keys=list(scores["key"]),
        what="replication scores with their reasons",
    )
    st.header("A practice's seven judgements", anchor=False)
    numbers = scores["number"].tolist()
    number = st.selectbox(
        "Read the judgements of practice",
        numbers,
        format_func=lambda n: f"{n}. {scores.loc[scores['number'] == n, 'short_name'].iloc[0]}",
    )
    judged = cached(scoring.judgements, ctx.tables)
    one = judged[judged["number"] == number].drop(columns=["key", "number"])
    st.markdown(present.judgement_list(one))
    widgets.download(one, f"judgements-practice-{number}", what=f"practice {number}'s judgements")
    widgets.shortlist_picker(ctx.tables, "Shortlist (shared with the Shortlist and brief page)", "pick_replication")
