"""Accessible by construction: axe-core (WCAG 2.1 A/AA + best practice) in Chromium on every page, default,
filtered and at phone width (390 x 844), failing on any serious or critical violation; phone screenshots for the
README; a country profile reached by keyboard alone."""

import itertools
import os
from pathlib import Path

import pytest

from sstc import ROOT_DIR
from tests.browser.conftest import SCREENSHOTS, wait_ready
from tests.conftest import EVERY_VIEW as PAGES
from tests.conftest import TAB_TITLES as TITLES

AXE = ROOT_DIR / "node_modules" / "axe-core" / "axe.min.js"


# --- in Chromium ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        message = f"axe-core not found at {AXE}: run `npm ci` (make test does)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def run_axe(tab, source: str) -> list[dict]:
    if not tab.evaluate("() => typeof axe === 'object'"):
        tab.add_script_tag(content=source)
    return tab.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
            return result.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )


def _looks(tab) -> list[str]:
    """Outline, box shadow and border colour of the focused element and its four nearest ancestors."""
    return tab.evaluate(
        "() => { const out = []; let e = document.activeElement;"
        " for (let i = 0; e && i < 5; i++, e = e.parentElement) { const s = getComputedStyle(e);"
        " out.push([s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor].join(' ')); }"
        " return out; }"
    )


@pytest.mark.parametrize(("path", "name"), PAGES)
@pytest.mark.parametrize("state", ["default", "filtered", "phone", "fr", "es"])
def test_axe_finds_no_serious_or_critical_violation(page, server, axe_source, path, name, state):
    """Default and filtered at desktop width, and at phone width, where Streamlit moves the navigation into the
    sidebar (that is where sectioned navigation wrote invalid lists); in French and Spanish, whose page says its
    language (`<html lang>`)."""
    url = f"{server}/{path}"
    if state == "filtered":
        url += ("&" if "?" in url else "?") + "region=Africa"
    if state in ("fr", "es"):
        url += ("&" if "?" in url else "?") + f"lang={state}"
    if state == "phone":
        page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    wait_ready(page)
    # Read when settled and again a moment later: a region that scrolls with nothing focusable in it, read at the
    # wrong moment, passed 2 runs in 4 (Replication finder); a violation must fail the test whenever it shows.
    found = run_axe(page, axe_source)
    page.wait_for_timeout(1000)
    found += run_axe(page, axe_source)
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    if state in ("fr", "es"):
        page.wait_for_function("(code) => document.documentElement.lang === code", arg=state, timeout=10_000)
        assert page.title() != TITLES[name]  # the browser tab is named in the language too
    else:
        assert page.title() == TITLES[name]
        assert page.evaluate("() => document.documentElement.lang") == "en"
    headings = page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stMain] :is(h1, h2, h3, h4)')].map(h => +h.tagName[1])"
    )  # the sidebar's "Filters" (h2) comes first in the DOM; axe's heading-order rule passes with it
    assert headings[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(headings)), headings


@pytest.fixture(scope="module")
def phone(browser):
    """A phone's browser (390 x 844, touch), one context for the module's pages as `visitor` is for the desktop."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context
    context.close()


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_every_page_at_phone_width(phone, server, path, name):
    tab = phone.new_page()
    tab.goto(f"{server}/{path}")
    wait_ready(tab)
    overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} scrolls sideways by {overflow}px"
    for chart in tab.locator(".js-plotly-plot").all()[:2]:
        box = chart.bounding_box()
        assert box is None or box["width"] >= 300  # charts use the width, the legend goes under them
    out = SCREENSHOTS / "phone"
    out.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=Path(out / f"{name}.png"))
    tab.close()


def test_a_country_profile_opens_from_the_keyboard_alone_with_focus_in_sight(page, server):
    """Tab to the country chooser, type, Enter: the profile opens, no mouse; the focused control shows a ring."""
    page.goto(f"{server}/coverage")
    wait_ready(page, "[data-testid=stDataFrame]")
    chooser = page.locator("[data-testid=stSelectbox]").filter(has_text="Open a country profile").locator("input")
    for _ in range(200):  # Tab through the page until the chooser has the focus
        page.keyboard.press("Tab")
        if chooser.evaluate("e => e === document.activeElement"):
            break
    else:
        pytest.fail("the country chooser cannot be reached with Tab")
    focused = _looks(page)
    chooser.evaluate("e => { window.__chooser = e; e.blur(); }")
    blurred = page.evaluate(
        "() => { const out = []; let e = window.__chooser;"
        " for (let i = 0; e && i < 5; i++, e = e.parentElement) { const s = getComputedStyle(e);"
        " out.push([s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor].join(' ')); }"
        " return out; }"
    )
    assert focused != blurred, "the chooser looks the same with and without the focus"
    chooser.focus()
    page.keyboard.type("Ethiopia")
    page.keyboard.press("Enter")
    page.wait_for_url("**/profile?**iso3=ETH**", timeout=30_000)
    wait_ready(page, "[data-testid=stMetric]")
    assert page.get_by_role("heading", name="Ethiopia at a glance").count() == 1
