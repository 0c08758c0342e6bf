"""Streamlit plumbing shared by every page: data loading, the filter sidebar kept in the URL, tables + CSV.

No business logic here: everything a page shows is computed in `sstc`.
"""

import argparse
import os
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from memo import call as cached
from sstc import (
    DEFAULT_DATA,
    countries,
    filters,
    glossary,
    labels,
    present,
    reach,
    shortlist,
    transforms,
    vocab,
    worker,
)
from sstc.document import Document
from sstc.export import file_name, to_csv
from sstc.formats import FORMATS
from sstc.identity import Identity, identify
from sstc.load import MAX_FILE_BYTES, MAX_UPLOAD_BYTES, load_bytes, read_file
from sstc.problems import DatasetError, Problem
from sstc.safe import md
from sstc.schema import Dataset
from sstc.tables import Tables, build

ENV_VAR = "SSTC_DATA"
WIDGET_PREFIX = "f_"


@dataclass(frozen=True)
class Context:
    dataset: Dataset
    tables: Tables
    filtered: Tables
    filters: filters.Filters
    source: str
    picks: tuple[str, ...] = ()
    identity: Identity | None = None


def data_path() -> str:
    """`streamlit run dashboard.py -- --data PATH`, else $SSTC_DATA, else the shipped dataset."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    known, _ = parser.parse_known_args(sys.argv[1:])
    return known.data or os.environ.get(ENV_VAR) or str(DEFAULT_DATA)


UPLOAD_KEY = "dataset_upload"
GOOD = "_last_good_upload"
EMPTY_RUNS = "_runs_without_upload"


# st.cache_resource, not st.cache_data: cache_data hands every rerun an unpickled copy, which measured 129 MiB
# and ~0.7 s per rerun at 100x the shipped size. The dataset and its tables are never mutated (frozen models;
# pandas 3 copy-on-write keeps every derived frame from writing back), so one shared copy is safe.
Loaded = tuple[Dataset, Tables, Identity]


@st.cache_resource(show_spinner="Reading the dataset…", max_entries=8)
def _load(raw: bytes, name: str) -> worker.Outcome:
    """Read once per distinct upload, valid or not, in a worker process with a time and memory limit (so a
    hostile file stalls no other session); a rerun does no YAML parsing."""
    return worker.read_upload(raw, name)


@st.cache_resource(show_spinner="Reading the dataset…", max_entries=8)
def _load_file(path: str, mtime_ns: int, size: int) -> Loaded:
    """Keyed on the file's path, mtime and size, so an edited file is read again and an unchanged one is not."""
    raw = read_file(path)
    dataset = load_bytes(raw, path, MAX_FILE_BYTES)
    return dataset, build(dataset), identify(dataset, raw)


def _from_file(path: str) -> Loaded:
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise DatasetError([Problem(path, 1, "(file)", f"cannot read the file: {exc.strerror}")]) from None
    return _load_file(path, stat.st_mtime_ns, stat.st_size)


def _forget_removed_upload() -> None:
    """The browser replaces a file in two reruns, the first with the uploader empty: keep the last valid upload
    through one such run, so an invalid replacement still falls back to it. A second run without an upload
    means it was removed."""
    if GOOD in st.session_state:
        runs = st.session_state.get(EMPTY_RUNS, 0) + 1
        st.session_state[EMPTY_RUNS] = runs
        if runs > 1:
            del st.session_state[GOOD]


def load() -> tuple[Dataset, Tables, str, Identity]:
    """The dataset in use: a valid upload, else the file (--data, $SSTC_DATA, shipped).

    A file that fails validation is reported (file, line, field) and replaces nothing: the last good upload,
    or else the file's dataset, stays in use. Nothing is ever written.
    """
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        _forget_removed_upload()
    else:
        st.session_state.pop(EMPTY_RUNS, None)
        raw, name = upload.getvalue(), f"{upload.name} (uploaded)"
        outcome = _load(raw, name)
        if outcome.dataset is not None and outcome.tables is not None:
            st.session_state[GOOD] = (raw, name, upload.name)
            return outcome.dataset, outcome.tables, name, identify(outcome.dataset, raw, upload.name)
        _show_problems(outcome.error(), name)
        if GOOD in st.session_state:
            raw, name, uploaded_as = st.session_state[GOOD]
            st.warning(f"Still showing the last valid dataset: {md(name)}.", icon=":material/history:")
            good = _load(raw, name)
            if good.dataset is not None and good.tables is not None:
                return good.dataset, good.tables, name, identify(good.dataset, raw, uploaded_as)
    path = data_path()
    try:
        dataset, tables, identity = _from_file(path)
    except DatasetError as exc:
        _show_problems(exc, os.path.basename(path), path)
        st.stop()
    if upload is not None:
        st.warning(
            f"Still showing the dataset the app started with: {md(identity.label())}.", icon=":material/history:"
        )
    return dataset, tables, path, identity


