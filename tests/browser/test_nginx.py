"""`make serve WORKERS=N`: N Streamlit processes behind nginx, with sticky sessions, gzip and long cache headers.

Under CI=true a missing nginx fails the run (`make test` installs Debian's nginx-light as root); locally it skips.
"""

import asyncio
import os
import re
import urllib.request

import pytest
from websockets.asyncio.client import connect

from app.devserver import nginx_binary, serve
from benchmarks.load_test import cpu_seconds, one_run, rerun_message
from sstc.view import geo


@pytest.fixture(scope="module")
def cluster():
    if nginx_binary() is None:
        message = "nginx is not installed (make nginx, as root)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    with serve(workers=2, timeout=120) as (url, pids):
        yield url, pids


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_nginx_serves_health_and_the_page_and_sets_the_route_cookie(cluster):
    url, _ = cluster
    status, _, body = get(f"{url}/_stcore/health")
    assert (status, body) == (200, b"ok")
    status, headers, body = get(f"{url}/")
    assert status == 200 and headers["server"].startswith("nginx")
    assert b'<div id="root">' in body
    assert re.match(r"sstc_route=[0-9a-f]{32}; Path=/; HttpOnly", headers["set-cookie"])
    # a browser that has the cookie is not given a new one
    _, headers, _ = get(f"{url}/", Cookie="sstc_route=mine")
    assert "set-cookie" not in headers


def test_scripts_and_the_map_geometry_are_compressed_and_cached(cluster):
    url, _ = cluster
    _, _, page = get(f"{url}/")
    script = re.search(rb'src="\./(static/js/[^"]+\.js)"', page).group(1).decode()
    _, headers, body = get(f"{url}/{script}", **{"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    _, plain, raw = get(f"{url}/{script}")
    assert "content-encoding" not in plain and len(body) < len(raw) / 2
    _, headers, _ = get(f"{url}/app/static/topojson/{geo.TOPOJSON_FILE.name}", **{"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip" and headers["content-type"] == "application/json"
    assert headers["cache-control"] == "public, max-age=604800"


async def _session(ws_url: str, route: str, reruns: int = 2) -> None:
    async with connect(
        ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=30, additional_headers={"Cookie": route}
    ) as ws:
        for _ in range(reruns):
            await one_run(ws, rerun_message("", []), {}, 60)  # raises if the page shows an exception


def _worker_that_ran(ws_url: str, route: str, pids: list[int]) -> int:
    before = [cpu_seconds(pid) for pid in pids]
    asyncio.run(_session(ws_url, route))
    grown = [cpu_seconds(pid) - b for pid, b in zip(pids, before, strict=True)]
    return pids[grown.index(max(grown))]


def test_the_websocket_runs_the_app_and_a_route_always_reaches_the_same_process(cluster):
    url, pids = cluster
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    first = {f"sstc_route=user-{n}": _worker_that_ran(ws_url, f"sstc_route=user-{n}", pids) for n in range(12)}
    assert set(first.values()) == set(pids)  # the routes spread over both processes
    for route, pid in list(first.items())[:4]:
        assert _worker_that_ran(ws_url, route, pids) == pid  # and a browser's route sticks to its process
