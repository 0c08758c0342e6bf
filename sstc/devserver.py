"""A Streamlit server for the app in a subprocess on a free localhost port: for the browser test and benchmarks."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from . import ROOT_DIR


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(data: str | None = None, log: str | None = None, timeout: float = 60) -> Iterator[tuple[str, int]]:
    """Yield (base URL, server PID) once /_stcore/health answers; stop the server afterwards."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, **({"SSTC_DATA": data} if data else {})}
    with open(log or os.devnull, "w") as stderr:
        process = subprocess.Popen(command, cwd=ROOT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError(f"the Streamlit server did not start within {timeout:g} s") from None
                    time.sleep(0.3)
            yield url, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
