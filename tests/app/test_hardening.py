"""A user's own dataset through the app, markup and crafted URLs on every page, and privacy of pages and
exports (AppTest)."""

import hashlib
import io
import re
import subprocess
import sys

import pandas as pd
import pytest
import yaml
from google.protobuf import text_format
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from app import dataset as app_dataset
from sstc import DEFAULT_DATA, ROOT_DIR
from sstc.data.load import MAX_UPLOAD_BYTES, load_path
from sstc.data.privacy import find_emails
from sstc.data.tables import build
from sstc.view import present
from sstc.view.safe import JOINER
from tests.app.apptest import card_titles, dataset_caption, downloads, each_card_tab, open_page, run_with_upload, shows
from tests.conftest import PAYLOAD, URL_PAYLOAD, hostile_dataset, public_addresses, shown
from tests.readback import readable

PAGES = [
    "overview", "coverage", "funding", "modalities", "outcomes", "explorer", "projects", "profile", "compare",
    "replication", "gaps", "shortlist", "timeline", "about",
]  # fmt: skip


CARDS = ("explorer", "projects")  # pages of cards whose tabs draw only when open


# Coverage gaps and Outcome alignment draw only their open tab: each of the others is a view of its own to scan.
VIEWS = [
    *PAGES,
    "gaps?view=Theme x region",
    "gaps?view=Country x outcome",
    "gaps?view=Candidates not yet covered",
    "outcomes?view=Records and their outcomes",
    "outcomes?view=SDG mentions",
]


def fingerprint() -> dict[str, str]:
    """Hash of every file under the project's data/ and static/ folders: the app must change none."""
    files = [*ROOT_DIR.joinpath("data").rglob("*"), *ROOT_DIR.joinpath("static").rglob("*")]
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


@pytest.fixture
def shipped_bytes() -> bytes:
    return DEFAULT_DATA.read_bytes()


def edit(raw: bytes, old: str, new: str) -> bytes:
    assert old.encode() in raw, old
    return raw.replace(old.encode(), new.encode(), 1)


# --- privacy ------------------------------------------------------------------------------------------------------


def showing_everything(page: str, dataset) -> dict[str, str | list[str]]:
    """URL parameters that make a page show all it can: a country's profile, a shortlist of every record."""
    everyone = [f"practice:{p.number}" for p in dataset.practices] + [f"project:{p.id}" for p in dataset.projects]
    if page == "compare":
        return {"left": "region:Asia and the Pacific", "right": "country:CHN"}
    return {"iso3": "CHN"} if page == "profile" else {"pick": everyone} if page == "shortlist" else {}


def view_of(view: str, dataset) -> tuple[str, dict[str, str | list[str]]]:
    """A page name, with `?view=TAB` for a tab of its own, as the page and its URL parameters."""
    page, _, tab = view.partition("?view=")
    return page, showing_everything(page, dataset) | ({"view": tab} if tab else {})


def page_text(at: AppTest) -> str:
    """Everything a page sends to the browser, element by element (tables as CSV, charts as their JSON)."""
    parts: list[str] = []

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)
        if getattr(node, "type", "") in {"arrow_data_frame", "dataframe"}:
            parts.append(node.value.to_csv())
        proto = getattr(node, "proto", None)
        if proto is not None and not isinstance(children, dict):
            parts.append(text_format.MessageToString(proto, as_utf8=True))

    walk(at._tree)
    return shown("\n".join(parts))  # Markdown escapes (delnet@itcilo\.org) must not hide an address


# --- issue 14: no text from a URL, an upload's name or the data becomes a link, an image or formatting -------------

MARKDOWN = MarkdownIt("commonmark").enable(["strikethrough", "table"])


STREAMLIT_TEXT_TRANSFORMS = re.compile(  # what Streamlit finds in text after Markdown escapes are read
    r":[\w+-]+:|(?i:https?://|www\.)|[-.\w+]+@[-\w]+(?:\.[-\w]+)+"
)


