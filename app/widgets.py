"""What pages draw with: headers and filter captions, "nothing matches" with the nearest answers, tables with
their CSV, charts with their text twin, record cards, shortlist ticks, document downloads.

No business logic here: everything a page shows is computed in `sstc`."""

import re
import zlib
from collections.abc import Callable
from contextlib import suppress

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitAPIException

from app import documents, language
from app.context import Context, context
from app.memo import call as cached
from app.sidebar import SHORTLIST, apply_filters, notices, show_notices
from sstc.analysis import figures, filters, reach, shortlist, transforms
from sstc.data import countries, i18n
from sstc.data.i18n import N_, _, ngettext
from sstc.data.tables import Tables
from sstc.documents import images, workbook
from sstc.documents.document import Document
from sstc.documents.export import file_name, to_csv
from sstc.documents.formats import FORMATS
from sstc.view import labels, present
from sstc.view.labels import counted
from sstc.view.present import with_matches
from sstc.view.safe import md


def escape(text: str) -> str:
    """Data text for Markdown: shown as written, never formatted or linked."""
    return md(text)


def header(title: str, explanation: str) -> None:
    st.title(title)
    st.caption(explanation)
    show_notices(notices(st.session_state.get("_page", "")), st.container())


MATCH_COLUMN = {"match": st.column_config.TextColumn(width="large")}  # the search's snippet, wide
MATCHED = N_(" The two columns after the title say where each matched the search.")  # shown as `_(MATCHED)`


def tab_names(tabs: tuple[str, ...]) -> list[str]:
    """Names for tabs bound to `?view=` (Streamlit writes the open tab's name there), in the run's language. A name
    in another language (an English link, a change of language) opens the same tab here, and the address then
    names it as shown."""
    names = [_(tab) for tab in tabs]
    wanted = st.session_state.get("view") or st.query_params.get("view")
    if wanted and wanted not in names:
        for code in (*i18n.LANGUAGES, i18n.PSEUDO):
            with i18n.using(code):
                theirs = [_(tab) for tab in tabs]
            if wanted in theirs:
                st.session_state["view"] = names[theirs.index(wanted)]
                with suppress(StreamlitAPIException):  # once the tabs are drawn they write it themselves
                    st.query_params["view"] = names[theirs.index(wanted)]
                break
    return names


def matching_records(ctx: Context, kind: str) -> pd.DataFrame:
    """The explorers' table of `kind` ("practice", "project") under the filters; with a search, where each record
    matched as two last columns (so in the CSV too). Use `MATCH_COLUMN` and, under a search, `MATCHED` with it."""
    records = cached(transforms.record_table, ctx.filtered, kind)
    return cached(with_matches, records, ctx.tables, ctx.filters.text, kind) if ctx.filters.text else records


def matching_table(records: pd.DataFrame, kind: str, name: str) -> None:
    """An explorer's table of `matching_records`: rows tick onto the shortlist, the search's snippet wide."""
    what = {"practices": _("matching practices"), "projects": _("matching projects")}.get(name, f"matching {name}")
    table(records, name, what=what, record_keys=[f"{kind}:{i}" for i in records["id"]],
          column_config=MATCH_COLUMN)  # fmt: skip


def filter_caption(ctx: Context) -> None:
    if ctx.filters.active():
        n = len(ctx.filtered.records)
        said = cached(filters.in_words, ctx.filters, ctx.tables)  # names, not codes: "country: Ethiopia"
        st.caption(
            ngettext(
                "Filtered: {count} of {total} records match ({filters}).",
                "Filtered: {count} of {total} records match ({filters}).",
                n,
            ).format(count=i18n.figure(n), total=i18n.figure(len(ctx.tables.records)), filters=md(said))
        )
    if ctx.filters.countries:
        # "of these records": the filtered records that do not name a country, as the Overview's tiles count them
        how = cached(reach.how_reached, ctx.tables, ctx.filters.countries)
        count = len(ctx.filtered.records) - len(cached(figures.naming, ctx.filtered, how).records)
        if count:
            place = _(" or ").join(countries.name(c) for c in ctx.filters.countries)
            if len(ctx.filters.countries) > 1:
                said = ngettext(
                    "{count} of these records do not name {countries} but may reach them through a group (Global "
                    "South, a region, ...): the Country profile says which.",
                    "{count} of these records do not name {countries} but may reach them through a group (Global "
                    "South, a region, ...): the Country profile says which.",
                    count,
                )
            else:
                said = ngettext(
                    "{count} of these records do not name {countries} but may reach it through a group (Global "
                    "South, a region, ...): the Country profile says which.",
                    "{count} of these records do not name {countries} but may reach it through a group (Global "
                    "South, a region, ...): the Country profile says which.",
                    count,
                )
            st.caption(said.format(count=i18n.figure(count), countries=place))


