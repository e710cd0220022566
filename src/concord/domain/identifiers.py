"""Identifiers shared between police bureaus: validate, normalise, and derive search keys.

Every identifier is kept twice: ``raw`` exactly as the officer typed or the source sent it, and
``value``, one canonical form, so that the same phone, IBAN or wallet typed two ways is found by
one exact lookup. Anything that cannot be a valid identifier is rejected with a reason an
officer can act on ("fails its Luhn check digit (expected 8, got 9)").

Pure: no I/O. Check digits and formats come from ``phonenumbers`` and ``python-stdnum`` where
those libraries cover the kind, Keccak-256 (Ethereum's EIP-55 checksum) from ``pycryptodome``;
what they do not cover is written here and says why.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit, urlunsplit

import idna
import phonenumbers
from Crypto.Hash import keccak
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.util import get_cc_module


class IdentifierKind(StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    TRAVEL_DOCUMENT = "travel_document"  # identity card, visa, residence permit
    DRIVING_LICENCE = "driving_licence"
    PHONE = "phone"
    IMEI = "imei"
    IMSI = "imsi"
    ICCID = "iccid"
    IBAN = "iban"
    BIC = "bic"
    BANK_ACCOUNT = "bank_account"  # free-form national account number
    BTC_WALLET = "btc_wallet"
    ETH_WALLET = "eth_wallet"
    CRYPTO_WALLET = "crypto_wallet"  # other chains: format only
    DOMAIN = "domain"
    URL = "url"
    EMAIL = "email"
    VIN = "vin"
    REGISTRATION_PLATE = "registration_plate"
    TAX_ID = "tax_id"
    OTHER = "other"


class InvalidIdentifier(ValueError):
    """An identifier that cannot be valid; ``reason`` is a sentence an officer can act on."""

    def __init__(self, kind: IdentifierKind | str, raw: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.raw = raw
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: IdentifierKind
    value: str  # canonical form, used for exact lookup
    raw: str  # as given
    country: str | None  # ISO 3166 alpha-2, lower case


_ACCEPTED_KINDS = ", ".join(k.value for k in IdentifierKind)
_MAX_FREE_FORM = 64
_SEPARATORS = re.compile(r"[\s\-./:_()\\]+")


def _parse_kind(kind: str | IdentifierKind, raw: str) -> IdentifierKind:
    if isinstance(kind, IdentifierKind):
        return kind
    try:
        return IdentifierKind(kind.strip().lower())
    except ValueError:
        raise InvalidIdentifier(
            kind, raw, f"Unknown identifier kind {kind!r}; accepted kinds are: {_ACCEPTED_KINDS}"
        ) from None


def _parse_country(kind: IdentifierKind, raw: str, country: str | None) -> str | None:
    if country is None or not country.strip():
        return None
    code = country.strip().lower()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise InvalidIdentifier(
            kind, raw, f"Country {country!r} is not an ISO 3166 two-letter code such as 'kz'"
        )
    return code


def normalise_identifier(
    kind: str | IdentifierKind, raw: str, country: str | None = None
) -> Identifier:
    """Validate ``raw`` as an identifier of ``kind`` and return its canonical form.

    ``country`` (ISO alpha-2) is the default region for phone numbers, selects the national
    check for national and tax IDs, and enforces the VIN check digit in North America.
    Raises :class:`InvalidIdentifier` with a reason when the input cannot be valid.
    """
    parsed_kind = _parse_kind(kind, raw)
    cc = _parse_country(parsed_kind, raw, country)
    if not raw or not raw.strip():
        raise InvalidIdentifier(parsed_kind, raw, f"The {_label(parsed_kind)} is empty")
    value, found_country = _NORMALISERS[parsed_kind](raw, cc)
    return Identifier(kind=parsed_kind, value=value, raw=raw, country=found_country)


def lookup_key(kind: str | IdentifierKind, raw: str, country: str | None = None) -> str:
    """A search key that never raises: the canonical value when ``raw`` is valid, otherwise
    the input upper-cased with separators removed, so a partial or mistyped identifier can
    still be looked up. Index records by this key to make both paths meet."""
    try:
        return normalise_identifier(kind, raw, country).value
    except InvalidIdentifier:
        pass
    stripped = _SEPARATORS.sub("", raw or "")
    try:
        parsed_kind = IdentifierKind(str(kind).strip().lower())
    except ValueError:
        return stripped.upper()
    if parsed_kind in _CASE_SENSITIVE:
        return stripped
    if parsed_kind is IdentifierKind.PHONE:
        return "".join(ch for ch in stripped if ch.isdigit())
    return stripped.upper()


# Base58 and other-chain wallet addresses differ by letter case alone, so case is kept.
_CASE_SENSITIVE = frozenset({IdentifierKind.BTC_WALLET, IdentifierKind.CRYPTO_WALLET})


def _label(kind: IdentifierKind) -> str:
    return {
        IdentifierKind.IMEI: "IMEI",
        IdentifierKind.IMSI: "IMSI",
        IdentifierKind.ICCID: "ICCID",
        IdentifierKind.IBAN: "IBAN",
        IdentifierKind.BIC: "BIC",
        IdentifierKind.VIN: "VIN",
        IdentifierKind.URL: "URL",
        IdentifierKind.BTC_WALLET: "Bitcoin address",
        IdentifierKind.ETH_WALLET: "Ethereum address",
    }.get(kind, kind.value.replace("_", " "))


Result = tuple[str, str | None]


# --- telecoms ------------------------------------------------------------------------------


def _phone(raw: str, country: str | None) -> Result:
    kind = IdentifierKind.PHONE
    region = country.upper() if country else None
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        if exc.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            reason = (
                f"Phone number {raw.strip()!r} has no valid country code: write it in "
                "international form (+7 701 ...) or give the country"
            )
        else:
            reason = f"Phone number {raw.strip()!r} cannot be read as a phone number"
        raise InvalidIdentifier(kind, raw, reason) from None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not phonenumbers.is_possible_number(number):
        raise InvalidIdentifier(
            kind, raw, f"Phone number {e164} has an impossible length for its country code"
        )
    if not phonenumbers.is_valid_number(number):
        raise InvalidIdentifier(
            kind, raw, f"Phone number {e164} is not in any numbering plan of its country code"
        )
    region_found = phonenumbers.region_code_for_number(number)
    found = region_found.lower() if region_found and region_found != "001" else country
    return e164, found


def _digits(kind: IdentifierKind, raw: str) -> str:
    compact = re.sub(r"[\s\-./]+", "", raw)
    if not compact.isdigit() or not compact.isascii():
        raise InvalidIdentifier(
            kind, raw, f"{_label(kind)} {raw.strip()!r} must contain digits only"
        )
    return compact


def _check_luhn(kind: IdentifierKind, raw: str, number: str) -> None:
    expected = luhn.calc_check_digit(number[:-1])
    if expected != number[-1]:
        raise InvalidIdentifier(
            kind,
            raw,
            f"{_label(kind)} {number} fails its Luhn check digit "
            f"(expected {expected}, got {number[-1]})",
        )


def _imei(raw: str, country: str | None) -> Result:
    kind = IdentifierKind.IMEI
    number = _digits(kind, raw)
    if len(number) == 14:
        # The 15th digit is derived from the other 14, so storing it makes the 14- and
        # 15-digit forms of one handset the same lookup key.
        return number + luhn.calc_check_digit(number), country
    if len(number) == 15:
        _check_luhn(kind, raw, number)
        return number, country
    if len(number) == 16:
        # IMEISV: 14 digits plus a 2-digit software version, no check digit.
        return number, country
    raise InvalidIdentifier(
        kind, raw, f"IMEI {number} has {len(number)} digits; an IMEI has 14 or 15 (IMEISV 16)"
    )


def _iccid(raw: str, country: str | None) -> Result:
    kind = IdentifierKind.ICCID
    number = _digits(kind, raw)
    if len(number) not in (19, 20):
        raise InvalidIdentifier(
            kind, raw, f"ICCID {number} has {len(number)} digits; a SIM ICCID has 19 or 20"
        )
    if not number.startswith("89"):
        raise InvalidIdentifier(
            kind, raw, f"ICCID {number} does not start with 89, the telecoms industry prefix"
        )
    _check_luhn(kind, raw, number)
    return number, country


def _imsi(raw: str, country: str | None) -> Result:
    kind = IdentifierKind.IMSI
    number = _digits(kind, raw)
    if len(number) not in (14, 15):
        raise InvalidIdentifier(
            kind, raw, f"IMSI {number} has {len(number)} digits; an IMSI has 14 or 15"
        )
    # ITU-T E.212 assigns geographic mobile country codes only in 2xx..7xx.
    mcc = int(number[:3])
    if not 200 <= mcc <= 799:
        raise InvalidIdentifier(
            kind,
            raw,
            f"IMSI {number} starts with mobile country code {number[:3]}, outside 200-799",
        )
    return number, country


# --- banking -------------------------------------------------------------------------------


def _iban(raw: str, country: str | None) -> Result:
    kind = IdentifierKind.IBAN
    number = stdnum_iban.compact(raw)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{1,30}", number):
        raise InvalidIdentifier(
            kind,
            raw,
            f"IBAN {number!r} must be a two-letter country code, two check digits "
            "and up to 30 letters or digits",
        )
    # stdnum tests the mod-97 checksum before the country layout; a structural fault is the
    # more useful news, so the layout is tested first with the check digits corrected.
    expected = stdnum_iban.calc_check_digits(number)
    try:
        stdnum_iban.validate(number[:2] + expected + number[4:])
    except ValidationError as exc:
        if type(exc).__name__ == "InvalidComponent":
            reason = f"IBAN {number} has an unknown country code {number[:2]}"
        elif type(exc).__name__ == "InvalidChecksum":
            reason = f"IBAN {number} fails the national check digits of its {number[:2]} account"
        else:
            reason = (
                f"IBAN {number} does not have the length and layout of a "
                f"{number[:2]} IBAN ({len(number)} characters given)"
            )
        raise InvalidIdentifier(kind, raw, reason) from None
    if expected != number[2:4]:
        raise InvalidIdentifier(
            kind,
            raw,
            f"IBAN {number} fails its mod-97 check "
            f"(expected check digits {expected}, got {number[2:4]})",
        )
    return number, number[:2].lower()


def _bic(raw: str, country: str | None) -> Result:
    kind = IdentifierKind.BIC
    code = stdnum_bic.compact(raw)
    try:
        stdnum_bic.validate(code)
    except ValidationError as exc:
        raise InvalidIdentifier(
            kind, raw, f"BIC {code} is not valid: {_stdnum_reason(exc)}"
        ) from None
    # "XXX" is the primary-office branch code, so DEUTDEFF and DEUTDEFFXXX are one bank.
    if len(code) == 11 and code.endswith("XXX"):
        code = code[:8]
    return code, code[4:6].lower()


def _stdnum_reason(exc: ValidationError) -> str:
    return {
        "InvalidChecksum": "its check digit is wrong",
        "InvalidLength": "its length is wrong",
        "InvalidFormat": "it contains characters not allowed there",
        "InvalidComponent": "one of its parts (such as the country or bank code) is unknown",
    }.get(type(exc).__name__, str(exc).rstrip(".").lower() or "it fails validation")


# --- national documents --------------------------------------------------------------------


def _passport(raw: str, country: str | None) -> Result:
    kind = IdentifierKind.PASSPORT
    number = re.sub(r"[\s<]+", "", raw).upper()
    if not re.fullmatch(r"[A-Z0-9]+", number) or not number.isascii():
        raise InvalidIdentifier(
            kind, raw, f"Passport number {raw.strip()!r} may contain only letters A-Z and digits"
        )
    if not 5 <= len(number) <= 9:
        raise InvalidIdentifier(
            kind,
            raw,
            f"Passport number {number} has {len(number)} characters; passport numbers have 5 to 9",
        )
    return number, country


def _free_form(kind: IdentifierKind) -> Callable[[str, str | None], Result]:
    def normalise(raw: str, country: str | None) -> Result:
        value = re.sub(r"\s+", "", raw).upper()
        if len(value) > _MAX_FREE_FORM:
            raise InvalidIdentifier(
                kind,
                raw,
                f"The {_label(kind)} has {len(value)} characters; at most {_MAX_FREE_FORM} "
                "are accepted",
            )
        return value, country

    return normalise


# python-stdnum module names per kind, tried in order for the given country. The per-country
# aliases "personalid" and "vat" exist in stdnum for many countries; the extras fill gaps
# for states of this project's seed reports.
_NATIONAL_MODULES: dict[IdentifierKind, tuple[str, ...]] = {
    IdentifierKind.NATIONAL_ID: ("personalid",),
    IdentifierKind.TAX_ID: ("vat", "tin"),
}
_EXTRA_MODULES: dict[tuple[IdentifierKind, str], tuple[str, ...]] = {
    (IdentifierKind.NATIONAL_ID, "tr"): ("tckimlik",),
    (IdentifierKind.TAX_ID, "tr"): ("tckimlik",),  # individuals file tax under their T.C. no
    (IdentifierKind.TAX_ID, "ua"): ("rntrc", "edrpou"),
}


def _national_number(kind: IdentifierKind) -> Callable[[str, str | None], Result]:
    generic = _free_form(kind)

    def normalise(raw: str, country: str | None) -> Result:
        value, _ = generic(raw, country)
        if country is None:
            return value, country
        if country == "kz":
            return _kz_iin(kind, raw, value), country
        names = _NATIONAL_MODULES[kind] + _EXTRA_MODULES.get((kind, country), ())
        modules = [m for m in (get_cc_module(country, n) for n in names) if m is not None]
        if not modules:
            return value, country
        failures: list[str] = []
        for module in modules:
            try:
                return str(module.validate(raw)), country
            except ValidationError as exc:
                failures.append(_stdnum_reason(exc))
        raise InvalidIdentifier(
            kind,
            raw,
            f"The {_label(kind)} {value} is not valid for country {country.upper()}: {failures[0]}",
        )

    return normalise


def _kz_iin(kind: IdentifierKind, raw: str, value: str) -> str:
    # Kazakhstan's IIN/BIN (12 digits, mod-11 check) is missing from python-stdnum 2.2, and
    # Kazakh records are a large part of this project's seed data, so the check is here.
    if not re.fullmatch(r"\d{12}", value):
        raise InvalidIdentifier(
            kind, raw, f"The Kazakh IIN/BIN {value!r} must have exactly 12 digits"
        )
    digits = [int(d) for d in value]
    check = sum(w * d for w, d in zip(range(1, 12), digits, strict=False)) % 11
    if check == 10:
        weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
        check = sum(w * d for w, d in zip(weights, digits, strict=False)) % 11
    if check == 10 or check != digits[11]:
        expected = "none possible" if check == 10 else str(check)
        raise InvalidIdentifier(
            kind,
            raw,
            f"The Kazakh IIN/BIN {value} fails its check digit "
            f"(expected {expected}, got {digits[11]})",
        )
    return value


# --- vehicles ------------------------------------------------------------------------------

# ISO 3779 / 49 CFR 565: letter values and position weights for the North American VIN check
# digit; no stdnum module covers VINs.
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
_NORTH_AMERICA = frozenset({"us", "ca", "mx"})


def vin_check_digit(vin: str) -> str:
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def _vin(raw: str, country: str | None) -> Result:
    kind = IdentifierKind.VIN
    vin = re.sub(r"[\s\-]+", "", raw).upper()
    if len(vin) != 17:
        raise InvalidIdentifier(kind, raw, f"VIN {vin} has {len(vin)} characters; a VIN has 17")
    bad = sorted({c for c in vin if c not in _VIN_VALUES})
    if bad:
        hint = (
            " (I, O and Q are never used: read them as 1, 0 and 0)" if set(bad) & set("IOQ") else ""
        )
        raise InvalidIdentifier(
            kind, raw, f"VIN {vin} contains characters not allowed in a VIN: {''.join(bad)}{hint}"
        )
    if country in _NORTH_AMERICA or vin[0] in "12345":
        expected = vin_check_digit(vin)
        if vin[8] != expected:
            raise InvalidIdentifier(
                kind,
                raw,
                f"VIN {vin} fails its North American check digit in position 9 "
                f"(expected {expected}, got {vin[8]})",
            )
    return vin, country


# --- crypto-assets -------------------------------------------------------------------------

_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
# Version bytes of Bitcoin base58check addresses: P2PKH and P2SH on mainnet and testnet.
_BASE58_VERSIONS = {0x00: "P2PKH", 0x05: "P2SH", 0x6F: "P2PKH", 0xC4: "P2SH"}
_BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_CONST = 1  # BIP-173, witness version 0
_BECH32M_CONST = 0x2BC830A3  # BIP-350, witness versions 1..16
_BECH32_HRPS = frozenset({"bc", "tb"})


def _base58_decode(text: str) -> bytes:
    number = 0
    for ch in text:
        number = number * 58 + _BASE58.index(ch)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    leading_zeros = len(text) - len(text.lstrip("1"))
    return b"\x00" * leading_zeros + body


def _btc_base58(raw: str, address: str) -> str:
    kind = IdentifierKind.BTC_WALLET
    bad = sorted({c for c in address if c not in _BASE58})
    if bad:
        raise InvalidIdentifier(
            kind,
            raw,
            f"Bitcoin address {address} contains characters not used in base58: {''.join(bad)} "
            "(0, O, I and l never occur)",
        )
    payload = _base58_decode(address)
    if len(payload) != 25 or payload[0] not in _BASE58_VERSIONS:
        raise InvalidIdentifier(
            kind, raw, f"Bitcoin address {address} is not a P2PKH or P2SH address"
        )
    digest = hashlib.sha256(hashlib.sha256(payload[:-4]).digest()).digest()
    if digest[:4] != payload[-4:]:
        raise InvalidIdentifier(
            kind,
            raw,
            f"Bitcoin address {address} fails its checksum: a character is mistyped",
        )
    return address


# The bech32 checksum (BIP-173) and its bech32m variant (BIP-350) are written out here because
# python-stdnum's bitcoin module knows only bech32, so it rejects every Taproot (bc1p) address,
# and no small, well-kept library covers both; the algorithm is 15 lines of public spec.
def _bech32_polymod(values: list[int]) -> int:
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for i, g in enumerate(generator):
            if (top >> i) & 1:
                checksum ^= g
    return checksum


def _bech32_hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert_bits(data: list[int], from_bits: int, to_bits: int) -> list[int] | None:
    """Regroup 5-bit words into bytes; None when the padding is not all zero bits."""
    acc = bits = 0
    out: list[int] = []
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & ((1 << to_bits) - 1))
    if bits >= from_bits or (acc << (to_bits - bits)) & ((1 << to_bits) - 1):
        return None
    return out


def _btc_segwit(raw: str, address: str) -> str:
    kind = IdentifierKind.BTC_WALLET

    def reject(why: str) -> InvalidIdentifier:
        return InvalidIdentifier(kind, raw, f"Bitcoin address {address} {why}")

    if address != address.lower() and address != address.upper():
        raise reject("mixes upper and lower case, which bech32 forbids")
    text = address.lower()
    if len(text) > 90:
        raise reject(f"has {len(text)} characters; a bech32 address has at most 90")
    hrp, _, data_part = text.rpartition("1")
    if hrp not in _BECH32_HRPS:
        raise reject("does not start with bc1 (mainnet) or tb1 (testnet)")
    bad = sorted({c for c in data_part if c not in _BECH32_CHARSET})
    if bad:
        raise reject(f"contains characters not used in bech32: {''.join(bad)}")
    if len(data_part) < 7:
        raise reject("is too short to hold a witness program and checksum")
    data = [_BECH32_CHARSET.index(c) for c in data_part]
    witness_version = data[0]
    if witness_version > 16:
        raise reject(f"has witness version {witness_version}; the highest is 16")
    expected_const = _BECH32_CONST if witness_version == 0 else _BECH32M_CONST
    if _bech32_polymod(_bech32_hrp_expand(hrp) + data) != expected_const:
        raise reject("fails its bech32 checksum: a character is mistyped")
    program = _convert_bits(data[1:-6], 5, 8)
    if program is None or not 2 <= len(program) <= 40:
        raise reject("has a malformed witness program")
    if witness_version == 0 and len(program) not in (20, 32):
        raise reject("has a version 0 witness program that is neither 20 nor 32 bytes")
    return text


def _btc(raw: str, country: str | None) -> Result:
    address = re.sub(r"\s+", "", raw)
    if address.lower().startswith("bitcoin:"):
        address = address[len("bitcoin:") :].split("?", 1)[0]
    if address[:3].lower() in ("bc1", "tb1"):
        return _btc_segwit(raw, address), country
    if address[:1] in ("1", "3", "m", "n", "2"):
        return _btc_base58(raw, address), country
    raise InvalidIdentifier(
        IdentifierKind.BTC_WALLET,
        raw,
        f"Bitcoin address {address!r} does not start with 1, 3 or bc1",
    )


def eip55_checksum(address: str) -> str:
    """The EIP-55 spelling of a 40-digit hex address: a letter is upper case where the
    matching nibble of the Keccak-256 of the lower-case address is 8 or more. Keccak-256 is not
    hashlib's sha3_256 (the NIST padding differs), hence pycryptodome."""
    lower = address.lower()
    digest = keccak.new(digest_bits=256, data=lower.encode("ascii")).hexdigest()
    return "".join(
        c.upper() if c.isalpha() and int(h, 16) >= 8 else c
        for c, h in zip(lower, digest, strict=False)
    )


