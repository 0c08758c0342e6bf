"""Load: concurrent real browser-protocol sessions against a Streamlit server on localhost.

Each session opens the app's websocket (`/_stcore/stream`, the same path a browser uses), then reruns the script
again and again as a user would: switching page and changing the Region filter. The script prints the p50/p95
rerun latency (request sent -> `script_finished` received) and the server's resident memory. Bounded: a fixed
number of sessions and reruns, and a wall-clock limit, after which it stops by itself.

Usage: python benchmarks/load_test.py [--sessions 24] [--reruns 12] [--workers N] [--data PATH] [--limit 300]
With --workers N the sessions go through nginx to N Streamlit processes (`make load WORKERS=2`); each session
carries its own route cookie, as a browser would, so nginx spreads the sessions over the processes.
"""

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import threading
import time
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.devserver import serve  # noqa: E402

PAGES = ["", "coverage", "funding", "modalities", "outcomes", "explorer", "replication", "gaps", "timeline"]
REGIONS = [[], ["Africa"], ["Americas"], ["Asia and the Pacific"], ["Arab States", "Europe and Central Asia"]]
REGION_KEY = "f_regions"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class MemorySampler(threading.Thread):
    """The servers' resident memory, summed over the Streamlit processes, every 0.2 s."""

    def __init__(self, pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.pids, self.samples, self.running = pids, [], True

    def run(self) -> None:
        while self.running:
            self.samples.append(sum(rss_mib(pid) for pid in self.pids))
            time.sleep(0.2)


def rerun_message(page: str, widgets: list[WidgetState]) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_name = page
    message.rerun_script.widget_states.widgets.extend(widgets)
    return message.SerializeToString()


async def first_run(ws, page: str = "", query: str = "", limit: float = 120) -> tuple[str, list]:
    """Run `page` (with `query`) once in a new session: its session id and the elements it drew (for a button's id)."""
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_name = page
    await ws.send(message.SerializeToString())
    session, elements = "", []
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=limit))
        kind = forward.WhichOneof("type")
        if kind == "new_session":
            session = forward.new_session.initialize.session_id
        elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            elements.append(forward.delta.new_element)
        elif kind == "script_finished":
            if not session:
                raise RuntimeError("no session id before the first run finished")
            return session, elements


async def one_run(ws, payload: bytes, ids: dict[str, str], limit: float) -> tuple[float, bool]:
    """Send a rerun; wait for script_finished; remember widget ids. Returns (seconds, a filter caption was drawn)."""
    start = time.perf_counter()
    filtered = False
    await ws.send(payload)
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=limit)
        message = ForwardMsg()
        message.ParseFromString(raw)
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "multiselect" and element.multiselect.id.endswith(REGION_KEY):
                ids[REGION_KEY] = element.multiselect.id
            filtered |= element.WhichOneof("type") == "markdown" and element.markdown.body.startswith("Filtered:")
            if element.WhichOneof("type") == "exception":
                raise RuntimeError(f"the page raised {element.exception.type}: {element.exception.message[:200]}")
        elif kind == "script_finished":
            return time.perf_counter() - start, filtered


async def session(
    url: str, number: int, reruns: int, latencies: list[tuple[int, float]], errors: list[str], checks: list[bool]
) -> None:
    """One browser's session: `reruns` page switches with a Region change each; latencies as (rerun, seconds)."""
    ids: dict[str, str] = {}
    pages = itertools.cycle(PAGES[number % len(PAGES) :] + PAGES[: number % len(PAGES)])
    regions = itertools.cycle(REGIONS[number % len(REGIONS) :] + REGIONS[: number % len(REGIONS)])
    try:
        cookie = {"Cookie": f"sstc_route=load-session-{number}"}  # nginx picks a process by this cookie
        async with connect(
            url, subprotocols=["streamlit"], max_size=None, open_timeout=30, additional_headers=cookie
        ) as ws:
            await one_run(ws, rerun_message("", []), ids, 120)  # first visit: loads the (cached) data
            for n in range(reruns):
                widget = WidgetState(id=ids[REGION_KEY])
                chosen = next(regions)
                widget.string_array_value.data.extend(chosen)
                seconds, filtered = await one_run(ws, rerun_message(next(pages), [widget]), ids, 120)
                latencies.append((n, seconds))
                checks.append(filtered == bool(chosen))  # the server applied the filter the session sent
    except Exception as exc:  # counted and printed, so a failing session shows in the figures
        errors.append(f"session {number}: {type(exc).__name__}: {exc}")