def nothing_matches(frame: pd.DataFrame | None = None, because: str | None = None) -> bool:
    """True (and says so) when the filters leave nothing to show. `because` says why `frame` is empty when records
    do match (a role no matching record names, say): that is not "nothing matches"."""
    ctx = context()
    if because and not ctx.filtered.records.empty and frame is not None and frame.empty:
        st.info(because, icon=":material/info:")
        return True
    if ctx.filtered.records.empty or (frame is not None and frame.empty):
        st.info(
            _("Nothing matches the current filters. Widen the selection in the sidebar or press **Reset filters**."),
            icon=":material/search_off:",
        )
        suggestions = cached(filters.nearest, ctx.tables, ctx.filters) if ctx.filtered.records.empty else []
        _suggestion_buttons(suggestions)
        return True
    return False


def _suggestion_buttons(suggestions: list[filters.Suggestion]) -> None:
    if suggestions:
        st.header(_("The nearest answers: change one filter"), anchor=False)
    for n, suggestion in enumerate(suggestions):
        # TRANSLATORS: a suggested change of filter and what it would show: "Region: Africa: 3 practices, 2 projects".
        said = _("{change}: {practices}, {projects}").format(
            change=suggestion.label,
            practices=counted(suggestion.practices, "practice", "practices"),
            projects=counted(suggestion.projects, "project", "projects"),
        )
        st.button(
            md(said),  # a label renders Markdown; the URL's words stay words
            key=f"nearest-{n}",
            on_click=apply_filters,
            args=(suggestion.filters,),
            icon=":material/alt_route:",
        )


def nearest_answers(message: str, suggestions: list[filters.Suggestion]) -> None:
    """A page's own empty state (a profile, a comparison): why it is empty, and the changes that give an answer."""
    st.info(
        (
            _("{message} Change one filter:") if suggestions else _("{message} Widen the selection in the sidebar.")
        ).format(message=message),
        icon=":material/search_off:",
    )
    _suggestion_buttons(suggestions)


def _headers(frame: pd.DataFrame, column_config: dict | None) -> dict:
    """Words as column headers on screen (the CSV keeps the snake_case names)."""
    config = dict(column_config or {})
    for column, word in zip(frame.columns, cached(labels.headers, tuple(str(c) for c in frame.columns)), strict=True):
        given = config.get(column)
        if given is None:
            config[column] = st.column_config.Column(word)
        elif isinstance(given, dict) and not given.get("label"):
            config[column] = {**given, "label": word}
    return config


def as_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """A table of records as every page shows and exports it: under a country filter, with the `how` column (names
    the country, or only may reach it through a group), so a record that may reach it never passes for one naming it;
    the app's words in its cells in the run's language."""
    ctx = context()
    if ctx.filters.countries:
        frame = cached(reach.with_how, frame, cached(reach.how_reached, ctx.tables, ctx.filters.countries))
    return cached(present.in_language, frame)


