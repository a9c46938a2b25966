"""The coach profile of this device and local preferences."""

from typing import Any

from cfpm_coach.errors import StoreError
from cfpm_coach.services.inputs import CoachInput, validated
from cfpm_coach.services.sources import StoreSource
from cfpm_coach.storage import profile_repo, records
from cfpm_coach.storage.records import Author
from cfpm_coach.views.workers import CoachView


class ProfileService:
    """Read and change who this coach is, and their preferences."""

    def __init__(self, store: StoreSource, author: Author) -> None:
        self._store = store
        self._author = author

    def coach(self) -> CoachView:
        """The local coach profile."""
        author = self._author
        assert author.coach_id is not None
        with self._store.current.read() as session:
            coach = profile_repo.get_coach(session=session, coach_id=author.coach_id)
            if coach is None:
                raise StoreError("The coach profile of this device is missing")
            return CoachView(
                coach.id, coach.name, coach.role, coach.county, coach.office, author.device_id
            )

    def update_coach(self, **fields: str) -> CoachView:
        """Change the coach profile (name, role, county, office)."""
        current = self.coach()
        merged = {
            "name": current.name, "role": current.role,
            "county": current.county, "office": current.office, **fields,
        }
        data = validated(CoachInput, merged)
        author = self._author
        assert author.coach_id is not None
        with self._store.current.write() as session:
            coach = profile_repo.get_coach(session=session, coach_id=author.coach_id)
            assert coach is not None
            records.update(session, author, coach, data.model_dump())
        return self.coach()

    def setting(self, key: str, default: Any = None) -> Any:
        """A local preference."""
        with self._store.current.read() as session:
            return profile_repo.get_setting(session=session, key=key, default=default)

    def set_setting(self, key: str, value: Any) -> None:
        """Store a local preference."""
        with self._store.current.write() as session:
            profile_repo.set_setting(session=session, key=key, value=value)
