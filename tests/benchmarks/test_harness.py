"""The benchmark table's ratio budgets: a verdict from the medians measured in the same run."""

import pytest

from benchmarks.harness import RatioBudget, Row, print_table, stats_of


def _row(ours: list[float], baseline: list[float] | None, budget: RatioBudget | None) -> Row:
    return Row("scenario", "1k obs", stats_of(ours), stats_of(baseline) if baseline else None,
               ratio_budget=budget)


@pytest.mark.parametrize(("ours", "baseline", "verdict"), [
    ([30.0, 29.0, 31.0], [10.0, 10.0, 10.0], "met"),  # exactly at 3x
    ([31.0, 30.5, 40.0], [10.0, 9.0, 11.0], "NOT MET"),
    ([5.0], [10.0], "met"),
])
def test_a_ratio_budget_judges_the_medians(ours: list[float], baseline: list[float],
                                           verdict: str) -> None:
    row = _row(ours, baseline, RatioBudget(3, "<100 ms"))
    assert row.verdict == verdict


def test_a_row_without_a_baseline_is_never_met() -> None:
    assert _row([1.0], None, RatioBudget(3)).verdict == "no baseline"


def test_a_row_without_a_ratio_budget_has_no_verdict() -> None:
    assert _row([50.0], [1.0], None).verdict == ""


def test_the_table_prints_the_absolute_figure_the_baseline_ratio_budget_and_verdict(
        capsys: pytest.CaptureFixture[str]) -> None:
    print_table([_row([88.0], [22.0], RatioBudget(5, "<100 ms, 500 obs")),
                 _row([60.0], [10.0], RatioBudget(2.5)),
                 Row("hub ingest", "10k obs", stats_of([9.0]), None, "legacy text budget")])
    header, _, met, not_met, legacy = capsys.readouterr().out.splitlines()
    assert header.split()[-3:] == ["ratio", "budget", "verdict"]
    assert met.split()[1:] == ["1k", "obs", "88.0", "ms", "88.0", "88.0", "22.0", "4.00x",
                               "<=5x", "[<100", "ms,", "500", "obs]", "met"]
    assert not_met.split()[-4:] == ["6.00x", "<=2.5x", "NOT", "MET"]
    assert legacy.rstrip().endswith("legacy text budget")