UNESCAPED = re.compile(r"(?<!\\)(?:\$|:[A-Za-z][\w-]*\[)")  # LaTeX; directives such as :red[...]


def markdown_bodies(at: AppTest) -> list[str]:
    """Every string of the page that Streamlit renders as Markdown."""
    bodies = [e.value for kind in ("markdown", "caption", "warning", "error", "info", "success") for e in at.get(kind)]
    bodies += [e.value for e in (*at.title, *at.header, *at.subheader)] + [e.label for e in at.expander]
    bodies += [m.label for m in at.metric] + [m.proto.help for m in at.metric]
    return [b for b in bodies if b]


def inline_tokens(body: str):
    for token in MARKDOWN.parse(body):
        yield token
        yield from token.children or []


def assert_inert(at: AppTest, links: set[str], payloads: tuple[str, ...]) -> None:
    """No link but those the app builds, no image, HTML, LaTeX, directive, emoji or autolink; payloads as written."""
    for body in markdown_bodies(at):
        tokens = list(inline_tokens(body))
        kinds = {t.type for t in tokens}
        assert not kinds & {"image", "html_inline", "html_block"}, body
        assert {t.attrGet("href") for t in tokens if t.type == "link_open"} <= links, body
        assert not UNESCAPED.search(body), body
        assert not any(STREAMLIT_TEXT_TRANSFORMS.search(t.content) for t in tokens if t.type == "text"), body
        plain = " ".join("".join(t.content for t in tokens if t.type in {"text", "code_inline"}).split())
        for payload in payloads:
            if "PWN" in plain:  # the payload's marks are shown, not acted on
                assert " ".join(payload.split()) in plain.replace(JOINER, ""), body
    for chart in at.get("plotly_chart"):
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', chart.proto.spec)
        for s in (s for s in strings if "PWN" in s or "evil" in s):
            assert "<a " not in s and "<img" not in s and "<b>b</b>" not in s and "$" not in s, s


# --- a user's own dataset -----------------------------------------------------------------------------------------


def test_valid_upload_is_used(shipped_bytes):
    mine = edit(shipped_bytes, "short_name: SENAC virtual tour", "short_name: SENAC tour from my file")
    at = run_with_upload(mine, page="explorer")
    assert shows(at, mine) and "uploaded as mine" in dataset_caption(at)
    assert any("SENAC tour from my file" in h for h in card_titles(at))


def test_invalid_upload_lists_problems_and_keeps_the_last_good_dataset(shipped_bytes, tmp_path):
    before = fingerprint()
    mine = edit(shipped_bytes, "short_name: SENAC virtual tour", "short_name: SENAC tour from my file")
    at = run_with_upload(mine)
    bad = edit(shipped_bytes, "region: Americas", "region: Atlantis")
    bad = edit(bad, "  short_name: SENAC virtual tour\n", "  short_name: NO\n")
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value(("broken.yaml", bad, "application/x-yaml")).run()
    assert not at.exception
    listed = at.code[0].value.splitlines()
    (tmp_path / "broken.yaml").write_bytes(bad)
    cli = subprocess.run(
        [sys.executable, "-m", "sstc", "validate", "broken.yaml"], cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": str(ROOT_DIR)},
    )  # fmt: skip
    assert cli.returncode != 0
    expected = [line.replace("broken.yaml:", "broken.yaml (uploaded):", 1) for line in cli.stdout.splitlines()
                if line.startswith("broken.yaml:")]  # fmt: skip
    assert listed == expected and len(listed) == 2
    assert "2 problems" in at.error[0].value
    assert "Still showing the last valid dataset: mine.yaml (uploaded)" in shown(" ".join(w.value for w in at.warning))
    assert shows(at, mine)
    assert fingerprint() == before


def test_removing_the_upload_returns_to_the_file(shipped_bytes):
    at = run_with_upload(shipped_bytes)
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value(None).run()
    assert shows(at, shipped_bytes) and "uploaded" not in dataset_caption(at)


