"""Bar charts as inline SVG, drawn by matplotlib at build time and made safe for the page.

matplotlib's SVG carries a <style> element, style="" attributes, <metadata> and ids such as
"figure_1" that repeat from chart to chart. Inline in a page, the site's Content-Security-
Policy (style-src 'self', no 'unsafe-inline') would block the styles and the HTML would have
duplicate ids. `page_svg` therefore turns every style declaration into the equivalent SVG
presentation attribute (SVG 1.1, 6.4: presentation attributes are not inline style and the
policy does not cover them), drops <style>, <metadata> and any <script>, prefixes every id
(and each reference to one), and adds <title>/<desc> for assistive technology (role="img",
aria-labelledby). No fonts are embedded (text stays <text>, shown in the reader's own
sans-serif font) and nothing refers to another file or host."""

from __future__ import annotations

import io
import logging
import re
import textwrap
from collections.abc import Callable, Sequence

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
BAR = "#c0392b"  # 3:1 or more against both the light and the dark page (WCAG 1.4.11)
GRID = "#888888"
INK = "#000000"  # drawn as currentColor: the page's text colour, in light and dark schemes
# A fixed salt: matplotlib derives clip-path ids from it, so every build gives the same bytes.
RC = {"svg.fonttype": "none", "svg.hashsalt": "left-political-prisoners",
      "font.family": ["DejaVu Sans"], "font.size": 11, "axes.spines.top": False,
      "axes.spines.right": False, "axes.edgecolor": INK, "text.color": INK,
      "xtick.color": INK, "ytick.color": INK, "axes.labelcolor": INK,
      "text.parse_math": False}  # a "$" in a name is a dollar sign, not TeX
_FONT = re.compile(r"^(?:(italic|oblique)\s+)?(?:(small-caps)\s+)?(?:(\d{3}|bold)\s+)?"
                   r"([\d.]+px)\s+(.+)$")


def bar_chart(labels: Sequence[str], values: Sequence[float], *, horizontal: bool,
              value_label: str, shown: Callable[[float], str],
              ticks: Callable[[float], str]) -> bytes:
    """matplotlib's SVG of one bar chart: one bar per label, its value written at its end by
    `shown(value)`, the value axis named `value_label` with tick labels from `ticks(value)`
    (the page language's number format)."""
    return BarChart(values, horizontal=horizontal).svg(
        labels, value_label=value_label, shown=shown, ticks=ticks)


class BarChart:
    """One chart's figure (its bars, grid and axes), made once and drawn in each language.

    Making a figure (axes, bars, one Tick object per tick with its lines and texts) is about
    half of what a chart costs; the bars and the value axis are the same in every language, so
    `svg()` only sets what a language changes (the bars' labels, the value format and the
    words) and draws. Before each drawing the figure's size and the axes' place are set back
    to what a new figure has, so constrained layout starts from the same state and the SVG is
    the same bytes as bar_chart's on a new figure, whichever language was drawn before
    (tests/test_numbers.py draws the languages in several orders)."""

    def __init__(self, values: Sequence[float], *, horizontal: bool) -> None:
        # matplotlib's first import on a machine builds its font list and says so as a
        # warning; the site's strict mode (publishconf.py) would stop the build over that.
        logging.getLogger("matplotlib").setLevel(logging.ERROR)
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator

        self.values, self.horizontal = list(values), horizontal
        with _rc():
            fig = Figure(figsize=(6.4, 3.6), layout="constrained")
            fig.patch.set_alpha(0)
            ax = fig.add_subplot()
            ax.patch.set_alpha(0)
            positions = list(range(len(values)))
            if horizontal:
                bars = ax.barh(positions, values, color=BAR, height=0.65)
                ax.invert_yaxis()  # the first row of the table at the top
                axis = ax.xaxis
                ax.grid(axis="x", color=GRID, linewidth=0.5)
                ax.spines["left"].set_visible(True)
            else:
                bars = ax.bar(positions, values, color=BAR, width=0.65)
                axis = ax.yaxis
                ax.grid(axis="y", color=GRID, linewidth=0.5)
            ax.set_axisbelow(True)
            ax.tick_params(length=0)  # no tick marks: no <use> elements in the SVG
            axis.set_major_locator(MaxNLocator(nbins=5, integer=all(
                float(v).is_integer() for v in values)))
            # Each value at its bar's end, which lies within the axes' limits (0 to 1.15 times
            # the largest value): matplotlib need not test each time it measures or draws the
            # label whether the point is inside the axes (annotation_clip: about a sixth of a
            # chart's time went to that test). The labels of zero values were shown before too.
            self.shown = ax.bar_label(bars, labels=[""] * len(values), padding=3,
                                      annotation_clip=False)
            if horizontal:
                ax.set_xlim(0, max([*values, 1]) * 1.15)  # room for the value after the bar
            else:
                ax.set_ylim(0, max([*values, 1]) * 1.15)
        self.fig, self.ax, self.axis, self.positions = fig, ax, axis, positions
        self.place = ax.get_position(original=True)  # where a new figure's axes are

    def svg(self, labels: Sequence[str], *, value_label: str, shown: Callable[[float], str],
            ticks: Callable[[float], str]) -> bytes:
        """The chart in one language: matplotlib's SVG, as bar_chart describes it."""
        from matplotlib.backends.backend_svg import FigureCanvasSVG
        from matplotlib.ticker import FuncFormatter

        fig, ax = self.fig, self.ax
        with _rc():
            if self.horizontal:
                lines = sum(len(textwrap.wrap(label, 26)) or 1 for label in labels)
                fig.set_size_inches(6.4, max(2.6, 0.3 * lines + 0.2 * len(labels) + 1.2))
                # Long labels (statuses, names) on two or more lines leave the bars room.
                ax.set_yticks(self.positions, [textwrap.fill(label, 26) for label in labels])
                ax.set_xlabel(value_label)
            else:
                ax.set_xticks(self.positions, labels)
                if len(labels) > 8:
                    ax.tick_params(axis="x", labelrotation=90)
                ax.set_ylabel(value_label)
            self.axis.set_major_formatter(FuncFormatter(lambda v, _pos: ticks(v)))
            for text, value in zip(self.shown, self.values, strict=True):
                text.set_text(shown(value))
            # Constrained layout starts from the axes' place: a new figure's, not the place the
            # last language's layout gave them (set_position takes the axes out of the layout).
            ax.set_position(self.place)
            ax.set_in_layout(True)
            out = io.BytesIO()
            FigureCanvasSVG(fig).print_svg(out, metadata={"Date": None, "Creator": None})
        return out.getvalue()