def download(frame: pd.DataFrame, name: str, what: str | None = None) -> None:
    """A CSV of exactly the rows and columns shown (formula-safe, UTF-8 with BOM), named for the data and filter,
    built only when clicked (Streamlit's deferred data), so a rerun pays nothing for it.

    The button names its table ("Download funding sources as CSV (12 rows)"): a screen reader lists every button
    of a page, and six "Download CSV" say nothing.
    """
    ctx = context()
    frame = as_shown(frame)
    if frame.empty:  # no file of nothing (nor a sheet of nothing in the page's workbook)
        st.caption(_("No rows, so no CSV of {what}.").format(what=what or name.replace("-", " ")))
        return
    version = ctx.identity.slug() if ctx.identity else ""
    documents.show_refusals()
    remember(name, what or name.replace("-", " "), frame)
    st.download_button(
        _("Download {what} as CSV ({rows})").format(
            what=what or name.replace("-", " "), rows=counted(len(frame), "row", "rows")
        ),
        data=lambda: to_csv(frame),
        file_name=file_name(name, ctx.filters.describe(), version),
        mime="text/csv",
        key=f"download-{name}",
        icon=":material/download:",
        on_click="ignore",  # nothing on the page changes; a rerun per click raced the file's answer (documents.py)
    )


def table(
    frame: pd.DataFrame,
    name: str,
    *,
    column_config: dict | None = None,
    height: int | None = None,
    record_keys: list[str] | None = None,
    what: str | None = None,
) -> None:
    """The table as shown (headers in words, unknown cells "not stated"), and its CSV.

    With `record_keys` (the record of each row), ticking rows adds them to the shared shortlist and unticking
    removes them: the planner shortlists from where they read.
    """
    frame = as_shown(frame)
    selectable: dict = {}
    if record_keys is not None:
        picked = set(st.session_state.get(SHORTLIST, []))
        rows = [i for i, k in enumerate(record_keys) if k in picked]
        # A table keeps its own ticks once drawn; a tick elsewhere on the page (a card's checkbox) changes the
        # shortlist under it. Keyed by its ticked rows, the table is drawn anew whenever the shortlist changes, so
        # it always shows the shortlist, and a tick in it never undoes one made elsewhere.
        widget = f"select-{name}-{zlib.crc32(repr(rows).encode()):08x}"
        selectable = {
            "key": widget,
            "on_select": lambda: _rows_ticked(widget, record_keys),
            "selection_mode": "multi-row",
            "selection_default": {"selection": {"rows": rows}},
        }
    st.dataframe(
        cached(arrow, frame),
        hide_index=True,
        column_config=_headers(frame, column_config),
        height=height or "auto",
        placeholder=_("not stated"),
        **selectable,
    )
    download(frame, name, what)


def _rows_ticked(widget: str, record_keys: list[str]) -> None:
    rows = st.session_state[widget].selection.rows
    st.session_state[SHORTLIST] = shortlist.with_ticks(st.session_state.get(SHORTLIST, []), record_keys, rows)


def shortlist_picker(tables: Tables, label: str, key: str) -> list[str]:
    """A multiselect bound to the shared shortlist: ticking here changes it on every page and in the URL."""
    available = cached(shortlist.options, tables)
    st.session_state[key] = [k for k in st.session_state.get(SHORTLIST, []) if k in available]

    def changed() -> None:
        st.session_state[SHORTLIST] = list(st.session_state[key])

    return st.multiselect(
        label,
        list(available),
        key=key,
        format_func=lambda k: available.get(k, k),
        on_change=changed,
        placeholder=_("Tick projects or practices"),
        max_selections=shortlist.MAX_ITEMS,
    )


def shortlist_checkbox(key: str) -> None:
    """A tick on a card that puts its record on the shared shortlist (and in the URL)."""
    widget = f"tick-{key}"
    st.session_state[widget] = key in st.session_state.get(SHORTLIST, [])

    def changed() -> None:
        current = [k for k in st.session_state.get(SHORTLIST, []) if k != key]
        st.session_state[SHORTLIST] = [*current, key] if st.session_state[widget] else current

    st.checkbox(_("On my shortlist"), key=widget, on_change=changed, help=_("Shared with the Shortlist and brief page"))


