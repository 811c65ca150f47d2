"""The key behind member pseudonyms: generated once for development, a secret in production."""

from __future__ import annotations

from abc import ABC, abstractmethod

import dagster as dg

from lifecycle_core.pii.pseudonym import Pseudonymizer, key_from_text, load_dev_key


class PseudonymKeyResource(dg.ConfigurableResource, ABC):
    @abstractmethod
    def key(self) -> bytes: ...

    def pseudonymizer(self) -> Pseudonymizer:
        return Pseudonymizer(self.key())


class DevPseudonymKey(PseudonymKeyResource):
    """A key file under LIFECYCLE_HOME (owner-only), made once by `python -m lifecycle_core.pii.pseudonym create`."""

    path: str

    def key(self) -> bytes:
        return load_dev_key(self.path)


class SecretPseudonymKey(PseudonymKeyResource):
    """The key from a secret, e.g. `dg.EnvVar("LIFECYCLE_PSEUDONYM_KEY")` fed by a Kubernetes Secret."""

    secret: str

    def key(self) -> bytes:
        return key_from_text(self.secret)


__all__ = ["DevPseudonymKey", "PseudonymKeyResource", "SecretPseudonymKey"]
