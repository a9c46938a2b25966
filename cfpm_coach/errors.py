"""The one exception hierarchy of the core; the UI and CLI map it to plain sentences."""

from dataclasses import dataclass
from typing import TypeVar


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802  (lupdate knows the name)
    """Mark text for translation under context where it is defined; the UI translates it."""
    return text


@dataclass(frozen=True)
class Wording:
    """A message as its English template (%1, %2 ...) and values, so the UI can say it in the
    coach's language instead of setting an English sentence inside a Spanish one.

    A value that is itself a Wording (the action that failed) is translated too.
    """

    context: str
    template: str
    values: tuple[object, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The wording as JSON-ready data (values that are not wordings become text)."""
        return {"context": self.context, "template": self.template,
                "values": [v.to_json() if isinstance(v, Wording) else str(v)
                           for v in self.values]}

    @classmethod
    def from_json(cls, data: object) -> "Wording | None":
        """A wording read back from to_json's data; None for anything else."""
        if not isinstance(data, dict) or not isinstance(data.get("context"), str) \
                or not isinstance(data.get("template"), str) \
                or not isinstance(data.get("values", []), list):
            return None
        values = tuple(cls.from_json(v) or "" if isinstance(v, dict) else str(v)
                       for v in data.get("values", []))
        return cls(data["context"], data["template"], values)

    def english(self) -> str:
        """The message in English (what str() of the error says)."""
        text = self.template
        for index in range(len(self.values), 0, -1):  # %10 before %1
            value = self.values[index - 1]
            text = text.replace(f"%{index}", value.english() if isinstance(value, Wording)
                                else str(value))
        return text


class CoachError(Exception):
    """Base of every error the app raises on purpose; its message is a sentence for a person."""

    # Set where the message was made from a template the UI can translate (errors.Wording).
    wording: Wording | None = None


_Error = TypeVar("_Error", bound=CoachError)


def worded(kind: type[_Error], wording: Wording, *args: object) -> _Error:
    """kind's error saying wording in English (str() and the logs), with the wording kept for
    the window to say in the coach's language; args follow the message (a status)."""
    error = kind(wording.english(), *args)
    error.wording = wording
    return error


class InstrumentError(CoachError):
    """An instrument file is missing, malformed or fails validation."""


class StoreError(CoachError):
    """The local database cannot be opened or used."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of the app; it is left untouched."""


class NotFoundError(CoachError):
    """A record the caller named does not exist (or was deleted)."""


class InvalidInputError(CoachError):
    """Input failed validation; the message names the field."""


class ObservationLockedError(CoachError):
    """A finalized observation cannot change without an amendment."""


class IncompleteObservationError(CoachError):
    """Finalize was asked while behaviors are neither rated nor marked 'no opportunity'."""

    def __init__(self, message: str, missing: list[str]) -> None:
        super().__init__(message)
        self.missing = missing


class BackupError(CoachError):
    """A backup or restore could not be completed; the live store is unchanged."""


class KeyFileError(CoachError):
    """A key or identity file is missing, unreadable or of the wrong kind."""


class BundleError(CoachError):
    """A bundle was refused: unreadable, altered, unsigned by a trusted device, or malformed."""


class ConstraintError(StoreError):
    """A write broke a database rule (a missing parent record, a duplicate); nothing was saved."""


class HubError(CoachError):
    """The hub refused a request; `status` is the HTTP status that says why."""

    status = 400


class UnauthorizedError(HubError):
    """No token, or a token the hub does not know."""

    status = 401


class ForbiddenError(HubError):
    """A known caller that may not do this (a revoked device, a bundle signed by another device)."""

    status = 403


class ReplayError(HubError, BundleError):
    """A bundle id the hub already holds, with different bytes."""

    status = 409


class OwnershipError(ForbiddenError, BundleError):
    """A bundle claims, changes or deletes records that belong to another device or coach."""


class ReadOnlyRecordError(CoachError):
    """A record created on another device (imported here) cannot be changed on this one."""


class TooLargeError(HubError):
    """A request body over the hub's limit."""

    status = 413


class BundleTooLargeError(TooLargeError, BundleError):
    """A bundle that would inflate past the cap on one bundle's size (laptops write parts)."""


class BusyError(HubError):
    """Every upload slot is taken; the client should try again shortly (Retry-After)."""

    status = 503


class ThrottledError(HubError):
    """Too many failed sign-ins for this account or address; wait, then try again."""

    status = 429


class DeliveryError(CoachError):
    """A bundle could not be delivered now (no connection, a server error); it stays queued."""


class BundleRefusedError(CoachError):
    """The hub refused one bundle for what it holds (4xx); it moves aside and never blocks the queue."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class HubFailedError(DeliveryError):
    """The hub answered this bundle with a server error (or dropped it mid-upload) every try;
    after a few syncs like that it is set aside so it cannot block newer changes."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class NotAcceptedError(DeliveryError):
    """The hub does not accept this laptop (unknown token, revoked device): nothing is sent."""


class DiskFullError(StoreError):
    """The disk is full: the write was refused, and what was saved before is intact."""


class ReadOnlyStoreError(StoreError):
    """The data folder or file cannot be written (read-only drive, folder or permissions)."""


class StoreInUseError(StoreError):
    """Another program holds the database's write lock (or the data folder is open elsewhere)."""


class DamagedStoreError(StoreError):
    """The data file is not a database or fails SQLite's checks; it is never changed or deleted."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class CancelledError(CoachError):
    """The person stopped a long task; what it had half done is undone or removed."""
