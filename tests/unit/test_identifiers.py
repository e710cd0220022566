"""Identifier validation: published examples, rejected inputs with their reasons, properties."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from concord.domain.identifiers import (
    Identifier,
    IdentifierKind,
    InvalidIdentifier,
    eip55_checksum,
    lookup_key,
    normalise_identifier,
    vin_check_digit,
)


def luhn_digit(body: str) -> str:
    """Independent Luhn check digit (ISO/IEC 7812), so tests do not trust the library."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def iban_check_digits(country: str, bban: str) -> str:
    """ISO 13616 check digits, computed independently of python-stdnum."""
    rearranged = bban + country + "00"
    number = int("".join(str(int(ch, 36)) for ch in rearranged))
    return f"{98 - number % 97:02d}"


def reason_of(kind: str, raw: str, country: str | None = None) -> str:
    with pytest.raises(InvalidIdentifier) as info:
        normalise_identifier(kind, raw, country)
    assert info.value.raw == raw
    return info.value.reason


# --- valid examples ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "raw", "country", "value", "found_country"),
    [
        # IMEI from the GSMA / Wikipedia worked example; 14 digits gain their check digit.
        ("imei", "490154203237518", None, "490154203237518", None),
        ("imei", "49-015420-323751-8", None, "490154203237518", None),
        ("imei", "49015420323751", None, "490154203237518", None),
        ("imei", "4901542032375102", None, "4901542032375102", None),  # IMEISV kept
        ("iban", "GB82 WEST 1234 5698 7654 32", None, "GB82WEST12345698765432", "gb"),
        ("iban", "kz86 125k zt50 0410 0100", None, "KZ86125KZT5004100100", "kz"),
        ("iban", "DE89370400440532013000", None, "DE89370400440532013000", "de"),
        ("bic", "deutdeff", None, "DEUTDEFF", "de"),
        ("bic", "DEUTDEFFXXX", None, "DEUTDEFF", "de"),
        ("bic", "DEUTDEFF500", None, "DEUTDEFF500", "de"),
        # Kazakh mobile, in international and in national form with the country given.
        ("phone", "+7 701 123 4567", None, "+77011234567", "kz"),
        ("phone", "8 (701) 123-45-67", "KZ", "+77011234567", "kz"),
        # Russian mobile and Moscow landline.
        ("phone", "+7 912 345-67-89", None, "+79123456789", "ru"),
        ("phone", "8 (495) 123-45-67", "ru", "+74951234567", "ru"),
        # Turkish mobile and Istanbul landline.
        ("phone", "+90 532 123 45 67", None, "+905321234567", "tr"),
        ("phone", "0212 123 45 67", "tr", "+902121234567", "tr"),
        ("iccid", "8944 5001 0219 8304 826", None, "8944500102198304826", None),
        ("imsi", "401 01 1234567890", None, "401011234567890", None),
        ("imsi", "25001123456789", None, "25001123456789", None),
        ("vin", "1M8GDM9AXKP042788", None, "1M8GDM9AXKP042788", None),  # check digit X
        ("vin", "11111111111111111", "us", "11111111111111111", "us"),
        # European VIN: position 9 is not a check digit there, so it is not enforced.
        ("vin", "wvw zzz1jzxw000001", "de", "WVWZZZ1JZXW000001", "de"),
        ("passport", "l898902c3", "kz", "L898902C3", "kz"),
        ("passport", "N 1234 5678<", None, "N12345678", None),
        ("national_id", "10000000146", "tr", "10000000146", "tr"),  # T.C. Kimlik No
        ("tax_id", "7707083893", "ru", "7707083893", "ru"),  # INN of Sberbank
        ("tax_id", "770708389", None, "770708389", None),  # no country: format only
        ("registration_plate", " 123 abc 02 ", "kz", "123ABC02", "kz"),
        ("driving_licence", "ab 12 34", None, "AB1234", None),
        ("domain", "Example.COM.", None, "example.com", None),
        ("domain", "bücher.example", None, "xn--bcher-kva.example", None),
        ("domain", "пример.рф", None, "xn--e1afmkfd.xn--p1ai", None),
        ("url", "HTTP://Example.COM:80", None, "http://example.com/", None),
        (
            "url",
            "https://Sub.Example.org:8443/a/B?q=1",
            None,
            "https://sub.example.org:8443/a/B?q=1",
            None,
        ),
        ("url", "http://192.168.0.1/x", None, "http://192.168.0.1/x", None),
        ("email", "John.Doe@Example.COM", None, "john.doe@example.com", None),
        ("email", "mailto:a+b@пример.рф", None, "a+b@xn--e1afmkfd.xn--p1ai", None),
        # EIP-55 example: its mixed case is the checksum, which holds.
        (
            "eth_wallet",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            None,
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
            None,
        ),
        (
            "eth_wallet",
            "0XFB6916095CA1DF60BB79CE92CE3EA74C37C5D359",
            None,
            "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359",
            None,
        ),
        (
            "crypto_wallet",
            "TJYeasTPa6gpEEfYmfNz4Fs3B5YfdP6pZL",
            None,
            "TJYeasTPa6gpEEfYmfNz4Fs3B5YfdP6pZL",
            None,
        ),
    ],
)
def test_valid_identifiers(
    kind: str, raw: str, country: str | None, value: str, found_country: str | None
) -> None:
    identifier = normalise_identifier(kind, raw, country)
    assert identifier == Identifier(
        kind=IdentifierKind(kind), value=value, raw=raw, country=found_country
    )


