"""Fixed vocabularies: observation settings, casework components and statuses, goal statuses."""

from collections.abc import Callable
from enum import StrEnum
from typing import Protocol


class Setting(StrEnum):
    """Where an observed interaction took place."""

    HOME_VISIT = "home_visit"
    CFT_MEETING = "cft_meeting"
    OFFICE_VISIT = "office_visit"
    PHONE_VIDEO = "phone_video"
    COURT = "court"
    SCHOOL = "school"
    TEAM_MEETING = "team_meeting"
    SELF_ASSESSMENT = "self_assessment"  # a leader rating themselves
    OTHER = "other"

    @property
    def label(self) -> str:
        """Human label."""
        return _SETTING_LABELS[self]


_SETTING_LABELS = {
    Setting.HOME_VISIT: "Home visit",
    Setting.CFT_MEETING: "Child and Family Team meeting",
    Setting.OFFICE_VISIT: "Office visit",
    Setting.PHONE_VIDEO: "Phone or video",
    Setting.COURT: "Court",
    Setting.SCHOOL: "School",
    Setting.TEAM_MEETING: "Team or unit meeting",
    Setting.SELF_ASSESSMENT: "Self-assessment",
    Setting.OTHER: "Other",
}


class CaseworkComponent(StrEnum):
    """The phase of the work with a family an observed interaction belonged to (the casework
    components of the Katie A. Core Practice Model Guide and the ICPM; not the practice
    elements the behaviors are grouped under)."""

    ENGAGEMENT = "engagement"
    ASSESSMENT = "assessment"
    PLANNING = "planning"
    MONITORING = "monitoring"
    TRANSITION = "transition"

    @property
    def label(self) -> str:
        """Human label."""
        return _CASEWORK_LABELS[self]


_CASEWORK_LABELS = {
    CaseworkComponent.ENGAGEMENT: "Engagement",
    CaseworkComponent.ASSESSMENT: "Assessment",
    CaseworkComponent.PLANNING: "Service planning and implementation",
    CaseworkComponent.MONITORING: "Monitoring and adapting",
    CaseworkComponent.TRANSITION: "Transition",
}


class ObservationStatus(StrEnum):
    """Draft until finalized; a finalized observation changes only through an amendment."""

    DRAFT = "draft"
    FINAL = "final"
    AMENDED = "amended"


# Observations whose ratings count in scores, trends and reports: finalized, amended or not.
FINISHED: tuple[str, ...] = (ObservationStatus.FINAL.value, ObservationStatus.AMENDED.value)


class GoalStatus(StrEnum):
    """Where a coaching goal stands."""

    OPEN = "open"
    MET = "met"
    DROPPED = "dropped"


class _Labelled(Protocol):
    @property
    def label(self) -> str: ...


def label_of(vocabulary: Callable[[str], _Labelled], code: str | None,
             translate: Callable[[str], str] = str) -> str:
    """The label of a code of vocabulary (Setting, CaseworkComponent) through translate; "" for
    no code, and the code itself for one this version does not know (a newer laptop's)."""
    if not code:
        return ""
    try:
        member = vocabulary(code)
    except ValueError:
        return code
    return translate(member.label)
