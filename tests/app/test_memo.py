"""The one caching layer (app/memo.py): a value per function and arguments, shared, bounded, never stale."""

import pandas as pd

from app import memo
from sstc.analysis import filters


def test_a_call_is_computed_once_per_arguments_and_shared():
    store = memo.Store(16)
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
    store = memo.Store(2)
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
