"""Speed as a visitor feels it (issue 27): every page of the app against the floor page, in headless Chromium.

Usage: python benchmarks/browser_bench.py [--rounds 3] [--pages overview,funding]

Two Streamlit servers side by side, started as the tests start the app (`app.devserver`: headless, no file watcher,
no post-run collection): the app (dashboard.py) and the floor (`floor_page.py`: a choropleth, seven sidebar
multiselects, a 75-row table, a download button; computing nothing), its choropleth's world geometry served from
this machine as the app serves it (`static/topojson/` through Streamlit's static serving, plotly's `topojsonURL`).
Then one Chromium, with every request off this machine blocked (the browser tests' proxy trick), measures per page
and round, each round in a fresh browser context (no cache: a first visit):

- first visit: from the start of the navigation until drawn and settled: the script has run (the page got its
  `scriptFinished` message and no run began after it; stApp's data-test-script-state is back to notRunning), a
  heading is drawn, every plotly chart is drawn (a choropleth with its shapes), the quick map's SVG is in, and there
  is no [data-testid=stStatusWidget] and no [data-testid=stSkeleton] (polled every 20 ms, as `_settled` in
  tests/browser/test_browser.py);
- a filter change: a region picked in the sidebar's Region multiselect, from the press on the option until settled
  again after the rerun(s) it caused (then 600 ms of quiet are waited for: a rerun that starts later is counted and
  waited for too).

Each figure is the median of the rounds, printed with its ratio to the floor's. Per filter change it also prints
what went over the page's websocket (Streamlit's protobuf messages, decoded): the script runs the change caused
(`newSession` messages received) and the reruns the browser asked for (`rerunScript` BackMsgs sent; more than one
means an extra rerun), the frames each way and the bytes received, the largest message and what it drew; whether
the page's address changed (history.pushState / replaceState); and the browser's own time over the change, from
the Chrome DevTools Protocol (Performance.getMetrics before and after: ScriptDuration, LayoutDuration,
RecalcStyleDuration). Figures are printed, not asserted anywhere; the machine's load is printed with them.

The server is warmed first (every page and the floor visited once, untimed): a first visit here is a visitor's first
visit to a running app. Each round picks a region no earlier round picked (Africa, Americas, ...), so the change is
not one a page computed before in this run; the filtering itself is shared by the pages (app.memo), so in a round
only the first page pays for it.
"""

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.devserver import _process, _wait_healthy, free_port, serve, streamlit_command  # noqa: E402
from sstc.data import vocab  # noqa: E402
from tests.browser.conftest import BLOCK_OFF_MACHINE, CHROMIUM_ARGS, chromium_path, off_machine  # noqa: E402

# The app's 14 pages as a visitor opens them (tests/conftest.py EVERY_VIEW; the coverage page with its quick map).
PAGES = {
    "overview": "",
    "coverage": "coverage",
    "funding": "funding",
    "modalities": "modalities",
    "outcomes": "outcomes",
    "explorer": "explorer",
    "projects": "projects",
    "profile": "profile?iso3=BRA",
    "compare": "compare",
    "replication": "replication",
    "gaps": "gaps",
    "shortlist": "shortlist?pick=practice:3&pick=project:ASIA-BRICS",
    "timeline": "timeline",
    "about": "about",
}
FLOOR = "(floor)"
REDRAWN = "(redrawn)"  # the floor with ?redraw=1: its Region filter changes its choropleth, table and download
REGIONS = [r for r in vocab.REGIONS if not r.startswith("Global")]  # the ones the floor offers too
VIEWPORT = {"width": 1400, "height": 1000}
QUIET_MS = 600
TIMEOUT_MS = 60_000

