"""The central team's key in plain words: where it comes from, pasted in any shape, checked."""

from cfpm_coach.errors import CoachError
from cfpm_coach.sync.keys import load_recipient
from cfpm_coach.ui.language.texts import tr


def normalized(text: str) -> str:
    """The key without the spaces and line breaks an e-mail or a PDF put into it."""
    return "".join(text.split())


def hint() -> str:
    """Where a coach gets the team's key, said next to the field."""
    return tr("Your central team gives this key to every coach (by e-mail or on paper). It "
               "starts with age1, is not secret, and only lets the team open what you send.")


def problem(text: str) -> str:
    """Why text is not a team key, in plain words with what to do; "" when it is one."""
    key = normalized(text)
    if not key:
        return tr("Paste the team's key here. Ask your central team for it if you do not "
                   "have it.")
    if not key.lower().startswith("age1"):
        return tr("This is not the team's key: it should start with age1. Copy the whole key "
                   "again from your central team's message.")
    try:
        load_recipient(key)
    except CoachError:
        return tr("This key is incomplete or mistyped (a team key is age1 followed by 58 "
                   "letters and digits). Copy the whole key again from your central team's "
                   "message.")
    return ""
