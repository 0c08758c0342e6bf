"""Every chart and map as PNG and SVG (issue 25, point 4): each image opens, has the expected size, carries the
chart's title and a caption naming the data's version, and is built in the bounded worker (AppTest)."""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from sstc.documents import images
from tests.app.apptest import RecordingManager, RecordingStorage, open_path, opened
from tests.conftest import EVERY_VIEW

# Every view that draws a chart or a map (the others: the explorers, profile, compare and about draw none).
DRAWN = [v for v in EVERY_VIEW if v[1] not in ("explorer", "projects", "profile", "compare", "about")]
SVG = "{http://www.w3.org/2000/svg}"


def _images(at) -> dict[str, tuple[str, bytes]]:
    """key -> (file name, bytes) of every image button on the page, built as a click builds it."""
    storage, manager = RecordingStorage.instances[-1], RecordingManager.instances[-1]
    out = {}
    for button in at.get("download_button"):
        if button.proto.label.startswith(("PNG image: ", "SVG image: ")):
            url = manager.execute_deferred(button.proto.deferred_file_id)
            media = storage.get_file(url.rsplit("/", 1)[-1])
            out[button.proto.label] = (media.filename, media.content)
    return out


@pytest.mark.parametrize(("path", "name"), DRAWN)
def test_every_chart_and_map_downloads_as_png_and_svg_with_its_title_and_the_datas_version(
    path, name, record_downloads
):
    at = open_path(path)
    drawn = len(at.get("plotly_chart")) + len(
        [m for m in at.get("bidi_component") if m.proto.component_name == "sstc.map"]
    )
    assert drawn, name
    at = opened(at, "chart-image-")
    files = _images(at)
    assert len(files) == 2 * drawn, (name, sorted(files))  # a PNG and an SVG per chart
    for label, (file_name, content) in files.items():
        assert file_name.startswith("sstc-") and re.search(r"-v\d+-\d+-[0-9a-f]{8}\.", file_name), (
            file_name
        )  # data version in the name
        if label.startswith("PNG image: "):
            assert file_name.endswith(".png")
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                assert image.format == "PNG"
                assert image.width >= 1000 * images.PNG_SCALE, (label, image.size)
                title, caption = image.text["Title"], image.text["Description"]
            assert title and "version" in caption and caption.startswith("Data: "), (label, title, caption)
        else:
            assert label.startswith("SVG image: ") and file_name.endswith(".svg"), label
            root = ET.fromstring(content)
            assert root.tag == f"{SVG}svg"
            assert int(float(root.get("width"))) >= 1000, (label, root.get("width"))
            text = " ".join(t.strip() for t in root.itertext())
            assert root.find(f"{SVG}title").text and "Data: " in text and "version" in text, label


def test_a_png_is_the_size_asked_and_an_svg_carries_title_and_caption(tables):
    """The picture itself, made without the app: 1,100 x 520 px at twice the scale, title and caption in both."""
    from sstc.analysis import transforms
    from sstc.view import charts

    figure = charts.region_bar(transforms.region_summary(tables))
    picture = images.picture(figure, "Data: test data · version 9.9 of 2026-01-01 · #abcdef · filters: no filter")
    png = images.draw(picture, "png")
    assert images.size(png) == (images.WIDTH * images.PNG_SCALE, images.HEIGHT * images.PNG_SCALE)
    with Image.open(io.BytesIO(png)) as image:
        assert image.text == {"Title": "Records per region", "Description": picture.caption}
    svg = images.draw(picture, "svg").decode("utf-8")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Records per region"
    texts = [t for t in root.itertext()]
    assert "Records per region" in texts and picture.caption in texts  # drawn, not only named
    assert (root.get("width"), root.get("height")) == (str(images.WIDTH), str(images.HEIGHT))


def test_a_hostile_title_stays_text_in_the_svg(tables):
    from sstc.analysis import transforms
    from sstc.view import charts

    figure = charts.region_bar(transforms.region_summary(tables))
    picture = images.Picture(title='<script>alert(1)</script>"&', caption="Data: <b>x</b>", figure=figure.to_json())
    svg = images.draw(picture, "svg").decode("utf-8")
    root = ET.fromstring(svg)  # still well-formed XML
    assert root.find(f"{SVG}title").text == '<script>alert(1)</script>"&'
    assert not list(root.iter(f"{SVG}script"))


def test_markup_in_the_caption_is_drawn_as_text_never_fetched_nor_linked(tables):
    """An attacker's try: a dataset title with `<span style="...url()">` and `<a href>` reached plotly's subtitle
    unescaped, and the server's Chromium fetched the URL. Now the caption is text: no attribute names the host."""
    from sstc.analysis import transforms
    from sstc.view import charts

    hostile = (
        'Data: <span style="-webkit-mask-image:url(http://evil.example/x.png)">t</span> '
        '<a href="https://evil.example/a">link</a> <b style="fill:url(http://evil.example/f)">b</b>'
    )
    picture = images.picture(charts.region_bar(transforms.region_summary(tables)), hostile)
    root = ET.fromstring(images.draw(picture, "svg"))
    attributes = [value for element in root.iter() for value in element.attrib.values()]
    assert not [value for value in attributes if "evil.example" in value]
    assert '<span style="-webkit-mask-image:url(http://evil.example/x.png)">t</span>' in " ".join(root.itertext())


def test_a_bar_label_shortened_for_a_phone_is_whole_in_the_picture():
    """A walk: "DC project: Fair and su…" in a memo's picture, where no hover says the rest."""
    import pandas as pd

    from sstc.view import charts

    name = "DC project: Fair and sustainable supply chains in South Asia"
    frame = pd.DataFrame({"source": [name, "Norway"], "region": ["Africa", "Africa"], "records": [2, 1]})
    figure = charts.stacked_by_region(frame, "source", "Records per funding source", "Records")
    assert name not in figure.layout.yaxis.ticktext  # on screen: shortened, the hover has it whole
    root = ET.fromstring(images.draw(images.picture(figure, "Data: test"), "svg"))
    assert name in [t.strip() for t in root.itertext()]
