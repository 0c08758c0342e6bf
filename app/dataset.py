"""The dataset in use: the file the app was started with (--data, $SSTC_DATA, the shipped one) or a valid
upload, read once per distinct bytes (uploads in a bounded worker process). Nothing is ever written."""

import argparse
import hashlib
import os
import re
import sys
from collections.abc import Callable

import streamlit as st
from streamlit import runtime
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from app import memo
from app.sidebar import ignored, show_notices
from sstc import DEFAULT_DATA
from sstc.data import worker
from sstc.data.i18n import N_, _, ngettext
from sstc.data.identity import Identity, identify
from sstc.data.load import MAX_FILE_BYTES, MAX_UPLOAD_BYTES, load_bytes, read_file
from sstc.data.problems import DatasetError, Problem
from sstc.data.schema import Dataset
from sstc.data.tables import Tables, build
from sstc.view.labels import counted
from sstc.view.safe import md

ENV_VAR = "SSTC_DATA"


def data_path() -> str:
    """`streamlit run dashboard.py -- --data PATH`, else $SSTC_DATA, else the shipped dataset."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    known, _rest = parser.parse_known_args(sys.argv[1:])
    return known.data or os.environ.get(ENV_VAR) or str(DEFAULT_DATA)


UPLOAD_KEY = "dataset_upload"
GOOD = "_last_good_upload"
EMPTY_RUNS = "_runs_without_upload"
REFUSED = "_upload_refused_for_now"  # (file id, outcome) of an upload refused as busy or out of time


# Kept in the memo's store (`app.memo`), one shared object per dataset, not st.cache_data: cache_data hands every
# rerun an unpickled copy, which measured 129 MiB and ~0.7 s per rerun at 100x the shipped size. The dataset and its
# tables are never mutated (frozen models; pandas 3 copy-on-write keeps every derived frame from writing back), so one
# shared copy is safe. The store keeps at most `memo.DATASETS` datasets, each with everything derived from it.
Loaded = tuple[Dataset, Tables, Identity]
READING = N_("Reading the dataset…")  # shown as `_(READING)`


def _upload_key(raw: bytes, name: str) -> tuple:
    return ("upload", hashlib.sha256(raw).hexdigest(), name)


def _load(raw: bytes, name: str) -> worker.Outcome:
    """Read once per distinct upload, valid or not, in a worker process with a time and memory limit (so a
    hostile file stalls no other session); a rerun does no YAML parsing. A refusal for the server's state (busy,
    out of time) is not kept: it is not the file's verdict."""

    def read() -> worker.Outcome:
        with st.spinner(_(READING)):
            return worker.read_upload(raw, name)

    key = _upload_key(raw, name)
    outcome = memo.store().load(key, read, lambda o: (o.dataset, o.tables) if o.tables is not None else ())
    if outcome.retry:
        memo.store().forget(key)
    return outcome


def _load_file(path: str, mtime_ns: int, size: int) -> Loaded:
    """Keyed on the file's path, mtime and size, so an edited file is read again and an unchanged one is not."""

    def read() -> Loaded:
        with st.spinner(_(READING)):
            raw = read_file(path)
            dataset = load_bytes(raw, path, MAX_FILE_BYTES)
            return dataset, build(dataset), identify(dataset, raw)

    return memo.store().load(("file", path, mtime_ns, size), read, lambda loaded: loaded[:2])


def _from_file(path: str) -> Loaded:
    try:
        stat = os.stat(path)
    except OSError as exc:
        problem = _("cannot read the file: {reason}").format(reason=exc.strerror)
        raise DatasetError([Problem(path, 1, "(file)", problem)]) from None
    return _load_file(path, stat.st_mtime_ns, stat.st_size)


def _forget_removed_upload() -> None:
    """The browser replaces a file in two reruns, the first with the uploader empty: keep the last valid upload
    through one such run, so an invalid replacement still falls back to it. A second run without an upload
    means it was removed."""
    if GOOD in st.session_state:
        runs = st.session_state.get(EMPTY_RUNS, 0) + 1
        st.session_state[EMPTY_RUNS] = runs
        if runs > 1:
            raw, name, _ = st.session_state.pop(GOOD)
            memo.store().forget(_upload_key(raw, name))  # and all derived from it (read again if another uses it)


def load() -> tuple[Dataset, Tables, str, Identity]:
    """The dataset in use: a valid upload, else the file (--data, $SSTC_DATA, shipped).

    A file that fails validation is reported (file, line, field) and replaces nothing: the last good upload,
    or else the file's dataset, stays in use. Nothing is ever written. The page address says when an upload is
    in use, so that a reload or a copied link can say why it shows the file instead.
    """
    dataset, tables, source, identity = _in_use()
    _mark_upload(identity)
    return dataset, tables, source, identity


def raw_in_use(identity: Identity) -> Callable[[], bytes]:
    """What gives the bytes of the dataset in use, as read (the upload in use, or the file), for a file built from
    them when clicked: the file is read then, not on every run of the page that offers it."""
    if identity.uploaded_as is not None and GOOD in st.session_state:
        upload = st.session_state[GOOD][0]
        return lambda: upload
    path = data_path()
    return lambda: read_file(path)


MARK = "data"  # `?data=upload-<hash>`: this page shows an upload (the address cannot carry the file itself)
MARKED = "_upload_marked"  # the marker this session put in the address
LINKED = "_linked_upload"  # the hash of an upload a link was made with, while this session shows the file instead
_MARK_VALUE = re.compile(r"upload-([0-9a-f]{12})")