def card(label: str, key: str, caption: str, places: str) -> DeltaGenerator | None:
    """A record's card (`key`: `practice:3`, `project:LAC-TVET`): an expander named by its record that draws its
    body only when opened (a click reruns the page). Open, it holds the caption, the shortlist tick and the
    countries, and is returned for the page to add its tabs; closed, None. Under a Country filter, a record that does
    not name the country says so in its name ("· may reach Ethiopia through Global South")."""
    ctx = context()
    if ctx.filters.countries:
        kind, id_ = key.split(":", 1)
        how = cached(reach.how_reached, ctx.tables, ctx.filters.countries, name_each=True).get((kind, id_), "")
        if how and not reach.names_it(how):  # it names none of them: it may reach one, named in the card's name
            label = f"{label} · {md(how)}"
    box = st.expander(label, key=f"open-{key}", on_change="rerun")
    if not box.open:
        return None
    with box:
        st.caption(caption)
        shortlist_checkbox(key)
        st.markdown(places)
    return box


def card_evidence(tables: Tables, key: str) -> None:
    """A card's Evidence tab: every value read from the record's text, with its quote and where it stands."""
    st.caption(_("Each value read from the text, with the words that say it and where they stand."))
    quotes = cached(transforms.record_evidence, tables, key)
    if i18n.language() == i18n.ENGLISH:
        st.markdown("\n".join(cached(present.evidence_lines, quotes)))
    else:  # the quotes marked as English for a screen reader, which Markdown cannot say
        st.html(cached(present.evidence_html, quotes))


def arrow(frame: pd.DataFrame) -> pa.Table:
    """The frame as Arrow, made once per frame (the cache): Streamlit converts a pandas frame on every rerun."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def _reading_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as a reading table shows it: headers in words, every cell escaped."""
    return present.escaped_frame(frame.set_axis(labels.headers([str(c) for c in frame.columns]), axis=1))


def reading_table(frame: pd.DataFrame, name: str, what: str | None = None) -> None:
    """A short table whose long text must be read whole: a static, wrapping table (cells escaped) plus its CSV."""
    frame = as_shown(frame)
    st.table(cached(arrow, cached(_reading_frame, frame)), hide_index=True)
    download(frame, name, what)


