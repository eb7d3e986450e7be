"""The one exception family of the crypto core."""

from __future__ import annotations

# --- Exceptions -------------------------------------------------------------


class CryptoError(Exception):
    """Base of every error raised by the crypto core; its message is one sentence."""


class WrongKey(CryptoError):
    """The key, password or codename given does not open this item."""


class ItemShredded(WrongKey):
    """The item was crypto-shredded: its data key is destroyed for good."""


class TamperedData(CryptoError):
    """Authentication failed: the bytes were altered, cut short or extended."""


class TruncatedStream(TamperedData):
    """A stream ended before its final tag.

    A cut-short stream is altered data, so this is a kind of
    :class:`TamperedData`: a caller that only asks "was it altered?" catches both.
    """


class UnknownFormat(CryptoError):
    """An unknown format byte or algorithm id, or a structure that is not ours."""


class MalformedCodename(CryptoError):
    """A codename has the wrong number of words or a word not in the list."""
