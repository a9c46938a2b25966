"""The one exception hierarchy of the core; the UI and CLI map it to plain sentences."""


class CoachError(Exception):
    """Base of every error the app raises on purpose; its message is a sentence for a person."""


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
