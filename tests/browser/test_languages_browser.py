"""The language in a real browser (issue 26): chosen in the sidebar, it keeps the filters and follows the visitor
from page to page in the address; a browser that prefers Spanish gets Spanish; the page says its language."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import SCREENSHOTS, desktop, wait_ready
from tests.conftest import TAB_TITLES


def choose_language(page, name: str) -> None:
    """The sidebar's language choice set to `name`. Under load a click and the keys typed after it could reach the
    box before it opened (no option came in 30 s, once in a clean CI run): tried again then, up to three times."""
    named = page.get_by_role("combobox", name=re.compile("^(Language|Langue|Idioma)$"))
    box = page.locator("[data-testid=stSelectbox]").filter(has=named)
    box.scroll_into_view_if_needed()
    for _attempt in range(3):
        box.locator("input").click()
        page.keyboard.type(name[:3])
        option = page.get_by_role("option", name=name)
        try:
            option.wait_for(timeout=8_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        option.click()
        return
    raise AssertionError(f"the language box never offered {name}")


def _lang(tab) -> str:
    return tab.evaluate("() => document.documentElement.lang")


def test_switching_language_keeps_the_filters_and_follows_the_pages(page, server):
    page.goto(f"{server}/funding?region=Africa")
    wait_ready(page)
    english = page.locator("h1").first.inner_text()
    choose_language(page, "Français")
    page.wait_for_url(re.compile(r"lang=fr"), timeout=30_000)
    wait_ready(page)
    page.wait_for_function("() => document.documentElement.lang === 'fr'", timeout=10_000)
    assert "region=Africa" in page.url
    assert page.locator("h1").first.inner_text() != english
    region = page.locator("[data-testid=stMultiSelect]").nth(1)
    assert region.locator("[data-baseweb=tag], [role=listitem], span").filter(has_text=re.compile(".")).count() > 0
    # a second change, and back: the filters stay each time (the browser's multiselect held its choices as words)
    for code, name in (("es", "Español"), ("fr", "Français")):
        choose_language(page, name)
        page.wait_for_url(re.compile(rf"lang={code}"), timeout=30_000)
        wait_ready(page)
        page.wait_for_function("(code) => document.documentElement.lang === code", arg=code, timeout=10_000)
        assert "region=Africa" in page.url
        region = page.locator("[data-testid=stMultiSelect]").nth(1)
        assert region.get_by_text(re.compile("^(Afrique|África)$")).count() == 1
    page.locator("[data-testid=stTopNavLink][href$='modalities']").first.click()
    page.wait_for_url(re.compile(r"/modalities\?"), timeout=30_000)
    wait_ready(page)
    assert "lang=fr" in page.url and "region=Africa" in page.url
    assert _lang(page) == "fr"


def test_a_browser_that_prefers_spanish_gets_spanish(browser, server):
    context = desktop(browser, locale="es-ES")
    try:
        tab = context.new_page()
        tab.goto(f"{server}/funding")
        wait_ready(tab)
        tab.wait_for_function("() => document.documentElement.lang === 'es'", timeout=10_000)
        assert tab.get_by_role("combobox", name="Idioma").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("code", ["fr", "es"])
@pytest.mark.parametrize(("path", "name"), [("", "overview"), ("funding", "funding"), ("replication", "replication")])
def test_three_pages_in_each_language(page, server, path, name, code):
    """The README's screenshots: the page titled, headed and said to be in the language."""
    page.goto(f"{server}/{path}")
    wait_ready(page)
    english = page.locator("h1").first.inner_text()
    page.goto(f"{server}/{path}?lang={code}")
    wait_ready(page)
    page.wait_for_function("(code) => document.documentElement.lang === code", arg=code, timeout=10_000)
    assert page.title() != TAB_TITLES[name]
    assert page.locator("h1").first.inner_text() != english
    out = SCREENSHOTS / code
    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=out / f"{name}.png")