def upload_box() -> None:
    st.sidebar.file_uploader(
        f"Use your own dataset (YAML, at most {MAX_UPLOAD_BYTES // 10**6} MB)",
        type=["yaml", "yml"],
        key=UPLOAD_KEY,
        max_upload_size=MAX_UPLOAD_BYTES // 10**6,  # Streamlit counts 10**6 bytes to its MB: the limits agree
        help="Same schema as data/practices.yaml. It is read in memory for this session only; no file is written. "
        "Remove it to return to the dataset the app was started with.",
    )


def _show_problems(error: DatasetError, name: str, path: str | None = None) -> None:
    """The problems as `python -m sstc validate` lists them; a file on the server is named, never its path."""
    count = len(error.problems) + error.more
    st.error(
        f"{md(name)} has {count:,} problem(s); it is not used until they are fixed "
        "(the same list `python -m sstc validate` prints).",
        icon=":material/error:",
    )
    st.code(str(error).replace(path, name) if path else str(error), language=None, wrap_lines=True)


def show_notices(messages: list[str], where: DeltaGenerator) -> None:
    """Notices about values from the URL: escaped (they echo what the URL says) and at most a few."""
    for message in filters.grouped(messages):
        where.warning(md(message), icon=":material/warning:")


def _labels(tables: Tables, dataset: Dataset) -> dict[str, dict[str, str]]:
    funding = {k: v.name for k, v in dataset.meta.funding_sources.items()}
    return {
        "regions": {r: r for r in vocab.REGIONS},
        "countries": {c: f"{countries.name(c)} ({c})" for c in set(tables.countries["iso3"])},
        "outcomes": {o: f"{o} – {vocab.OUTCOMES[o]}" for o in vocab.OUTCOMES},
        "themes": dict(vocab.THEMES),
        "modalities": {m: vocab.MODALITIES[m][0] for m in vocab.MODALITIES},
        "funding": funding,
        "kinds": {"project": "Projects", "practice": "Good practices"},
    }


NOTICES = "_url_notices"


def _reset() -> None:
    for field in filters.PARAMS:
        st.session_state[WIDGET_PREFIX + field] = "" if field == "text" else []
    st.session_state[NOTICES] = {"page": None, "items": []}


def apply_filters(chosen: filters.Filters) -> None:
    """Set every facet widget to `chosen` (a suggestion's one click); the URL follows on the rerun."""
    for field in filters.PARAMS:
        value = getattr(chosen, field)
        st.session_state[WIDGET_PREFIX + field] = value if isinstance(value, str) else list(value)
    st.session_state[NOTICES] = {"page": None, "items": []}


def notices(page: str) -> list[str]:
    """URL notices belong to the view they were raised on: gone after a page change or a Reset."""
    held = st.session_state.get(NOTICES, {"page": None, "items": []})
    if held["page"] not in (None, page):
        held = {"page": None, "items": []}
        st.session_state[NOTICES] = held
    return held["items"]


