"""How a figure reads wherever it is shown (window, PDF, command line): one format for each."""

DASH = "\u2014"  # no data
# The colours of a chart's series, in order (Okabe-Ito): distinct for the common colour-vision
# deficiencies, in light and dark palettes and in greyscale print.
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")


def percent(share: float | None) -> str:
    """A share as a whole percentage; an em dash for no data."""
    return DASH if share is None else f"{round(share * 100)}%"


def decimal(value: float | None, places: int = 2) -> str:
    """A number to fixed places; an em dash for no data."""
    return DASH if value is None else f"{value:.{places}f}"
