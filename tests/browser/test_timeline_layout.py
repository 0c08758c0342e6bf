"""The Timeline as Chromium draws it at 1280 px (issue 23, point 6): the plot keeps most of the chart's width,
every dated entry in view has a mark at least 6 px wide, and no text of the chart is cut at its edges; in the
default 2019-2024 view and in the whole span, chosen by a click and kept in the URL."""

from tests.browser.conftest import wait_ready

MEASURE = """() => {
  const chart = document.querySelector('.js-plotly-plot');
  const box = (el) => { const b = el.getBoundingClientRect();
    return {l: b.left, r: b.right, t: b.top, b: b.bottom, w: b.width, h: b.height}; };
  const drawn = (b) => b.w > 0 || b.h > 0;  // a legend-only trace draws an empty path
  return {
    svg: box(chart.querySelector('svg.main-svg')),
    plot: box(chart.querySelector('.draglayer .nsewdrag')),
    bars: [...chart.querySelectorAll('.barlayer .point path')].map(box).filter(drawn),
    markers: [...chart.querySelectorAll('.scatterlayer .point')].map(box).filter(drawn),
    texts: [...chart.querySelectorAll('svg.main-svg text')].filter((t) => t.textContent.trim())
      .map((t) => ({text: t.textContent, ...box(t)})).filter(drawn),
    range: chart.layout.xaxis.range,
  };
}"""


def narrowest_entry(drawn: dict) -> float:
    """The narrowest entry in the plot area, each as wide as the widest of its marks: its bar's part in view, or the
    marker drawn over its middle (a marker whose centre is on the bar's row, within half its width of the bar)."""
    plot, widths = drawn["plot"], []
    for bar in drawn["bars"]:
        in_view = min(bar["r"], plot["r"]) - max(bar["l"], plot["l"])
        if in_view <= 0:
            continue  # outside the years shown: the page says how many, the list has them
        over = [
            m["w"]
            for m in drawn["markers"]
            if bar["t"] <= (m["t"] + m["b"]) / 2 <= bar["b"]
            and bar["l"] - m["w"] / 2 <= (m["l"] + m["r"]) / 2 <= bar["r"] + m["w"] / 2
        ]
        widths.append(max([in_view, *over]))
    widths += [m["w"] for m in drawn["markers"] if plot["l"] <= (m["l"] + m["r"]) / 2 <= plot["r"]]
    assert len(widths) >= 20, drawn["bars"][:3]
    return min(widths)


def check_layout(drawn: dict) -> None:
    svg, plot = drawn["svg"], drawn["plot"]
    assert plot["w"] >= 0.6 * svg["w"], (plot["w"], svg["w"])
    assert narrowest_entry(drawn) >= 6
    cut = [
        t["text"]
        for t in drawn["texts"]
        if t["l"] < svg["l"] - 0.5 or t["r"] > svg["r"] + 0.5 or t["t"] < svg["t"] - 0.5 or t["b"] > svg["b"] + 0.5
    ]
    assert not cut, cut
    texts = [t["text"] for t in drawn["texts"]]
    assert "2022-2023biennium" in texts, texts  # its two lines, drawn and (above) inside the chart
    assert any(t.startswith("News:") for t in texts)  # the longest row label, shortened, not dropped


def test_the_timeline_keeps_its_width_its_marks_and_its_labels_at_1280_px(page, server, dataset):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{server}/timeline")
    wait_ready(page, ".js-plotly-plot .barlayer")
    drawn = page.evaluate(MEASURE)
    assert drawn["range"][0].startswith("2019-01-01")
    check_layout(drawn)

    dates = [d for r in [*dataset.projects, *dataset.practices] for d in r.dates] + [a.date for a in dataset.activities]
    earliest = min(d.start for d in dates if d.start and d.precision != "unknown")  # "2016": ISO sorts as text
    page.locator("[data-testid=stRadio] label").filter(has_text="whole span").click()
    page.wait_for_function(
        "(first) => { const c = document.querySelector('.js-plotly-plot');"
        " return c && c.layout && c.layout.xaxis.range[0] < first; }",
        arg=earliest,
        timeout=30_000,
    )
    wait_ready(page, ".js-plotly-plot .barlayer")
    assert "view=whole" in page.url
    check_layout(page.evaluate(MEASURE))
