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
    return shutil.which("chromium") or (os.path.exists("/usr/bin/chromium") and "/usr/bin/chromium") or None


@pytest.fixture(scope="module")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        message = "Chromium not found: install Debian's package (apt-get install -y chromium); `make test` does as root"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    try:
        with serve() as (url, _pids):
            yield url
    except RuntimeError as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A page whose requests to any host but this machine are aborted and recorded; none may happen."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    outside: list[str] = []

    def route(request_route):
        host = urlparse(request_route.request.url).hostname
        if host in LOCAL_HOSTS or request_route.request.url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    yield tab
    context.close()
    assert outside == [], f"requests left this machine: {outside[:5]}"


def wait_ready(tab, selector: str = "h1") -> None:
    tab.wait_for_selector(selector, timeout=30_000)
    tab.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000)
    tab.wait_for_function("() => !document.querySelector('[data-testid=stSkeleton]')", timeout=30_000)
    tab.wait_for_timeout(500)
