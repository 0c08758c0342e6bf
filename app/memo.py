"""The one caching layer for what pages compute: a value per (function, arguments), shared by every session, bounded
in bytes and in datasets.

What a page shows depends only on the dataset and the filter state. The dataset's tables are one shared object per
file (`app.dataset.load`); `filtered` is memoised here on (tables, filters), so the same filter state gives the same
filtered object in every session; every function a page calls on them is memoised here too, and so its result is the
same object again, which keys the next call. A second user with the same state, or a rerun, computes nothing; two
sessions asking for the same value at once compute it once.

Keys: a hashable argument (text, numbers, tuples, `Filters`) and a list count by value; anything else (tables,
frames, figures) by identity, through `Same`, which holds the object: an entry keeps its arguments alive, so no id is
reused while the key exists.

Bounds: every entry belongs to the dataset it derives from (`adopt` names a dataset's tables; a value computed from
an object of a dataset belongs to it too); at most DATASETS datasets keep entries, and `drop` (an upload removed)
or a newer dataset frees all of the oldest one's entries, and with them the last references to its tables. The
values' sizes (measured when stored) stay under BUDGET bytes, least recently used out first. The store lives in
`st.cache_resource`, so Streamlit's "Clear cache" empties it. Values are shared read-only: pandas copy-on-write keeps
a derived frame from writing back, and no page mutates a figure. The functions stay pure and are unit-tested
without this layer. The datasets themselves (the file in use, uploads) are read through `Store.load`, so they
count against DATASETS too: this is the app's one cache.
"""

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st
from plotly.basedatatypes import BaseFigure

from sstc.data import i18n

P = ParamSpec("P")
T = TypeVar("T")
BUDGET = 256 * 2**20  # bytes of values; the shipped dataset's 14 pages in a few filter states take ~15 MiB
DATASETS = 3  # datasets whose derived values are kept (the file in use and two uploads)
SHARED = "(no dataset)"  # the bucket of values that derive from no adopted dataset


SAMPLE = 64  # items of a long list, dict or text column measured; the rest counted at their average


def estimate(value: object, depth: int = 0) -> int:
    """The bytes a value holds, estimated fast: a frame's columns by their dtypes, its Python strings from a
    sample; a container's items from a sample of SAMPLE; an object by its public attributes (a filtered `Subset`
    without the whole tables it cuts from). Measuring every string (pympler, Streamlit's `safe_sizeof`) took 23 ms of
    a 72 ms filter change on the Overview, on every value stored."""
    if isinstance(value, pd.DataFrame):
        # Column by column from the dtypes: `memory_usage` built a Series per call, 0.5 ms of a ~0.7 ms estimate.
        rows, total = len(value), int(value.index.memory_usage())
        unique = not value.columns.has_duplicates
        for i, (name, dtype) in enumerate(value.dtypes.items()):
            column = value[name] if unique else value.iloc[:, i]
            python_text = isinstance(dtype, pd.StringDtype) and dtype.storage == "python"
            if pd.api.types.is_object_dtype(dtype) or python_text:  # the pointers, then their objects
                total += 8 * rows + _sampled(column.tolist(), depth)
            elif isinstance(dtype, np.dtype):
                total += rows * dtype.itemsize
            else:  # an extension array (nullable numbers, Arrow): its buffers, as pandas counts them
                total += int(column.memory_usage(index=False, deep=False))
        return total
    if isinstance(value, pd.Series):
        shallow = int(value.memory_usage(index=True, deep=False))
        return shallow + (_sampled(value.tolist(), depth) if pd.api.types.is_object_dtype(value.dtype) else 0)
    if isinstance(value, pa.Table):
        return int(value.nbytes)
    if isinstance(value, (str, bytes, int, float, bool)) or value is None or depth > 6:
        return sys.getsizeof(value)
    if isinstance(value, BaseFigure):
        return estimate(value.to_plotly_json(), depth + 1)  # its data and layout, not copied
    if isinstance(value, dict):
        return sys.getsizeof(value) + _sampled([*value.keys(), *value.values()], depth)
    if isinstance(value, (list, tuple, set, frozenset)):
        return sys.getsizeof(value) + _sampled(list(value), depth)
    public = {k: v for k, v in getattr(value, "__dict__", {}).items() if not k.startswith("_")}
    return sys.getsizeof(value) + (estimate(public, depth + 1) if public else 0)


