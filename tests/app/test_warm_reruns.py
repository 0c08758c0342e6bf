"""A rerun of a state seen before computes nothing (issue 27): every value a page asks the memo for is found there.

A page's script runs anew on every rerun, so a mapping or frame it builds itself and hands to the memo keys a new
entry each time: the Shortlist's two maps (a colour mapping made on the page) were drawn again on every rerun, the
Replication finder's judgement table translated again. Each view here is opened, run once more to settle, and then
run again: that last run must miss nothing."""

import pytest

from app import memo
from tests.app.apptest import open_path
from tests.conftest import EVERY_VIEW

VIEWS = [*EVERY_VIEW, ("replication?target=CRI", "replication-target"), ("profile?iso3=BRA&region=Arab+States",
         "profile-nearest-answers"), ("gaps?view=Theme+x+region", "gaps-theme")]  # fmt: skip


@pytest.mark.parametrize("path", [path for path, _name in VIEWS], ids=[name for _path, name in VIEWS])
def test_a_warm_rerun_computes_nothing(path):
    at = open_path(path)
    at.run()
    store = memo.store()
    before, known = store.misses, set(store.values)
    at.run()
    assert not at.exception, at.exception
    computed = [key[:2] for key in store.values if key not in known]
    assert store.misses == before, computed
