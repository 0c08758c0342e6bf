"""Upload flood: how many files one session can make the server hold, sent to Streamlit's upload endpoint directly.

Starts the app on one Streamlit process (no nginx), opens one session over the websocket (`/_stcore/stream`, as a
browser does) and runs its page once, takes the XSRF cookie Streamlit sets, then PUTs N distinct files of S MB to
`/_stcore/upload_file/{session_id}/{file_id}` (a multipart form with one file, header `X-Xsrftoken` equal to the
cookie's token, as the browser's uploader sends them) as fast as it can, a few at a time. Prints the HTTP status
counts, the time taken, the server process's resident memory before, right after and a few seconds after, and how
many of the files the server still holds then (the bytes Streamlit's own `/_stcore/metrics` reports for its
UploadedFileManager, divided by the file size). The session stays open throughout.

Usage: python benchmarks/upload_flood.py [--files 60] [--mb 4.9] [--parallel 4] [--settle 3]
(--mb counts 10**6 bytes, as Streamlit's maxUploadSize and the uploader's 5 MB limit do.)
"""

import argparse
import asyncio
import http.client
import os
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path

from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.devserver import serve  # noqa: E402
from benchmarks.load_test import first_run, rss_mib  # noqa: E402

XSRF_COOKIE = "_streamlit_xsrf"
BOUNDARY = "sstc-upload-flood-boundary"


def xsrf_token(base: str) -> str:
    """The XSRF cookie's value as Streamlit sets it (the browser's first requests get it); sent back both as the
    cookie and as the `X-Xsrftoken` header, as Streamlit's frontend does."""
    for path in ("/", "/_stcore/health"):
        with urllib.request.urlopen(base + path, timeout=30) as response:
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie()
                cookie.load(header)
                if XSRF_COOKIE in cookie:
                    return cookie[XSRF_COOKIE].value
    raise RuntimeError(f"the server set no {XSRF_COOKIE} cookie (is XSRF protection off?)")


def multipart(name: str, data: bytes) -> bytes:
    head = (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="UploadedFile"; filename="{name}"\r\n'
        "Content-Type: application/x-yaml\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{BOUNDARY}--\r\n".encode()


def put_files(base: str, session: str, token: str, files: int, size: int, parallel: int) -> Counter:
    """PUT `files` distinct files of `size` bytes, `parallel` at a time; the HTTP status of each (or the error)."""
    url = urllib.parse.urlsplit(base)
    block = os.urandom(size)
    headers = {
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        "X-Xsrftoken": token,
        "Cookie": f"{XSRF_COOKIE}={token}",
    }

    def one(n: int) -> str:
        marker = f"# flood file {n}\n".encode()
        body = multipart(f"flood-{n}.yaml", marker + block[len(marker) :])
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        try:
            connection.request("PUT", f"/_stcore/upload_file/{session}/{uuid.uuid4()}", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return str(response.status)
        except OSError as exc:
            return type(exc).__name__
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        return Counter(pool.map(one, range(1, files + 1)))


def held_bytes(base: str) -> int:
    """The bytes of uploaded files the server holds, as Streamlit's metrics report them (0 when it holds none)."""
    query = "/_stcore/metrics?families=cache_memory_bytes"
    with urllib.request.urlopen(base + query, timeout=30) as response:
        lines = response.read().decode().splitlines()
    return sum(int(float(line.rsplit(" ", 1)[1])) for line in lines if 'cache_type="UploadedFileManager"' in line)


async def flood(base: str, pid: int, args: argparse.Namespace, size: int) -> dict:
    url = base.replace("http://", "ws://") + "/_stcore/stream"
    token = xsrf_token(base)
    async with connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=60) as ws:
        session, _ = await first_run(ws)
        await asyncio.sleep(1)  # the first run's leftovers settle
        before = rss_mib(pid)
        started = time.perf_counter()
        statuses = await asyncio.to_thread(put_files, base, session, token, args.files, size, args.parallel)
        seconds = time.perf_counter() - started
        right_after = rss_mib(pid)
        await asyncio.sleep(args.settle)  # the session is still open
        settled = rss_mib(pid)
        held = held_bytes(base)
    return {"statuses": statuses, "seconds": seconds, "rss": (before, right_after, settled), "held": held}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=60, help="files PUT to the one session")
    parser.add_argument("--mb", type=float, default=4.9, help="each file's size in MB of 10**6 bytes (at most 5)")
    parser.add_argument("--parallel", type=int, default=4, help="PUTs in flight at once")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds before the last memory reading")
    args = parser.parse_args()
    size = int(args.mb * 10**6)
    with serve(None, os.environ.get("LOAD_LOG")) as (base, pids):
        got = asyncio.run(flood(base, pids[0], args, size))
    statuses, (before, right_after, settled) = got["statuses"], got["rss"]
    accepted = sum(n for status, n in statuses.items() if status.startswith("2"))
    file_mib = size / 2**20
    held = got["held"]
    print(f"server: one Streamlit process, direct; one session; {args.files} PUTs of {size:,} bytes "
          f"({file_mib:.1f} MiB) each, {args.parallel} at a time, distinct file ids")  # fmt: skip
    print(f"accepted: {accepted} of {args.files} "
          f"(HTTP {', '.join(f'{status} x{n}' for status, n in sorted(statuses.items()))})")  # fmt: skip
    print(f"seconds: {got['seconds']:.1f} for all {args.files} PUTs "
          f"({accepted * size / 2**20 / got['seconds']:.0f} MiB/s accepted)")  # fmt: skip
    print(f"server RSS: before {before:.0f} MiB, right after {right_after:.0f} MiB (+{right_after - before:.0f}), "
          f"after {args.settle:g} s {settled:.0f} MiB (+{settled - before:.0f})")  # fmt: skip
    print(f"held after {args.settle:g} s: {held // size} files ({held / 2**20:.1f} MiB) of the {accepted} accepted "
          f"(Streamlit's /_stcore/metrics, UploadedFileManager bytes / file size); RSS growth "
          f"{(settled - before) / file_mib:.1f} files' worth")  # fmt: skip


if __name__ == "__main__":
    main()
