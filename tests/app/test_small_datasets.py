"""Every page on a dataset without practices, without projects, or with a single record renders (no exception, no
error, its title shown); an uncaught exception shows a visitor a short message, never a traceback or a path."""

import copy
import sys
import tomllib

import pytest
import yaml
from streamlit import config
from streamlit.testing.v1 import AppTest

from sstc import DEFAULT_DATA, ROOT_DIR
from sstc.data import countries
from sstc.data.load import load_bytes
from tests.app.apptest import run_with_upload, shows
from tests.conftest import TAB_TITLES

# Each page's heading: its browser tab's title, but the Overview's.
TITLES = {**{p: t for p, t in TAB_TITLES.items() if p != "coverage-zoomable"}, "overview": "SSTC 2020-2021 at a glance"}
DATASETS = ["no practices", "no projects", "one project", "one practice"]


def unlinked(data: dict) -> dict:
    """The shipped data with no project naming a practice and no practice naming a project (the validator refuses
    a link to a record that is gone; a practice without a project says why)."""
    data = copy.deepcopy(data)
    for project in data["projects"]:
        project["practices"] = []
    for practice in data["practices"]:
        practice["project"] = None
        practice["no_project_reason"] = "Its project is not in this dataset."
    return data


def small(name: str) -> bytes:
    data = unlinked(yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8")))
    keep = {"no practices": (None, 0), "no projects": (0, None), "one project": (1, 0), "one practice": (0, 1)}
    projects, practices = keep[name]
    data["projects"], data["practices"] = data["projects"][:projects], data["practices"][:practices]
    raw = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    dataset = load_bytes(raw, name)  # valid: the app takes it
    assert (len(dataset.projects), len(dataset.practices)) == {
        "no practices": (23, 0),
        "no projects": (0, 21),
        "one project": (1, 0),
        "one practice": (0, 1),
    }[name]
    return raw


_APPS: dict[str, tuple[AppTest, dict]] = {}


def app(name: str) -> tuple[AppTest, dict]:
    """One app per dataset, uploaded once, switched from page to page (a page runs in a fraction of a second)."""
    if name not in _APPS:
        raw = small(name)
        at = run_with_upload(raw)
        assert shows(at, raw)
        _APPS[name] = at, yaml.safe_load(raw)
    return _APPS[name]


def visit(at: AppTest, page: str, **params: str | list[str]) -> AppTest:
    at.query_params.clear()
    at.query_params.update(params)
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert [t.value for t in at.title] == [TITLES[page]]
    return at


@pytest.mark.parametrize("page", list(TITLES))
@pytest.mark.parametrize("name", DATASETS)
def test_every_page_renders_on_a_small_dataset(name, page):
    at, _ = app(name)
    visit(at, page)


def deep_views(data: dict) -> list[tuple[str, dict]]:
    """Views a page opens only on request: the zoomable map, a country's profile, a comparison, a shortlist of
    every record, each tab of its own."""
    records = [f"practice:{p['number']}" for p in data["practices"]] + [f"project:{p['id']}" for p in data["projects"]]
    iso3 = (data["projects"] or data["practices"])[0]["countries"]["participant"][0]
    return [
        ("coverage", {"map": "zoomable"}),
        ("profile", {"iso3": iso3}),
        ("compare", {"left": f"country:{iso3}", "right": "region:Africa"}),
        ("shortlist", {"pick": records}),
        ("gaps", {"view": "Theme x region"}),
        ("gaps", {"view": "Country x outcome"}),
        ("gaps", {"view": "Candidates not yet covered"}),
        ("outcomes", {"view": "Records and their outcomes"}),
        ("outcomes", {"view": "SDG mentions"}),
    ]


@pytest.mark.parametrize("name", DATASETS)
def test_views_on_request_render_on_a_small_dataset(name):
    at, data = app(name)
    for page, params in deep_views(data):
        visit(at, page, **params)
        if page == "profile":
            assert f"{countries.name(params['iso3'])} at a glance" in [h.value for h in at.header]


# --- error details ------------------------------------------------------------------------------------------------


def test_the_config_hides_error_details(monkeypatch):
    with ROOT_DIR.joinpath(".streamlit", "config.toml").open("rb") as handle:
        assert tomllib.load(handle)["client"]["showErrorDetails"] == "none"
    monkeypatch.chdir(ROOT_DIR)  # Streamlit reads ./.streamlit/config.toml, as `streamlit run` from the project does
    config.get_config_options(force_reparse=True)
    assert config.get_option("client.showErrorDetails") == "none"

    def failing_page():
        import streamlit as st

        st.title("A page")
        raise KeyError("total")

    # AppTest runs the function's file as __main__ and leaves it there; the upload worker's processes would then
    # run that file again (multiprocessing re-imports the main module). Put the real one back after the test.
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
    at = AppTest.from_function(failing_page, default_timeout=30).run()
    (shown,) = at.exception
    assert not shown.proto.stack_trace and not shown.proto.type
    assert "total" not in shown.value and "/" not in shown.value and "redacted" in shown.value