def test_invalid_first_upload_falls_back_to_the_file():
    at = run_with_upload(b"meta: [\n", "broken.yaml")
    assert "broken.yaml (uploaded):2: (syntax): malformed YAML" in at.code[0].value
    assert shows(at, DEFAULT_DATA.read_bytes()) and at.title


def test_oversized_upload_is_refused(shipped_bytes):
    big = shipped_bytes + b"\n# " + b"x" * MAX_UPLOAD_BYTES
    at = run_with_upload(big, "big.yaml")
    assert f"the limit is {MAX_UPLOAD_BYTES:,}" in at.code[0].value
    assert shows(at, DEFAULT_DATA.read_bytes())


def test_data_from_the_command_line_and_the_environment(monkeypatch, tmp_path, shipped_bytes):
    mine = tmp_path / "mine.yaml"
    mine.write_bytes(shipped_bytes + b"\n# my copy\n")
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--data", str(mine)])
    assert app_dataset.data_path() == str(mine)
    monkeypatch.setattr(sys, "argv", ["dashboard.py"])
    monkeypatch.setenv(app_dataset.ENV_VAR, str(mine))
    assert app_dataset.data_path() == str(mine)
    at = open_page("overview")
    assert shows(at, mine.read_bytes()) and not shows(at, shipped_bytes)


