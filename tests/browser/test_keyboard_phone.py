"""Keyboard and phone (issue 23, point 12), in Chromium: on a phone the sidebar, where the navigation lives, closes
once a page is chosen; every focused link and control shows a ring of 3:1 or more; the first Tab stop skips to the
page; a country profile is at most 15 key presses from a fresh Overview."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from sstc.view.contrast import ratio
from tests.browser.conftest import wait_ready

PHONE = {"width": 390, "height": 844}
SIDEBAR = "[data-testid=stSidebar]"

FOCUSED = """() => { const e = document.activeElement;
  return {testid: e.dataset.testid || '', tag: e.tagName, role: e.getAttribute('role') || '',
          text: (e.innerText || e.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').trim()}; }"""

# The ring of the focused element: drawn by the element or, for a select, a text input, a checkbox, by the box
# around it (the nearest of its ancestors with an outline). Colours come back as #RRGGBB, with what is behind the
# ring composited to an opaque colour: the box's own background (a ring drawn inside it) and its parent's (outside).
RING = """() => {
  const rgba = c => (c.match(/[\\d.]+/g) || []).map(Number).concat([1]).slice(0, 4);
  const hex = ([r, g, b]) => '#' + [r, g, b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
  const behind = element => {
    const layers = [];
    for (let x = element; x; x = x.parentElement) {
      const c = rgba(getComputedStyle(x).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let out = [255, 255, 255];
    for (const [r, g, b, a] of layers.reverse()) out = [r, g, b].map((v, i) => v * a + out[i] * (1 - a));
    return hex(out);
  };
  let e = document.activeElement;
  for (let i = 0; e && i < 5; i++, e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) {
      const [r, g, b, a] = rgba(s.outlineColor);
      return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), alpha: a, colour: hex([r, g, b]),
              inside: behind(e), outside: behind(e.parentElement)};
    }
  }
  return null;
}"""


def focused(tab) -> dict:
    return tab.evaluate(FOCUSED)


def ring_contrast(tab) -> float:
    """The focused element's ring: solid, 2 px or more, opaque; returns its lower contrast against what is behind."""
    ring = tab.evaluate(RING)
    assert ring is not None, f"no focus ring on {focused(tab)}"
    assert ring["style"] == "solid" and ring["width"] >= 2 and ring["alpha"] == 1, (focused(tab), ring)
    return min(ratio(ring["colour"], ring["inside"]), ratio(ring["colour"], ring["outside"]))


class Keys:
    """A keyboard that counts every key it presses: typing "Brazil" is six."""

    def __init__(self, tab) -> None:
        self.tab, self.count = tab, 0

    def press(self, key: str) -> dict:
        self.tab.keyboard.press(key)
        self.count += 1
        return focused(self.tab)

    def press_until(self, key: str, wanted, limit: int = 12) -> dict:
        for _ in range(limit):
            now = self.press(key)
            if wanted(now):
                return now
        pytest.fail(f"{key} x{limit} never reached the wanted element; last {focused(self.tab)}")

    def type(self, text: str) -> None:
        self.tab.keyboard.type(text)
        self.count += len(text)


def sidebar_open(tab) -> bool:
    """Open means drawn on screen over the page: what a reader sees, not only Streamlit's flag."""
    return tab.evaluate(
        "s => { const r = s.getBoundingClientRect(); return s.dataset.collapsed === 'false'"
        " && getComputedStyle(s).visibility === 'visible' && r.right > 0 && r.width > 0; }",
        tab.locator(SIDEBAR).element_handle(),
    )


def open_sidebar(tab) -> None:
    tab.locator("[data-testid=stExpandSidebarButton]").click()
    tab.wait_for_function("s => s.dataset.collapsed === 'false'", arg=tab.locator(SIDEBAR).element_handle())
    tab.wait_for_timeout(400)  # it slides in
    assert sidebar_open(tab)


def test_on_a_phone_the_sidebar_closes_after_each_navigation_and_stays_open_for_a_filter(page, server):
    """390 x 844 in a desktop browser (Streamlit closes it by itself only for its own navigation links, and only
    when the browser says it is a phone): three pages chosen in the navigation menu (the sidebar's own planning
    links are hidden there, the menu has them); after each the sidebar is closed and the page is what the middle of
    the screen shows. A filter changed in the open sidebar reruns the same page: the sidebar stays open for the next
    one."""
    page.set_viewport_size(PHONE)
    try:
        page.goto(f"{server}/")
        wait_ready(page)
        assert not sidebar_open(page), "a first visit at phone width opens with the sidebar over the page"
        for name, links in [
            ("Funding mix", "[data-testid=stSidebarNav] a"),
            ("Compare", "[data-testid=stSidebarNav] a"),
            ("Coverage gaps", "[data-testid=stSidebarNav] a"),
        ]:
            open_sidebar(page)
            # the navigation is in the sidebar on a phone: the planning links above the filters are not said twice
            planning = page.locator("[data-testid=stSidebarUserContent] [data-testid=stPageLink-NavLink]")
            assert not planning.filter(has_text="Replication finder").is_visible()
            assert page.locator("[data-testid=stSidebarNav] a").filter(has_text="Replication finder").is_visible()
            page.locator(links).filter(has_text=re.compile(f"{name}$")).click()
            page.wait_for_function("t => document.title === t", arg=name, timeout=30_000)
            wait_ready(page)
            try:
                page.wait_for_function(
                    "s => s.dataset.collapsed === 'true'", arg=page.locator(SIDEBAR).element_handle(), timeout=5_000
                )
            except PlaywrightTimeout:
                pytest.fail(f"the sidebar stayed open over {name}")
            assert not sidebar_open(page), f"the sidebar stayed open over {name}"
            middle = page.evaluate(
                "() => !!document.elementFromPoint(innerWidth / 2, innerHeight / 2).closest('[data-testid=stMain]')"
            )
            assert middle, f"{name}: the middle of the screen is not the page"
        open_sidebar(page)
        search = page.locator(f"{SIDEBAR} [data-testid=stTextInput] input")
        search.fill("youth")
        search.press("Enter")
        page.wait_for_url("**q=youth**", timeout=30_000)
        wait_ready(page)
        assert sidebar_open(page), "a filter change closed the sidebar the reader is working in"
    finally:
        # The open/closed state is kept in the browser's storage, which this module's other tests share.
        page.evaluate("() => localStorage.clear()")


def test_on_a_phone_the_closed_sidebar_takes_no_tab_stop(page, server):
    """Closed, the sidebar only slides off screen: its navigation links and filters were the first Tab stops, the
    focus out of sight. Now the first stops are the skip link, the button that opens the sidebar, then the page,
    each on screen."""
    page.set_viewport_size(PHONE)
    page.goto(f"{server}/")
    wait_ready(page)
    assert not sidebar_open(page)
    stops = []
    for _ in range(6):
        page.keyboard.press("Tab")
        where = page.evaluate(
            "() => { const e = document.activeElement, r = e.getBoundingClientRect();"
            " return {sidebar: !!e.closest('[data-testid=stSidebar]'), shown: r.right > 0 && r.left < innerWidth}; }"
        )
        stops.append({**focused(page), **where})
    assert not any(s["sidebar"] for s in stops) and all(s["shown"] for s in stops), stops
    assert [s["testid"] for s in stops[:3]] == ["stSkipToContent", "stExpandSidebarButton", "stMain"], stops


def test_every_tab_stop_up_to_the_navigation_shows_a_ring_of_3_to_1(page, server):
    """From a fresh Overview, Tab through the skip link, the sidebar's links, search box, selects, help buttons and
    buttons, to the top navigation's links (the current page's, tinted, too) and its "more" button: each focused
    one draws a solid ring of at least 2 px and 3:1 against what is behind it (WCAG 2.4.7, 1.4.11)."""
    page.goto(f"{server}/")
    wait_ready(page)
    seen: list[dict] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        now = focused(page)
        contrast = ring_contrast(page)
        assert contrast >= 3, (now, contrast)
        seen.append(now)
        if now["testid"] == "stTopNavSection":
            break
    else:
        pytest.fail("the top navigation's last button was never reached")
    kinds = {s["testid"] for s in seen}
    for kind in ("stSkipToContent", "stPageLink-NavLink", "stTextInputField", "stTopNavLink", "stTopNavSection"):
        assert kind in kinds, (kind, kinds)
    assert any(s["text"] == "Reset filters" for s in seen) and any(s["tag"] == "INPUT" for s in seen), seen
    assert any(s["text"].endswith("Overview") for s in seen if s["testid"] == "stTopNavLink")  # the current page


def test_the_first_tab_stop_skips_to_the_page(page, server):
    """Streamlit's own skip link comes before anything the app can draw (the sidebar's close button too), so it is
    the one: shown once focused, with a ring; Enter puts the focus on the page, and the next Tab stays in it."""
    page.goto(f"{server}/")
    wait_ready(page)
    skip = Keys(page).press("Tab")
    assert (skip["tag"], skip["testid"], skip["text"]) == ("A", "stSkipToContent", "Skip to main content")
    box = page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect(); return [r.x, r.y, r.width]; }"
    )
    assert box[0] >= 0 and box[1] >= 0 and box[2] > 0, f"the focused skip link is off screen: {box}"
    assert ring_contrast(page) >= 3
    page.keyboard.press("Enter")
    assert focused(page)["testid"] == "stMain"
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('[data-testid=stMain]')"), focused(page)


def test_a_country_profile_is_at_most_15_key_presses_from_the_overview(page, server):
    """Tab to the skip link, Enter: the page. Shift+Tab: the navigation just above it, the "more" menu. Enter
    opens it on Country profile (arrows move in it), Enter opens the page; Tab to the Country chooser, type
    "Brazil", Enter. Every key counts: 14 (the issue counted 42 tabbing forward through the sidebar)."""
    page.goto(f"{server}/")
    wait_ready(page)
    keys = Keys(page)
    keys.press_until("Tab", lambda f: f["testid"] == "stSkipToContent", limit=1)
    keys.press("Enter")
    is_profile = re.compile(r"\bCountry profile$")
    nav = keys.press_until(
        "Shift+Tab",
        lambda f: f["testid"] == "stTopNavSection" or (f["testid"] == "stTopNavLink" and is_profile.search(f["text"])),
        limit=3,
    )
    if nav["testid"] == "stTopNavSection":  # the "N more" menu
        item = keys.press("Enter")
        if not is_profile.search(item["text"]):
            keys.press_until("ArrowDown", lambda f: bool(is_profile.search(f["text"])), limit=8)
        assert focused(page)["role"] == "menuitem" and ring_contrast(page) >= 3
    keys.press("Enter")
    page.wait_for_url("**/profile**", timeout=30_000)
    wait_ready(page, "[data-testid=stSelectbox]")
    chooser = page.locator("[data-testid=stSelectbox]").filter(has_text="Country").locator("input")
    keys.press_until("Tab", lambda f: chooser.evaluate("e => e === document.activeElement"), limit=6)
    keys.type("Brazil")
    keys.press("Enter")
    page.wait_for_url("**iso3=BRA**", timeout=30_000)
    page.get_by_role("heading", name="Brazil at a glance").wait_for(timeout=30_000)
    assert keys.count <= 15, f"{keys.count} key presses from the Overview to Brazil's profile"


CUT = """() => [...document.querySelectorAll(
    '[data-testid=stMetricLabel], [data-testid=stMetricDelta], [data-testid=stPageLink-NavLink]')]
  .flatMap(box => [box, ...box.querySelectorAll('*')])
  .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflow !== 'visible')
  .map(e => e.innerText.trim()).filter(Boolean)"""


@pytest.mark.parametrize("width", [1400, 390])
def test_no_tile_label_note_or_sidebar_link_is_cut_short(page, server, width):
    """Issue 23, point 13: "Practices moved online ..." was cut at 1,400 px; the notes a country filter adds to the
    Overview's tiles ("naming Ethiopia; 5 more may reach it") and the sidebar's About link ended in "…" too."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/?country=ETH")
    wait_ready(page, "[data-testid=stMetricDelta]")
    assert page.locator("[data-testid=stMetricDelta]").count() >= 4
    assert page.evaluate(CUT) == []