# BIP-173 and BIP-350 valid segwit addresses, plus base58 addresses from the Bitcoin wiki and
# the genesis block.
@pytest.mark.parametrize(
    "address",
    [
        "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
        "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
        "BC1SW50QGDZ25J",
        "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
        "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
        "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
    ],
)
def test_valid_bitcoin_addresses(address: str) -> None:
    identifier = normalise_identifier(IdentifierKind.BTC_WALLET, address)
    # Segwit addresses are case-insensitive and canonically lower-case; base58 keeps its case.
    expected = address.lower() if address[:3].lower() in ("bc1", "tb1") else address
    assert identifier.value == expected


# --- rejected inputs and their reasons ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "raw", "country", "reason"),
    [
        (
            "imei",
            "490154203237519",
            None,
            "IMEI 490154203237519 fails its Luhn check digit (expected 8, got 9)",
        ),
        ("imei", "4901542032375", None, "has 13 digits"),
        ("imei", "49015420323751A", None, "digits only"),
        ("iccid", "8944500102198304827", None, "fails its Luhn check digit (expected 6, got 7)"),
        ("iccid", "1944500102198304826", None, "does not start with 89"),
        ("iccid", "894450010219830482", None, "has 18 digits"),
        ("imsi", "001011234567890", None, "mobile country code 001, outside 200-799"),
        ("imsi", "901011234567890", None, "mobile country code 901, outside 200-799"),
        ("imsi", "4010112345", None, "has 10 digits"),
        (
            "iban",
            "GB83WEST12345698765432",
            None,
            "fails its mod-97 check (expected check digits 82, got 83)",
        ),
        ("iban", "XX86125KZT5004100100", None, "unknown country code XX"),
        ("iban", "KZ86125KZT500410010", None, "layout of a KZ IBAN (19 characters given)"),
        ("iban", "12345", None, "two-letter country code"),
        ("bic", "DEUT1EFF", None, "BIC DEUT1EFF is not valid"),
        ("phone", "87011234567", None, "no valid country code"),
        ("phone", "+7 123", None, "impossible length"),
        ("phone", "+7 000 000 0000", None, "not in any numbering plan"),
        ("phone", "not a number", "kz", "cannot be read as a phone number"),
        (
            "vin",
            "1M8GDM9A1KP042788",
            None,
            "VIN 1M8GDM9A1KP042788 fails its North American check digit in position 9 "
            "(expected X, got 1)",
        ),
        ("vin", "WVWZZZ1JZXW000001", "ca", "check digit in position 9 (expected 0, got Z)"),
        ("vin", "1M8GDM9AXKP04278", None, "has 16 characters"),
        ("vin", "1M8GDM9AXKPO42788", None, "I, O and Q are never used"),
        ("passport", "AB-123456", None, "only letters A-Z and digits"),
        ("passport", "1234", None, "has 4 characters; passport numbers have 5 to 9"),
        ("passport", "1234567890", None, "has 10 characters"),
        ("passport", "   ", None, "passport is empty"),
        ("national_id", "10000000147", "tr", "not valid for country TR"),
        ("tax_id", "7707083894", "ru", "check digit is wrong"),
        ("other", "X" * 65, None, "at most 64"),
        ("btc_wallet", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", None, "fails its checksum"),
        ("btc_wallet", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0", None, "not used in base58: 0"),
        # BIP-350 invalid vectors: bech32 checksum on v1, bech32m checksum on v0.
        (
            "btc_wallet",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
            None,
            "fails its bech32 checksum",
        ),
        (
            "btc_wallet",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
            None,
            "fails its bech32 checksum",
        ),
        (
            "btc_wallet",
            "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",
            None,
            "does not start with 1, 3 or bc1",
        ),
        (
            "btc_wallet",
            "bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
            None,
            "mixes upper and lower case",
        ),
        ("btc_wallet", "bc1zw508d6qejxtdg4y5r3zarvaryvcxxpcs", None, "fails its bech32 checksum"),
        ("btc_wallet", "bc1zw508d6qejxtdg4y5r3zarvaryvbxxpcs", None, "not used in bech32: b"),
        ("eth_wallet", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", None, "40 hexadecimal"),
        ("crypto_wallet", "abc", None, "20 to 128 letters and digits"),
        ("domain", "localhost", None, "has no dot"),
        ("domain", "exa mple.com", None, "not a valid name"),
        ("domain", "http://example.com/", None, "record it as a URL"),
        ("domain", "example.123", None, "numeric label"),
        ("url", "example.com/path", None, "must start with http://, https:// or ftp://"),
        ("url", "javascript:alert(1)", None, "must start with http://"),
        ("url", "https:///path", None, "has no host name"),
        ("email", "john.example.com", None, "no user@domain form"),
        ("email", "jo hn@example.com", None, "not allowed before the @"),
        ("email", "john@localhost", None, "has no dot"),
        ("phone", "+77011234567", "kaz", "not an ISO 3166 two-letter code"),
    ],
)
def test_rejected_identifiers_say_why(
    kind: str, raw: str, country: str | None, reason: str
) -> None:
    assert reason in reason_of(kind, raw, country)


def test_unknown_kind_lists_accepted_kinds() -> None:
    with pytest.raises(InvalidIdentifier) as info:
        normalise_identifier("fingerprint", "123")
    assert info.value.kind == "fingerprint"
    assert "accepted kinds are: passport, national_id" in info.value.reason
    assert "tax_id" in info.value.reason


def test_error_carries_kind_and_is_a_value_error() -> None:
    with pytest.raises(ValueError) as info:
        normalise_identifier("IMEI", "490154203237519")
    assert isinstance(info.value, InvalidIdentifier)
    assert info.value.kind is IdentifierKind.IMEI


def test_kind_accepts_enum_and_any_case() -> None:
    by_enum = normalise_identifier(IdentifierKind.IBAN, "GB82WEST12345698765432")
    by_name = normalise_identifier(" Iban ", "GB82WEST12345698765432")
    assert by_enum == by_name


# --- lookup keys ---------------------------------------------------------------------------


def test_lookup_key_of_valid_input_is_the_canonical_value() -> None:
    assert lookup_key("phone", "8 701 123 45 67", "kz") == "+77011234567"
    assert lookup_key("iban", "gb82 west 1234 5698 7654 32") == "GB82WEST12345698765432"


def test_lookup_key_tolerates_invalid_and_partial_input() -> None:
    assert lookup_key("iban", "gb83 west 1234") == "GB83WEST1234"
    assert lookup_key("imei", "49-0154-2032") == "4901542032"
    assert lookup_key("phone", "(701) 123-45") == "70112345"
    assert lookup_key("passport", "ab 12") == "AB12"
    assert lookup_key("no-such-kind", "ab-12") == "AB12"
    # Base58 wallets differ by case alone, so their key keeps it.
    assert lookup_key("btc_wallet", "1A1zP1eP5QGefi2DMPT") == "1A1zP1eP5QGefi2DMPT"


@given(kind=st.sampled_from([*IdentifierKind, "junk"]), raw=st.text(max_size=80))
def test_lookup_key_never_raises(kind: str, raw: str) -> None:
    assert isinstance(lookup_key(kind, raw), str)


# --- properties ----------------------------------------------------------------------------

digits = st.text(alphabet=string.digits, min_size=14, max_size=14)


@given(body=digits)
def test_imei_with_its_luhn_digit_is_accepted_and_any_other_rejected(body: str) -> None:
    good = luhn_digit(body)
    assert normalise_identifier("imei", body + good).value == body + good
    assert normalise_identifier("imei", body).value == body + good
    for wrong in set(string.digits) - {good}:
        with pytest.raises(InvalidIdentifier, match=f"expected {good}, got {wrong}"):
            normalise_identifier("imei", body + wrong)


@given(body=st.text(alphabet=string.digits, min_size=16, max_size=17))
def test_iccid_with_its_luhn_digit_is_accepted(body: str) -> None:
    number = "89" + body + luhn_digit("89" + body)
    assert normalise_identifier("iccid", number).value == number


VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"


@given(
    wmi=st.sampled_from("12345"),
    rest=st.text(alphabet=VIN_CHARS, min_size=16, max_size=16),
)
def test_north_american_vin_position_9_is_enforced(wmi: str, rest: str) -> None:
    vin = wmi + rest
    good = vin[:8] + vin_check_digit(vin) + vin[9:]
    assert normalise_identifier("vin", good).value == good
    wrong = "0" if good[8] != "0" else "1"
    with pytest.raises(InvalidIdentifier, match="position 9"):
        normalise_identifier("vin", good[:8] + wrong + good[9:])


@given(bban=st.text(alphabet=string.digits, min_size=18, max_size=18))
def test_any_german_iban_with_correct_check_digits_is_accepted(bban: str) -> None:
    iban = "DE" + iban_check_digits("DE", bban) + bban
    assert normalise_identifier("iban", iban).value == iban


valid_inputs = st.one_of(
    st.tuples(st.just("imei"), digits),
    st.tuples(
        st.just("iban"),
        st.text(alphabet=string.digits, min_size=18, max_size=18).map(
            lambda b: "de" + iban_check_digits("DE", b) + " " + b
        ),
    ),
    st.tuples(
        st.just("passport"),
        st.text(alphabet=string.ascii_letters + string.digits, min_size=5, max_size=9),
    ),
    st.tuples(
        st.sampled_from(["other", "registration_plate", "bank_account", "driving_licence"]),
        st.text(
            alphabet=string.ascii_letters + string.digits + " ", min_size=1, max_size=64
        ).filter(str.strip),
    ),
    st.tuples(
        st.just("eth_wallet"),
        # Mixed case must carry its EIP-55 checksum; all-lower and all-upper carry none.
        st.builds(
            lambda spell, digits: spell(digits),
            st.sampled_from([str.lower, str.upper, eip55_checksum]),
            st.text(alphabet="0123456789abcdef", min_size=40, max_size=40),
        ),
    ),
    st.tuples(
        st.just("domain"),
        st.lists(
            st.text(alphabet=string.ascii_letters, min_size=1, max_size=20), min_size=2, max_size=4
        ).map(".".join),
    ),
    st.tuples(
        st.just("phone"),
        st.integers(min_value=0, max_value=9_999_999).map(lambda n: f"+7 701 {n:07d}"),
    ),
)


@given(case=valid_inputs)
def test_normalise_is_idempotent_on_its_own_value(case: tuple[str, str]) -> None:
    kind, raw = case
    first = normalise_identifier(kind, raw)
    second = normalise_identifier(kind, first.value)
    assert second.value == first.value
    assert lookup_key(kind, raw) == first.value


# --- Kazakh IIN/BIN (mod-11 with a second weight set, Government Decree No. 565 of 2003) ------


def test_kazakh_iin_resolved_by_the_second_weight_set() -> None:
    # 061211600012: first pass gives 10, second pass gives the check digit 2.
    identifier = normalise_identifier("national_id", "0612 1160 0012", "KZ")
    assert (identifier.value, identifier.country) == ("061211600012", "kz")
    assert normalise_identifier("tax_id", "061211600012", "kz").value == "061211600012"


def test_kazakh_iin_with_wrong_check_digit_is_rejected() -> None:
    reason = reason_of("national_id", "061211600013", "kz")
    assert reason == "The Kazakh IIN/BIN 061211600013 fails its check digit (expected 2, got 3)"
    assert "exactly 12 digits" in reason_of("national_id", "06121160001", "kz")


@given(body=st.text(alphabet=string.digits, min_size=11, max_size=11))
def test_kazakh_iin_check_digit_property(body: str) -> None:
    digits = [int(d) for d in body]
    check = sum(w * d for w, d in zip(range(1, 12), digits, strict=True)) % 11
    if check == 10:
        check = sum(w * d for w, d in zip((3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), digits, strict=True))
        check %= 11
    if check == 10:
        # No check digit exists for such a body, so every completion is refused.
        with pytest.raises(InvalidIdentifier, match="expected none possible"):
            normalise_identifier("national_id", body + "0", "kz")
    else:
        assert normalise_identifier("national_id", body + str(check), "kz").value == body + str(
            check
        )
        wrong = str((check + 1) % 10)
        with pytest.raises(InvalidIdentifier, match=f"expected {check}, got {wrong}"):
            normalise_identifier("national_id", body + wrong, "kz")
