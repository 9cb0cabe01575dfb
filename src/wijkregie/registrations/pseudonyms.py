"""Pseudonymisation at the import boundary: a client identifier (BSN or the organisation's own
client number) becomes a keyed HMAC-SHA256 before anything is stored, logged or reported.

* The key comes from ``WIJKREGIE_PSEUDONYM_KEY`` (environment, never the database); its version
  (``WIJKREGIE_PSEUDONYM_KEY_VERSION``) is stored with every pseudonym, so a key change is
  visible and records of different key versions are never compared.
* The purpose label goes into the MAC, so the same BSN gives unrelated pseudonyms for unrelated
  purposes.
* A nine-digit number must pass the 11-test (elfproef). An eight-digit number is a BSN whose
  leading zero Excel dropped: it is padded when that makes it pass.
* Only :func:`mask` may put anything of an identifier in a report: ``*****6782``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings

PURPOSE_CLIENT = "wijkregie:registraties:client"


class InvalidIdentifier(ValueError):
    """The identifier cannot be used; ``reason`` is Dutch and contains no part of it."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def passes_eleven_test(digits: str) -> bool:
    """The BSN 11-test: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11 (and not 0)."""
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        return False  # (other scripts' digits, such as '٣', are no BSN)
    d = [c - 48 for c in digits.encode("ascii")]
    total = 9 * d[0] + 8 * d[1] + 7 * d[2] + 6 * d[3] + 5 * d[4] + 4 * d[5] + 3 * d[6] + 2 * d[7]
    return (total - d[8]) % 11 == 0 and digits != "000000000"


def normalise(identifier: str) -> str:
    """The identifier as it is pseudonymised. Raises :class:`InvalidIdentifier`."""
    text = "".join(str(identifier).split())
    if not text:
        raise InvalidIdentifier("Leeg cliëntnummer.")
    if len(text) > 64:
        raise InvalidIdentifier("Cliëntnummer langer dan 64 tekens.")
    if text.isdigit():
        if len(text) == 9:
            if not passes_eleven_test(text):
                raise InvalidIdentifier("Negen cijfers, maar geen geldig BSN (elfproef).")
            return text
        if len(text) == 8 and passes_eleven_test("0" + text):
            return "0" + text  # Excel dropped the leading zero
    return text.upper()


_BSN_LIKE = re.compile(r"(?<![\d])(\d[\d. ]{7,11}\d)(?![\d])")


def contains_bsn(text: str) -> bool:
    """Whether ``text`` holds a 9-digit number (also written 1234.56.782 or 123 456 782) that
    passes the 11-test: a BSN, or as good as one."""
    for match in _BSN_LIKE.finditer(text or ""):
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) == 9 and passes_eleven_test(digits):
            return True
        if len(digits) == 8 and passes_eleven_test("0" + digits) and match.group(1).isdigit():
            return True
    return False


def mask_bsns(text: str) -> str:
    """``text`` with every BSN-like number masked (for previews and reports)."""

    def masked(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group(1))
        return mask(digits) if len(digits) in (8, 9) else match.group(0)

    return _BSN_LIKE.sub(masked, text or "")


def mask(identifier: object) -> str:
    """What a report may show of an identifier: at most its last four characters."""
    text = "".join(str(identifier or "").split())
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]


@dataclass(frozen=True)
class Pseudonymiser:
    key: bytes
    version: str
    purpose: str = PURPOSE_CLIENT

    @classmethod
    def from_settings(cls, purpose: str = PURPOSE_CLIENT) -> Pseudonymiser:
        key = settings.WIJKREGIE_PSEUDONYM_KEY
        if not key:
            raise RuntimeError("WIJKREGIE_PSEUDONYM_KEY is not set.")
        return cls(key.encode("utf-8"), str(settings.WIJKREGIE_PSEUDONYM_KEY_VERSION), purpose)

    def __repr__(self) -> str:  # never print the key
        return f"Pseudonymiser(version={self.version}, purpose={self.purpose!r})"

    def pseudonym(self, identifier: str) -> str:
        """64 hex characters. Raises :class:`InvalidIdentifier` for an unusable identifier."""
        return self.of_normalised(normalise(identifier))

    def of_normalised(self, text: str) -> str:
        """The pseudonym of an identifier that :func:`normalise` already returned."""
        message = f"{self.purpose}\x1f{text}".encode()
        return hmac.digest(self.key, message, "sha256").hex()  # one call into OpenSSL

    def hmac_blocks(self) -> tuple[bytes, bytes, str]:
        """The same HMAC-SHA256 (RFC 2104) as two plain SHA-256 calls, for a database engine
        without an HMAC function (DuckDB, over a whole column at once): the inner and outer
        key blocks and the message's prefix, such that :meth:`of_normalised` of ``text`` is
        ``sha256(outer ‖ sha256(inner ‖ prefix ‖ text))`` in hex. A test keeps them equal."""
        key = self.key if len(self.key) <= 64 else hashlib.sha256(self.key).digest()
        key = key.ljust(64, b"\0")
        return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key), f"{self.purpose}\x1f"