def sidebar(dataset: Dataset, tables: Tables, side: DeltaGenerator, page: str) -> filters.Filters:
    """Sidebar facets. First run of a session: values come from the URL; afterwards from the widgets."""
    available = cached(filters.options, tables)
    first = NOTICES not in st.session_state
    # A st.switch_page (a map click, "Open a country profile") drops every widget's state: Streamlit clears widgets
    # on a page change the browser did not send. The filters survive in the URL it opens, so read them there.
    if first or any(WIDGET_PREFIX + field not in st.session_state for field in filters.PARAMS):
        params = {p: st.query_params.get_all(p) for p in filters.PARAMS.values()}
        initial, raised = filters.from_params(params, available)
        if first:
            st.session_state[NOTICES] = {"page": page, "items": raised}
    else:
        initial = filters.Filters()
    for field in filters.PARAMS:  # each on its own: a client may send (or Streamlit may drop) any one of them
        if WIDGET_PREFIX + field not in st.session_state:
            value = getattr(initial, field)
            st.session_state[WIDGET_PREFIX + field] = value if isinstance(value, str) else list(value)
    for field in filters.PARAMS:  # another dataset may not have every value chosen on the last one
        value = st.session_state[WIDGET_PREFIX + field]
        if not isinstance(value, str) and any(v not in available[field] for v in value):
            st.session_state[WIDGET_PREFIX + field] = [v for v in value if v in available[field]]
    labels = cached(_labels, tables, dataset)
    side.header("Filters")
    side.text_input(
        "Search all text",
        key=WIDGET_PREFIX + "text",
        max_chars=filters.MAX_TEXT,
        placeholder="e.g. migration, youth, Fiji",
    )
    names = {
        "kinds": "Projects / practices",
        "regions": "Region",
        "countries": "Country",
        "outcomes": "P&B 2020-21 outcome",
        "themes": "Theme",
        "modalities": "Modality",
        "funding": "Funding source",
    }
    helps = {
        "kinds": glossary.term("Record"),
        "countries": "Records naming the country, and those that may reach it through a group. "
        + glossary.term("Reached through a group"),
        "outcomes": glossary.term("Outcome") + " " + glossary.term("Ambiguous match"),
        "modalities": glossary.term("Status (of a modality)"),
        "funding": "See About the data for what each source means (RBTC-SSTC, PSI slippage, ...). "
        + glossary.term("Funding via a linked practice"),
    }
    for field, label in names.items():
        side.multiselect(
            label,
            available[field],
            key=WIDGET_PREFIX + field,
            format_func=lambda v, f=field: labels[f].get(v, v),
            placeholder="All",
            help=helps.get(field),
        )
    side.button("Reset filters", on_click=_reset, width="stretch")
    values = {f: st.session_state[WIDGET_PREFIX + f] for f in filters.PARAMS}
    current = filters.Filters(**{f: (v.strip() if isinstance(v, str) else tuple(v)) for f, v in values.items()})
    _write_url(current)
    return current


def _write_url(current: filters.Filters) -> None:
    wanted = filters.to_params(current)
    for param in filters.PARAMS.values():
        if param in wanted:
            if st.query_params.get_all(param) != (
                wanted[param] if isinstance(wanted[param], list) else [wanted[param]]
            ):
                st.query_params[param] = wanted[param]
        elif param in st.query_params:
            del st.query_params[param]


SHORTLIST = "_shortlist"


def keep_shortlist(tables: Tables) -> list[str]:
    """The shortlist lives in the session and in the URL (`?pick=practice:9&pick=project:LAC-TVET`), on every page."""
    available = cached(shortlist.options, tables)
    if SHORTLIST not in st.session_state:
        keys, notices = shortlist.from_params(st.query_params.get_all(shortlist.PARAM), available)
        st.session_state[SHORTLIST] = keys
        st.session_state["_pick_notices"] = notices
    if st.session_state.get("_pick_notices"):
        held = st.session_state.setdefault(NOTICES, {"page": None, "items": []})
        held["items"] = [*held["items"], *st.session_state.pop("_pick_notices")]
    keys = [k for k in st.session_state[SHORTLIST] if k in available]
    if st.query_params.get_all(shortlist.PARAM) != keys:
        st.query_params[shortlist.PARAM] = keys
    if keys:
        st.sidebar.caption(f"Shortlist: {len(keys)} item(s), kept in the page address.")
    return keys


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
        placeholder="Tick projects or practices",
        max_selections=shortlist.MAX_ITEMS,
    )


def set_context(ctx: Context) -> None:
    st.session_state["_ctx"] = ctx


def context() -> Context:
    return st.session_state["_ctx"]


def escape(text: str) -> str:
    """Data text for Markdown: shown as written, never formatted or linked."""
    return md(text)


def header(title: str, explanation: str) -> None:
    st.title(title)
    st.caption(explanation)
    show_notices(notices(st.session_state.get("_page", "")), st.container())


def filter_caption(ctx: Context) -> None:
    if ctx.filters.active():
        n = len(ctx.filtered.records)
        st.caption(f"Filtered: {n} of {len(ctx.tables.records)} records match ({md(ctx.filters.summary())}).")
    if ctx.filters.countries:
        reached = cached(reach.country_reach, ctx.tables, ctx.filters.countries)
        named = set(reached.loc[reached["named"], "key"])
        only_group = reached[~reached["key"].isin(named)].drop_duplicates("key")
        if len(only_group):
            st.caption(
                f"{len(only_group)} of these records do not name "
                + " or ".join(countries.name(c) for c in ctx.filters.countries)
                + " but may reach it through a group (Global South, a region, ...): the Country profile says which."
            )


