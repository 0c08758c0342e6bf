"""Documents a planner takes away from the app: the planning brief's model is built once for its three formats."""

import pytest

from sstc.documents import brief
from tests.app.apptest import downloads, open_page


@pytest.mark.usefixtures("record_downloads")
def test_the_brief_is_built_once_for_word_pdf_markdown_and_the_preview(monkeypatch):
    built = []
    build = brief.build
    monkeypatch.setattr(brief, "build", lambda *a, **k: built.append(a[1]) or build(*a, **k))
    at = open_page("shortlist", pick=["practice:3", "practice:8"])
    at.toggle(key="preview_brief").set_value(True).run()
    files = downloads(at)  # each deferred download rendered, as three clicks would
    briefs = sorted(name.rsplit(".", 1)[1] for name in files if name.startswith("sstc-planning-brief-2-items"))
    assert briefs == ["docx", "md", "pdf"]
    assert built == [["practice:3", "practice:8"]]  # one model for the preview and the three files
