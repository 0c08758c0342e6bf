"""The one caching layer (app/memo.py): a value per function and arguments, shared, bounded in bytes and in
datasets, never stale; a dataset dropped takes everything derived from it."""

import gc
import threading
import time
import weakref
from functools import partial

import numpy as np
import pandas as pd
import pytest

from app import memo
from sstc.analysis import filters


def one_each(value: object) -> int:
    return 1


def test_a_call_is_computed_once_per_arguments_and_shared():
    store = memo.Store(budget=16, sizeof=one_each)
    calls = []

    def double(x: int) -> int:
        calls.append(x)
        return 2 * x

    first = store.get(("double", 3), lambda: double(3))
    again = store.get(("double", 3), lambda: double(3))
    other = store.get(("double", 4), lambda: double(4))
    assert (first, again, other) == (6, 6, 8)
    assert calls == [3, 4]
    assert (store.hits, store.misses) == (1, 2)


def test_the_store_is_bounded_least_recently_used_out_first():
    store = memo.Store(budget=2, sizeof=one_each)
    store.get("a", lambda: 1)
    store.get("b", lambda: 2)
    store.get("a", lambda: 1)  # a is now the most recent
    store.get("c", lambda: 3)
    assert list(store.values) == ["a", "c"]


def test_frames_count_by_identity_values_and_lists_by_value():
    frame = pd.DataFrame({"x": [1]})
    same_content = pd.DataFrame({"x": [1]})
    assert memo.token(frame) == memo.token(frame)
    assert memo.token(frame) != memo.token(same_content)  # equal content, another object: not the same state
    assert memo.token(["a", "b"]) == memo.token(["a", "b"])
    assert memo.token(filters.Filters(regions=("Africa",))) == memo.token(filters.Filters(regions=("Africa",)))
    assert memo.token(filters.Filters(regions=("Africa",))) != memo.token(filters.Filters())


def test_a_key_keeps_its_object_alive_so_an_id_is_never_reused():
    key = memo.token(pd.DataFrame({"x": [1]}))  # the frame has no other reference
    assert isinstance(key, memo.Same) and isinstance(key.value, pd.DataFrame)


def test_the_same_filter_state_gives_the_same_objects(tables):
    state = filters.Filters(regions=("Africa",))
    first = memo.call(filters.apply, tables, state)
    again = memo.call(filters.apply, tables, filters.Filters(regions=("Africa",)))
    assert first is again  # so what pages compute from it is found again too
    assert memo.call(filters.apply, tables, filters.Filters()) is not first
    assert len(first.records) < len(tables.records)


def test_the_budget_counts_the_bytes_a_value_holds():
    """Bounded in bytes, not entries: a frame of a million floats counts its 8 MB (Streamlit's own count said 1)."""
    store = memo.Store(budget=20 * 2**20)
    big = store.get("big", lambda: pd.DataFrame({"x": np.arange(1_000_000, dtype=float)}))
    assert store.values["big"].size >= 8_000_000 and store.bytes >= 8_000_000
    store.get("small", lambda: "a few bytes")
    store.get("big2", lambda: pd.DataFrame({"x": np.arange(1_000_000, dtype=float)}))
    store.get("big3", lambda: pd.DataFrame({"x": np.arange(1_000_000, dtype=float)}))
    assert "big" not in store.values and store.bytes <= 20 * 2**20  # the oldest left to make room
    assert big["x"].iloc[-1] == 999_999.0  # a page still holding it keeps its own reference


class Root:
    """Stands for a dataset's tables: an object counted by identity."""

    __hash__ = None  # type: ignore[assignment]


def derive(root: Root, n: int) -> pd.DataFrame:
    return pd.DataFrame({"n": [n] * 1000})