def _select(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    return frame[list(columns)]


def chart(
    figure: object,
    summary: str,
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    what: str,
    columns: tuple[str, ...] | None = None,
    **plotly: object,
) -> object:
    """A chart with its text twin: the summary as its accessible name and caption, and exactly its data as a table
    (`columns` of `data`, chosen through the cache so a rerun finds the same frame).

    Streamlit's plotly theme is off (theme=None) so the figure's own contrast-checked colours and text apply.
    """
    event = st.plotly_chart(figure, config=plotly_config(), theme=None, alt=summary, **plotly)
    twin(summary, data, name, what, columns, picture=lambda caption: images.picture(figure, caption))
    return event


def twin(
    summary: str,
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    what: str,
    columns: tuple[str, ...] | None,
    picture: Callable[[str], images.Picture] | None = None,
) -> None:
    """The summary under the chart, and its data as a table that is built only when opened (a click reruns the
    page): a filter change paid 1-3 ms a chart to escape and convert tables nobody had opened. `data` may be a
    function that makes the frame, so that it too is made only then. With `picture` (the chart's image, given its
    caption), the chart as PNG and SVG too, offered the same way."""
    st.caption(md(summary))
    remember(f"{name}-chart-data", _("Chart data, {what}").format(what=what), data, columns)
    box = st.expander(
        _("The chart's data as a table: {what}").format(what=what), key=f"chart-data-{name}", on_change="rerun"
    )
    if box.open:
        with box:
            frame = data() if callable(data) else data
            shown = cached(_select, frame, columns) if columns is not None else frame
            reading_table(shown, f"{name}-chart-data", what=_("the chart's data ({what})").format(what=what))
    if picture is not None:
        saved = st.expander(
            _("The chart as an image (PNG, SVG): {what}").format(what=what),
            key=f"chart-image-{name}",
            on_change="rerun",
        )
        if saved.open:
            with saved:
                image_downloads(picture, name, what)


_SHOWN = "_tables_shown"  # this run's tables, for the page's workbook: name -> (what, table or its maker, columns)


_FIGURES = "_figures_shown"  # this run's headline figures (tiles), for the first sheet of the page's workbook


def forget_tables() -> None:
    """A run starts with no table nor figure shown (called before the page runs)."""
    st.session_state[_SHOWN] = {}
    st.session_state[_FIGURES] = []


def metric(where: DeltaGenerator, label: str, value: object, **more: object) -> None:
    """A tile (`st.metric`), its figure kept for the page's workbook with its note and help: the headline figures
    were in no file a planner took away."""
    where.metric(label, value, **more)
    # the sheet's columns are named in words (its headers): "Figure", "Value", "Note", "What it counts"
    st.session_state.setdefault(_FIGURES, []).append(
        {_("Figure"): label, _("Value"): value, _("Note"): more.get("delta") or "",
         _("What it counts"): more.get("help") or ""}
    )  # fmt: skip


def remember(
    name: str, what: str, data: pd.DataFrame | Callable[[], pd.DataFrame], columns: tuple[str, ...] | None = None
) -> None:
    """A table this run shows (or a chart's data, made only if the workbook is asked for), once by its name."""
    st.session_state.setdefault(_SHOWN, {})[name] = (what, data, columns)


# the filters, the shortlist, the data marker, the language (a file's words are in it; its name and filters stay)
_NOT_CHOICES = {*filters.PARAMS.values(), "pick", "plan", "data", language.PARAM}
_PLAIN = re.compile(r"[\w .,:'()+-]{1,60}")  # what a page's own choice looks like (a target, a tab, a country code)


def page_choices() -> list[tuple[str, str]]:
    """What the address chooses for this page besides the filters (the profile's country, a tab, a map view, a
    target), as (name, value): a file named and described by the filters alone did not say which country or view
    it holds."""
    out = []
    for key in st.query_params:
        if key in _NOT_CHOICES:
            continue
        for value in st.query_params.get_all(key):
            if not _PLAIN.fullmatch(value):
                continue  # a crafted value the page ignored (with a notice): not a choice
            if key == "iso3":
                try:
                    value = countries.name(value.upper())
                except countries.UnknownCountry:
                    continue  # a code the page ignored
            out.append((key, value))
    return out


def _named(*parts: str, extension: str) -> str:
    """A file's name: its parts, the filters, the page's own choices, the data's version and hash."""
    ctx = context()
    chosen = [f"{key}-{value}" for key, value in page_choices()]
    version = ctx.identity.slug() if ctx.identity else ""
    return file_name(*parts, ctx.filters.describe(), *chosen, version, extension=extension)


def page_workbook(where: DeltaGenerator, page: str, title: str | None = None) -> None:
    """Every table the page showed in this run (and every chart's data), as one Excel workbook built when clicked:
    a cover sheet (the data, the filters in words, the sources), then a sheet per table as shown (filtered, the
    `how` column under a country filter), headers in words. `page`: its English title (the file's name); `title`:
    as the page shows it (the cover's words), the English one if not given."""
    title = title or page
    shown = dict(st.session_state.get(_SHOWN, {}))
    figures = list(st.session_state.get(_FIGURES, []))
    if figures:  # the tiles first, as the page shows them
        shown = {"figures": (_("Headline figures"), pd.DataFrame(figures), None), **shown}
    if not shown:
        return
    ctx, session, lang = context(), documents.session(), i18n.language()
    how = cached(reach.how_reached, ctx.tables, ctx.filters.countries) if ctx.filters.countries else None
    said = filters.in_words(ctx.filters, ctx.tables)
    info = workbook.info_of(ctx.dataset, ctx.identity) if ctx.identity else None
    # TRANSLATORS: a choice the page's address makes besides the filters: {name} is the address's own name (iso3, tab).
    chosen = tuple(_("{name} (this page): {value}").format(name=key, value=value) for key, value in page_choices())

    def make() -> workbook.Book:
        sheets = []
        for what, data, columns in shown.values():
            frame = data() if callable(data) else data
            frame = frame[list(columns)] if columns is not None else frame
            if frame.empty:
                continue
            in_words = present.in_language(reach.with_how(frame, how) if how else frame)
            sheets.append((what[:1].upper() + what[1:], workbook.worded(in_words)))
        holds = _("Every table of the {page} page as it was shown, one sheet each, in the page's order.").format(
            page=title
        )
        filters_ = (tuple(said.split("; ")) if ctx.filters.active() else ()) + chosen
        cover = info.cover(holds, filters_) if info else workbook.Cover("", "", "", "", holds, filters_)
        return workbook.Book(tuple(sheets), cover)

    where.download_button(
        _("This page's tables as Excel ({tables})").format(tables=counted(len(shown), "table", "tables")),
        data=lambda: documents.build(session, make, "xlsx", lang),
        file_name=_named(page.lower().replace(" ", "-"), extension="xlsx"),
        mime=workbook.MIME,
        key="download-page-xlsx",
        icon=":material/table_view:",
        on_click="ignore",
        help=_("One sheet per table and per chart's data, as filtered, after a sheet saying what data this is."),
    )


def image_caption() -> str:
    """What every chart image says under its title: the data it was drawn from and the filters applied."""
    ctx = context()
    data = ctx.identity.label() if ctx.identity else _("data of unknown version")
    chosen = "".join(f" · {key}: {value}" for key, value in page_choices())
    said = _("Data: {data} · filters: {filters}").format(data=data, filters=filters.in_words(ctx.filters, ctx.tables))
    return said + chosen


def image_downloads(picture: Callable[[str], images.Picture], name: str, what: str) -> None:
    """The chart as PNG and as SVG, drawn when clicked, in the bounded worker as a document is (`app.documents`)."""
    documents.show_refusals()
    session, caption, lang = documents.session(), image_caption(), i18n.language()
    row = st.container(horizontal=True)
    for extension in images.MIMES:
        row.download_button(
            # TRANSLATORS: {format} is PNG or SVG; keep it first: on a phone the end of a label is cut.
            _("{format} image: {what}").format(format=extension.upper(), what=what),
            data=lambda extension=extension: documents.build(session, lambda: picture(caption), extension, lang),
            file_name=_named(name, extension=extension),
            mime=images.MIMES[extension],
            key=f"image-{name}-{extension}",
            icon=":material/image:",
            on_click="ignore",
        )


ICONS = {"md": ":material/description:", "docx": ":material/article:", "pdf": ":material/picture_as_pdf:",
         "xlsx": ":material/table_view:", "zip": ":material/folder_zip:"}  # fmt: skip
MIMES = {
    **{extension: mime for extension, (_kind, mime) in FORMATS.items()},
    "xlsx": workbook.MIME,
    "zip": "application/zip",
}


def document_download(
    label: str,
    make: Callable[[], Document | documents.Renders],
    name: str,
    extension: str,
    where: DeltaGenerator | None = None,
) -> None:
    """A document download built only when clicked (Streamlit's deferred data): a rerun pays nothing for it, and
    the click renders it in the bounded worker, one at a time per session (`app.documents`)."""
    documents.show_refusals()
    mime = MIMES[extension]
    ctx, session, lang = context(), documents.session(), i18n.language()
    (where or st).download_button(
        label,
        data=lambda: documents.build(session, make, extension, lang),
        file_name=file_name(name, ctx.identity.slug() if ctx.identity else "", extension=extension),
        mime=mime,
        key=f"download-{name}-{extension}",
        icon=ICONS[extension],
        on_click="ignore",  # the page stays as it is: a rerun per click could swallow a second click made meanwhile
    )


def plotly_config() -> dict:
    base = st.get_option("server.baseUrlPath").strip("/")
    prefix = f"/{base}/" if base else "/"
    # No mode bar: on a phone it stays on screen over the chart's title; zoom and pan work without it.
    return {"topojsonURL": prefix + "app/static/topojson/", "displaylogo": False, "displayModeBar": False}