def nothing_matches(frame: pd.DataFrame | None = None, because: str | None = None) -> bool:
    """True (and says so) when the filters leave nothing to show. `because` says why `frame` is empty when records
    do match (a role no matching record names, say): that is not "nothing matches"."""
    ctx = context()
    if because and not ctx.filtered.records.empty and frame is not None and frame.empty:
        st.info(because, icon=":material/info:")
        return True
    if ctx.filtered.records.empty or (frame is not None and frame.empty):
        st.info(
            "Nothing matches the current filters. Widen the selection in the sidebar or press **Reset filters**.",
            icon=":material/search_off:",
        )
        suggestions = cached(filters.nearest, ctx.tables, ctx.filters) if ctx.filtered.records.empty else []
        if suggestions:
            st.header("The nearest answers: change one filter", anchor=False)
            for n, suggestion in enumerate(suggestions):
                counts = f"{suggestion.practices} practice(s), {suggestion.projects} project(s)"
                st.button(
                    md(f"{suggestion.label}: {counts}"),  # a label renders Markdown; the URL's words stay words
                    key=f"nearest-{n}",
                    on_click=apply_filters,
                    args=(suggestion.filters,),
                    icon=":material/alt_route:",
                )
        return True
    return False


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


def download(frame: pd.DataFrame, name: str, what: str | None = None) -> None:
    """A CSV of exactly the rows and columns shown (formula-safe, UTF-8 with BOM), named for the data and filter,
    built only when clicked (Streamlit's deferred data), so a rerun pays nothing for it.

    The button names its table ("Download funding sources as CSV (12 rows)"): a screen reader lists every button
    of a page, and six "Download CSV" say nothing.
    """
    ctx = context()
    version = ctx.identity.slug() if ctx.identity else ""
    st.download_button(
        f"Download {what or name.replace('-', ' ')} as CSV ({len(frame)} rows)",
        data=lambda: to_csv(frame),
        file_name=file_name(name, ctx.filters.describe(), version),
        mime="text/csv",
        key=f"download-{name}",
        icon=":material/download:",
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
        placeholder="not stated",
        **selectable,
    )
    download(frame, name, what)


def _rows_ticked(widget: str, record_keys: list[str]) -> None:
    rows = st.session_state[widget].selection.rows
    st.session_state[SHORTLIST] = shortlist.with_ticks(st.session_state.get(SHORTLIST, []), record_keys, rows)


def shortlist_checkbox(key: str) -> None:
    """A tick on a card that puts its record on the shared shortlist (and in the URL)."""
    widget = f"tick-{key}"
    st.session_state[widget] = key in st.session_state.get(SHORTLIST, [])

    def changed() -> None:
        current = [k for k in st.session_state.get(SHORTLIST, []) if k != key]
        st.session_state[SHORTLIST] = [*current, key] if st.session_state[widget] else current

    st.checkbox("On my shortlist", key=widget, on_change=changed, help="Shared with the Shortlist and brief page")


def card(label: str, key: str, caption: str, countries: str) -> DeltaGenerator | None:
    """A record's card (`key`: `practice:3`, `project:LAC-TVET`): an expander named by its record that draws its
    body only when opened (a click reruns the page). Open, it holds the caption, the shortlist tick and the
    countries, and is returned for the page to add its tabs; closed, None."""
    box = st.expander(label, key=f"open-{key}", on_change="rerun")
    if not box.open:
        return None
    with box:
        st.caption(caption)
        shortlist_checkbox(key)
        st.markdown(countries)
    return box


def card_evidence(tables: Tables, key: str) -> None:
    """A card's Evidence tab: every value read from the record's text, with its quote and where it stands."""
    st.caption("Each value read from the text, with the words that say it and where they stand.")
    quotes = cached(transforms.record_evidence, tables, key)
    st.markdown("\n".join(cached(present.evidence_lines, quotes)))


def arrow(frame: pd.DataFrame) -> pa.Table:
    """The frame as Arrow, made once per frame (the cache): Streamlit converts a pandas frame on every rerun."""
    return pa.Table.from_pandas(frame, preserve_index=False)


