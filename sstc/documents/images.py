"""Charts and maps as image files a planner takes away (PNG and SVG), each with its title and a caption that names
the data it was drawn from, so a picture pasted into a memo still says where it comes from.

A plotly chart goes through plotly's own static export (kaleido, driving the Chromium the project installs): the
picture is the chart as the page draws it. A map is the server's own SVG (`sstc.view.svgmap.image`), made a PNG by
the same Chromium. Both run in a bounded child (`sstc.documents.worker`), never in the server's process.
"""

import io
import os
import shutil
from dataclasses import dataclass

from PIL import Image, PngImagePlugin

from sstc import ROOT_DIR
from sstc.data.i18n import _
from sstc.view.safe import plot

MIMES = {"png": "image/png", "svg": "image/svg+xml"}
WIDTH = 1100  # pixels of a chart image: wide enough for a region grid's six columns and a stacked bar's labels
HEIGHT = 520  # for a chart that leaves its height to the page
NO_BROWSER = ("no browser",)  # what `draw` answers where no Chromium is installed to draw with
FAILED = "failed"  # the first item of what `draw` answers when the browser did not draw the picture
PNG_SCALE = 2  # a PNG at twice the size, sharp when printed or zoomed
TOPOJSON = (ROOT_DIR / "static" / "topojson").as_uri() + "/"  # plotly.js would fetch the world from a CDN


@dataclass(frozen=True)
class Picture:
    """What an image is made of: a plotly figure as JSON (`figure`) or a whole SVG document (`svg`), its title and
    the caption naming the data. Plain values, so it crosses to the child process cheaply."""

    title: str
    caption: str
    figure: str | None = None
    svg: str | None = None
    width: int = WIDTH
    height: int | None = None


def _browser() -> None:
    """Kaleido looks for Chrome; the project installs Debian's Chromium headless shell (or Chromium)."""
    if "BROWSER_PATH" not in os.environ:
        found = shutil.which("chromium-headless-shell") or shutil.which("chromium")
        if found:
            os.environ["BROWSER_PATH"] = found


def _figure(picture: Picture) -> object:
    """The chart with the caption as its subtitle (under the title, never over a bar) and room for it."""
    import plotly.io as pio

    figure = pio.from_json(picture.figure, skip_invalid=True)
    title = figure.layout.title.to_plotly_json() if figure.layout.title else {}
    # a bar's label shortened for a phone screen has its whole words in the hover; a picture has no hover
    ticks = figure.layout.yaxis.tickvals
    if figure.layout.yaxis.ticktext and ticks and all(isinstance(t, str) for t in ticks):
        figure.update_yaxes(ticktext=list(ticks))
    figure.update_layout(
        # escaped as every text plotly draws here (`safe.plot`): plotly keeps <a href> and style="...url()" in a
        # title, and a hostile dataset's title in the caption made the server's Chromium fetch its URL
        title={**title, "subtitle": {"text": plot(picture.caption), "font": {"size": 11, "color": "#444444"}}},
        margin={"t": max(int(figure.layout.margin.t or 60), 60) + 40},
    )
    return figure


def _png_with_text(png: bytes, picture: Picture) -> bytes:
    """The PNG with its title and caption as text chunks too: an image viewer and a search tool read them."""
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Title", picture.title)
    info.add_itxt("Description", picture.caption)
    out = io.BytesIO()
    with Image.open(io.BytesIO(png)) as image:
        image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _svg_with_title(svg: str, picture: Picture) -> str:
    """An SVG whose first child is its <title> (the name a screen reader and a file browser give it)."""
    from sstc.view.safe import svg as escape

    head, sep, rest = svg.partition(">")
    if "<title>" in rest[:200]:
        return svg
    return f"{head}{sep}<title>{escape(picture.title)}</title><desc>{escape(picture.caption)}</desc>{rest}"


def _svg_as_figure(picture: Picture) -> object:
    """A whole SVG as the only content of an empty plotly figure of its size, so that kaleido's Chromium draws it."""
    import base64

    import plotly.graph_objects as go

    source = "data:image/svg+xml;base64," + base64.b64encode(picture.svg.encode("utf-8")).decode("ascii")
    image = {"source": source, "xref": "paper", "yref": "paper", "x": 0, "y": 1, "sizex": 1, "sizey": 1,
             "xanchor": "left", "yanchor": "top", "sizing": "stretch", "layer": "above"}  # fmt: skip
    hidden = {"visible": False, "range": [0, 1]}
    return go.Figure(
        layout={
            "images": [image],
            "xaxis": hidden,
            "yaxis": hidden,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
        }
    )


def draw(picture: Picture, extension: str) -> bytes | tuple[str, ...]:
    """The picture as PNG or SVG bytes (in the process that calls it: `sstc.documents.worker` runs it in a child),
    or NO_BROWSER where a PNG or a chart's SVG is asked and no Chromium is found, or (FAILED, why)."""
    if extension not in MIMES:
        raise ValueError(f"no image format {extension!r}")
    _browser()
    if picture.svg is not None:
        if extension == "svg":
            return _svg_with_title(picture.svg, picture).encode("utf-8")
        figure, height = _svg_as_figure(picture), picture.height or HEIGHT
    else:
        figure = _figure(picture)
        height = picture.height or int(figure.layout.height or HEIGHT)
    scale = PNG_SCALE if extension == "png" else 1
    if "BROWSER_PATH" not in os.environ:
        return NO_BROWSER
    try:
        data = _export(figure, {"format": extension, "width": picture.width, "height": height, "scale": scale})
    except Exception as exc:
        return (FAILED, f"{type(exc).__name__}: {exc}"[:200])
    if extension == "png":
        return _png_with_text(data, picture)
    return _svg_with_title(data.decode("utf-8"), picture).encode("utf-8")


def _export(figure: object, options: dict, time_limit: float = 50.0) -> bytes:
    """Kaleido's export, returned as soon as the image exists. Closing Chromium afterwards sometimes never ended
    (1 export in about 100 under a loaded test run, in choreographer's shutdown), which `pio.to_image` waits for:
    here the browser closes in a thread nobody waits on, and the worker kills the child's process group after."""
    import asyncio
    import queue
    import threading

    import kaleido

    answer: queue.Queue = queue.Queue()

    async def work() -> None:
        browser = kaleido.Kaleido(n=1)
        try:
            await browser.open()
            answer.put(await browser.calc_fig(figure, opts=options, topojson=TOPOJSON))
        except BaseException as exc:
            answer.put(exc)
        finally:
            await browser.close()

    threading.Thread(target=lambda: asyncio.run(work()), daemon=True, name="kaleido").start()
    result = answer.get(timeout=time_limit)
    if isinstance(result, BaseException):
        raise result
    return result


def size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels (for tests and the command line)."""
    with Image.open(io.BytesIO(png)) as image:
        return image.size


def picture(figure: object, caption: str) -> Picture:
    """A plotly chart's picture: its title as the image's, the caption naming the data under it."""
    import plotly.io as pio

    title = getattr(getattr(figure.layout, "title", None), "text", None) or _("Chart")
    return Picture(title=str(title).replace("<br>", " "), caption=caption, figure=pio.to_json(figure, validate=False),
                   height=int(figure.layout.height) if figure.layout.height else None)  # fmt: skip


def file_stem(title: str) -> str:
    """A file name's part from a chart's title: lower-case words joined by hyphens, at most 60 characters."""
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return "-".join(words)[:60].rstrip("-") or "chart"
