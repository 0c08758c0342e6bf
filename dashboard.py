"""SSTC 2020-2021 dashboard: entry point. Loads the data, draws the shared sidebar, runs the chosen page."""

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from app import dataset as data_in_use
from app import language, mapcomponent, widgets
from app import plan as plan_state
from app import sidebar as facets
from app.context import Context, set_context
from app.memo import call as cached
from sstc import ROOT_DIR
from sstc.analysis import filters
from sstc.data import i18n
from sstc.data.i18n import N_, _
from sstc.data.tables import in_language as tables_in_language
from sstc.view import present
from sstc.view.labels import counted

# Keyboard and phone fixes Streamlit has no option for, as CSS (the Content-Security-Policy allows inline styles).
# - A ring on whatever has the keyboard's focus: Streamlit draws a navigation link's focus as the faint tint of the
#   current page and a button's as a 50% blue glow (2:1 on white). #0072B2 is 5.2:1 on the white page and 4.7:1
#   on the grey sidebar (WCAG 1.4.11 asks 3:1). Selects and text inputs keep their input inside a drawn box that
#   clips it, and checkboxes, radios and toggles hide theirs behind one: the ring goes on that box. Navigation
#   links, tabs and the page itself (focused by Streamlit's "Skip to main content") sit in boxes that clip what is
#   outside them: their ring is drawn inside.
# - A collapsed sidebar only slides off screen: on a phone its nine navigation links and every filter took the
#   first Tab stops, focus out of sight. Hidden when collapsed (every element in it: its help buttons set their
#   own visibility), it leaves the Tab order and the screen reader.
# - The page title's "link to heading" icon: a Tab stop on every page for a link to the top of the page itself.
KEYBOARD_AND_PHONE_CSS = """<style>
:is(a[href], button, summary, [role="tab"], [role="menuitem"], [role="option"],
    [tabindex]:not([tabindex="-1"], input, textarea)):focus-visible,
label:has(input:focus-visible),
.react-aria-ComboBox:has(input:focus-visible),
:is([data-testid="stTextInputRootElement"], [data-testid="stNumberInputContainer"]):has(input:focus-visible),
[data-testid="stTextAreaRootElement"]:has(textarea:focus-visible) {
  outline: 2px solid #0072B2 !important;
  outline-offset: 2px;
}
:is([data-testid="stTopNavLink"], [data-testid="stTopNavDropdownLink"], [data-testid="stSidebarNavLink"],
    [data-testid="stPageLink-NavLink"], [data-testid="stMain"], [data-testid="stSkipToContent"], [role="tab"],
    canvas):focus-visible {
  outline-offset: -2px !important;
}
[data-testid="stSidebar"][data-collapsed="true"],
[data-testid="stSidebar"][data-collapsed="true"] * { visibility: hidden !important; }
[data-testid="stMain"] h1 [data-testid="stHeaderActionElements"] { display: none; }
.st-key-sstc-sidebar-closer { display: none; }
/* a tile's label and note wrap instead of ending in "…" (cut at 1,400 px: "Practices moved online ...") */
:is([data-testid="stMetricLabel"], [data-testid="stMetricDelta"]) :is(div, p, span) {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stMetricDelta"] { height: auto !important; }
[data-testid="stPageLink-NavLink"] :is(p, span) { white-space: normal !important; }
@media (max-width: 767.98px) { .st-key-sstc-plan-links { display: none; } }
</style>"""

# On a phone the navigation lives in the sidebar, open over the page while the reader chooses; Streamlit closes it
# after a choice only for its own navigation links and only when the browser says it is a phone (not a narrow
# window, not an iPad, never for st.page_link), and it keeps the open state in the browser's storage, where it
# overrides `initial_sidebar_state` on the next load. This element-less component closes it as its own button
# would, at Streamlit's phone width (768 px and less), when the page it is drawn on is another than the one it was
# last drawn on: a filter changed in the open sidebar reruns the same page and leaves it open, and a session's first
# run keeps Streamlit's "auto". It is drawn on every run, in the same place: drawn only on a run that changed the
# page, it changed the sidebar's elements on those runs, and the quick map did not come back on Back. A focus left
# in the closed sidebar goes to the page. Its JS loads as a blob: script like the quick map's, which the
# Content-Security-Policy allows; no inline <script>.
_CLOSE_SIDEBAR_JS = """
export default function ({ data }) {
  if (data.lang && document.documentElement.lang !== data.lang) document.documentElement.lang = data.lang;
  const shown = window.__sstcPageShown;
  window.__sstcPageShown = data.page;
  if (shown === data.page || !window.matchMedia("(max-width: 767.98px)").matches) return;
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  const close = sidebar && sidebar.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (!close || sidebar.getAttribute("data-collapsed") !== "false") return;
  const focusInside = sidebar.contains(document.activeElement);
  close.click();
  if (focusInside) document.getElementById("stMain")?.focus({ preventScroll: true });
}
"""
_CLOSE_SIDEBAR = st.components.v2.component("sstc.close_sidebar", js=_CLOSE_SIDEBAR_JS)


def pages() -> dict[str, list[StreamlitPage]]:
    """The app's pages, made once per session: making a page resolves and checks its file (~1 ms a rerun for
    fourteen, 5% of the server's time under `make load`). Per session, never shared: a page object records that
    `st.navigation` chose it until it runs, and sessions run at once."""
    key = f"_pages_{i18n.language()}"  # their titles are in the session's language
    if key not in st.session_state:
        st.session_state[key] = _make_pages()
    return st.session_state[key]


