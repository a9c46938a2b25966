"""Labels of an office's implementation stage in the UI's language."""

from cfpm_coach.domain.office_subject import ImplementationStage
from cfpm_coach.ui.language.texts import QT_TR_NOOP, tr

# The domain's stage labels, marked here so that lupdate (which reads the UI) offers them.
STAGE_TEXTS = (QT_TR_NOOP("Exploration"), QT_TR_NOOP("Installation"),
               QT_TR_NOOP("Initial implementation"), QT_TR_NOOP("Full implementation"))


def stage_label(value: str | None) -> str:
    """The label of an implementation stage code ("" when not given)."""
    if not value:
        return ""
    try:
        return tr(ImplementationStage(value).label)
    except ValueError:
        return value