def _rc():
    import matplotlib

    return matplotlib.rc_context(RC)


def _presentation(style: str) -> dict[str, str]:
    """style="fill: #c0392b; font: 11px 'DejaVu Sans'" as presentation attributes."""
    found: dict[str, str] = {}
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if not name:
            continue
        if name == "font":
            match = _FONT.match(value)
            if not match:
                raise ValueError(f"unexpected font shorthand from matplotlib: {value!r}")
            font_style, variant, weight, size, family = match.groups()
            found.update({k: v for k, v in (("font-style", font_style),
                                            ("font-variant", variant),
                                            ("font-weight", weight), ("font-size", size),
                                            ("font-family", family)) if v})
        else:
            found[name] = value
    return {k: ("currentColor" if v == INK else v) for k, v in found.items()}


def page_svg(svg: bytes, prefix: str, title: str, desc: str) -> str:
    """matplotlib's SVG as markup to place inside an HTML page (see the module docstring).
    `prefix` makes its ids unique in the page; `title` and `desc` name and describe it."""
    root = etree.fromstring(svg, etree.XMLParser(resolve_entities=False, no_network=True))
    for el in [*root.iter(f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}style",
                          f"{{{SVG_NS}}}script"), *root.xpath("//comment()")]:
        el.getparent().remove(el)
    # matplotlib's one stylesheet rule: * {stroke-linejoin: round; stroke-linecap: butt}
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    href = f"{{{XLINK_NS}}}href"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        style = el.attrib.pop("style", None)
        if style:
            for name, value in _presentation(style).items():
                el.set(name, value)
        if el.get("id"):
            el.set("id", f"{prefix}-{el.get('id')}")
        for name, value in list(el.attrib.items()):
            if "url(#" in value:
                el.set(name, value.replace("url(#", f"url(#{prefix}-"))
        if (el.get(href) or "").startswith("#"):
            el.set(href, f"#{prefix}-{el.get(href)[1:]}")
    for name in ("width", "height", "version"):
        root.attrib.pop(name, None)
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}-title {prefix}-desc")
    root.set("class", "chart-svg")
    desc_el = etree.Element(f"{{{SVG_NS}}}desc", id=f"{prefix}-desc")
    desc_el.text = desc
    title_el = etree.Element(f"{{{SVG_NS}}}title", id=f"{prefix}-title")
    title_el.text = title
    root.insert(0, desc_el)
    root.insert(0, title_el)
    etree.cleanup_namespaces(root)
    return etree.tostring(root, encoding="unicode")
