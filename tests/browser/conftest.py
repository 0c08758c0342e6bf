"""Headless Chromium (Debian's package) against the app served on a free local port, every request off this
machine blocked and recorded. Under CI=true a missing Chromium fails the run; locally the tests skip with a message."""

import os
import re
import shutil
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from app.devserver import serve
from sstc import DEFAULT_DATA, ROOT_DIR
from sstc.data.identity import identify
from sstc.data.load import load_path

SCREENSHOTS = ROOT_DIR / "docs" / "screenshots"


# The shipped data's version and hash as file names carry them (`v2.1-3f2a9c1d` -> `v2-1-3f2a9c1d`)
SLUG = re.escape(identify(load_path(DEFAULT_DATA), DEFAULT_DATA.read_bytes()).slug().replace(".", "-"))


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
]


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def chromium_path() -> str | None:
    """$SSTC_CHROMIUM, else Debian's chromium-headless-shell (the engine Playwright itself runs headless: the same
    Blink and V8, without the browser's shell; it took 0.43 s of CPU a page where the full browser took 1.0 s),
    else Debian's chromium."""
    if os.environ.get("SSTC_CHROMIUM"):
        return os.environ["SSTC_CHROMIUM"]
    return shutil.which("chromium-headless-shell") or shutil.which("chromium")


# Every request to a host that is not this machine goes to a closed local port (loopback bypasses a proxy), so it
# fails at once; the `page` fixture records it and fails the test. Blocking by proxy, not by Playwright's routing,
# keeps the browser's cache: routing turns it off and cost ~0.9 s a page load.
BLOCK_OFF_MACHINE = "--proxy-server=http://127.0.0.1:9"


def off_machine(url: str) -> bool:
    return not url.startswith(("data:", "blob:")) and urlparse(url).hostname not in LOCAL_HOSTS


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        message = (
            "Chromium not found: install Debian's package (apt-get install -y chromium-headless-shell); "
            "`make test` does as root"
        )
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """One Streamlit process on a free port for every browser test of this pytest process (each xdist worker has
    its own); each test's page load is a new Streamlit session in it."""
    try:
        with serve() as (url, _pids):
            yield url
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=[*CHROMIUM_ARGS, BLOCK_OFF_MACHINE])
        yield instance
        instance.close()


def watched(context) -> list[str]:
    """Every URL the context will request, recorded."""
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    return requested


def desktop(browser, **options):
    return browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, **options)


@pytest.fixture(scope="module")
def visitor(browser) -> Iterator[tuple[object, list[str]]]:
    """One browser context for the pages of every test of a module, and every URL it requested. A returning
    visitor: the app's scripts come from the cache after the first page (a page drawn in ~1.1 s instead of ~2.8 s
    for a fresh context), while each test still opens its own tab and so its own Streamlit session."""
    context = desktop(browser)
    yield context, watched(context)
    context.close()


@pytest.fixture
def page(request, browser, visitor):
    """A tab of its own; any request it makes to a host but this machine is blocked and fails the test.

    A test marked `downloads` gets a context of its own too: in a shared context Chromium now and then let a
    download button's click bring no file (2 of 24 clicks, against 0 of 24 in fresh contexts)."""
    if request.node.get_closest_marker("downloads"):
        context = desktop(browser)
        requested, first = watched(context), 0
    else:
        context, requested = visitor
        first = len(requested)
    tab = context.new_page()
    yield tab
    tab.close()
    if context is not visitor[0]:
        context.close()
    outside = [url for url in requested[first:] if off_machine(url)]
    assert outside == [], f"requests left this machine: {outside[:5]}"


def wait_ready(tab, selector: str = "h1") -> None:
    tab.wait_for_selector(selector, timeout=30_000)
    tab.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
    tab.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=30_000)
    tab.wait_for_timeout(500)
