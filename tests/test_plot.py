"""The SVG charts are well-formed and draw one bar per value."""

import xml.etree.ElementTree as ET

from vigipub.cli.plot import grouped_bars


def test_grouped_bars_is_valid_svg_with_one_bar_per_value():
    svg = grouped_bars("t", ["fr", "en"], {"precision": [1.0, 0.5], "recall": [0.25, 2.0]}, floor=0.95)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in root.iter(f"{ns}rect") if r.find(f"{ns}title") is not None]
    assert len(bars) == 4
    heights = {r.find(f"{ns}title").text: float(r.get("height")) for r in bars}
    assert heights["precision fr: 1.000"] == 2 * heights["precision en: 0.500"]
    assert heights["recall en: 1.000"] == heights["precision fr: 1.000"]  # clipped to y_max
    assert "target 0.95" in svg
