"""Memory with many distinct uploads: the server process's resident memory while one session uploads N distinct valid
files one after another (each read in the worker, then a page drawn on it), and after the upload is removed.

Runs the app in this process through Streamlit's AppTest (the same script, caches and upload path a browser's session
uses), so the figures are this process's: before the first upload, the peak, after the last upload, and after removing
it. The files are the shipped dataset scaled (`synth.scale`), each made distinct by its title.

Usage: python benchmarks/upload_memory.py [--uploads 30] [--factor 20] [--page overview]
"""

import argparse
import contextlib
import ctypes
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_test import rss_mib  # noqa: E402
from benchmarks.synth import distinct  # noqa: E402

UPLOAD_KEY = "dataset_upload"


def release() -> None:
    """What a long-running server does between requests: collect, and hand freed heap pages back to the system."""
    gc.collect()
    with contextlib.suppress(OSError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def main() -> None:
    from streamlit.testing.v1 import AppTest

    parser = argparse.ArgumentParser()
    parser.add_argument("--uploads", type=int, default=30)
    parser.add_argument("--factor", type=int, default=20, help="each file is the shipped dataset times this")
    parser.add_argument("--page", default="overview")
    args = parser.parse_args()
    uploads = distinct(args.factor, args.uploads)
    import os

    pid = os.getpid()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page(f"app_pages/{args.page}.py").run()
    release()
    before, peak, started = rss_mib(pid), 0.0, time.perf_counter()
    for n, raw in enumerate(uploads, 1):
        at.file_uploader(key=UPLOAD_KEY).set_value((f"mine-{n}.yaml", raw, "application/x-yaml")).run()
        if at.exception:
            raise SystemExit(f"upload {n}: the page raised {at.exception[0].value}")
        if not any(f"(copy {n})" in c.value.replace("\\", "") for c in at.sidebar.caption):
            raise SystemExit(f"upload {n} is not the dataset in use: {[c.value for c in at.sidebar.caption][:2]}")
        peak = max(peak, rss_mib(pid))
    release()
    last = rss_mib(pid)
    at.file_uploader(key=UPLOAD_KEY).set_value(None).run()
    at.run()  # the browser's second run without the file: the upload is gone
    release()
    removed = rss_mib(pid)
    size = sum(map(len, uploads)) / len(uploads) / 2**20
    print(f"uploads: {args.uploads} distinct valid files of {size:.1f} MiB each, one session, page {args.page}, "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip
    print(f"server RSS: before {before:.0f} MiB, peak {peak:.0f} MiB, after the last upload {last:.0f} MiB, "
          f"after removing it {removed:.0f} MiB")  # fmt: skip
    print(f"growth: peak +{peak - before:.0f} MiB, after removing +{removed - before:.0f} MiB")


if __name__ == "__main__":
    main()