# The floor page run as the app runs its charts: the same plotly config (app.widgets.plotly_config), so its world
# geometry comes from this machine (Streamlit serves the `static/` folder next to the main script: a link to the
# app's). Patched once per process: the wrapper runs on every rerun.
FLOOR_WRAPPER = """\
import runpy

import streamlit as st

if not getattr(st.plotly_chart, "_floor", False):
    _chart = st.plotly_chart

    def _plotly_chart(figure, *args, **kwargs):
        kwargs.setdefault(
            "config", {{"topojsonURL": "/app/static/topojson/", "displaylogo": False, "displayModeBar": False}}
        )
        return _chart(figure, *args, **kwargs)

    _plotly_chart._floor = True
    st.plotly_chart = _plotly_chart
runpy.run_path({floor!r}, run_name="__main__")
"""

# In every document: the last press of a pointer; the time of every websocket message sent (a rerun request,
# mostly), and of every `newSession` (a script run begins) and `scriptFinished` message received, when the page's
# main thread got it (its top-level protobuf fields read, nothing decoded); every history.pushState / replaceState
# (the URL the app writes). Not stApp's data-test-script-state: on a busy machine React drew a whole rerun in one
# commit, and the attribute never left "notRunning".
INIT_SCRIPT = """(() => {
  const s = window.__sstc = { press: null, history: [], sends: [], started: [], finished: [] };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    s.sends.push(performance.now());
    return send.call(this, data);
  };
  const fields = (buffer) => {
    const b = new Uint8Array(buffer), found = [];
    let i = 0;
    const varint = () => {
      let value = 0, scale = 1, byte;
      do { byte = b[i++]; value += (byte & 127) * scale; scale *= 128; } while (byte & 128 && i < b.length);
      return value;
    };
    while (i < b.length) {
      const key = varint(), wire = key & 7;
      found.push(Math.floor(key / 8));
      if (wire === 0) varint();
      else if (wire === 2) { const length = varint(); i += length; }  // not `i += varint()`: that adds to the old i
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else break;
    }
    return found;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (!(event.data instanceof ArrayBuffer)) return;
        const found = fields(event.data);
        if (found.includes(NEW_SESSION)) s.started.push(performance.now());
        if (found.includes(SCRIPT_FINISHED)) s.finished.push(performance.now());
      });
    }
  };
  for (const name of ["pushState", "replaceState"]) {
    const original = history[name].bind(history);
    history[name] = (...args) => {
      s.history.push([name, String(args[2]), performance.now()]);
      return original(...args);
    };
  }
  document.addEventListener("pointerdown", () => { s.press = performance.now(); }, true);
})();"""
for _name in ("new_session", "script_finished"):
    INIT_SCRIPT = INIT_SCRIPT.replace(_name.upper(), str(ForwardMsg.DESCRIPTOR.fields_by_name[_name].number))

# Drawn and settled: a script run has finished after `since` (a change's rerun, not the page's first run) and none
# began after it, the frontend shows no run, a heading, every plotly chart drawn (a choropleth with its shapes), the
# quick map's SVG in, no status widget, no skeleton. When true it records the time it saw it (polled every 20 ms).
SETTLED = """(since) => {
  const s = window.__sstc;
  const last = (times) => Math.max(-1, ...times.filter((t) => t >= since));
  if (last(s.finished) < 0 || last(s.started) > last(s.finished)) return false;
  const app = document.querySelector("[data-testid=stApp]");
  if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
  if (document.querySelector("[data-testid=stStatusWidget], [data-testid=stSkeleton]")) return false;
  if (!document.querySelector("h1")) return false;
  for (const gd of document.querySelectorAll(".js-plotly-plot")) {
    if (!gd.querySelector(".main-svg")) return false;
    const choropleth = (gd._fullData || []).some((t) => t.type === "choropleth");
    if (choropleth && !gd.querySelector("path.choroplethlocation")) return false;
  }
  for (const host of document.querySelectorAll("[data-testid=stBidiComponentIsolated]")) {
    const map = host.shadowRoot && host.shadowRoot.querySelector(".sstc-map-root");
    if (map && !map.querySelector("svg")) return false;
  }
  s.settled = performance.now();
  return true;
}"""

