"""The one caching layer for what pages compute: a value per (dataset, filter state, what), shared by every session.

A page's frames, figures and texts depend only on the dataset's content and the filter state, so a second
user (or a second visit) with the same state gets them without computing anything. The store is bounded (least
recently used out first) and lives in `st.cache_resource`, so Streamlit's "Clear cache" empties it too. Values are
shared read-only: pandas copy-on-write keeps a derived frame from writing back, and no page mutates a figure.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")
MAX_ENTRIES = 2048  # ~15 values a page x 14 pages x ~10 filter states; each a few kB to a few hundred kB


class _Store:
    def __init__(self, size: int) -> None:
        self.size = size
        self.values: OrderedDict[Hashable, object] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                self.hits += 1
                return self.values[key]  # type: ignore[return-value]
        value = make()  # outside the lock: two sessions may compute the same value once each, never block
        with self.lock:
            self.misses += 1
            self.values[key] = value
            self.values.move_to_end(key)
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value


@st.cache_resource(show_spinner=False)
def store() -> _Store:
    return _Store(MAX_ENTRIES)


def cached(make: Callable[[], T], *key: Hashable) -> T:
    """`make()`, computed once per `key`; the key must name everything the value depends on (dataset digest,
    filters, page parameters), which `ui.computed` does for the pages."""
    return store().get(key, make)
