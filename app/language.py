"""The session's language: `?lang=` in the address, else the one chosen in the sidebar, else the browser's.

Kept across pages as the filters are: in the session and written back to the address on every run (a link carries
it). Set before anything is written, so every word of the run, and every cached value (`app.memo` keys on it), is
in that language.
"""

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app import sidebar
from sstc.analysis import filters
from sstc.data import i18n
from sstc.data.i18n import _

PARAM = "lang"
KEY = "_sstc_language"


def _browser() -> str:
    """The browser's own language (Streamlit's `st.context.locale`, else its Accept-Language header)."""
    try:
        locale = st.context.locale
    except Exception:
        locale = None
    header = None
    if not locale:
        try:
            header = st.context.headers.get("Accept-Language")
        except Exception:
            header = None
    return i18n.from_accept_language(locale or header)


def choose() -> str:
    """The language of this run, set for everything written from here on."""
    asked = i18n.known(st.query_params.get(PARAM))
    if asked is not None:
        st.session_state[KEY] = asked
    elif KEY not in st.session_state:
        st.session_state[KEY] = _browser()
    code = st.session_state[KEY]
    i18n.set_language(code)
    return code


def _changed() -> None:
    st.session_state[KEY] = st.session_state["sstc-language-choice"]
    write_address()  # before the run reads the address: the old `lang=` would win
    # A multiselect's browser side holds its choices as the words it showed ("Afrique"); read back under another
    # language's words they matched nothing and the filters fell away on the second change. The filters are in the
    # address: forgotten here, the sidebar reads them from there, in the new language's words.
    for field in filters.PARAMS:
        st.session_state.pop(sidebar.WIDGET_PREFIX + field, None)


def selector(where: DeltaGenerator) -> None:
    """The sidebar's language choice, each language named in its own words; the address keeps it."""
    code = st.session_state[KEY]
    options = list(i18n.LANGUAGES) + ([code] if code not in i18n.LANGUAGES else [])
    st.session_state["sstc-language-choice"] = code
    where.selectbox(
        _("Language"),
        options,
        key="sstc-language-choice",
        format_func=lambda c: i18n.NAMES.get(c, c),
        on_change=_changed,
    )
    write_address()


def write_address() -> None:
    """`?lang=` for any language but English, so a link opens in the language it was made in."""
    code = st.session_state.get(KEY, i18n.ENGLISH)
    if code == i18n.ENGLISH:
        if PARAM in st.query_params:
            del st.query_params[PARAM]
    elif st.query_params.get(PARAM) != code:
        st.query_params[PARAM] = code