def _eip55_reason(address: str) -> str | None:
    """Why a mixed-case address fails its checksum, or None when it passes."""
    expected = eip55_checksum(address)
    wrong = [i for i, (got, want) in enumerate(zip(address, expected, strict=True)) if got != want]
    if not wrong:
        return None
    if len(wrong) == 1:
        i = wrong[0]
        return (
            f"Ethereum address 0x{address} fails its EIP-55 checksum: character {i + 1} "
            f"({address[i]!r}) should be {expected[i]!r}; the case of a letter is wrong"
        )
    # Many letters off usually means a mistyped digit rather than a changed case.
    return (
        f"Ethereum address 0x{address} fails its EIP-55 checksum: the case of {len(wrong)} "
        "letters is wrong, so a character is mistyped or its case was changed; copy the "
        "address again from its source"
    )


def _eth(raw: str, country: str | None) -> Result:
    address = re.sub(r"\s+", "", raw)
    if address[:2].lower() == "0x":
        address = address[2:]
    if not re.fullmatch(r"[0-9a-fA-F]{40}", address):
        raise InvalidIdentifier(
            IdentifierKind.ETH_WALLET,
            raw,
            f"Ethereum address {raw.strip()!r} must be 0x followed by 40 hexadecimal digits",
        )
    # Only mixed case carries an EIP-55 checksum; all-lower and all-upper carry none.
    if address not in (address.lower(), address.upper()):
        reason = _eip55_reason(address)
        if reason:
            raise InvalidIdentifier(IdentifierKind.ETH_WALLET, raw, reason)
    return "0x" + address.lower(), country