def _mark_upload(identity: Identity) -> None:
    """Keep `?data=upload-<hash>` in the address while an upload is in use. Streamlit keeps no upload for a new
    session, so a reload or a copied link shows the dataset the app started with: without the marker that
    session could not tell, and a reader would take the shipped figures for the upload's. The marker leaves the
    address once read; the notice stays until an upload is in use."""
    if identity.uploaded_as is not None:
        wanted = f"upload-{identity.digest}"
        st.session_state[MARKED] = wanted
        st.session_state.pop(LINKED, None)
        if st.query_params.get(MARK) != wanted:
            st.query_params[MARK] = wanted
        return
    own, found = st.session_state.pop(MARKED, None), st.query_params.get(MARK)
    if found is not None:
        del st.query_params[MARK]
        named = _MARK_VALUE.fullmatch(found)
        # Not this session's own upload, since removed (the page came by a link or a reload), nor the same bytes
        # as the file shown: then the page shows other data than the link's.
        if named and found != own and named.group(1) != identity.digest:
            st.session_state[LINKED] = named.group(1)
        elif not named:
            show_notices([ignored(MARK, found)], st.container())
    if st.session_state.get(LINKED):
        st.info(
            md(
                _(
                    "This link was made with an uploaded dataset (#{digest}); uploads are not kept on the server, so "
                    "the dataset the app started with is shown. Upload the file again to see it."
                ).format(digest=st.session_state[LINKED])
            ),
            icon=":material/link_off:",
        )


def _in_use() -> tuple[Dataset, Tables, str, Identity]:
    """The dataset to show, its tables, where it came from and what it is (see load)."""
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        _forget_removed_upload()
    else:
        st.session_state.pop(EMPTY_RUNS, None)
        raw, name = upload.getvalue(), f"{upload.name} (uploaded)"
        held = st.session_state.get(REFUSED)
        if held is not None and held[0] == upload.file_id:
            outcome = held[1]  # the same upload on a rerun: its refusal stands until the planner uploads again
        else:
            outcome = _load(raw, name)
            if outcome.retry:  # refused for the server's state, not the file's: not kept as the file's verdict
                st.session_state[REFUSED] = (upload.file_id, outcome)
        if outcome.dataset is not None and outcome.tables is not None:
            previous = st.session_state.get(GOOD)
            if previous is not None and previous[:2] != (raw, name):  # replaced: the old one is not kept for us
                memo.store().forget(_upload_key(*previous[:2]))
            st.session_state[GOOD] = (raw, name, upload.name)
            return outcome.dataset, outcome.tables, name, identify(outcome.dataset, raw, upload.name)
        _show_problems(outcome.error(), name)
        if GOOD in st.session_state:
            raw, name, uploaded_as = st.session_state[GOOD]
            st.warning(
                _("Still showing the last valid dataset: {name}.").format(name=md(name)), icon=":material/history:"
            )
            good = _load(raw, name)
            if good.dataset is not None and good.tables is not None:
                return good.dataset, good.tables, name, identify(good.dataset, raw, uploaded_as)
    path = data_path()
    try:
        dataset, tables, identity = _from_file(path)
    except DatasetError as exc:
        _show_problems(exc, os.path.basename(path), path)
        st.stop()
    if upload is not None:
        st.warning(
            _("Still showing the dataset the app started with: {name}.").format(name=md(identity.label())),
            icon=":material/history:",
        )
    return dataset, tables, path, identity


FILES_PER_SESSION = 2  # the uploader keeps one file; while the browser replaces it, two


def bound_uploads(manager: object) -> None:
    """Hold at most FILES_PER_SESSION uploaded files per session in the server's memory, the newest. Streamlit's
    upload endpoint keeps every file a client sends until about two minutes after its session ends (60 files of
    5 MB sent in 2 s held 290 MiB), though the uploader shows one."""
    if not isinstance(manager, MemoryUploadedFileManager) or getattr(manager, "_sstc_bounded", False):
        return
    storage, add = manager.file_storage, manager.add_file

    def add_file(session_id: str, file: UploadedFileRec) -> None:
        add(session_id, file)
        with manager._lock:
            stale = list(storage.get(session_id, {}))[:-FILES_PER_SESSION]
        for file_id in stale:
            manager.remove_file(session_id, file_id)

    manager.add_file = add_file  # type: ignore[method-assign]
    manager._sstc_bounded = True  # type: ignore[attr-defined]


def upload_box() -> None:
    if runtime.exists():
        bound_uploads(runtime.get_instance().uploaded_file_mgr)
    st.sidebar.file_uploader(
        _("Use your own dataset (YAML or an Excel workbook filled from the template, at most {size} MB)").format(
            size=MAX_UPLOAD_BYTES // 10**6
        ),
        type=["yaml", "yml", "xlsx"],
        key=UPLOAD_KEY,
        max_upload_size=MAX_UPLOAD_BYTES // 10**6,  # Streamlit counts 10**6 bytes to its MB: the limits agree
        help=_(
            "Same schema as data/practices.yaml, or the Excel template of About the data filled in. It is read in "
            "memory for this session only; no file is written. "
            "Remove it to return to the dataset the app was started with."
        ),
    )


def _show_problems(error: DatasetError, name: str, path: str | None = None) -> None:
    """The problems as `python -m sstc validate` lists them; a file on the server is named, never its path."""
    count = len(error.problems) + error.more
    st.error(
        ngettext(
            "{name} has {problems}; it is not used until it is fixed (the same list `python -m sstc validate` prints).",
            "{name} has {problems}; it is not used until they are fixed (the same list `python -m sstc validate` "
            "prints).",
            count,
        ).format(name=md(name), problems=counted(count, "problem", "problems")),
        icon=":material/error:",
    )
    st.code(str(error).replace(path, name) if path else str(error), language=None, wrap_lines=True)
