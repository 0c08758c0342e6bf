"""The plan in a browser (issue 24): pick a target on the Replication finder, tick three practices, set their
priorities and notes in the plan's table, download the memo in Word and PDF and read both back."""

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import docx
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from sstc.data import planfile
from tests.browser.conftest import SCREENSHOTS, wait_ready
from tests.browser.test_browser import choose, clicked_download
from tests.readback import fold, pdf_text

PRACTICES = ("Practice 14:", "Practice 12:", "Practice 4:")
EDITS = [(0, 2, "high"), (0, 6, "Start with Ethiopia's public employment service"), (1, 2, "low"),
         (2, 6, "Ask SADC's secretariat first")]  # fmt: skip  # (row, column, text): column 2 priority, 6 note


def plan_in(url: str) -> list[dict]:
    """The plan the page address carries, decoded as the app decodes it."""
    value = parse_qs(urlparse(url).query)["plan"][0]
    plan, notices = planfile.from_param(value, "t", "v", "abcdef")
    assert plan is not None, notices
    return [{"key": i.key, "priority": i.priority, "note": i.note, "targets": i.targets} for i in plan.items]


def edit(tab, row: int, column: int, text: str) -> None:
    """Type into a cell of the plan's data editor by keyboard (a canvas grid): to the row's first column, then
    `column` cells right, Enter to open the cell's editor, the text, Enter to commit; then wait for the rerun (the
    address changes with the plan)."""
    before = tab.url
    for attempt in (1, 2):
        grid = tab.locator("[data-testid=stDataFrame]").first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        tab.mouse.click(box["x"] + 200, box["y"] + 35 + 17 + 35 * row)
        for key in ["ArrowLeft"] * 8 + ["ArrowRight"] * column:
            tab.keyboard.press(key)
        tab.keyboard.press("Enter")
        tab.wait_for_timeout(400)
        tab.keyboard.type(text, delay=20)
        tab.wait_for_timeout(300)  # the cell editor takes in the last keys before Enter commits
        tab.keyboard.press("Enter")
        try:
            tab.wait_for_function("(u) => location.href !== u", arg=before, timeout=20_000 * attempt)
            break
        except PlaywrightTimeout:
            # Under a loaded CI the grid was once still drawn anew as the keys arrived (1 of 4 clean runs): the
            # keystrokes went nowhere. Typed once more; the test's asserts still need every edit in the plan.
            if attempt == 2:
                raise
            wait_ready(tab, "[data-testid=stDataFrame]")
    wait_ready(tab, "[data-testid=stDataFrame]")


@pytest.mark.downloads
def test_a_target_three_practices_priorities_and_notes_make_a_memo_in_word_and_pdf(page, server):
    page.goto(f"{server}/replication")
    wait_ready(page)
    choose(page, "Replicate to", "Ethiopia")
    page.wait_for_url("**target=ETH**", timeout=30_000)
    wait_ready(page, "[data-testid=stDataFrame]")
    for label in PRACTICES:
        box = page.locator("[data-testid=stMultiSelect]").filter(has_text="Shortlist (shared")
        box.locator("input").click()
        page.keyboard.type(label)
        page.get_by_role("option").filter(has_text=label).first.click()
        page.keyboard.press("Escape")
        wait_ready(page)
    page.get_by_role("link", name="Shortlist and brief").first.click()
    wait_ready(page, "[data-testid=stDataFrame]")
    for row, column, text in EDITS:
        edit(page, row, column, text)
    planned = plan_in(page.url)
    assert [p["key"] for p in planned] == ["practice:14", "practice:12", "practice:4"]
    assert [p["priority"] for p in planned] == ["high", "low", "medium"]
    assert planned[0]["note"] == EDITS[1][2] and planned[2]["note"] == EDITS[3][2]
    assert all(p["targets"] == ["ETH"] for p in planned)  # the finder's target, taken as each item's first
    page.screenshot(path=SCREENSHOTS / "plan.png")
    word = clicked_download(page, page.get_by_role("button", name="Download the memo (Word)"), 90_000)
    memo = docx.Document(word.path())
    text = "\n".join([p.text for p in memo.paragraphs] + [c.text for t in memo.tables for r in t.rows for c in r.cells])
    pdf = clicked_download(page, page.get_by_role("button", name="Download the memo (PDF)"), 90_000)
    shown = pdf_text(Path(pdf.path()).read_bytes())
    for said in (text, shown):
        flat = fold(said).replace(" ", "")
        for expected in (EDITS[1][2], EDITS[3][2], "Ethiopia", "high", "low", "Whattheplanadds"):
            assert fold(expected).replace(" ", "") in flat, expected