def test_invalid_startup_file_shows_problems_not_a_traceback(monkeypatch, tmp_path, shipped_bytes):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(edit(shipped_bytes, "region: Americas", "region: Atlantis"))
    monkeypatch.setenv(app_dataset.ENV_VAR, str(bad))
    at = AppTest.from_file(str(ROOT_DIR / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert re.match(r"bad\.yaml:\d+: projects\[[A-Z][A-Z0-9-]*\]\.region: ", at.code[0].value)  # by its id
    assert str(tmp_path) not in at.code[0].value + at.error[0].value  # the file's name, never the server's path
    assert not at.title  # nothing is drawn from a dataset with problems


def test_an_edited_file_is_read_again(monkeypatch, tmp_path, shipped_bytes):
    mine = tmp_path / "mine.yaml"
    mine.write_bytes(shipped_bytes)
    monkeypatch.setenv(app_dataset.ENV_VAR, str(mine))
    at = open_page("explorer")
    mine.write_bytes(edit(shipped_bytes, "short_name: SENAC virtual tour", "short_name: SENAC edited"))
    at.run()
    assert any("SENAC edited" in h for h in card_titles(at))


def test_html_and_javascript_in_text_show_as_text(shipped_bytes):
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    mine = edit(shipped_bytes, "short_name: SENAC virtual tour", f"short_name: '{payload}'")
    for page in ("explorer", "replication"):
        at = run_with_upload(mine, page=page)
        markdown = " ".join([*(m.value for m in at.markdown), *(h.value for h in at.subheader), *card_titles(at)])
        assert not re.search(r"(?<!\\)<(script|img)", markdown)  # every < escaped: nothing becomes a tag
        if page == "explorer":
            assert r"\<script\>" in markdown
        frames = [d.value for d in at.dataframe]
        assert any(payload in frame.to_string() for frame in frames)  # grids draw text, never HTML


def test_formula_strings_are_neutralised_in_every_export(shipped_bytes, record_downloads):
    formula = '=HYPERLINK("http://evil.example","x")'
    mine = edit(shipped_bytes, "short_name: SENAC virtual tour", f"short_name: '{formula}'")
    at = run_with_upload(mine, page="explorer")
    (name,) = [n for n in downloads(at) if n.startswith("sstc-practices-all-")]
    csv = downloads(at)[name].decode("utf-8-sig")
    cells = pd.read_csv(io.StringIO(csv), dtype=str)["short_name"]
    assert "'" + formula in set(cells) and formula not in set(cells)


def test_query_values_that_name_nothing_are_ignored_with_a_notice():
    at = open_page("coverage", role="emperor")
    assert "role='emperor'" in shown(" ".join(w.value for w in at.warning))
    at = open_page("replication", theme="<script>")
    assert "theme='<script>'" in shown(" ".join(w.value for w in at.warning))
    at = open_page("profile", iso3="XXX")
    assert not at.exception
    at = open_page("shortlist", pick=["practice:0", "project:NOPE"])
    assert "pick='project:NOPE'" in shown(" ".join(w.value for w in at.warning))
    at = open_page("overview", q="x" * 5000)
    assert "shortened" in " ".join(w.value for w in at.warning)


def test_a_run_missing_some_widget_states_does_not_crash():
    """A client may send only the widgets it changed (the load script does): the others start empty."""
    at = AppTest.from_file(str(ROOT_DIR / "dashboard.py"), default_timeout=60)
    at.session_state["_url_notices"] = {"page": None, "items": []}
    at.session_state["f_regions"] = ["Africa"]
    at.switch_page("app_pages/funding.py").run()
    assert not at.exception
    assert at.multiselect(key="f_regions").value == ["Africa"] and at.multiselect(key="f_countries").value == []


@pytest.mark.parametrize("page", VIEWS)
def test_no_private_address_reaches_a_page_or_an_export(page, dataset, record_downloads):
    page, params = view_of(page, dataset)
    at = open_page(page, **params)
    files = downloads(at)
    screens = [page_text(at)]
    if page in CARDS:  # a card draws only its open tab: scan each
        screens += [page_text(at) for _ in each_card_tab(at)]
    texts = [*screens, *(readable(name, raw) for name, raw in files.items())]
    assert files, "every page offers at least one download"
    allowed = {a.lower() for a in public_addresses(dataset)}
    for text in texts:
        assert {m.lower() for m in find_emails(shown(text))} <= allowed
    if page == "explorer":  # the scan does see contacts: the public ones are shown
        assert allowed <= {m.lower() for m in find_emails(" ".join(screens))}


def test_explorer_pages_its_cards_on_a_large_dataset(tmp_path, dataset):
    from benchmarks.synth import write

    path = write(2, tmp_path / "x2.yaml")
    at = run_with_upload(path.read_bytes(), "x2.yaml", page="explorer")
    assert len(at.dataframe[0].value) == 2 * len(dataset.practices)
    assert len(card_titles(at)) == 25
    at.number_input[0].set_value(2).run()
    assert len(card_titles(at)) == 2 * len(dataset.practices) - 25


@pytest.mark.parametrize("page", VIEWS)
def test_markup_in_the_data_stays_text_on_every_page(page, dataset):
    page, params = view_of(page, dataset)
    at = AppTest.from_file(str(ROOT_DIR / "dashboard.py"), default_timeout=60)
    at.query_params.update(params)
    at.run()
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value(
        ("hostile.yaml", hostile_dataset(), "application/x-yaml")
    ).run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception and not at.error, at.error
    assert shows(at, hostile_dataset()) and "uploaded as hostile" in dataset_caption(at)
    materials = {present.link_target(m.url) for p in dataset.practices for m in p.materials}
    assert_inert(at, materials, (PAYLOAD,))
    if page == "shortlist":  # the brief's preview renders the data as Markdown too
        at.toggle(key="preview_brief").set_value(True).run()
        assert sum(shown(body).count("PWN") for body in markdown_bodies(at)) > 100  # the preview was checked
        assert_inert(at, materials, (PAYLOAD,))
    if page in CARDS:  # a card draws only its open tab: check each
        seen = 0
        for _ in each_card_tab(at):
            assert_inert(at, materials, (PAYLOAD,))
            seen += sum("PWN" in shown(body) for body in markdown_bodies(at))
        assert seen > 100  # the check saw the payload


@pytest.mark.parametrize("page", PAGES)
def test_values_crafted_in_the_url_stay_text_on_every_page(page):
    params = {p: [URL_PAYLOAD, "Africa"] for p in ("region", "country", "outcome", "modality", "funding", "kind")}
    params |= {p: URL_PAYLOAD for p in ("q", "theme", "role", "iso3", "candidates", "pick", "left", "right", "view")}
    at = open_page(page, **params)
    notices = [shown(w.value) for w in at.warning]
    assert any("[Sign in again](http://evil.example/u)" in n for n in notices)  # echoed, as text
    assert_inert(at, set(), (URL_PAYLOAD[:60].split("$")[0],))


def test_a_thousand_url_values_give_a_few_notices():
    at = open_page("overview", region=[f"r{i}" for i in range(1000)])
    notices = [shown(w.value) for w in at.warning]
    assert len(notices) == 6 and notices[-1] == "Ignored 995 more values from the URL."


def test_a_file_name_with_markup_stays_text(shipped_bytes):
    name = "[Sign in](http://evil.example) ![i](http://evil.example/i.png) :red[x] $y$.yaml"
    at = run_with_upload(edit(shipped_bytes, "region: Americas", "region: Atlantis"), name)
    assert shown(at.error[0].value).startswith(name + " (uploaded) has 1 problem;")
    at = run_with_upload(shipped_bytes, name)
    assert f"uploaded as {name}" in dataset_caption(at)
    assert_inert(at, set(), ())


def test_replacing_a_valid_upload_by_an_invalid_one_keeps_the_valid_one(shipped_bytes):
    """The browser reruns once with the uploader empty before the new file arrives."""
    mine = edit(shipped_bytes, "short_name: SENAC virtual tour", "short_name: SENAC tour from my file")
    bad = edit(shipped_bytes, "region: Americas", "region: Atlantis")
    at = run_with_upload(mine)
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value(None).run()
    assert shows(at, DEFAULT_DATA.read_bytes())  # while the uploader is empty, the file the app started with
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value(("broken.yaml", bad, "application/x-yaml")).run()
    assert "broken.yaml (uploaded) has 1 problem; it is not used until it is fixed" in shown(at.error[0].value)
    assert shows(at, mine)


def test_an_upload_removed_then_an_invalid_one_falls_back_to_the_file(shipped_bytes):
    bad = edit(shipped_bytes, "region: Americas", "region: Atlantis")
    at = run_with_upload(shipped_bytes)
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value(None).run()
    at.multiselect(key="f_regions").set_value(["Africa"]).run()  # a second run without an upload: it was removed
    at.file_uploader(key=app_dataset.UPLOAD_KEY).set_value(("broken.yaml", bad, "application/x-yaml")).run()
    assert shows(at, DEFAULT_DATA.read_bytes())


def test_an_empty_upload_is_refused_with_its_reason(shipped_bytes):
    data = yaml.safe_load(shipped_bytes)
    empty = yaml.safe_dump({**data, "projects": [], "practices": [], "activities": []}).encode()
    at = run_with_upload(empty, "empty.yaml")
    assert "no projects and no practices: there is nothing to show" in at.code[0].value
    assert shows(at, DEFAULT_DATA.read_bytes()) and at.metric


def test_a_country_profile_pages_its_cards_on_a_large_dataset(tmp_path):
    from benchmarks.synth import write

    path = write(15, tmp_path / "x15.yaml")  # under the 5 MB upload limit
    named = build(load_path(path)).countries
    busiest = named[named["via_group"].isna()].groupby("iso3")["key"].nunique().idxmax()
    at = run_with_upload(path.read_bytes(), "x15.yaml", page="profile")
    at.selectbox(key="p_iso3").set_value(busiest).run()
    naming = int(at.metric[0].value)
    assert naming > 25 and len(at.dataframe[0].value) >= naming  # the table lists every record
    assert sum(1 for s in at.subheader if s.value.startswith(("Project", "Practice"))) <= 2 * 25
    assert any(f"first 25 of {naming}" in c.value for c in at.caption)
