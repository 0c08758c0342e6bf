"""The one caching layer for what pages compute: a value per (function, arguments), shared by every session.

What a page shows depends only on the dataset and the filter state. The dataset's tables are one shared object per
file (`app.dataset.load`, `st.cache_resource`); `filtered` is memoised here on (tables, filters), so the same filter
state gives the same filtered object in every session; every function a page calls on them is memoised here too, and so
its result is the same object again, which keys the next call. A second user with the same state, or a rerun,
computes nothing.

Keys: a hashable argument (text, numbers, tuples, `Filters`) and a list count by value; anything else (tables,
frames, figures) by identity, through `Same`, which holds the object: an entry keeps its arguments alive, so no id is
reused while the key exists. The store is bounded (least recently used out first) and lives in `st.cache_resource`,
so Streamlit's "Clear cache" empties it. Values are shared read-only: pandas copy-on-write keeps a derived frame from
writing back, and no page mutates a figure. The functions stay pure and are unit-tested without this layer.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, TypeVar

import streamlit as st

P = ParamSpec("P")
T = TypeVar("T")
MAX_ENTRIES = 4096  # ~40 values a page x 14 pages x a few filter states; each a few kB to a few hundred kB


class Same:
    """An argument that counts by identity: equal only to itself, and it keeps the object alive."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value


def token(value: Any) -> Hashable:
    """A list counts by its items (a page's list of keys is built anew each rerun); other unhashable values
    (tables, frames, figures) by identity."""
    if isinstance(value, list):
        return ("list", *(token(v) for v in value))
    try:
        hash(value)
    except TypeError:
        return Same(value)
    return value


class Store:
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
            value = self.values.setdefault(key, value)  # the first one stored wins: one object per key
            self.values.move_to_end(key)
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value  # type: ignore[return-value]


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return Store(MAX_ENTRIES)


def call(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`function(*args, **kwargs)`, computed once per function and arguments (see the module's note on keys)."""
    key = (
        function.__module__,
        function.__qualname__,
        tuple(token(a) for a in args),
        tuple(sorted((k, token(v)) for k, v in kwargs.items())),
    )
    return store().get(key, lambda: function(*args, **kwargs))