def _sampled(items: list, depth: int) -> int:
    """The items' bytes: all of them up to SAMPLE, else SAMPLE of them spread over the list, scaled."""
    if len(items) <= SAMPLE:
        return sum(estimate(item, depth + 1) for item in items)
    step = len(items) / SAMPLE
    picked = [items[int(i * step)] for i in range(SAMPLE)]
    return int(sum(estimate(item, depth + 1) for item in picked) * len(items) / SAMPLE)


class Same:
    """An argument that counts by identity: equal only to itself, and it keeps the object alive."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.value is self.value

    def __repr__(self) -> str:
        return f"Same({type(self.value).__name__} at {id(self.value):#x})"


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


@dataclass
class Entry:
    value: object
    size: int
    bucket: Hashable


class Store:
    """Values by key, each in its dataset's bucket; bounded by `budget` bytes and `datasets` buckets."""

    def __init__(self, budget: int = BUDGET, datasets: int = DATASETS, sizeof: Callable[[object], int] = estimate):
        self.budget, self.datasets, self.sizeof = budget, datasets, sizeof
        self.values: OrderedDict[Hashable, Entry] = OrderedDict()  # least recently used first
        self.buckets: OrderedDict[Hashable, set[Hashable]] = OrderedDict({SHARED: set()})
        self.roots: dict[int, Hashable] = {}  # id(an adopted dataset's object) -> its bucket (which holds it)
        self.owner: dict[int, Hashable] = {}  # id(a stored value) -> its bucket (its entry holds it)
        self.datasets_by_key: dict[Hashable, Hashable] = {}  # a loaded dataset's key -> its bucket
        self.pending: dict[Hashable, threading.Event] = {}
        self.lock = threading.Lock()
        self.hits = self.misses = self.bytes = 0

    # datasets
    def adopt(self, *roots: object) -> None:
        """Name one dataset's objects (its tables, its model): what derives from them is kept and dropped with them.
        Adopting a dataset again marks it as the most recently used."""
        with self.lock:
            bucket = next((self.roots[id(r)] for r in roots if id(r) in self.roots), None)
            if bucket is None:
                bucket = Same(roots)  # holds the objects, so their ids stay theirs while the bucket lives
                self.buckets[bucket] = set()
                for root in roots:
                    self.roots[id(root)] = bucket
            self.buckets.move_to_end(bucket)
            datasets = [b for b in self.buckets if b != SHARED]
            for old in datasets[: max(0, len(datasets) - self.datasets)]:
                self._drop_bucket(old)

    def drop(self, root: object) -> None:
        """Forget every value derived from the dataset `root` belongs to (and the dataset itself)."""
        with self.lock:
            bucket = self.roots.get(id(root))
            if bucket is not None:
                self._drop_bucket(bucket)

    def _drop_bucket(self, bucket: Hashable) -> None:
        for key in list(self.buckets.get(bucket, ())):
            self._evict(key)
        self.buckets.pop(bucket, None)
        for ident in [i for i, b in self.roots.items() if b == bucket]:
            del self.roots[ident]
        for key in [k for k, b in self.datasets_by_key.items() if b == bucket]:
            del self.datasets_by_key[key]

    def _evict(self, key: Hashable) -> None:
        entry = self.values.pop(key)
        self.bytes -= entry.size
        self.buckets[entry.bucket].discard(key)
        if self.owner.get(id(entry.value)) == entry.bucket:
            del self.owner[id(entry.value)]  # (a value stored under two keys then counts as no dataset's: rare)

    def bucket_of(self, arguments: tuple) -> Hashable:
        """The dataset a call derives from: that of its first argument counted by identity that has one."""
        for argument in arguments:
            if isinstance(argument, Same):
                bucket = self.roots.get(id(argument.value)) or self.owner.get(id(argument.value))
                if bucket is not None:
                    return bucket
        return SHARED

    # loaded datasets
    def load(self, key: Hashable, make: Callable[[], T], roots: Callable[[T], tuple]) -> T:
        """A dataset read once per key: `make()`'s value, kept as the root of its own bucket (`roots(value)` are its
        objects, e.g. the model and the tables; a value with none, e.g. a refusal, is kept as a plain value), so it
        counts against DATASETS and leaves with everything derived from it."""

        def read() -> T:
            value = make()
            objects = roots(value)
            if objects:
                self.adopt(*objects)
                with self.lock:
                    self.datasets_by_key[key] = self.roots[id(objects[0])]
            return value

        value = self.get(("dataset", key), read, size=lambda v: self.sizeof(v) if not roots(v) else 0)
        objects = roots(value)
        if objects:
            self.adopt(*objects)  # the most recently used dataset now (on a hit too)
        return value

    def forget(self, key: Hashable) -> None:
        """Forget the dataset read under `key` and everything derived from it (an upload removed)."""
        with self.lock:
            bucket = self.datasets_by_key.pop(key, None)
            if ("dataset", key) in self.values:
                self._evict(("dataset", key))
            if bucket is not None:
                self._drop_bucket(bucket)

    # values
    def get(
        self, key: Hashable, make: Callable[[], T], arguments: tuple = (), size: Callable[[T], int] | None = None
    ) -> T:
        while True:
            with self.lock:
                if key in self.values:
                    self.values.move_to_end(key)
                    self.hits += 1
                    return self.values[key].value  # type: ignore[return-value]
                waiting = self.pending.get(key)
                if waiting is None:
                    self.pending[key] = threading.Event()
                    break
            waiting.wait()  # another session is computing it: take theirs (or compute it if theirs failed)
        try:
            value = make()  # outside the lock: other keys go on meanwhile
            nbytes = (size or self.sizeof)(value)
            with self.lock:
                self.misses += 1
                loaded = isinstance(key, tuple) and key[:1] == ("dataset",)
                bucket = self.datasets_by_key.get(key[1]) if loaded else self.bucket_of(arguments)
                bucket = SHARED if bucket is None else bucket
                if bucket not in self.buckets:  # its dataset was dropped meanwhile: keep nothing derived from it
                    return value
                self.values[key] = Entry(value, nbytes, bucket)
                self.buckets[bucket].add(key)
                self.bytes += nbytes
                if isinstance(token(value), Same) and id(value) not in self.roots:
                    self.owner.setdefault(id(value), bucket)
                while self.bytes > self.budget:  # least recently used out first (a dataset's root costs 0 here)
                    self._evict(next(k for k, e in self.values.items() if e.size > 0))
            return value
        finally:
            with self.lock:
                self.pending.pop(key).set()

    def sizes(self) -> dict[str, int]:
        """Bytes of values per dataset bucket, as measured when stored (what the byte budget counts)."""
        with self.lock:
            return {repr(b): sum(self.values[k].size for k in keys) for b, keys in self.buckets.items()}


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return Store()


def call(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`function(*args, **kwargs)`, computed once per function and arguments (see the module's note on keys)."""
    arguments = tuple(token(a) for a in args)
    named = tuple(sorted((k, token(v)) for k, v in kwargs.items()))
    # The language is part of every key: a value may hold words (labels, summaries), written in the run's language.
    key = (function.__module__, function.__qualname__, arguments, named, i18n.language())
    return store().get(key, lambda: function(*args, **kwargs), arguments + tuple(v for _, v in named))