async def drive(url: str, sessions: int, reruns: int) -> tuple[list[tuple[int, float]], list[str], list[bool], float]:
    latencies: list[tuple[int, float]] = []
    errors: list[str] = []
    checks: list[bool] = []
    start = time.perf_counter()
    await asyncio.gather(*(session(url, n, reruns, latencies, errors, checks) for n in range(sessions)))
    return latencies, errors, checks, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=24)
    parser.add_argument("--reruns", type=int, default=12)
    parser.add_argument("--workers", type=int, default=0, help="Streamlit processes behind nginx (0: one, direct)")
    parser.add_argument("--data", help="dataset file (default: the shipped one)")
    parser.add_argument("--limit", type=float, default=300, help="stop after this many seconds in any case")
    args = parser.parse_args()
    with serve(args.data, os.environ.get("LOAD_LOG"), workers=args.workers) as (base, pids):
        sampler = MemorySampler(pids)
        idle = sum(rss_mib(pid) for pid in pids)
        sampler.start()
        before, client_cpu = [cpu_seconds(pid) for pid in pids], time.process_time()
        url = base.replace("http://", "ws://") + "/_stcore/stream"
        try:
            latencies, errors, checks, wall = asyncio.run(
                asyncio.wait_for(drive(url, args.sessions, args.reruns), timeout=args.limit)
            )
        except TimeoutError:
            raise SystemExit(f"stopped after the {args.limit:g} s limit") from None
        finally:
            sampler.running = False
        after = sum(rss_mib(pid) for pid in pids)
        each = [cpu_seconds(pid) - b for pid, b in zip(pids, before, strict=True)]
        server_cpu = sum(each)
        client_cpu = time.process_time() - client_cpu
    if len(latencies) < 4:
        raise SystemExit(f"too few reruns measured; errors: {errors[:3]}")
    # Each process computes a page's first visit and each filter state once (the memo is per process): the first
    # half of a session's reruns meets that, the second half a warm server. Both are printed.
    half = args.reruns // 2
    early, late = [s for n, s in latencies if n < half], [s for n, s in latencies if n >= half]
    latencies = [s for _, s in latencies]
    cuts = statistics.quantiles(latencies, n=100)
    where = f"nginx -> {args.workers} Streamlit processes" if args.workers else "one Streamlit process, direct"
    print(f"server: {where}")
    print(f"sessions: {args.sessions} concurrent websocket sessions x {args.reruns} reruns "
          f"(page switch + Region filter change each); {len(latencies)} reruns measured in {wall:.1f} s, "
          f"{len(errors)} failed sessions")  # fmt: skip
    print(f"filter state honoured in {sum(checks)} of {len(checks)} reruns (Filtered: caption iff a region was sent)")
    print(
        f"rerun latency: p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms"
    )
    for label, part in ((f"reruns 1-{half} (cold server)", early), (f"reruns {half + 1}-{args.reruns} (warm)", late)):
        if len(part) >= 2:
            q = statistics.quantiles(part, n=100)
            print(f"  {label}: p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms")
    print(f"CPU: server {server_cpu:.1f} s ({server_cpu / len(latencies) * 1000:.0f} ms per rerun), "
          f"this client {client_cpu:.1f} s, on {os.cpu_count()} cores"
          + (f"; per process {', '.join(f'{c:.1f} s' for c in each)} (how nginx spread the sessions)"
             if len(each) > 1 else ""))  # fmt: skip
    print(f"server memory (RSS): idle {idle:.0f} MiB, peak {max(sampler.samples):.0f} MiB, after {after:.0f} MiB")
    for error in errors[:5]:
        print("  ", error)


if __name__ == "__main__":
    main()
