"""The sidebar filters and the state kept in the URL: facets read from the URL on a session's first run, then
from the widgets; notices about URL values that name nothing; the shortlist (`?pick=`); a page's own parameter."""

from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app.memo import call as cached
from sstc.analysis import filters, shortlist
from sstc.data import countries, glossary, i18n, m49, vocab
from sstc.data.i18n import _
from sstc.data.schema import Dataset
from sstc.data.tables import Tables
from sstc.view.labels import counted
from sstc.view.safe import md

WIDGET_PREFIX = "f_"


def show_notices(messages: list[str], where: DeltaGenerator) -> None:
    """Notices about values from the URL: escaped (they echo what the URL says) and at most a few."""
    for message in filters.grouped(messages):
        where.warning(md(message), icon=":material/warning:")


def _labels(tables: Tables, dataset: Dataset) -> dict[str, dict[str, str]]:
    funding = {k: v.name for k, v in dataset.meta.funding_sources.items()}
    return {
        "regions": {r: _(r) for r in vocab.REGIONS},
        "subregions": {s: m49.shown(s) for s in m49.sub_regions()},
        "countries": {c: f"{countries.name(c)} ({c})" for c in set(tables.countries["iso3"])},
        "outcomes": {o: f"{o} – {_(vocab.OUTCOMES[o])}" for o in vocab.OUTCOMES},
        "themes": {t: _(label) for t, label in vocab.THEMES.items()},
        "modalities": {m: _(vocab.MODALITIES[m][0]) for m in vocab.MODALITIES},
        "funding": funding,  # the sources' own names (data)
        "kinds": {"project": _("Projects"), "practice": _("Good practices")},
    }


def _in_order(field: str, values: list[str], labels: dict[str, str]) -> list[str]:
    """A facet's values as the filter offers them: the vocabulary's order where it has one (regions, outcomes,
    themes, modalities, kinds), else by the name shown in the run's language ("DR Congo (COD)", a funding source's
    name, not its id; an M49 sub-region's name)."""
    if field not in ("countries", "funding", "subregions"):
        return values
    return sorted(values, key=lambda v: i18n.collation_key(labels.get(v, v)))


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
    side.header(_("Filters"))
    side.text_input(
        _("Search all text"),
        key=WIDGET_PREFIX + "text",
        max_chars=filters.MAX_TEXT,
        placeholder=_("e.g. migration, youth, Fiji"),
    )
    names = {
        "kinds": _("Projects / practices"),
        "regions": _("Region"),
        "subregions": _("Sub-region (UN M49)"),
        "countries": _("Country"),
        "outcomes": _("P&B 2020-21 outcome"),
        "themes": _("Theme"),
        "modalities": _("Modality"),
        "funding": _("Funding source"),
    }
    # glossary.term takes a term's English name (a key) and gives its meaning in the run's language
    helps = {
        "kinds": glossary.term("Record"),
        "subregions": _(
            "Records naming a country of the sub-region: the sources' regions follow ILO offices (Egypt "
            "and Morocco are under Arab States), the UN M49 standard places each country. Membership is M49's, not "
            "the sources'; a record that only may reach a country through a group is not counted (see Country)."
        ),
        # TRANSLATORS: {term} is the glossary's meaning of "Reached through a group".
        "countries": _("Records naming the country, and those that may reach it through a group. {term}").format(
            term=glossary.term("Reached through a group")
        ),
        "outcomes": glossary.term("Outcome") + " " + glossary.term("Ambiguous match"),
        "modalities": glossary.term("Status (of a modality)"),
        # TRANSLATORS: {term} is the glossary's meaning of "Funding via a linked practice".
        "funding": _("See About the data for what each source means (RBTC-SSTC, PSI slippage, ...). {term}").format(
            term=glossary.term("Funding via a linked practice")
        ),
    }
    for field, label in names.items():
        side.multiselect(
            label,
            cached(_in_order, field, available[field], labels[field]),
            key=WIDGET_PREFIX + field,
            format_func=lambda v, f=field: labels[f].get(v, v),
            placeholder=_("All"),
            help=helps.get(field),
        )
    side.button(_("Reset filters"), on_click=_reset, width="stretch")
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
        st.sidebar.caption(
            _("Shortlist: {items}, kept in the page address.").format(items=counted(len(keys), "item", "items"))
        )
    return keys


def page_param(name: str, options: list[str], default: str) -> str:
    """A page's own URL parameter: read once when the page opens, then kept in step with its widget."""
    key = f"p_{name}"
    if key not in st.session_state:
        value = st.query_params.get(name, default)
        if value not in options:
            if name in st.query_params:
                show_notices([ignored(name, value)], st.container())
            value = default
        st.session_state[key] = value
    elif st.session_state[key] not in options:  # the dataset changed under it
        st.session_state[key] = default
    return key


def ignored(param: str, value: str) -> str:
    """The notice for a URL parameter's value that names nothing here (the value as Python writes it, cut)."""
    # TRANSLATORS: {param}={value} is the address's own text (e.g. tab='Charts'), kept as it is.
    return _("Ignored {param}={value} from the URL: it names nothing here.").format(param=param, value=repr(value[:60]))


def page_params(name: str, read: Callable[[list[str]], tuple[list[str], list[str]]]) -> str:
    """A page's own repeated URL parameter (`?target=GTM&target=Central America`): read once when the page opens
    through `read` (values -> kept values, notices), then kept in step with its widget (`sync_params`)."""
    key = f"p_{name}"
    if key not in st.session_state:
        kept, raised = read(st.query_params.get_all(name))
        if raised:
            show_notices(raised, st.container())
        st.session_state[key] = kept
    return key


def sync_params(name: str, values: list[str]) -> None:
    if not values:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get_all(name) != values:
        st.query_params[name] = values


def sync_param(name: str, value: str, default: str) -> None:
    if value == default:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value