def _reading_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as a reading table shows it: headers in words, every cell escaped."""
    return present.escaped_frame(frame.set_axis(labels.headers([str(c) for c in frame.columns]), axis=1))


def reading_table(frame: pd.DataFrame, name: str, what: str | None = None) -> None:
    """A short table whose long text must be read whole: a static, wrapping table (cells escaped) plus its CSV."""
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
    _twin(summary, data, name, what, columns)
    return event


def _twin(
    summary: str,
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    what: str,
    columns: tuple[str, ...] | None,
) -> None:
    """The summary under the chart, and its data as a table that is built only when opened (a click reruns the
    page): a filter change paid 1-3 ms a chart to escape and convert tables nobody had opened. `data` may be a
    function that makes the frame, so that it too is made only then."""
    st.caption(md(summary))
    box = st.expander(f"The chart's data as a table: {what}", key=f"chart-data-{name}", on_change="rerun")
    if box.open:
        with box:
            frame = data() if callable(data) else data
            shown = cached(_select, frame, columns) if columns is not None else frame
            reading_table(shown, f"{name}-chart-data", what=f"the chart's data ({what})")


_MAP_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".sstc-map-root");
  if (root.drawn !== data.figure) {
    root.innerHTML = data.figure;
    root.drawn = data.figure;
  }
  root.onclick = (event) => {
    const link = event.target.closest("a[data-iso3]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();  // open the profile in this session (a plain link would start a new one)
    setTriggerValue("country", link.dataset.iso3);
  };
}
"""
_MAP_CSS = """
.sstc-map { margin: 0; font-family: "Source Sans Pro", "Source Sans 3", sans-serif; }
.sstc-map-title { font-size: 17px; margin-bottom: 4px; }
.sstc-map svg { width: 100%; height: auto; display: block; }
.sstc-map a:focus { outline: none; }
.sstc-map a:focus path, .sstc-map a:focus circle, .sstc-map a:hover path, .sstc-map a:hover circle {
  stroke: #000000; stroke-width: 2;
}
.sstc-map-legend {
  display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; font-size: 14px; margin-top: 4px;
}
.sstc-map-scale { width: 160px; height: 12px; display: inline-block; }
.sstc-map-key { display: inline-flex; gap: 6px; align-items: center; }  /* the dot stays with its words */
.sstc-map-dot { width: 10px; height: 10px; border-radius: 50%; border: 1px solid #222222; display: inline-block; }
"""
_MAP = st.components.v2.component("sstc.map", html='<div class="sstc-map-root"></div>', css=_MAP_CSS, js=_MAP_JS)


def svg_map(
    figure: str,
    summary: str,
    data: pd.DataFrame | Callable[[], pd.DataFrame],
    name: str,
    what: str,
    columns: tuple[str, ...] | None = None,
) -> str | None:
    """A map drawn by the server (sstc.svgmap) with the same text twin as a chart; returns the ISO3 of a country
    the planner clicked, if any."""
    result = _MAP(key=f"svg-{name}", data={"figure": figure}, on_country_change=lambda: None)
    _twin(summary, data, name, what, columns)
    return result.country


ICONS = {"md": ":material/description:", "docx": ":material/article:", "pdf": ":material/picture_as_pdf:"}


def document_download(
    label: str, make: Callable[[], Document], name: str, extension: str, where: DeltaGenerator | None = None
) -> None:
    """A document download built only when clicked (Streamlit's deferred data): a rerun pays nothing for it."""
    render, mime = FORMATS[extension]
    ctx = context()
    (where or st).download_button(
        label,
        data=lambda: render(make()),
        file_name=file_name(name, ctx.identity.slug() if ctx.identity else "", extension=extension),
        mime=mime,
        key=f"download-{name}-{extension}",
        icon=ICONS[extension],
    )


def page_param(name: str, options: list[str], default: str) -> str:
    """A page's own URL parameter: read once when the page opens, then kept in step with its widget."""
    key = f"p_{name}"
    if key not in st.session_state:
        value = st.query_params.get(name, default)
        if value not in options:
            if name in st.query_params:
                show_notices([f"Ignored {name}={value[:60]!r} from the URL: it names nothing here."], st.container())
            value = default
        st.session_state[key] = value
    elif st.session_state[key] not in options:  # the dataset changed under it
        st.session_state[key] = default
    return key


def sync_param(name: str, value: str, default: str) -> None:
    if value == default:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def plotly_config() -> dict:
    base = st.get_option("server.baseUrlPath").strip("/")
    prefix = f"/{base}/" if base else "/"
    # No mode bar: on a phone it stays on screen over the chart's title; zoom and pan work without it.
    return {"topojsonURL": prefix + "app/static/topojson/", "displaylogo": False, "displayModeBar": False}