METRICS = ("ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "TaskDuration")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


@contextmanager
def floor_server() -> Iterator[str]:
    """The floor page on a Streamlit server of its own, with the app's server options and config (cwd: the root)."""
    with tempfile.TemporaryDirectory(prefix="sstc-floor-") as folder:
        main = Path(folder) / "floor_main.py"
        main.write_text(FLOOR_WRAPPER.format(floor=str(ROOT / "benchmarks" / "floor_page.py")))
        (Path(folder) / "static").symlink_to(ROOT / "static", target_is_directory=True)
        port = free_port()
        command = [str(main) if part == "dashboard.py" else part for part in streamlit_command(port)]
        with _process(command, None) as process:
            url = f"http://127.0.0.1:{port}"
            _wait_healthy(url, [process], 60, "the floor's Streamlit server")
            yield url


class Wire:
    """What went over a page's Streamlit websocket, decoded: (direction, type, bytes, what it drew) in order."""

    def __init__(self, tab) -> None:
        self.frames: list[tuple[str, str, int, str]] = []
        tab.on("websocket", self._opened)

    def _opened(self, ws) -> None:
        if "/_stcore/stream" in ws.url:
            ws.on("framesent", self._sent)
            ws.on("framereceived", self._received)

    def _sent(self, payload) -> None:
        raw = payload if isinstance(payload, bytes) else payload.encode()
        message = BackMsg()
        message.ParseFromString(raw)
        self.frames.append(("sent", message.WhichOneof("type") or "?", len(raw), ""))

    def _received(self, payload) -> None:
        raw = payload if isinstance(payload, bytes) else payload.encode()
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind, what = message.WhichOneof("type") or "?", ""
        if kind == "delta":
            what = message.delta.WhichOneof("type") or ""
            if what == "new_element":
                what = message.delta.new_element.WhichOneof("type") or what
        self.frames.append(("received", kind, len(raw), what))


def summary(frames: list[tuple[str, str, int, str]]) -> dict:
    received = [f for f in frames if f[0] == "received"]
    largest = max(received, key=lambda f: f[2], default=("", "", 0, ""))
    return {
        "runs": sum(f[1] == "new_session" for f in received),
        "rerun_requests": sum(f[0] == "sent" and f[1] == "rerun_script" for f in frames),
        "sent": sum(f[0] == "sent" for f in frames),
        "received": len(received),
        "bytes": sum(f[2] for f in received),
        "largest": largest[2],
        "largest_what": largest[3] or largest[1],
    }


STATE = """() => ({
  state: document.querySelector("[data-testid=stApp]")?.getAttribute("data-test-script-state"),
  status: !!document.querySelector("[data-testid=stStatusWidget]"),
  skeleton: !!document.querySelector("[data-testid=stSkeleton]"),
  heading: !!document.querySelector("h1"),
  now: performance.now(),
  press: window.__sstc.press, sends: window.__sstc.sends.slice(-4),
  started: window.__sstc.started.slice(-4), finished: window.__sstc.finished.slice(-4),
})"""


def wait_settled(tab, since: float) -> float:
    try:
        tab.wait_for_function(SETTLED, arg=since, timeout=TIMEOUT_MS, polling=20)
    except PlaywrightTimeout:
        raise SystemExit(f"{tab.url} did not settle in {TIMEOUT_MS} ms: {tab.evaluate(STATE)}") from None
    return tab.evaluate("() => window.__sstc.settled")


def metrics(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] in METRICS}