def _crypto(raw: str, country: str | None) -> Result:
    address = re.sub(r"\s+", "", raw)
    if not re.fullmatch(r"[A-Za-z0-9:]{20,128}", address):
        raise InvalidIdentifier(
            IdentifierKind.CRYPTO_WALLET,
            raw,
            f"Wallet address {raw.strip()!r} must be 20 to 128 letters and digits",
        )
    return address, country


# --- internet ------------------------------------------------------------------------------


def _domain_name(kind: IdentifierKind, raw: str, host: str) -> str:
    name = host.strip().rstrip(".")
    if "/" in name or "@" in name:
        raise InvalidIdentifier(
            kind, raw, f"{name!r} is not a bare domain name; record it as a URL or an e-mail"
        )
    if "." not in name:
        raise InvalidIdentifier(kind, raw, f"Domain {name!r} has no dot; give the full name")
    try:
        ascii_name = idna.encode(name, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise InvalidIdentifier(kind, raw, f"Domain {name!r} is not a valid name: {exc}") from None
    if ascii_name.rsplit(".", 1)[-1].isdigit():
        raise InvalidIdentifier(kind, raw, f"Domain {name!r} ends in a numeric label")
    return ascii_name.lower()


def _domain(raw: str, country: str | None) -> Result:
    return _domain_name(IdentifierKind.DOMAIN, raw, raw), country


_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}


