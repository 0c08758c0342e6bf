"""Stall: other visitors' rerun latency while the heaviest valid document is being built, on one Streamlit process.

Starts the app on a generated valid dataset whose every text field is filled to the schema's limit with short lines
(`synth.heavy`: the heaviest brief to lay out), opens N sessions that switch page and Region again and again (as
`load_test.py` does), and one more session that opens the Shortlist with every record ticked and asks for the brief
as a browser's click on the download button does (a deferred-file request over the websocket). Prints the others'
p50/p95 before and while the document is built, the document's time and size, and the server's CPU.

Usage: python benchmarks/stall.py [--sessions 4] [--documents 1] [--format pdf] [--chars 20000] [--data PATH]
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from app.devserver import serve  # noqa: E402
from benchmarks.load_test import (  # noqa: E402
    PAGES,
    REGION_KEY,
    REGIONS,
    cpu_seconds,
    first_run,
    one_run,
    rerun_message,
)
from benchmarks.synth import write_heavy  # noqa: E402
from sstc.data.load import load_path  # noqa: E402

LABELS = {"pdf": "(PDF)", "docx": "(Word)", "md": "(Markdown)"}


async def visitor(url: str, number: int, stop: asyncio.Event, latencies: list[tuple[float, float]]) -> None:
    """Reruns until `stop`: (finished at, seconds) each."""
    ids: dict[str, str] = {}
    async with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60) as ws:
        await one_run(ws, rerun_message("", []), ids, 120)
        n = number
        while not stop.is_set():
            widget = WidgetState(id=ids[REGION_KEY])
            widget.string_array_value.data.extend(REGIONS[n % len(REGIONS)])
            seconds, _ = await one_run(ws, rerun_message(PAGES[n % len(PAGES)], [widget]), ids, 120)
            latencies.append((time.perf_counter(), seconds))
            n += 1


async def document(
    url: str, base: str, picks: list[str], fmt: str, ready: asyncio.Event
) -> tuple[float, float, int, str]:
    """Open the Shortlist with `picks`, wait until told, click the brief's download.

    Returns (asked at, seconds until answered, bytes, refusal)."""
    async with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60) as ws:
        session, elements = await first_run(ws, "shortlist", "&".join(f"pick={p}" for p in picks))
        deferred = next(
            (
                e.download_button.deferred_file_id
                for e in elements
                if e.WhichOneof("type") == "download_button" and LABELS[fmt] in e.download_button.label
            ),
            "",
        )
        if not deferred:
            raise RuntimeError("no brief download button on the Shortlist page")
        await ready.wait()
        request = BackMsg()
        request.backend_operation_request.request_id = "stall-1"
        request.backend_operation_request.session_id = session
        request.backend_operation_request.deferred_file.file_id = deferred
        asked = time.perf_counter()
        await ws.send(request.SerializeToString())
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(ws.recv(), timeout=240))
            if forward.WhichOneof("type") == "backend_operation_response":
                seconds = time.perf_counter() - asked
                answer = forward.backend_operation_response
                if answer.error_msg:
                    return asked, seconds, 0, answer.error_msg
                try:
                    with urllib.request.urlopen(base + "/" + answer.deferred_file.url.lstrip("/"), timeout=60) as got:
                        return asked, seconds, len(got.read()), ""
                except urllib.error.HTTPError as exc:  # Streamlit drops a served file at the second cleanup after
                    return asked, seconds, -exc.code, ""  # it, and each rerun of any session cleans up


async def measure(url: str, base: str, picks: list[str], fmt: str, sessions: int, documents: int, idle: float) -> dict:
    stop, ready = asyncio.Event(), asyncio.Event()
    latencies: list[tuple[float, float]] = []
    others = [asyncio.create_task(visitor(url, n, stop, latencies)) for n in range(sessions)]
    docs = [asyncio.create_task(document(url, base, picks, fmt, ready)) for _ in range(documents)]
    await asyncio.sleep(idle)  # the others' first visits and a few warm reruns
    while len(latencies) < 3 * sessions:
        await asyncio.sleep(0.5)
    calm = time.perf_counter()
    await asyncio.sleep(idle)
    ready.set()
    answers = await asyncio.gather(*docs)
    stop.set()
    await asyncio.gather(*others)
    asked = min(a[0] for a in answers)
    done = max(a[0] + a[1] for a in answers)
    before = [s for at, s in latencies if calm <= at < asked]
    during = [s for at, s in latencies if asked <= at <= done]
    return {"before": before, "during": during, "documents": [a[1:] for a in answers]}


def quantiles(values: list[float]) -> str:
    if len(values) < 2:
        return f"{len(values)} reruns (too few)"
    cuts = statistics.quantiles(values, n=100)
    p50, p95, top = cuts[49] * 1000, cuts[94] * 1000, max(values) * 1000
    return f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {top:.0f} ms ({len(values)} reruns)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=4, help="other visitors rerunning meanwhile")
    parser.add_argument("--documents", type=int, default=1, help="sessions clicking the download at once")
    parser.add_argument("--format", choices=sorted(LABELS), default="pdf")
    parser.add_argument("--data", help="dataset file (default: the generated heaviest valid one)")
    parser.add_argument("--chars", type=int, default=20_000, help="characters in each filled field (schema limit)")
    parser.add_argument("--idle", type=float, default=4.0, help="seconds measured before the click")
    parser.add_argument("--limit", type=float, default=240, help="stop after this many seconds in any case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(args.data) if args.data else write_heavy(Path(folder) / "heaviest.yaml", args.chars)
        dataset = load_path(data)
        picks = [f"practice:{p.number}" for p in dataset.practices] + [f"project:{p.id}" for p in dataset.projects]
        with serve(str(data)) as (base, pids):
            url = base.replace("http://", "ws://") + "/_stcore/stream"
            cpu = cpu_seconds(pids[0])
            try:
                got = asyncio.run(
                    asyncio.wait_for(
                        measure(url, base, picks[:44], args.format, args.sessions, args.documents, args.idle),
                        args.limit,
                    )
                )
            except TimeoutError:
                raise SystemExit(f"stopped after the {args.limit:g} s limit") from None
            cpu = cpu_seconds(pids[0]) - cpu
    print(f"dataset: {data.name if args.data else 'the generated heaviest valid dataset'}; "
          f"{len(picks[:44])} items in the brief, {args.documents} asked for at once")  # fmt: skip
    for n, (seconds, size, error) in enumerate(got["documents"], 1):
        print(f"document {n}: {args.format} brief answered in {seconds:.1f} s, "
              + (f"refused: {error}" if error else f"{size:,} bytes" if size >= 0 else
                 f"built, but gone before it was fetched (HTTP {-size})"))  # fmt: skip
    print(f"{args.sessions} other sessions before the click: {quantiles(got['before'])}")
    print(f"{args.sessions} other sessions while the documents were built: {quantiles(got['during'])}")
    print(f"server process CPU during the run: {cpu:.1f} s")


if __name__ == "__main__":
    main()