def visit(browser, url: str, region: str | None, requested: list[str]) -> dict:
    """A first visit in a fresh context, then (with `region`) a Region change; both timed."""
    context = browser.new_context(viewport=VIEWPORT)
    context.on("request", lambda request: requested.append(request.url))
    context.add_init_script(INIT_SCRIPT)
    try:
        tab = context.new_page()
        wire = Wire(tab)
        cdp = context.new_cdp_session(tab)
        cdp.send("Performance.enable")
        tab.goto(url, timeout=TIMEOUT_MS)
        result = {"first": wait_settled(tab, 0), "first_wire": summary(wire.frames)}
        if region is None:
            return result
        tab.wait_for_timeout(300)
        box = tab.locator("[data-testid=stMultiSelect]").filter(has_text=re.compile("^Region"))
        box.locator("input").click()
        tab.keyboard.type(region)
        option = tab.get_by_role("option", name=region, exact=True)
        option.wait_for(timeout=TIMEOUT_MS)
        tab.wait_for_timeout(200)
        before_url, before = tab.url, metrics(cdp)
        tab.evaluate("() => { window.__sstc.press = null; window.__sstc.history = []; }")
        first_frame = len(wire.frames)
        option.click()
        press = tab.evaluate("() => window.__sstc.press")
        settled = wait_settled(tab, press)
        at_settle = metrics(cdp)
        late = 0
        while True:  # a rerun that starts after the page settled (a component's value, the URL) is the change's too
            tab.wait_for_timeout(QUIET_MS)
            again = tab.evaluate("(t) => window.__sstc.started.filter((at) => at > t)", settled)
            if not again or late >= 5:
                break
            late += 1
            settled = wait_settled(tab, again[0])
            at_settle = metrics(cdp)
        after = metrics(cdp)
        sends = tab.evaluate("(t) => window.__sstc.sends.filter((at) => at >= t)", press)
        requested_at = sends[0] if sends else press
        finished_at = tab.evaluate("(t) => Math.max(...window.__sstc.finished.filter((at) => at <= t))", settled)
        result.update(
            change=settled - press,
            to_request=requested_at - press,  # the press until the browser sent the rerun request
            run=finished_at - requested_at,  # until the (last) run's scriptFinished reached the page's main thread
            to_settle=settled - finished_at,  # then until settled (stale elements gone, charts drawn, no skeleton)
            late_reruns=late,
            wire=summary(wire.frames[first_frame:]),
            browser={m: (at_settle.get(m, 0) - before.get(m, 0)) * 1000 for m in METRICS},
            tail={m: (after.get(m, 0) - at_settle.get(m, 0)) * 1000 for m in METRICS},  # the quiet wait after
            history=tab.evaluate("() => window.__sstc.history"),
            url_changed=tab.url != before_url,
        )
        tab.keyboard.press("Escape")
        return result
    finally:
        context.close()


