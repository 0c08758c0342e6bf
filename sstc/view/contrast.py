"""WCAG 2.1 contrast: relative luminance and the ratio of two colours, to check the palettes in a unit test."""


def luminance(hex_colour: str) -> float:
    """Relative luminance of an sRGB colour `#RRGGBB` (WCAG 2.1 definition)."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(first: str, second: str) -> float:
    """Contrast ratio, 1 to 21: at least 3 for chart marks, 4.5 for text (WCAG 1.4.11, 1.4.3)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)
