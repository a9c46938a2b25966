"""Hypothesis profiles: "ci" keeps `make test` quick; "fuzz" (`make fuzz`) runs far more examples.

Choose with `pytest --hypothesis-profile=fuzz` or CFPM_HYPOTHESIS_PROFILE=fuzz. Suites written
for bad input size themselves with examples(n): n under "ci", FUZZ_FACTOR times n under "fuzz".
"""

import os

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 20
FUZZ_FACTOR = 25
PROFILE_ENV = "CFPM_HYPOTHESIS_PROFILE"

# A workspace or temp folder per test function is deliberate; no test here is timed.
_common = settings(deadline=None, print_blob=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", _common, max_examples=CI_EXAMPLES)
settings.register_profile("fuzz", _common, max_examples=CI_EXAMPLES * FUZZ_FACTOR)


def load_profile() -> None:
    """Load the profile named in the environment ("ci" when unset)."""
    settings.load_profile(os.environ.get(PROFILE_ENV, "ci"))


def examples(ci_count: int) -> int:
    """How many examples a suite runs: ci_count under "ci", scaled up under "fuzz"."""
    return max(1, ci_count * settings.default.max_examples // CI_EXAMPLES)
