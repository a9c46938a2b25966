"""Qt item models over the read models in `cfpm_coach.views`."""