# The pages by group: (file under app_pages/, English title, icon). The group names and the English titles are
# keys (`PAGES["About"]`, the notices' page, the workbook's file name); a page shows its title translated.
_PAGES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "2020-2021: what was done": (
        ("overview", N_("Overview"), ":material/dashboard:"),
        ("coverage", N_("Country coverage"), ":material/public:"),
        ("funding", N_("Funding mix"), ":material/payments:"),
        ("modalities", N_("Modalities"), ":material/school:"),
        ("outcomes", N_("Outcome alignment"), ":material/target:"),
        ("explorer", N_("Practice explorer"), ":material/search:"),
        ("projects", N_("Project explorer"), ":material/folder_open:"),
        ("profile", N_("Country profile"), ":material/location_on:"),
        ("compare", N_("Compare"), ":material/compare_arrows:"),
    ),
    "Plan 2022-2023": (
        ("replication", N_("Replication finder"), ":material/content_copy:"),
        ("gaps", N_("Coverage gaps"), ":material/grid_off:"),
        ("shortlist", N_("Shortlist and brief"), ":material/checklist:"),
        ("timeline", N_("Timeline"), ":material/timeline:"),
    ),
    "About": (("about", N_("About the data"), ":material/info:"),),
}
DEFAULT_PAGE = "overview"
# A page's English title by its address (the default page's is ""): what keys on the page, whatever the language.
ENGLISH_TITLES: dict[str, str] = {
    ("" if name == DEFAULT_PAGE else name): title for group in _PAGES.values() for name, title, _icon in group
}


def _make_pages() -> dict[str, list[StreamlitPage]]:
    return {
        group: [
            st.Page(f"app_pages/{name}.py", title=_(title), icon=icon, default=name == DEFAULT_PAGE)
            for name, title, icon in listed
        ]
        for group, listed in _PAGES.items()
    }


def english_title(page: StreamlitPage) -> str:
    """The page's title in English: a key (the notices raised on it, the file names of its workbook)."""
    return ENGLISH_TITLES.get(page.url_path, page.title)


def main() -> None:
    # No page_title here: st.navigation titles each browser tab after its page ("Funding mix", ...).
    # "auto": a first visit at phone width opens with the sidebar closed (Streamlit's default, said here).
    st.set_page_config(page_icon=str(ROOT_DIR / "static" / "favicon.png"), layout="wide", initial_sidebar_state="auto")
    st.html(KEYBOARD_AND_PHONE_CSS)  # style only: Streamlit puts it in the event container, taking no room
    language.choose()

    PAGES = pages()
    ABOUT = PAGES["About"][0]

    # One flat navigation: Streamlit draws sections as <li> inside a <div> inside the <ul> (axe: list, listitem),
    # and on a phone its top navigation moves into the sidebar, sections and all. Flat, the lists are valid at every
    # width; the planning group stays in sight as its own links in the sidebar.
    # `expanded`: in the sidebar (on a phone) every page is listed, none behind "View more".
    page = st.navigation([p for group in PAGES.values() for p in group], position="top", expanded=True)
    plan = st.sidebar.container(key="sstc-plan-links")  # on a phone the navigation in the sidebar has them already
    plan.header(_("Plan 2022-2023"), anchor=False)
    for planning in PAGES["Plan 2022-2023"]:
        plan.page_link(planning, label=planning.title, icon=planning.icon)
    filter_area = st.sidebar.container()  # drawn after loading, shown above the upload box
    data_in_use.upload_box()
    dataset, tables, source, identity = data_in_use.load()
    tables = cached(tables_in_language, tables)  # the countries' names in the run's language
    english = english_title(page)
    st.session_state["_page"] = english
    current = facets.sidebar(dataset, tables, filter_area, english)
    picks = facets.keep_shortlist(tables)
    set_context(
        Context(dataset, tables, cached(filters.apply, tables, current), current, source, tuple(picks), identity)
    )
    # The plan rides in the address on every page, as the shortlist does: a reload of another page kept `pick=` and
    # lost the plan. Read once a session whatever the page; written before the page runs (the Shortlist page's
    # editor writes it again after an edit).
    plan_state.from_address()
    picks = list(st.session_state.get(facets.SHORTLIST, picks))
    plan_state.to_address(plan_state.plan(picks) if picks else None)
    st.sidebar.caption(
        _("Data: {data} · {projects}, {practices}").format(
            data=present.md_escape(identity.label()),
            projects=counted(len(dataset.projects), "project", "projects"),
            practices=counted(len(dataset.practices), "practice", "practices"),
        )
    )
    if i18n.language() != i18n.ENGLISH:  # one notice, on every page
        st.sidebar.caption(
            _("The dataset's own text (titles, quotes, notes, reasons, names) is shown as written, in English.")
        )
    tables_out = st.sidebar.container()  # filled once the page has run: its tables are known then
    st.sidebar.page_link(ABOUT, label=_("About the data: method, terms, limits"), icon=":material/info:")
    language.selector(st.sidebar)
    with st.sidebar:
        _CLOSE_SIDEBAR(key="sstc-sidebar-closer", data={"page": page.url_path, "lang": i18n.language()})
    widgets.forget_tables()
    page.run()
    widgets.page_workbook(tables_out, english, page.title)
    mapcomponent.run_finished()


# The upload worker's child processes re-import the main module (multiprocessing's forkserver does); the app
# runs only when Streamlit runs this file as __main__, never on that import.
if __name__ == "__main__":
    main()
