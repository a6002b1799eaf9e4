"""The registry in numbers: a page per language (LISTING_URLS["numbers"]) with four bar charts
(people by status, years of imprisonment handed down per year, years already spent in custody,
cases by the year they began), each drawn at build time as inline SVG (charts.py), with its
data in a table beside it and as a CSV file next to the page."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import partial

from babel.numbers import format_decimal
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

import site_scheme

from . import charts, figures

DAYS_PER_YEAR = 365.25  # the Julian year: a mean calendar year, leap days included


@dataclass
class Chart:
    """One chart of the page in one language."""

    key: str  # also the CSV file's name and the ids' prefix
    title: str
    desc: str
    value_label: str
    horizontal: bool
    labels: list[str]
    values: list[float]
    columns: list[str]
    rows: list[list]  # as in the CSV: label, then numbers (or dates as text)
    links: list[str | None]  # a profile for a row's label, or None
    note: str = ""
    svg: Markup | None = None
    csv_url: str = ""


def years(value: float) -> float:
    return round(value, 2)


def charts_for(registry, lang: str, _, status_label, name_of, profile_of) -> list[Chart]:
    """The four charts' words and data in `lang` (`_` its gettext)."""
    out = []
    statuses = figures.by_status(registry)
    out.append(Chart(
        "status", _("People by status"),
        _("How many people in the registry have each status, as last confirmed."),
        _("People"), True, [status_label(s) for s, _n in statuses], [n for _s, n in statuses],
        [_("Status"), _("People")], [[status_label(s), n] for s, n in statuses],
        [None] * len(statuses)))
    sentences = figures.sentences_by_year(registry)
    out.append(Chart(
        "sentences", _("Years of imprisonment handed down, by year"),
        _("The prison terms of the sentences in the registry, added up by the year they were "
          "handed down: each person's latest sentence, as in force after appeal; a fine or "
          "release for time served counts as no years."),
        _("Years"), False, [str(y) for y, _n, _m in sentences],
        [years(m / 12) for _y, _n, m in sentences],
        [_("Year"), _("Sentences"), _("Years of imprisonment")],
        [[str(y), n, years(m / 12)] for y, n, m in sentences], [None] * len(sentences)))
    counted, unknown = figures.custody(registry)
    out.append(Chart(
        "custody", _("Years already spent in custody"),
        _("Time each person has spent in pre-trial detention, prison or forced psychiatric "
          "treatment as the registry records it, up to the date their status was last "
          "confirmed. A date known only to the month or the year counts from its middle."),
        _("Years"), True, [name_of(p) for p, _d in counted],
        [years(d / DAYS_PER_YEAR) for _p, d in counted],
        [_("Person"), _("Years in custody"), _("Status last confirmed")],
        [[name_of(p), years(d / DAYS_PER_YEAR), str(p.status_as_of)] for p, d in counted],
        [profile_of(p.slug) for p, _d in counted],
        note=(_("Not counted, because the registry does not record when their custody "
                "began: %(names)s.") % {"names": ", ".join(name_of(p) for p in unknown)}
              if unknown else "")))
    cases, undated = figures.cases_by_year(registry)
    out.append(Chart(
        "cases", _("Cases by the year they began"),
        _("Criminal cases by the year the first prosecution in them began, as far as the "
          "registry's dates show. A case group counts once; a person outside any group is a "
          "case of their own."),
        _("Cases"), False, [str(y) for y, _n in cases], [n for _y, n in cases],
        [_("Year"), _("Cases")], [[str(y), n] for y, n in cases], [None] * len(cases),
        note=(_("Cases whose year the registry does not give: %(count)s.") % {
            "count": undated} if undated else "")))
    return out


def to_csv(chart: Chart) -> bytes:
    """The chart's table as CSV (numbers with a decimal point), every cell neutralised against
    spreadsheet formulas (prisoner_registry.opendata.neutralise: names are registry input)."""
    from prisoner_registry.opendata import neutralise

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(c) for c in chart.columns])
    for row in chart.rows:
        writer.writerow([neutralise(str(c)) for c in row])
    return out.getvalue().encode("utf-8")


class _Drawn:
    """A chart's SVG, drawn the first time a template shows it (Jinja calls __html__)."""

    def __init__(self, draw) -> None:
        self._draw, self._svg = draw, None

    def __html__(self) -> str:
        if self._svg is None:
            self._svg = str(self._draw())
        return self._svg


def _draw(chart: Chart, lang: str, figures: dict[tuple, charts.BarChart]) -> Markup:
    """The chart's SVG in `lang`, on the figure `figures` holds for its bars (made on first
    use: the bars are the same in every language, only the words and numbers' format differ;
    each writer process fills its own copy)."""
    number = partial(format_decimal, locale=lang, format="#,##0.##")
    shape = (chart.key, chart.horizontal, tuple(chart.values))
    if shape not in figures:
        figures[shape] = charts.BarChart(chart.values, horizontal=chart.horizontal)
    svg = figures[shape].svg(chart.labels, value_label=chart.value_label, shown=number,
                             ticks=number)
    # Made here from the registry through matplotlib and page_svg (no style, no script, text
    # escaped by lxml): markup the template may place as it is.
    return Markup(charts.page_svg(  # noqa: S704
        svg, f"chart-{chart.key}", chart.title, chart.desc))


class NumbersGenerator(Generator):
    def generate_output(self, writer) -> None:
        registry = self.context.get("registry")
        if registry is None:
            return
        from prisoner_registry import profile_url
        from ui_i18n.catalogs import translator

        settings = self.settings
        write = partial(writer.write_file, relative_urls=settings["RELATIVE_URLS"])
        langs = settings["LANGUAGES"]
        macros = self.env.get_template("_macros.html")
        # What every chart is made from; the writer renders the page and the CSV files only
        # when it changed (settings and catalogues are in every output's key).
        dump = (sorted(registry.people.items()), sorted(registry.cases.items()))
        figures: dict[tuple, charts.BarChart] = {}
        for lang in langs:
            name = site_scheme.save_as("numbers", lang)
            _ = translator(settings, lang).gettext
            module = macros.make_module({"page_lang": lang})
            made = charts_for(
                registry, lang, _,
                lambda s, m=module: " ".join(str(m.status_label(s)).split()),
                lambda p, lang=lang: getattr(p.names, lang).full,
                lambda slug, lang=lang: profile_url(settings, lang, slug))
            for chart in made:
                chart.csv_url = site_scheme.save_as("numbers-csv", lang, chart=chart.key)
                writer.write(chart.csv_url, (dump, lang, chart.key), partial(to_csv, chart))
            for chart in (c for c in made if c.rows):
                # Drawn only when the page is rendered (matplotlib: about 0.1 s a chart).
                chart.svg = _Drawn(partial(_draw, chart, lang, figures))
            write(name, self.get_template("numbers"), self.context, page_lang=lang,
                  inputs=(dump, lang),
                  charts=made, number=lambda v, lang=lang: format_decimal(
                      v, locale=lang, format="#,##0.##") if not isinstance(v, str) else v,
                  page_alternates={x: site_scheme.url("numbers", x) for x in langs})


def _get_generators(_pelican):
    return NumbersGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
