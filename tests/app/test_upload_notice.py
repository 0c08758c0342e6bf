"""A reload or a copied link of a page made with an upload (issue 23, point 10): Streamlit keeps no upload for a new
session, so the dataset the app started with is shown, and the page says so rather than passing the shipped
figures off as the upload's. The address carries a marker (`?data=upload-<hash>`), never the file."""

from streamlit.testing.v1 import AppTest

from app import dataset as app_dataset
from sstc import DEFAULT_DATA, ROOT_DIR
from sstc.data.identity import fingerprint
from tests.app.apptest import infos, run_with_upload, shows
from tests.conftest import shown

NOTICE = "This link was made with an uploaded dataset (#{}); uploads are not kept on the server, so the dataset the "
NOTICE += "app started with is shown. Upload the file again to see it."


def mine(shipped: bytes) -> bytes:
    """A valid upload whose bytes, and so whose hash, differ from the file the app started with."""
    return shipped + b"\n# my copy\n"


def opened_by_link(**params: str) -> AppTest:
    """A new session opened at an address, as a reload or a copied link opens it: no upload."""
    at = AppTest.from_file(str(ROOT_DIR / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    assert not at.exception, at.exception
    return at


def notice(at: AppTest) -> str:
    return shown(infos(at))


def test_an_upload_in_use_is_marked_in_the_address():
    raw = mine(DEFAULT_DATA.read_bytes())
    at = run_with_upload(raw)
    assert shows(at, raw)
    assert at.query_params.get(app_dataset.MARK) == f"upload-{fingerprint(raw)}"
    assert "This link was made" not in notice(at)


def test_a_link_made_with_an_upload_says_the_file_is_shown_until_the_upload_is_back():
    raw = mine(DEFAULT_DATA.read_bytes())
    digest = fingerprint(raw)
    at = opened_by_link(data=f"upload-{digest}", region="Africa")
    assert shows(at, DEFAULT_DATA.read_bytes())
    assert NOTICE.format(digest) in notice(at)
    assert app_dataset.MARK not in at.query_params and at.query_params.get("region") == "Africa"  # the rest is kept
    at.run()  # any rerun (a filter, a page) while the file is shown
    assert NOTICE.format(digest) in notice(at)
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value(("mine.yaml", raw, "application/x-yaml")).run()
    assert not at.exception, at.exception
    assert shows(at, raw) and "This link was made" not in notice(at)
    assert at.query_params.get(app_dataset.MARK) == f"upload-{digest}"


def test_removing_the_upload_drops_the_marker_without_a_notice():
    raw = mine(DEFAULT_DATA.read_bytes())
    at = run_with_upload(raw)
    assert at.query_params.get(app_dataset.MARK) == f"upload-{fingerprint(raw)}"
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value(None).run()
    at.run()  # a second run without the upload: it was removed, not replaced
    assert shows(at, DEFAULT_DATA.read_bytes())
    assert app_dataset.MARK not in at.query_params and "This link was made" not in notice(at)


def test_a_marker_that_names_no_upload_is_ignored_with_a_notice():
    at = opened_by_link(data="<b>upload-xyz</b>")
    assert "This link was made" not in notice(at) and app_dataset.MARK not in at.query_params
    warnings = shown(" ".join(w.value for w in at.warning))
    assert "Ignored data='<b>upload-xyz</b>' from the URL: it names nothing here." in warnings


def test_a_link_made_with_the_same_bytes_as_the_file_shown_needs_no_notice():
    at = opened_by_link(data=f"upload-{fingerprint(DEFAULT_DATA.read_bytes())}")
    assert shows(at, DEFAULT_DATA.read_bytes())
    assert "This link was made" not in notice(at) and app_dataset.MARK not in at.query_params


def test_the_explorers_count_the_uploaded_datas_records():
    """Issue 23, point 10: "The 23 SSTC projects" stood above "24 project(s) match" for an upload of 24."""
    import yaml

    from sstc import DEFAULT_DATA
    from tests.app.apptest import run_with_upload
    from tests.conftest import shown

    data = yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))
    extra = dict(data["projects"][0], id="EXTRA-1")
    extra.pop("practices", None)
    data["projects"].append(extra)
    at = run_with_upload(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode(), page="projects")
    said = " ".join(shown(c.value) for c in at.caption)
    assert f"The {len(data['projects'])} projects of the dataset in use" in said, said[:300]
