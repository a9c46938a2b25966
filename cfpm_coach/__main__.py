"""Allow `python -m cfpm_coach`."""

from cfpm_coach.cli import main

raise SystemExit(main())
