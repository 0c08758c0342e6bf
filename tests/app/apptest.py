"""Drive the app as a visitor does through Streamlit's AppTest: open a page by its URL, open its cards and
tabs, read its metrics, notices and downloads, upload a dataset."""

from collections.abc import Iterator
from typing import ClassVar

from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from app import dataset as app_dataset
from sstc import ROOT_DIR
from sstc.data import identity
from tests.conftest import shown

NOTHING = "Nothing matches the current filters"


def open_page(page: str, **params: str | list[str]) -> AppTest:
    """The page opened as a deep link (`/page?params`): its first run is that page's."""
    at = AppTest.from_file(str(ROOT_DIR / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, at.exception
    return at


def open_path(path: str, **more: str) -> AppTest:
    """AppTest of a page given as its URL path and query (`profile?iso3=BRA`), with `more` parameters."""
    name, _, query = path.partition("?")
    params: dict[str, list[str] | str] = dict(more)
    for pair in filter(None, query.split("&")):
        key, value = pair.split("=")
        params.setdefault(key, []).append(value)  # type: ignore[union-attr]
    return open_page(name or "overview", **params)


def card_titles(at: AppTest) -> list[str]:
    """The cards' titles: each card is an expander named by its record."""
    return [e.label for e in at.expander if not e.label.startswith(("The chart's data as a table", "The chart as an"))]


def opened(at: AppTest, prefix: str) -> AppTest:
    """Every expander whose key starts with `prefix` opened: such an expander draws its content only when open
    (cards `open-`, a chart's data table `chart-data-`)."""
    keys = [k for k in at.session_state if str(k).startswith(prefix)]
    assert keys, f"the page shows no {prefix}"
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
    return at


def open_cards(at: AppTest) -> AppTest:
    """Every card on the page opened (a card draws its body only when open)."""
    return opened(at, "open-")


def each_card_tab(at: AppTest) -> Iterator[str]:
    """The page run once per card tab, with every card open and that tab open on each (a card draws only its open
    tab)."""
    open_cards(at)
    keys = [k for k in at.session_state if str(k).startswith("card-")]
    assert keys, "the page shows no card"
    for label in list(dict.fromkeys(t.label for t in at.tabs)):
        for key in keys:
            at.session_state[key] = label
        at.run()
        assert not at.exception, at.exception
        yield label


def table_with(at: AppTest, *columns: str):
    """The first table (st.dataframe or data editor) on the page that has all of `columns`: a page may draw
    others before it (the Shortlist page's plan editor comes first)."""
    return next(d.value for d in at.dataframe if set(columns) <= set(d.value.columns))


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def infos(at: AppTest) -> str:
    return " ".join(i.value for i in at.info)


class RecordingStorage(MemoryMediaFileStorage):
    """AppTest's in-memory media store, remembered so a test can read what a download button would serve."""

    instances: ClassVar[list["RecordingStorage"]] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        RecordingStorage.instances.append(self)


class RecordingManager(MediaFileManager):
    """AppTest's media manager, remembered so a test can run a deferred download (built only on click)."""

    instances: ClassVar[list["RecordingManager"]] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        RecordingManager.instances.append(self)


def downloads(at: AppTest) -> dict[str, bytes]:
    """file name -> bytes of every download button on the page, as the last run served them (or, for a
    deferred one, as a click would build it)."""
    storage, manager = RecordingStorage.instances[-1], RecordingManager.instances[-1]
    out = {}
    for button in at.get("download_button"):
        url = button.proto.url or manager.execute_deferred(button.proto.deferred_file_id)
        media = storage.get_file(url.rsplit("/", 1)[-1])
        out[media.filename or button.proto.id] = media.content
    return out


def run_with_upload(content: bytes, name: str = "mine.yaml", page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT_DIR / "dashboard.py"), default_timeout=60)
    at.run()
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value((name, content, "application/x-yaml")).run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def dataset_caption(at: AppTest) -> str:
    """The sidebar's "what data this is": title, version, date and the hash of the bytes in use, never a path."""
    caption = next(shown(c.value) for c in at.sidebar.caption if c.value.startswith("Data:"))
    assert str(ROOT_DIR) not in caption and "/tmp/" not in caption  # what data this is, never a server path
    return caption


def shows(at: AppTest, raw: bytes) -> bool:
    return f"#{identity.fingerprint(raw)}" in dataset_caption(at)
