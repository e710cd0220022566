"""Ethereum addresses: the EIP-55 mixed-case checksum, against the test cases published in
the EIP itself (https://eips.ethereum.org/EIPS/eip-55, "Test Cases")."""

from __future__ import annotations

import pytest

from concord.domain.identifiers import InvalidIdentifier, eip55_checksum, normalise_identifier

# The EIP lists them under "All caps", "All Lower" and "Normal": each is its own checksum.
EIP55_VECTORS = [
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
]
MIXED = [a for a in EIP55_VECTORS if a[2:] not in (a[2:].lower(), a[2:].upper())]


@pytest.mark.parametrize("address", EIP55_VECTORS)
def test_checksum_spelling_matches_the_published_vectors(address: str) -> None:
    assert eip55_checksum(address[2:].lower()) == address[2:]


@pytest.mark.parametrize("address", EIP55_VECTORS)
def test_published_addresses_are_accepted_and_stored_in_lower_case(address: str) -> None:
    identifier = normalise_identifier("eth_wallet", address)
    assert identifier.value == address.lower()
    assert identifier.raw == address


@pytest.mark.parametrize("address", MIXED)
def test_all_lower_and_all_upper_carry_no_checksum_and_stay_accepted(address: str) -> None:
    lower = "0x" + address[2:].lower()
    assert normalise_identifier("eth_wallet", lower).value == lower
    assert normalise_identifier("eth_wallet", "0x" + address[2:].upper()).value == lower


def _flip(address: str, position: int) -> str:
    ch = address[position]
    flipped = ch.lower() if ch.isupper() else ch.upper()
    return address[:position] + flipped + address[position + 1 :]


@pytest.mark.parametrize("address", MIXED)
def test_one_letter_in_the_wrong_case_is_refused_and_named(address: str) -> None:
    # The last letter whose flip still leaves the address in mixed case.
    position = max(i for i, c in enumerate(address) if i >= 2 and c.isalpha())
    typo = _flip(address, position)
    with pytest.raises(InvalidIdentifier) as caught:
        normalise_identifier("eth_wallet", typo)
    reason = caught.value.reason
    assert "fails its EIP-55 checksum" in reason
    assert (
        f"character {position - 1} ({typo[position]!r}) should be {address[position]!r}" in reason
    )
    assert "the case of a letter is wrong" in reason


def test_a_mistyped_digit_breaks_the_case_of_several_letters() -> None:
    good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
    typo = good.replace("6053", "6054")  # one digit wrong: the hash, so the cases, change
    with pytest.raises(InvalidIdentifier) as caught:
        normalise_identifier("eth_wallet", typo)
    assert "a character is mistyped or its case was changed" in caught.value.reason