def median(rows: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per page, each in a fresh context (median)")
    parser.add_argument("--pages", help=f"comma-separated subset of: {','.join(PAGES)} (the floor always runs)")
    parser.add_argument("--json", action="store_true", help="also print every round's figures as JSON")
    args = parser.parse_args()
    names = list(PAGES) if not args.pages else [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = [n for n in names if n not in PAGES]
    if unknown or args.rounds < 1:
        parser.error(f"unknown pages {unknown}; known: {', '.join(PAGES)}" if unknown else "--rounds must be >= 1")
    chromium = chromium_path()
    if chromium is None:
        sys.exit("Chromium not found: install Debian's package (apt-get install -y chromium-headless-shell)")

    load_before, started = load(), time.monotonic()
    requested: list[str] = []
    results: dict[str, list[dict]] = {name: [] for name in [FLOOR, REDRAWN, *names]}
    with ExitStack() as stack:
        app_url, _ = stack.enter_context(serve(timeout=120))
        floor_url = stack.enter_context(floor_server())
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=chromium, args=[*CHROMIUM_ARGS, BLOCK_OFF_MACHINE])
        stack.callback(browser.close)
        urls = {
            FLOOR: floor_url + "/",
            REDRAWN: floor_url + "/?redraw=1",
            **{n: f"{app_url}/{PAGES[n]}" for n in names},
        }
        for url in urls.values():  # warm the servers: scripts compiled, data loaded, unfiltered views cached
            visit(browser, url, None, requested)
        for round_ in range(args.rounds):
            region = REGIONS[round_ % len(REGIONS)]
            for name, url in urls.items():
                results[name].append(visit(browser, url, region, requested))
                print(f"  round {round_ + 1}, {name}: done", file=sys.stderr, flush=True)
    load_after, took = load(), time.monotonic() - started

    outside = sorted({u for u in requested if off_machine(u)})
    floor = results[FLOOR]
    floor_first, floor_change = median(floor, "first"), median(floor, "change")
    redrawn_change = median(results[REDRAWN], "change")
    print(
        f"\nBrowser timings (ms, median of {args.rounds} round(s), each a fresh context; Chromium headless; "
        f"load average {load_before} before, {load_after} after; {took:.0f} s)"
    )
    print(
        "(x redrawn: the filter change as a ratio to the floor's with ?redraw=1, whose change redraws its choropleth, "
        "table and download as a page's does; the floor's own change redraws nothing)"
    )
    print(f"{'page':<12} {'first visit':>11} {'x floor':>8} {'filter change':>13} {'x floor':>8} {'x redrawn':>9}")
    for name, rows in results.items():
        first, change = median(rows, "first"), median(rows, "change")
        print(
            f"{name:<12} {first:>11.0f} {first / floor_first:>8.2f} {change:>13.0f} {change / floor_change:>8.2f} "
            f"{change / redrawn_change:>9.2f}"
        )
    print(
        "\nPer filter change (median): runs = script runs it caused (newSession received) / reruns the browser asked "
        "for (rerunScript sent); frames sent/received over the websocket; kB received; the largest message and what "
        "it drew. The change's time split: press -> rerun request sent (ask), -> the (last) run's scriptFinished "
        "message handled by the page (run: the server's run, the network, and the page taking in each message as it "
        "came), -> settled (draw). The browser's own time from the press until "
        "settled (CDP Performance: JavaScript, layout, style recalculation, all main-thread tasks), and its tasks in "
        f"the {QUIET_MS} ms after. The address change the rerun made."
    )
    print(
        f"{'page':<12} {'runs':>5} {'frames':>7} {'kB recv':>7} {'largest message':>24} {'ask':>5} {'run':>5} "
        f"{'draw':>5} {'script':>6} {'layout':>6} {'style':>5} {'task':>5} {'after':>5}  address"
    )
    for name, rows in results.items():
        wires = [r["wire"] for r in rows]
        mid = {k: statistics.median(w[k] for w in wires) for k in ("runs", "rerun_requests", "sent", "received")}
        kb = statistics.median(w["bytes"] for w in wires) / 1000
        big = max(wires, key=lambda w: w["largest"])
        own = {m: statistics.median(r["browser"][m] for r in rows) for m in METRICS}
        tail = statistics.median(r["tail"]["TaskDuration"] for r in rows)
        history = rows[-1]["history"]
        address = ", ".join(f"{h[0]} {h[1]}" for h in history) if history else "unchanged"
        late = sum(r["late_reruns"] for r in rows)
        note = f"; {late} rerun(s) after settling" if late else ""
        largest = f"{big['largest'] / 1000:.1f} kB {big['largest_what'][:14]}"
        print(
            f"{name:<12} {mid['runs']:>3.0f}/{mid['rerun_requests']:<1.0f} {mid['sent']:>3.0f}/{mid['received']:<3.0f} "
            f"{kb:>7.1f} {largest:>24} {median(rows, 'to_request'):>5.0f} {median(rows, 'run'):>5.0f} "
            f"{median(rows, 'to_settle'):>5.0f} {own['ScriptDuration']:>6.0f} {own['LayoutDuration']:>6.0f} "
            f"{own['RecalcStyleDuration']:>5.0f} {own['TaskDuration']:>5.0f} {tail:>5.0f}  {address}{note}"
        )
    first_wires = {name: rows[0]["first_wire"] for name, rows in results.items()}
    print("\nFirst visit over the websocket (round 1): " + "; ".join(
        f"{n} {w['runs']} run(s), {w['bytes'] / 1000:.0f} kB" for n, w in first_wires.items()
    ))  # fmt: skip
    if args.json:
        print(json.dumps(results, indent=1))
    if outside:
        sys.exit(f"requests left this machine (blocked, so the figures are off): {outside[:5]}")


if __name__ == "__main__":
    main()
