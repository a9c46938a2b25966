"""Charts drawn with ReportLab's own graphics: element share Accomplished by month."""

from typing import Any

from reportlab import rl_config
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import DirectDraw, Drawing, String
from reportlab.lib import colors

from cfpm_coach.domain.trends import Trend
from cfpm_coach.reports.dates import paper_month
from cfpm_coach.reports.fonts import REGULAR
from cfpm_coach.reports.styles import MUTED, SERIES
from cfpm_coach.reports.texts import translate

# ReportLab checks every attribute set on a shape against its declared type, a development aid
# it documents turning off in production: with it, a trend chart of 20 months spent about a
# sixth of the worker summary's rendering in those checks. The charts here are fixed code,
# drawn by the tests.
rl_config.shapeChecking = 0
DOT_SIZE = 3.5  # a point's diameter
DOT_LINE = 0.1  # the width of its outline (ReportLab's markers')


class _Dot(DirectDraw):
    """A point of a series as makeMarker("FilledCircle") draws it (a circle of the series'
    colour, filled and outlined), drawn once per colour in a PDF form and placed by reference
    wherever a point is: twenty months of six elements drew 120 circles of four curves each,
    a fifth of the chart's drawing."""

    def __init__(self, x: float, y: float, colour: colors.Color) -> None:
        super().__init__()
        self.x, self.y, self.colour = x, y, colour

    def drawDirectly(self, renderer: Any) -> None:  # noqa: N802  (ReportLab's name)
        """Place the colour's form at the point, defining it on first use."""
        canvas = renderer._canvas
        name = f"cfpm-dot-{self.colour.hexval()[2:]}"
        if not canvas.hasForm(name):
            radius = DOT_SIZE / 2
            canvas.beginForm(name, -radius - 1, -radius - 1, radius + 1, radius + 1)
            canvas.setFillColor(self.colour)
            canvas.setStrokeColor(self.colour)
            canvas.setLineWidth(DOT_LINE)
            canvas.circle(0, 0, radius, stroke=1, fill=1)
            canvas.endForm()
        canvas.saveState()
        canvas.translate(self.x, self.y)
        canvas.doForm(name)
        canvas.restoreState()


def _dots(colour: colors.Color) -> Any:
    """The symbol of a series: a point of its colour (LineChart calls it with x, y, size and
    the line's colour)."""
    return lambda x, y, _size, _line_colour: _Dot(x, y, colour)


def trend_chart(trend: Trend, width: float, height: float = 170) -> Drawing:
    """One line per group over months (gaps where a group was not observed)."""
    drawing = Drawing(width, height)
    if trend.empty:
        empty = translate("reports", "No finished observations in this period.")
        drawing.add(String(width / 2, height / 2, empty,
                           fontName=REGULAR, fontSize=9, fillColor=MUTED, textAnchor="middle"))
        return drawing
    legend_height = 16 * ((len(trend.groups) + 2) // 3)
    chart = HorizontalLineChart()
    chart.x, chart.y = 34, 22 + legend_height
    chart.width, chart.height = width - 44, height - 30 - legend_height
    chart.data = [[None if v is None else round(v * 100, 1) for v in trend.series[g]]
                  for g, _label in trend.groups]
    # Joined per line, and only with two points or more: ReportLab cannot draw a one-point line.
    chart.joinedLines = 0
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.labels.fontName = chart.categoryAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dde3ea")
    chart.valueAxis.visibleGrid = 1
    every = max(1, len(trend.months) // 12 + 1) if len(trend.months) > 12 else 1
    chart.categoryAxis.categoryNames = [paper_month(m) if i % every == 0 else ""
                                        for i, m in enumerate(trend.months)]
    for index, series in enumerate(chart.data):
        colour = colors.HexColor(SERIES[index % len(SERIES)])
        line = chart.lines[index]
        line.strokeColor, line.strokeWidth = colour, 1.6
        if sum(1 for v in series if v is not None) >= 2:
            line.lineStyle = "joinedLine"
        line.symbol = _dots(colour)
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 34, legend_height
    legend.alignment = "right"
    legend.columnMaximum = 1 if len(trend.groups) <= 3 else 2
    legend.fontName, legend.fontSize = REGULAR, 7.5
    legend.dx = legend.dy = 7
    legend.deltax = (width - 44) / 3
    legend.colorNamePairs = [(colors.HexColor(SERIES[i % len(SERIES)]), label)
                             for i, (_g, label) in enumerate(trend.groups)]
    drawing.add(legend)
    return drawing