def _url(raw: str, country: str | None) -> Result:
    kind = IdentifierKind.URL
    text = raw.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidIdentifier(kind, raw, f"URL {text!r} cannot be read: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise InvalidIdentifier(
            kind, raw, f"URL {text!r} must start with http://, https:// or ftp://"
        )
    host = parts.hostname or ""
    if not host:
        raise InvalidIdentifier(kind, raw, f"URL {text!r} has no host name")
    try:
        ip = ipaddress.ip_address(host)
        host = f"[{ip.compressed}]" if ip.version == 6 else ip.compressed
    except ValueError:
        host = _domain_name(kind, raw, host)
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (userinfo + "@" if userinfo else "") + host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, parts.fragment)), country


_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]{1,64}")


def _email(raw: str, country: str | None) -> Result:
    kind = IdentifierKind.EMAIL
    text = raw.strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    local, at, domain = text.rpartition("@")
    if not at or not local:
        raise InvalidIdentifier(kind, raw, f"E-mail address {text!r} has no user@domain form")
    if not _EMAIL_LOCAL.fullmatch(local) or local.startswith(".") or ".." in local:
        raise InvalidIdentifier(
            kind, raw, f"E-mail address {text!r} has characters not allowed before the @"
        )
    # Providers treat the local part case-insensitively in practice, so lower-casing it lets
    # one mailbox typed two ways match.
    return local.lower() + "@" + _domain_name(kind, raw, domain), country


