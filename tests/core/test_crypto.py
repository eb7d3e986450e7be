"""Tests of temoin.core.crypto: round trips, and every kind of damage refused.

The property tests flip, cut, extend and reorder bytes of every construction
and check that the right exception comes out, and never a plaintext.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import unicodedata
from collections.abc import Callable
from functools import partial
from typing import Any

import nacl.pwhash.argon2id
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from temoin.core import codenames, crypto
from temoin.core.crypto import (
    KDF_TEST,
    CryptoError,
    ItemShredded,
    KeyPair,
    OrgSecretKeys,
    TamperedData,
    UnknownFormat,
    WrongKey,
)

ORG = crypto.generate_org_keys()
ORG_PAIR = crypto.keypair_from_org(ORG)
WITNESS = crypto.generate_keypair()
STRANGER = crypto.generate_keypair()
MEMBER = crypto.generate_keypair()
PASSWORD = "correct horse батарея скрепка"

RECORD = crypto.encrypt_record(
    b"I left my unit on 3 March.", [ORG_PAIR.public, WITNESS.public]
)
WRAPPED = crypto.wrap_with_password(b"k" * 32, PASSWORD, KDF_TEST)
GRANT = crypto.seal_grant(ORG, MEMBER.public)
SESSION_KEY, SESSION_WRAPPED = crypto.wrap_for_session(ORG)

# A property test must run quickly with many examples and no flaky deadline.
fast = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def flip(blob: bytes, position: int, bit: int) -> bytes:
    damaged = bytearray(blob)
    damaged[position] ^= 1 << bit
    return bytes(damaged)


def expect(error: type[CryptoError], action: Callable[[], object]) -> None:
    """Run ``action``: it must raise exactly ``error`` (or a subclass), never return."""
    with pytest.raises(error):
        result = action()
        pytest.fail(f"Damaged data was accepted and gave {result!r}.")


# --- Production parameters --------------------------------------------------


def test_it_pins_the_production_parameters() -> None:
    # Other tests use KDF_TEST for speed; this one fails if production is weakened.
    assert crypto.PASSWORD_KDF == crypto.KDF_MODERATE
    assert crypto.PASSWORD_KDF.opslimit == nacl.pwhash.argon2id.OPSLIMIT_MODERATE
    assert crypto.PASSWORD_KDF.memlimit == nacl.pwhash.argon2id.MEMLIMIT_MODERATE
    assert crypto.CODENAME_KDF == crypto.KDF_INTERACTIVE
    assert crypto.CODENAME_KDF.opslimit == nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE
    assert crypto.CODENAME_KDF.memlimit == nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE
    assert codenames.WORDS_PER_CODENAME * math.log2(7776) >= 80
    for lang in codenames.LANGUAGES:
        assert codenames.codename_entropy_bits(lang) >= 80
    assert crypto.wrap_with_password.__defaults__ == (crypto.PASSWORD_KDF,)
    assert codenames.derive_witness_secrets.__defaults__ == (crypto.CODENAME_KDF,)


def test_it_names_every_parameter_set() -> None:
    assert crypto.KDF_BY_NAME["moderate"] is crypto.KDF_MODERATE
    assert crypto.KDF_BY_NAME["test"] is KDF_TEST
    assert set(crypto.KDF_BY_NAME) == {"test", "interactive", "moderate", "sensitive"}


@pytest.mark.parametrize(
    ("opslimit", "memlimit"),
    [(0, 8192), (17, 8192), (1, 4096), (1, 8193), (1, 2 * 1024**3)],
)
def test_it_refuses_impossible_kdf_costs(opslimit: int, memlimit: int) -> None:
    with pytest.raises(CryptoError):
        crypto.KdfParams(opslimit, memlimit)


# --- Keys -------------------------------------------------------------------


def test_it_never_shows_secrets_in_a_repr() -> None:
    assert ORG.encryption.hex() not in repr(ORG)
    assert repr(ORG.encryption) not in repr(ORG)
    assert repr(WITNESS.secret) not in repr(WITNESS)


def test_it_round_trips_org_secret_keys_through_bytes() -> None:
    assert OrgSecretKeys.from_bytes(ORG.to_bytes()) == ORG
    assert len(ORG.to_bytes()) == 65


@pytest.mark.parametrize("garbage", [b"", b"\x61" + b"x" * 63, b"\x62" + b"x" * 64])
def test_it_refuses_garbage_as_org_secret_keys(garbage: bytes) -> None:
    with pytest.raises(UnknownFormat):
        OrgSecretKeys.from_bytes(garbage)


def test_it_derives_the_org_public_keys_and_key_id() -> None:
    public = ORG.public()
    assert crypto.keypair_from_org(ORG).public == public.encryption
    expected = hashlib.blake2b(public.encryption + public.signing, digest_size=8)
    assert public.key_id == expected.hexdigest()
    assert len(public.key_id) == 16
    assert crypto.generate_org_keys().public().key_id != public.key_id


def test_it_rebuilds_a_keypair_from_its_secret() -> None:
    assert crypto.keypair_from_secret(WITNESS.secret) == WITNESS
    assert crypto.generate_keypair() != crypto.generate_keypair()


# --- Records ----------------------------------------------------------------


def test_it_opens_a_record_for_each_recipient() -> None:
    assert crypto.decrypt_record(RECORD, ORG_PAIR) == b"I left my unit on 3 March."
    assert crypto.decrypt_record(RECORD, WITNESS) == b"I left my unit on 3 March."


def test_it_refuses_a_key_that_is_not_a_recipient() -> None:
    expect(WrongKey, lambda: crypto.decrypt_record(RECORD, STRANGER))


def test_it_lays_out_a_record_as_documented() -> None:
    plaintext = b"x" * 100
    blob = crypto.encrypt_record(plaintext, [ORG_PAIR.public, WITNESS.public])
    assert blob[:3] == bytes([0x11, 0x01, 2])
    assert blob[3:11] == crypto.key_id(ORG_PAIR.public)
    assert blob[3 + 88 : 3 + 88 + 8] == crypto.key_id(WITNESS.public)
    assert (
        crypto.key_id(WITNESS.public)
        == hashlib.blake2b(WITNESS.public, digest_size=8).digest()
    )
    assert len(blob) == 3 + 2 * 88 + 24 + len(plaintext) + 16


@given(plaintext=st.binary(min_size=8, max_size=2000))
@fast
def test_it_never_stores_the_plaintext_and_never_repeats(plaintext: bytes) -> None:
    first = crypto.encrypt_record(plaintext, [ORG_PAIR.public])
    second = crypto.encrypt_record(plaintext, [ORG_PAIR.public])
    assert plaintext not in first
    assert first != second  # a fresh data key and nonce every time
    assert crypto.decrypt_record(first, ORG_PAIR) == plaintext


def test_it_binds_a_record_to_its_context() -> None:
    blob = crypto.encrypt_record(b"body", [ORG_PAIR.public], context=b"testimony:1")
    assert crypto.decrypt_record(blob, ORG_PAIR, context=b"testimony:1") == b"body"
    expect(TamperedData, lambda: crypto.decrypt_record(blob, ORG_PAIR))
    expect(
        TamperedData,
        lambda: crypto.decrypt_record(blob, ORG_PAIR, context=b"testimony:2"),
    )


@pytest.mark.parametrize(
    "recipients",
    [[], [b"short"], [WITNESS.public, WITNESS.public], [WITNESS.public] * 256],
)
def test_it_refuses_bad_recipient_lists(recipients: list[bytes]) -> None:
    with pytest.raises(CryptoError):
        crypto.encrypt_record(b"x", recipients)


def test_it_shreds_a_record_for_every_recipient() -> None:
    shredded = crypto.shred_record(RECORD)
    assert len(shredded) == len(RECORD)
    expect(ItemShredded, lambda: crypto.decrypt_record(shredded, ORG_PAIR))
    expect(ItemShredded, lambda: crypto.decrypt_record(shredded, WITNESS))
    # What remains is only key ids, the nonce and the ciphertext: no sealed key.
    for offset in (3 + 8, 3 + 88 + 8):
        assert shredded[offset : offset + 80] == bytes(80)
    assert crypto.shred_record(shredded) == shredded


def test_it_refuses_to_shred_what_is_not_a_record() -> None:
    with pytest.raises(UnknownFormat):
        crypto.shred_record(WRAPPED)


def record_error(position: int) -> type[CryptoError]:
    # The format byte and the algorithm id name an unknown format; any other
    # change is tampering, including the recipient count and the key ids.
    return UnknownFormat if position < 2 else TamperedData


@given(data=st.data(), reader=st.sampled_from([ORG_PAIR, WITNESS]))
@fast
def test_it_refuses_any_flipped_bit_in_a_record(
    data: st.DataObject, reader: KeyPair
) -> None:
    position = data.draw(st.integers(0, len(RECORD) - 1))
    bit = data.draw(st.integers(0, 7))
    damaged = flip(RECORD, position, bit)
    expect(record_error(position), lambda: crypto.decrypt_record(damaged, reader))


@pytest.mark.parametrize("position", range(2 + 1 + 88 * 2))
def test_it_refuses_every_flipped_header_byte(position: int) -> None:
    # Exhaustive over the header, both readers: the slots are where a smart
    # attacker would aim.
    damaged = flip(RECORD, position, position % 8)
    for reader in (ORG_PAIR, WITNESS):
        expect(record_error(position), partial(crypto.decrypt_record, damaged, reader))


@given(length=st.integers(0, len(RECORD) - 1))
@fast
def test_it_refuses_a_truncated_record(length: int) -> None:
    error = UnknownFormat if length < 2 else TamperedData
    expect(error, lambda: crypto.decrypt_record(RECORD[:length], ORG_PAIR))


@given(extra=st.binary(min_size=1, max_size=100))
@fast
def test_it_refuses_bytes_appended_to_a_record(extra: bytes) -> None:
    expect(TamperedData, lambda: crypto.decrypt_record(RECORD + extra, WITNESS))


@given(data=st.data())
@fast
def test_it_refuses_a_record_with_reordered_bytes(data: st.DataObject) -> None:
    blob = crypto.encrypt_record(bytes(range(256)) * 4, [ORG_PAIR.public])
    body_start = 3 + 88
    size = data.draw(st.integers(1, 64))
    first = data.draw(st.integers(body_start, len(blob) - 2 * size))
    second = data.draw(st.integers(first + size, len(blob) - size))
    damaged = (
        blob[:first]
        + blob[second : second + size]
        + blob[first + size : second]
        + blob[first : first + size]
        + blob[second + size :]
    )
    assume(damaged != blob)
    expect(TamperedData, lambda: crypto.decrypt_record(damaged, ORG_PAIR))


def test_it_refuses_a_record_swapped_with_another() -> None:
    # Two records for the same key: the body of one under the header of the
    # other must not open (the header is the associated data).
    other = crypto.encrypt_record(b"x" * 26, [ORG_PAIR.public, WITNESS.public])
    header = 3 + 2 * 88
    mixed = RECORD[:header] + other[header:]
    expect(TamperedData, lambda: crypto.decrypt_record(mixed, ORG_PAIR))


@pytest.mark.parametrize(
    "blob", [b"", b"\x11", b"\x12\x01\x01" + bytes(200), b"\x11\x02\x01" + bytes(200)]
)
def test_it_calls_foreign_bytes_an_unknown_format(blob: bytes) -> None:
    expect(UnknownFormat, lambda: crypto.decrypt_record(blob, ORG_PAIR))


# --- Secrets wrapped with a password ----------------------------------------


def test_it_unwraps_with_the_right_password_only() -> None:
    assert crypto.unwrap_with_password(WRAPPED, PASSWORD) == b"k" * 32
    expect(WrongKey, lambda: crypto.unwrap_with_password(WRAPPED, PASSWORD + "!"))
    expect(WrongKey, lambda: crypto.unwrap_with_password(WRAPPED, ""))


def test_it_treats_composed_and_decomposed_passwords_alike() -> None:
    password = "пароль й ё"
    wrapped = crypto.wrap_with_password(
        b"s", unicodedata.normalize("NFD", password), KDF_TEST
    )
    assert (
        crypto.unwrap_with_password(wrapped, unicodedata.normalize("NFC", password))
        == b"s"
    )


def test_it_records_the_kdf_parameters_in_the_wrapped_key() -> None:
    # Parameters travel with the blob, so raising the defaults later keeps old
    # keys readable. (Checked with the cheap set; the layout is the same.)
    assert WRAPPED[:2] == bytes([0x21, 0x01])
    assert int.from_bytes(WRAPPED[2:6], "big") == KDF_TEST.opslimit
    assert int.from_bytes(WRAPPED[6:10], "big") * 1024 == KDF_TEST.memlimit
    again = crypto.wrap_with_password(b"k" * 32, PASSWORD, KDF_TEST)
    assert again != WRAPPED  # fresh salt and nonce


def password_error(position: int) -> type[CryptoError]:
    if position < 2:
        return UnknownFormat
    if 10 <= position < 26:
        # A different salt derives a different key: indistinguishable from a
        # wrong password, whatever the format does.
        return WrongKey
    return TamperedData  # the key check, nonce and ciphertext


@given(data=st.data())
@fast
def test_it_refuses_any_flipped_bit_in_a_wrapped_key(data: st.DataObject) -> None:
    # The KDF cost fields (bytes 2-9) are tested below: a flip there can ask
    # for up to 1 GiB of memory, too slow for a property test.
    position = data.draw(st.sampled_from([0, 1, *range(10, len(WRAPPED))]))
    damaged = flip(WRAPPED, position, data.draw(st.integers(0, 7)))
    expect(
        password_error(position), lambda: crypto.unwrap_with_password(damaged, PASSWORD)
    )


@pytest.mark.parametrize(
    ("position", "bit", "error"),
    [
        (2, 7, TamperedData),  # opslimit far above the cap
        (5, 0, TamperedData),  # opslimit 1 -> 0
        (5, 1, WrongKey),  # opslimit 1 -> 3: valid, derives another key
        (6, 7, TamperedData),  # memlimit far above the cap
        (9, 3, TamperedData),  # memlimit 8 KiB -> 0
        (9, 0, WrongKey),  # memlimit 8 -> 9 KiB: valid, derives another key
    ],
)
def test_it_refuses_altered_kdf_costs(
    position: int, bit: int, error: type[CryptoError]
) -> None:
    damaged = flip(WRAPPED, position, bit)
    expect(error, lambda: crypto.unwrap_with_password(damaged, PASSWORD))


@given(length=st.integers(0, len(WRAPPED) - 1))
@fast
def test_it_refuses_a_truncated_wrapped_key(length: int) -> None:
    error = UnknownFormat if length < 2 else TamperedData
    expect(error, lambda: crypto.unwrap_with_password(WRAPPED[:length], PASSWORD))


@given(extra=st.binary(min_size=1, max_size=64))
@fast
def test_it_refuses_bytes_appended_to_a_wrapped_key(extra: bytes) -> None:
    expect(TamperedData, lambda: crypto.unwrap_with_password(WRAPPED + extra, PASSWORD))


# --- Grants -----------------------------------------------------------------


def test_it_opens_a_grant_for_its_member() -> None:
    assert crypto.open_grant(GRANT, MEMBER) == ORG
    assert crypto.open_grant(GRANT, MEMBER, expected=ORG.public()) == ORG


def test_it_refuses_a_grant_to_someone_else() -> None:
    expect(WrongKey, lambda: crypto.open_grant(GRANT, STRANGER))


def test_it_refuses_a_forged_grant_when_the_org_is_known() -> None:
    # Anyone can seal keys to a member's public key; only the expected
    # organisation's keys are accepted.
    forged = crypto.seal_grant(crypto.generate_org_keys(), MEMBER.public)
    expect(WrongKey, lambda: crypto.open_grant(forged, MEMBER, expected=ORG.public()))


@given(data=st.data())
@fast
def test_it_refuses_any_flipped_bit_in_a_grant(data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(GRANT) - 1))
    damaged = flip(GRANT, position, data.draw(st.integers(0, 7)))
    error = UnknownFormat if position < 2 else TamperedData
    expect(error, lambda: crypto.open_grant(damaged, MEMBER))


@given(length=st.integers(0, len(GRANT) - 1))
@fast
def test_it_refuses_a_truncated_grant(length: int) -> None:
    error = UnknownFormat if length < 2 else TamperedData
    expect(error, lambda: crypto.open_grant(GRANT[:length], MEMBER))


@given(extra=st.binary(min_size=1, max_size=64))
@fast
def test_it_refuses_bytes_appended_to_a_grant(extra: bytes) -> None:
    expect(TamperedData, lambda: crypto.open_grant(GRANT + extra, MEMBER))


# --- Session re-wrap --------------------------------------------------------


def test_it_unwraps_a_session_with_its_key_only() -> None:
    assert crypto.unwrap_session(SESSION_KEY, SESSION_WRAPPED) == ORG
    other_key, _ = crypto.wrap_for_session(ORG)
    expect(WrongKey, lambda: crypto.unwrap_session(other_key, SESSION_WRAPPED))
    expect(
        WrongKey,
        lambda: crypto.unwrap_session(crypto.SessionKey(b"short"), SESSION_WRAPPED),
    )


def test_it_keeps_no_secret_in_the_session_blob() -> None:
    for secret in (ORG.encryption, ORG.signing, SESSION_KEY):
        assert SESSION_WRAPPED.find(secret) == -1


def test_it_encodes_a_session_key_for_a_cookie() -> None:
    text = crypto.encode_session_key(SESSION_KEY)
    assert text.isascii() and "=" not in text and ";" not in text
    assert crypto.decode_session_key(text) == SESSION_KEY
    for garbage in ("", "!!!", base64.urlsafe_b64encode(b"x" * 31).decode()):
        expect(WrongKey, partial(crypto.decode_session_key, garbage))


def session_error(position: int) -> type[CryptoError]:
    return UnknownFormat if position < 2 else TamperedData


@given(data=st.data())
@fast
def test_it_refuses_any_flipped_bit_in_a_session_blob(data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(SESSION_WRAPPED) - 1))
    damaged = flip(SESSION_WRAPPED, position, data.draw(st.integers(0, 7)))
    expect(session_error(position), lambda: crypto.unwrap_session(SESSION_KEY, damaged))


@given(length=st.integers(0, len(SESSION_WRAPPED) - 1))
@fast
def test_it_refuses_a_truncated_session_blob(length: int) -> None:
    damaged = SESSION_WRAPPED[:length]
    expect(session_error(length), lambda: crypto.unwrap_session(SESSION_KEY, damaged))


@given(extra=st.binary(min_size=1, max_size=64))
@fast
def test_it_refuses_bytes_appended_to_a_session_blob(extra: bytes) -> None:
    damaged = SESSION_WRAPPED + extra
    expect(TamperedData, lambda: crypto.unwrap_session(SESSION_KEY, damaged))


@given(data=st.data())
@fast
def test_it_refuses_a_session_blob_with_reordered_bytes(data: st.DataObject) -> None:
    size = data.draw(st.integers(1, 16))
    # Within the nonce and ciphertext: moving bytes between the key check and
    # the ciphertext damages both, which reads as a wrong key.
    first = data.draw(st.integers(18, len(SESSION_WRAPPED) - 2 * size))
    second = data.draw(st.integers(first + size, len(SESSION_WRAPPED) - size))
    blob = SESSION_WRAPPED
    damaged = (
        blob[:first]
        + blob[second : second + size]
        + blob[first + size : second]
        + blob[first : first + size]
        + blob[second + size :]
    )
    assume(damaged != blob)
    expect(TamperedData, lambda: crypto.unwrap_session(SESSION_KEY, damaged))


def test_it_tells_the_kinds_of_blob_apart() -> None:
    # Each kind has its own format byte: one passed for another is refused.
    expect(UnknownFormat, lambda: crypto.unwrap_session(SESSION_KEY, WRAPPED))
    expect(
        UnknownFormat, lambda: crypto.unwrap_with_password(SESSION_WRAPPED, PASSWORD)
    )
    expect(UnknownFormat, lambda: crypto.open_grant(RECORD, MEMBER))
    expect(UnknownFormat, lambda: crypto.decrypt_record(GRANT, ORG_PAIR))


# --- Canonical JSON ---------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def test_it_writes_canonical_json() -> None:
    assert crypto.canonical_json({"b": 1, "a": [True, None, "é"]}) == (
        '{"a":[true,null,"é"],"b":1}'.encode()
    )


@given(value=json_values)
@settings(deadline=None)
def test_it_gives_one_canonical_form_whatever_the_key_order(value: Any) -> None:
    text = crypto.canonical_json(value)
    parsed = json.loads(text)
    assert crypto.canonical_json(parsed) == text
    if isinstance(value, dict):
        reversed_order = dict(reversed(list(value.items())))
        assert crypto.canonical_json(reversed_order) == text


@pytest.mark.parametrize(
    "value",
    [
        float("nan"),
        {"x": float("inf")},
        [float("-inf")],
        {1: "int key"},
        ("tuple",),
        {"bytes": b"x"},
        "\ud800",
        {"set": {1}},
    ],
)
def test_it_refuses_values_without_one_json_form(value: Any) -> None:
    with pytest.raises(UnknownFormat):
        crypto.canonical_json(value)


# --- Signed documents -------------------------------------------------------

CERTIFICATE = {
    "type": "certificate",
    "person": "Иван",
    "checked": ["unit", "dates"],
    "n": 2,
}
TRUSTED = {ORG.public().key_id: ORG.public().signing}
SIGNED = crypto.sign_document(CERTIFICATE, ORG)


def test_it_verifies_a_signed_document() -> None:
    assert SIGNED["signature"]["alg"] == "ed25519"
    assert SIGNED["signature"]["key_id"] == ORG.public().key_id
    assert crypto.verify_document(SIGNED, TRUSTED) == CERTIFICATE


def test_it_verifies_after_a_trip_through_json_text() -> None:
    text = json.dumps(SIGNED, indent=2, ensure_ascii=True)
    assert crypto.verify_document(json.loads(text), TRUSTED) == CERTIFICATE


def test_it_signs_a_copy_of_the_document() -> None:
    doc: dict[str, Any] = {"a": [1]}
    signed = crypto.sign_document(doc, ORG)
    doc["a"].append(2)
    assert crypto.verify_document(signed, TRUSTED) == {"a": [1]}


def test_it_refuses_an_unknown_signing_key() -> None:
    other = crypto.generate_org_keys()
    signed = crypto.sign_document(CERTIFICATE, other)
    expect(WrongKey, lambda: crypto.verify_document(signed, TRUSTED))
    # A trusted key id with a signature by another key is tampering.
    signed["signature"]["key_id"] = ORG.public().key_id
    expect(TamperedData, lambda: crypto.verify_document(signed, TRUSTED))


@given(value=json_values, key=st.sampled_from(["person", "n", "checked", "new"]))
@fast
def test_it_refuses_any_change_to_a_signed_document(value: Any, key: str) -> None:
    assume(CERTIFICATE.get(key, ...) != value)
    changed = json.loads(json.dumps(SIGNED))
    changed["document"][key] = value
    expect(TamperedData, lambda: crypto.verify_document(changed, TRUSTED))


@given(data=st.data())
@fast
def test_it_refuses_any_flipped_bit_in_a_signature(data: st.DataObject) -> None:
    raw = base64.b64decode(SIGNED["signature"]["value"])
    damaged = flip(raw, data.draw(st.integers(0, 63)), data.draw(st.integers(0, 7)))
    changed = json.loads(json.dumps(SIGNED))
    changed["signature"]["value"] = base64.b64encode(damaged).decode()
    expect(TamperedData, lambda: crypto.verify_document(changed, TRUSTED))


@given(data=st.data())
@fast
def test_it_refuses_any_flipped_bit_in_a_signed_file(data: st.DataObject) -> None:
    # What an authority receives is JSON text: no flipped bit of it may verify.
    text = crypto.canonical_json(SIGNED)
    damaged = flip(
        text, data.draw(st.integers(0, len(text) - 1)), data.draw(st.integers(0, 7))
    )
    try:
        parsed = json.loads(damaged.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return  # no longer a JSON document at all
    with pytest.raises(CryptoError):
        crypto.verify_document(parsed, TRUSTED)
        pytest.fail("A damaged signed document was accepted.")


@pytest.mark.parametrize(
    "signed",
    [
        [],
        {"document": CERTIFICATE},
        {"document": CERTIFICATE, "signature": "x"},
        {"document": "x", "signature": SIGNED["signature"]},
        {"document": CERTIFICATE, "signature": {**SIGNED["signature"], "alg": "rsa"}},
        {"document": CERTIFICATE, "signature": {**SIGNED["signature"], "value": "@@"}},
        {"document": CERTIFICATE, "signature": {**SIGNED["signature"], "value": 5}},
        {"document": CERTIFICATE, "signature": {**SIGNED["signature"], "extra": 1}},
        {**SIGNED, "extra": 1},
        {"document": {"x": float("nan")}, "signature": SIGNED["signature"]},
    ],
)
def test_it_refuses_a_malformed_signed_document(signed: Any) -> None:
    expect(UnknownFormat, lambda: crypto.verify_document(signed, TRUSTED))


def test_it_refuses_a_non_canonical_base64_signature() -> None:
    value = SIGNED["signature"]["value"]
    assert value.endswith("==")
    # The character before the padding has 4 unused bits: set one.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet[alphabet.index(value[-3]) ^ 1]
    changed = json.loads(json.dumps(SIGNED))
    changed["signature"]["value"] = value[:-3] + last + "=="
    assert base64.b64decode(changed["signature"]["value"]) == base64.b64decode(value)
    expect(UnknownFormat, lambda: crypto.verify_document(changed, TRUSTED))
