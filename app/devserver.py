"""Run the app: one Streamlit process, or N behind nginx, on localhost ports; for `make serve`, tests and benchmarks.

One Streamlit process runs every session's script in one interpreter, so concurrent users queue behind each other;
N processes behind nginx (deploy/nginx.conf: sticky sessions by cookie, gzip, long cache headers) serve N reruns
at once. Usage: python -m app.devserver [--workers N] [--port 8501] [--host 127.0.0.1] [--data PATH]
"""

import argparse
import base64
import hashlib
import importlib.util
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from sstc import ROOT_DIR

NGINX_TEMPLATE = ROOT_DIR / "deploy" / "nginx.conf"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_binary() -> str | None:
    """nginx on PATH or in /usr/sbin (not on a non-root user's PATH on Debian)."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def _wait_healthy(url: str, processes: list[subprocess.Popen], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                raise RuntimeError(f"{what} did not start within {timeout:g} s") from None
            time.sleep(0.3)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def _process(command: list[str], log: str | None, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    with open(log or os.devnull, "a") as stderr:
        process = subprocess.Popen(command, cwd=ROOT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            yield process
        finally:
            _stop(process)


def streamlit_command(port: int, host: str = "127.0.0.1") -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
        "--server.address", host, "--server.headless", "true", "--browser.gatherUsageStats", "false",
        # Serving, not developing: no watching of the sources for edits, and no full garbage collection after every
        # rerun (measured under `make load`: that collection was half the server's CPU, ~65 ms a rerun; Python's
        # own collector still runs as memory grows).
        "--server.fileWatcherType", "none", "--runner.postScriptGC", "false",
    ]  # fmt: skip


def inline_script_hashes() -> str:
    """The Content-Security-Policy sources of the inline scripts of Streamlit's page (one in 1.67:
    `window.prerenderReady = false`), hashed from the installed Streamlit, so that an upgrade keeps them right."""
    package = Path(importlib.util.find_spec("streamlit").origin).parent  # not imported: that takes a second
    page = (package / "static" / "index.html").read_text()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, flags=re.DOTALL)
    digests = (base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts)
    return " ".join(f"'sha256-{d}'" for d in digests)


def nginx_config(prefix: Path, host: str, port: int, upstreams: list[int]) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in upstreams)
    fields = {
        "@PREFIX@": str(prefix),
        "@HOST@": host,
        "@PORT@": str(port),
        "@SERVERS@": servers,
        "@SCRIPT_HASHES@": inline_script_hashes(),
    }
    text = NGINX_TEMPLATE.read_text()
    for field, value in fields.items():
        text = text.replace(field, value)
    return text


@contextmanager
def serve(
    data: str | None = None,
    log: str | None = None,
    timeout: float = 60,
    workers: int = 0,
    port: int | None = None,
    host: str = "127.0.0.1",
) -> Iterator[tuple[str, list[int]]]:
    """Yield (base URL, server PIDs) once the app answers /_stcore/health; stop everything afterwards.

    `workers=0`: one Streamlit process on `port`. `workers=N`: N Streamlit processes on free ports behind nginx
    on `port` (nginx must be installed: `make nginx`).
    """
    env = {**os.environ, **({"SSTC_DATA": data} if data else {})}
    port = port or free_port()
    with ExitStack() as stack:
        if workers < 1:
            process = stack.enter_context(_process(streamlit_command(port, host), log, env))
            url = f"http://{host}:{port}"
            _wait_healthy(url, [process], timeout, "the Streamlit server")
            yield url, [process.pid]
            return
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is not installed: run `make nginx` (Debian's nginx-light) as root")
        # Behind a proxy every process must accept the others' XSRF cookie: one secret for all of them (Streamlit
        # takes it from the environment only).
        shared = {**env, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
        ports = [free_port() for _ in range(workers)]
        apps = [stack.enter_context(_process(streamlit_command(p), log, shared)) for p in ports]
        for p in ports:
            _wait_healthy(f"http://127.0.0.1:{p}", apps, timeout, "a Streamlit worker")
        prefix = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sstc-nginx-")))
        # Started as root, nginx's workers run as `nobody`: they must be able to enter the folder (not list it) to
        # reach the temp folders nginx makes in it for them (request bodies over 16 kB, i.e. uploads, go there;
        # with 0700 each such request was a 500). Started by anyone else the workers are that user anyway.
        prefix.chmod(0o711)
        (prefix / "nginx.conf").write_text(nginx_config(prefix, host, port, ports))
        command = [binary, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf")]
        proxy = stack.enter_context(_process(command, log))
        url = f"http://{host}:{port}"
        _wait_healthy(url, [proxy, *apps], timeout, "nginx")
        yield url, [app.pid for app in apps]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=0, help="Streamlit processes behind nginx (0: no nginx)")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 in a container)")
    parser.add_argument("--data", help="dataset file (default: $SSTC_DATA, else the shipped one)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the workers and nginx on `docker stop`
    with serve(args.data, None, 120, args.workers, args.port, args.host) as (url, pids):
        how = f"{args.workers} Streamlit processes behind nginx" if args.workers else "one Streamlit process"
        print(f"serving {url} ({how}; pids {', '.join(map(str, pids))}); Ctrl+C stops", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