_NORMALISERS: dict[IdentifierKind, Callable[[str, str | None], Result]] = {
    IdentifierKind.PASSPORT: _passport,
    IdentifierKind.NATIONAL_ID: _national_number(IdentifierKind.NATIONAL_ID),
    IdentifierKind.TRAVEL_DOCUMENT: _free_form(IdentifierKind.TRAVEL_DOCUMENT),
    IdentifierKind.DRIVING_LICENCE: _free_form(IdentifierKind.DRIVING_LICENCE),
    IdentifierKind.PHONE: _phone,
    IdentifierKind.IMEI: _imei,
    IdentifierKind.IMSI: _imsi,
    IdentifierKind.ICCID: _iccid,
    IdentifierKind.IBAN: _iban,
    IdentifierKind.BIC: _bic,
    IdentifierKind.BANK_ACCOUNT: _free_form(IdentifierKind.BANK_ACCOUNT),
    IdentifierKind.BTC_WALLET: _btc,
    IdentifierKind.ETH_WALLET: _eth,
    IdentifierKind.CRYPTO_WALLET: _crypto,
    IdentifierKind.DOMAIN: _domain,
    IdentifierKind.URL: _url,
    IdentifierKind.EMAIL: _email,
    IdentifierKind.VIN: _vin,
    IdentifierKind.REGISTRATION_PLATE: _free_form(IdentifierKind.REGISTRATION_PLATE),
    IdentifierKind.TAX_ID: _national_number(IdentifierKind.TAX_ID),
    IdentifierKind.OTHER: _free_form(IdentifierKind.OTHER),
}

__all__ = [
    "Identifier",
    "IdentifierKind",
    "InvalidIdentifier",
    "lookup_key",
    "normalise_identifier",
    "vin_check_digit",
]
