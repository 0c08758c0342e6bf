from functools import partial

import streamlit as st

from app import mapcomponent, plan, widgets
from app.context import context
from app.memo import call as cached
from sstc.analysis import filters, planned, shortlist
from sstc.data import countries, i18n, planfile
from sstc.data.i18n import _, ngettext
from sstc.documents import brief, memo
from sstc.documents.document import to_markdown
from sstc.documents.export import file_name
from sstc.view import charts, summaries, svgmap
from sstc.view.safe import md

PLAN_COLOURS = charts.PLAN_MAP_COLORS

ctx = context()
widgets.header(
    _("Shortlist and brief"),
    _(
        "How to read: tick the projects and practices to replicate, then make them a plan for 2022-2023: order, "
        "priority, targets, lead unit, note and status per item. The page shows what the plan adds to 2020-2021 and "
        "gives it as a one-page memo or the full brief. The address carries the shortlist and a small plan; a plan "
        "file keeps any plan (the app never stores it)."
    ),
)
keys = widgets.shortlist_picker(ctx.tables, _("Shortlist"), "pick_shortlist")
with st.expander(_("Upload a plan file to carry on"), icon=":material/upload_file:"):
    uploaded = st.file_uploader(
        _("Plan file (.yaml, as downloaded here)"),
        type=["yaml", "yml"],
        key="plan_upload",
        help=_("At most {size} kB and {items} items; checked like a dataset.").format(
            size=i18n.figure(planfile.MAX_PLAN_BYTES // 1000), items=i18n.figure(planfile.MAX_ITEMS)
        ),
    )
    if uploaded is not None and st.session_state.get("_plan_upload_seen") != uploaded.file_id:
        st.session_state["_plan_upload_seen"] = uploaded.file_id
        st.session_state["_plan_upload_said"] = plan.read_upload(uploaded.getvalue(), uploaded.name)
        st.rerun()
    said = st.session_state.get("_plan_upload_said")
    if said:
        st.warning(md("\n".join(f"- {line}" for line in said[:20])), icon=":material/warning:")
    elif said == []:
        st.success(_("The plan file was read: its items are the shortlist below."), icon=":material/check:")
if not keys:
    plan.to_address(None)  # an emptied shortlist leaves no plan in the address
    st.info(
        # TRANSLATORS: keep the address between backticks as it is.
        _(
            "The shortlist is empty. Tick items above, or in the Replication finder; the page address then carries "
            "them (`?pick=practice:3&pick=project:ASIA-BRICS`) so the shortlist can be shared."
        ),
        icon=":material/checklist:",
    )
else:
    st.header(_("The plan for 2022-2023"), anchor=False)
    st.caption(
        _(
            "Edit the cells: order (the memo lists items by it; on equal numbers the one set last comes first), "
            "priority, targets (countries, UN M49 sub-regions or groups), lead unit, note, status. Ticking or "
            "unticking items above adds or removes rows; a new item starts last, with the targets last chosen on the "
            "Replication finder."
        )
    )
    plan.editor(keys)
    made = plan.plan(keys)  # once a run: the address, the file, the map and the memo all read it
    items = tuple(made.items)
    fits = plan.to_address(made)
    download, fit = st.columns([1, 2])
    try:
        raw = planfile.dump(made)  # built here: a deferred download runs outside the session
    except ValueError as exc:
        fit.warning(md(str(exc)), icon=":material/warning:")
    else:
        download.download_button(
            _("Download the plan file (YAML)"),
            data=lambda: raw,
            file_name=file_name(
                f"plan-2022-2023-{len(items)}-items", ctx.identity.slug() if ctx.identity else "", extension="yaml"
            ),
            mime="application/x-yaml",
            icon=":material/download:",
            on_click="ignore",
            key="download-plan-file",
        )
        fit.caption(
            _("The page address carries this plan too.")
            if fits
            else _("This plan ({size} bytes as a file) is too long for the page address: keep the plan file.").format(
                size=i18n.number(len(raw))
            )
        )
    st.header(_("What the plan adds to 2020-2021"), anchor=False)
    adds = cached(planned.adds, ctx.tables, planned.planned_items(items))
    targeted = int(adds.countries["status"].isin([planned.TARGETED, planned.NEW]).sum())
    new = int((adds.countries["status"] == planned.NEW).sum())
    one, two, three = st.columns(3)
    widgets.metric(
        one,
        _("Countries targeted"),
        targeted,
        help=_(
            "Countries the items' targets stand for (members of a sub-region or group from UN M49 or the sources' "
            "lists)"
        ),
    )
    widgets.metric(
        two,
        _("Not covered in 2020-2021"),
        new,
        help=_("Targeted countries no 2020-2021 record had as a participant"),
    )
    widgets.metric(
        three,
        _("Outcome-region gaps planned"),
        # TRANSLATORS: a tile's figure: outcome-region gaps the plan fills, of all the gaps.
        _("{planned} of {gaps}").format(
            planned=i18n.figure(len(adds.outcome_cells)), gaps=i18n.figure(adds.outcome_gaps[0])
        ),
        delta=_("{count} more through ambiguous matches").format(count=i18n.figure(len(adds.possible_cells)))
        if len(adds.possible_cells)
        else None,
        delta_color="off",
        help=_(
            "Cells of Coverage gaps (the whole 2020-2021 grid, whatever the sidebar's filters) where no regional "
            "record served the outcome, planned through an item's confirmed outcome; an ambiguous match only may "
            "serve it"
        ),
    )
    st.markdown(md(planned.in_words(adds)))
    if adds.unplaced:
        st.caption(
            _("Targets the data places in no ILO region count in their item's own region: {countries}.").format(
                countries=md(", ".join(countries.name(c) for c in adds.unplaced))
            )
        )
    beside = cached(planned.map_frame, ctx.tables, adds)
    if not beside.empty:
        mapcomponent.svg_map(
            cached(
                svgmap.shortlist_map, beside, _("2020-2021 coverage and the plan's targets"), ctx.filters, PLAN_COLOURS
            ),
            ngettext(
                "{count} country targeted, {new} of them new; {covered} covered in 2020-2021 and not targeted.",
                "{count} countries targeted, {new} of them new; {covered} covered in 2020-2021 and not targeted.",
                targeted,
            ).format(
                count=i18n.number(targeted),
                new=i18n.figure(new),
                covered=i18n.figure(int((beside["status"] == planned.COVERED).sum())),
            ),
            beside,
            "plan-map",
            _("countries covered in 2020-2021 and targeted by the plan"),
            keys=svgmap.status_keys(PLAN_COLOURS),
        )
    for title, frame, name in (
        (_("Outcome-region gaps the plan plans to fill"), adds.outcome_cells, "plan-outcome-gaps"),
        (
            _("Outcome-region gaps it may fill, through ambiguous matches only"),
            adds.possible_cells,
            "plan-possible-gaps",
        ),
        (_("Theme-region gaps the plan plans to fill"), adds.theme_cells, "plan-theme-gaps"),
        (_("Candidate countries still uncovered"), adds.uncovered_candidates, "plan-uncovered-candidates"),
    ):
        st.subheader(title, anchor=False)
        if frame.empty:
            # TRANSLATORS: under a heading: no row to show.
            st.caption(_("None."))
        else:
            widgets.table(frame, name, what=title.lower())
    st.header(_("The shortlist now and if extended"), anchor=False)
    coverage = cached(shortlist.extension_coverage, ctx.tables, keys)
    now, added = cached(shortlist.status_counts, coverage)
    left, middle, right = st.columns(3)
    widgets.metric(left, _("Items"), len(keys))
    widgets.metric(middle, _("Countries covered now"), now)
    widgets.metric(
        right,
        _("Countries if extended"),
        now + added,
        # TRANSLATORS: the English says "countries" whatever the count; give the singular its own form.
        help=ngettext(
            "{count} more countries named as candidates for extension",
            "{count} more countries named as candidates for extension",
            added,
        ).format(count=i18n.figure(added))
        if added
        else _("no candidate countries named"),
    )
    groups = cached(shortlist.shortlist_groups, ctx.tables, keys)
    reached = [g for role in ("participant", "peer") for g in groups.get(role, [])]
    if reached or groups.get("candidate"):
        now_words = md(shortlist.reach_words(now, list(dict.fromkeys(reached))))
        st.caption(
            _(
                "Countries now: {reach}. Groups count as groups, never as countries (the sources list no countries "
                "for most of them); candidate groups: {groups}."
            ).format(reach=now_words, groups=md(", ".join(groups["candidate"])))
            if groups.get("candidate")
            else _(
                "Countries now: {reach}. Groups count as groups, never as countries (the sources list no countries "
                "for most of them)."
            ).format(reach=now_words)
        )
    if coverage.empty:
        st.info(_("These items name no country: nothing to draw on the map."))
    else:
        # Drawn by the server, as the coverage map (plotly's world map made this page's first visit 1.7x the floor's).
        colours = charts.SHORTLIST_MAP_COLORS
        chosen = mapcomponent.svg_map(
            cached(svgmap.shortlist_map, coverage, _("Shortlist coverage: now and if extended"), ctx.filters, colours),
            cached(summaries.shortlist_map, coverage, (shortlist.NOW, shortlist.EXTENDED)),
            coverage,
            "shortlist-map",
            _("countries now and if extended"),
            keys=svgmap.status_keys(colours),
        )
        if chosen:
            st.switch_page("app_pages/profile.py", query_params={"iso3": chosen, **filters.to_params(ctx.filters)})
    unmapped = cached(shortlist.unmapped_candidates, ctx.tables, keys)
    if unmapped:
        st.caption(md(summaries.unmapped_candidates(unmapped)))
    st.header(_("Items"), anchor=False)
    widgets.table(
        cached(shortlist.items, ctx.tables, keys),
        "shortlist",
        column_config={c: st.column_config.TextColumn(width="large") for c in ("objective", "results", "adaptability")},
        what=_("shortlisted items"),
    )
    st.header(_("Countries: now and if extended"), anchor=False)
    widgets.table(coverage, "shortlist-coverage", what=_("countries now and if extended"))
    st.header(_("Memo (one page)"), anchor=False)
    st.caption(
        _(
            "The plan as a table (item, outcomes with their names, targets, priority, lead, note, status), what it "
            "adds with the map, the sources named; the dataset's identity in the footer. Word pastes into a memo as "
            "it is."
        )
    )
    make_memo = partial(cached, memo.build, ctx.tables, items, ctx.identity, adds)
    memo_name = f"plan-memo-{len(items)}-items"
    word, pdf, markdown = st.columns(3)
    widgets.document_download(_("Download the memo (Word)"), make_memo, memo_name, "docx", word)
    widgets.document_download(_("Download the memo (PDF)"), make_memo, memo_name, "pdf", pdf)
    widgets.document_download(_("Download the memo (Markdown)"), make_memo, memo_name, "md", markdown)
    st.header(_("Planning brief (annex)"), anchor=False)
    st.caption(
        _(
            "Per item: score, objective, results with the stated figures, outcomes with their basis, adaptability, "
            "candidates, funding, modalities, contacts, links, and the source of each part; the map as an image."
        )
    )
    # Built once for the three formats and the preview (the memo): each click renders, none builds it again.
    make = partial(cached, brief.build, ctx.tables, keys, ctx.identity, filtered_by=ctx.filters)
    name = f"planning-brief-{len(keys)}-items"
    word, pdf, markdown = st.columns(3)
    widgets.document_download(_("Download the planning brief (Word)"), make, name, "docx", word)
    widgets.document_download(_("Download the planning brief (PDF)"), make, name, "pdf", pdf)
    widgets.document_download(_("Download the planning brief (Markdown)"), make, name, "md", markdown)
    if st.toggle(_("Preview the brief"), key="preview_brief"):
        st.markdown(to_markdown(make()), anchors=False)