def test_values_belong_to_their_dataset_and_leave_with_it():
    store = memo.Store(datasets=2)
    first, second = Root(), Root()
    store.adopt(first)
    store.adopt(second)
    a = store.get(("derive", memo.token(first), 1), partial(derive, first, 1), (memo.token(first), 1))
    store.get(("derive", memo.token(second), 1), lambda: derive(second, 1), (memo.token(second), 1))
    # a value computed from a value of a dataset belongs to that dataset too
    store.get(("again", memo.token(a)), partial(a.head, 10), (memo.token(a),))
    sizes = store.sizes()
    assert sum(1 for v in sizes.values() if v > 0) == 2
    gone = weakref.ref(first)
    store.drop(first)
    assert [k[0] for k in store.values] == ["derive"]  # only the second dataset's value is left
    del first, a
    gc.collect()
    assert gone() is None  # nothing in the store holds the dropped dataset any more


def test_a_new_dataset_beyond_the_limit_drops_the_least_recently_used_one():
    store = memo.Store(datasets=2)
    roots = [Root(), Root(), Root()]
    for n, root in enumerate(roots):
        store.adopt(root)
        store.get(("derive", n), lambda root=root, n=n: derive(root, n), (memo.token(root), n))
        if n == 1:
            store.adopt(roots[0])  # the first is used again: the second is now the oldest
    assert sorted(k[1] for k in store.values) == [0, 2]


def test_a_loaded_dataset_is_read_once_and_forgotten_with_what_derives_from_it():
    store = memo.Store(datasets=3)
    reads = []

    def read() -> tuple:
        reads.append(1)
        return (Root(), Root())

    loaded = store.load("upload-1", read, lambda value: value)
    assert store.load("upload-1", read, lambda value: value) is loaded and reads == [1]
    store.get(("derive", 1), partial(derive, loaded[1], 1), (memo.token(loaded[1]), 1))
    tables = weakref.ref(loaded[1])
    store.forget("upload-1")
    assert store.values == {} and store.datasets_by_key == {}
    del loaded
    gc.collect()
    assert tables() is None
    store.load("upload-1", read, lambda value: value)
    assert reads == [1, 1]  # read again once forgotten


def test_two_sessions_asking_for_the_same_value_at_once_compute_it_once():
    store = memo.Store()
    calls = []

    def slow() -> list:
        calls.append(1)
        time.sleep(0.3)
        return [1, 2, 3]

    results = []
    threads = [threading.Thread(target=lambda: results.append(store.get("slow", slow))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1] and all(r is results[0] for r in results)


def test_a_failed_computation_is_not_kept_and_the_next_caller_computes_it():
    store = memo.Store()

    def fails() -> int:
        raise ValueError("no")

    for _ in range(2):
        with pytest.raises(ValueError):
            store.get("x", fails)
    assert "x" not in store.values and store.pending == {}
    assert store.get("x", lambda: 5) == 5


def test_the_size_estimate_is_close_to_a_full_measure_and_leaves_out_the_whole_a_subset_cuts_from(tables):
    """Sizes are estimated (pympler measured every string: 23 ms of a 72 ms filter change): frames within a factor of
    two of pympler's count, and a filtered Subset counts its own cut tables, not the whole dataset it refers to."""
    from streamlit.runtime.stats import safe_sizeof

    from sstc.analysis import transforms

    for frame in (tables.countries, transforms.record_table(tables, "practice"), transforms.outcome_region(tables)):
        assert 0.5 <= memo.estimate(frame) / safe_sizeof(frame) <= 2, list(frame.columns)[:3]
    words = pd.DataFrame({"t": ["a fairly long sentence of text " * 4] * 5_000})
    assert 0.5 <= memo.estimate(words) / safe_sizeof(words) <= 2  # sampled, then scaled to every row
    africa = filters.apply(tables, filters.Filters(regions=("Africa",)))
    cut = africa.records  # a table cut on first use
    assert memo.estimate(africa) < safe_sizeof(tables.records) and memo.estimate(africa) >= memo.estimate(cut)
