"""What intake's use cases receive: settings, store, author links, INSEE's communes, the
documents' upload budget."""

from __future__ import annotations

from dataclasses import dataclass, field

from spplus.runtime.limits import SlidingWindow
from spplus.runtime.links import AuthorLinks
from spplus.runtime.store import ServiceDeps

from .communes import Communes
from .settings import IntakeSettings
from .store import IntakeStore


@dataclass
class IntakeDeps(ServiceDeps[IntakeSettings, IntakeStore]):
    links: AuthorLinks = field(default=None)  # from the settings
    communes: Communes | None = None
    uploads: SlidingWindow = field(default=None)  # from the settings

    def __post_init__(self) -> None:
        if self.uploads is None:
            self.uploads = SlidingWindow(self.settings.documents_per_hour, 3600.0)
        if self.links is None:
            self.links = AuthorLinks(self.settings.auth.author_link_secret)
        path = self.settings.postal_codes_file
        if self.communes is None and path is not None:
            self.communes = Communes.load(path)
