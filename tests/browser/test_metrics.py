"""Streamlit's metrics say what the caches really hold (finding 2 of hardening round 3: they said 8 bytes and 1 byte
for caches holding hundreds of MiB). Not public behind nginx (`test_nginx.py`); on the machine, they are true."""

import re
import urllib.request

from tests.browser.conftest import wait_ready


def test_the_metrics_report_the_stores_real_size_in_bytes(page, server):
    page.goto(f"{server}/funding")
    wait_ready(page)
    with urllib.request.urlopen(f"{server}/_stcore/metrics", timeout=30) as answer:
        text = answer.read().decode()
    sizes = {
        name: int(value)
        for name, value in re.findall(
            r'cache_memory_bytes\{cache_type="st_cache_resource",cache="([^"]+)"\} (\d+)', text
        )
    }
    store = next(size for name, size in sizes.items() if name.endswith("memo.store"))
    # the shipped dataset's model and tables alone are about 2 MiB; an item count (Streamlit's default) is 1
    assert store > 2**20, sizes
