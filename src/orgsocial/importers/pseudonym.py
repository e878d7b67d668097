"""Pseudonymisation at the door: personal identifiers become keyed hashes
(docs/importers.md, "Pseudonymisation at the door"). The secret is never written.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from orgsocial.errors import ParameterError

SECRET_VARIABLE = "ORGSOCIAL_SECRET"
MIN_SECRET_BYTES = 16


class Pseudonymiser:
    """Keyed, stable pseudonyms for personal identifiers: the same secret gives the same
    pseudonym in every import, so that sources join.

    Examples
    --------
    >>> p = Pseudonymiser(b"a secret of sixteen+ bytes")
    >>> p("Ann.Smith@Example.com ") == p("ann.smith@example.com")
    True
    >>> p("ann.smith@example.com").startswith("p") and len(p("x")) == 17
    True
    """

    def __init__(self, secret: bytes) -> None:
        if len(secret) < MIN_SECRET_BYTES:
            raise ParameterError(
                f"the pseudonymisation secret must be at least {MIN_SECRET_BYTES} bytes"
            )
        self._secret = secret

    def __call__(self, value: str) -> str:
        """The pseudonym of ``value`` (trimmed and lower-cased first)."""
        normalised = str(value).strip().lower().encode("utf-8")
        digest = hmac.new(self._secret, normalised, hashlib.sha256).hexdigest()
        return "p" + digest[:16]

    @property
    def fingerprint(self) -> str:
        """A short keyed digest that tells secrets apart without revealing them: two
        imports with the same fingerprint used the same secret.

        Examples
        --------
        >>> a, b = Pseudonymiser(b"a secret of sixteen+ bytes"), Pseudonymiser(b"x" * 16)
        >>> a.fingerprint == Pseudonymiser(b"a secret of sixteen+ bytes").fingerprint
        True
        >>> a.fingerprint != b.fingerprint and len(a.fingerprint)
        12
        """
        digest = hmac.new(self._secret, b"orgsocial secret fingerprint", hashlib.sha256)
        return digest.hexdigest()[:12]

    def __repr__(self) -> str:  # never show the secret
        return "Pseudonymiser(<secret>)"


def load_pseudonymiser(secret_file: Path | None = None) -> Pseudonymiser:
    """The pseudonymiser for ``--secret-file`` or, without it, ``$ORGSOCIAL_SECRET``; a
    ParameterError when neither gives a secret of at least 16 bytes."""
    if secret_file is not None:
        try:
            secret = Path(secret_file).read_bytes().strip()
        except OSError as error:
            raise ParameterError(f"{secret_file}: cannot read the secret: {error}") from None
    else:
        secret = os.environ.get(SECRET_VARIABLE, "").encode("utf-8")
    if not secret:
        raise ParameterError(
            f"importing personal identifiers needs a secret: set {SECRET_VARIABLE} or pass "
            "--secret-file (keep it; the same secret makes later imports join)"
        )
    return Pseudonymiser(secret)
