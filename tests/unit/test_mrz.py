"""MRZ parsing against the ICAO Doc 9303 "UTOPIA" specimens, tampering, and round trips."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from concord.domain.identifiers import IdentifierKind, InvalidIdentifier
from concord.domain.mrz import MrzData, mrz_check_digit, parse_mrz

TODAY = dt.date(2026, 11, 23)

# Published specimens from ICAO Doc 9303 (parts 4, 5 and 6): fictional state Utopia.
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"


@pytest.mark.parametrize(
    ("field", "digit"),
    [("L898902C3", 6), ("740812", 2), ("120415", 9), ("ZE184226B<<<<<", 1), ("D23145890", 7)],
)
def test_check_digit_of_specimen_fields(field: str, digit: int) -> None:
    assert mrz_check_digit(field) == digit


def test_check_digit_rejects_foreign_characters() -> None:
    with pytest.raises(ValueError, match="not an MRZ character"):
        mrz_check_digit("AB-12")


def test_td3_passport_specimen() -> None:
    assert parse_mrz(TD3, today=TODAY) == MrzData(
        format="TD3",
        document_type="P",
        issuing_state="UTO",
        surname="ERIKSSON",
        given_names="ANNA MARIA",
        document_number="L898902C3",
        nationality="UTO",
        birth_date="1974-08-12",
        sex="F",
        expiry_date="2012-04-15",
        optional_data="ZE184226B",
    )


def test_td1_identity_card_specimen() -> None:
    data = parse_mrz(TD1, today=TODAY)
    assert (data.format, data.document_type, data.document_number) == ("TD1", "I", "D23145890")
    assert (data.surname, data.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert (data.birth_date, data.expiry_date, data.sex) == ("1974-08-12", "2012-04-15", "F")
    assert data.identifier_kind is IdentifierKind.TRAVEL_DOCUMENT


def test_td2_specimen() -> None:
    data = parse_mrz(TD2, today=TODAY)
    assert (data.format, data.issuing_state, data.nationality) == ("TD2", "UTO", "UTO")
    assert (data.document_number, data.birth_date) == ("D23145890", "1974-08-12")


def test_ocr_whitespace_and_lower_case_are_tolerated() -> None:
    messy = "\n  " + TD3.lower().replace("\n", " \n\n ").replace("<<<<", "<< <<") + "  \n"
    assert parse_mrz(messy, today=TODAY) == parse_mrz(TD3, today=TODAY)


def tamper(text: str, line: int, position: int, char: str) -> str:
    lines = text.split("\n")
    lines[line] = lines[line][:position] + char + lines[line][position + 1 :]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "line", "position", "char", "check"),
    [
        (TD3, 1, 0, "M", "document number"),  # L -> M
        (TD3, 1, 13, "8", "birth date"),  # 1974 -> 1984
        (TD3, 1, 26, "6", "expiry date"),
        (TD3, 1, 30, "F", "personal number"),
        (TD3, 1, 43, "1", "composite"),
        (TD1, 0, 6, "3", "document number"),
        (TD1, 1, 0, "8", "birth date"),
        (TD1, 1, 9, "3", "expiry date"),
        (TD1, 1, 29, "5", "composite"),
        (TD2, 1, 9, "8", "document number"),
        (TD2, 1, 35, "0", "composite"),
    ],
)
def test_each_failed_check_digit_is_named(
    text: str, line: int, position: int, char: str, check: str
) -> None:
    with pytest.raises(InvalidIdentifier) as info:
        parse_mrz(tamper(text, line, position, char), today=TODAY)
    assert f"MRZ {check} check digit fails" in info.value.reason


def test_sex_and_nationality_are_outside_every_check_digit() -> None:
    # ICAO 9303 leaves these two fields uncovered, so a change cannot be detected.
    data = parse_mrz(tamper(tamper(TD3, 1, 20, "M"), 1, 10, "D"), today=TODAY)
    assert (data.sex, data.nationality) == ("M", "DTO")


def test_passport_errors_carry_the_passport_kind() -> None:
    with pytest.raises(InvalidIdentifier) as info:
        parse_mrz(tamper(TD3, 1, 9, "7"), today=TODAY)
    assert info.value.kind is IdentifierKind.PASSPORT
    assert "(expected 6, got 7)" in info.value.reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (TD3.split("\n")[1], "1 lines of 44 characters"),
        (TD3 + "<", "2 lines of 44, 45 characters"),
        (TD3.replace("ERIKSSON", "ERIKSSÖN"), "characters not allowed: Ö"),
        ("", "0 lines"),
    ],
)
def test_malformed_zones_are_rejected(text: str, reason: str) -> None:
    with pytest.raises(InvalidIdentifier, match=reason):
        parse_mrz(text, today=TODAY)


def with_check(field: str) -> str:
    return field + str(mrz_check_digit(field))


def td3(
    number: str = "L898902C3",
    birth: str = "740812",
    sex: str = "F",
    expiry: str = "120415",
    personal: str = "ZE184226B<<<<<",
    names: str = "ERIKSSON<<ANNA<MARIA",
) -> str:
    body = with_check(number) + "UTO" + with_check(birth) + sex + with_check(expiry)
    body += with_check(personal)
    line2 = body + str(mrz_check_digit(body[:10] + body[13:20] + body[21:43]))
    return "P<UTO" + names.ljust(39, "<") + "\n" + line2


def test_builder_reproduces_the_specimen() -> None:
    assert td3() == TD3


@pytest.mark.parametrize(
    ("birth", "expiry", "birth_iso", "expiry_iso"),
    [
        ("740812", "120415", "1974-08-12", "2012-04-15"),
        ("150101", "301231", "2015-01-01", "2030-12-31"),
        ("261123", "361122", "2026-11-23", "2036-11-22"),
        ("271123", "751231", "1927-11-23", "2075-12-31"),
        ("000229", "761231", "2000-02-29", "1976-12-31"),
    ],
)
def test_two_digit_years_get_a_sensible_century(
    birth: str, expiry: str, birth_iso: str, expiry_iso: str
) -> None:
    data = parse_mrz(td3(birth=birth, expiry=expiry), today=TODAY)
    assert (data.birth_date, data.expiry_date) == (birth_iso, expiry_iso)


def test_unknown_birth_day_is_kept_unknown() -> None:
    assert parse_mrz(td3(birth="7408<<"), today=TODAY).birth_date is None


def test_impossible_date_with_valid_check_digit_is_rejected() -> None:
    with pytest.raises(InvalidIdentifier, match="MRZ birth date 741332 is not a calendar date"):
        parse_mrz(td3(birth="741332"), today=TODAY)


def test_empty_personal_number_may_carry_a_filler_check_digit() -> None:
    text = td3(personal="<" * 14)
    lines = text.split("\n")
    body = lines[1][:42] + "<"
    text = lines[0] + "\n" + body + str(mrz_check_digit(body[:10] + body[13:20] + body[21:43]))
    data = parse_mrz(text, today=TODAY)
    assert data.optional_data == ""
    assert data.sex == "F"


def test_unspecified_sex_reads_as_x() -> None:
    assert parse_mrz(td3(sex="<"), today=TODAY).sex == "X"


def test_td1_document_number_longer_than_nine_characters() -> None:
    # Doc 9303 part 5: a '<' in the check position means the number continues in the
    # optional data, followed by its own check digit.
    number = "D23145890123"
    optional = (number[9:] + str(mrz_check_digit(number))).ljust(15, "<")
    line1 = "I<UTO" + number[:9] + "<" + optional
    line2_body = with_check("740812") + "F" + with_check("120415") + "UTO" + "<" * 11
    composite = mrz_check_digit(
        line1[5:30] + line2_body[0:7] + line2_body[8:15] + line2_body[18:29]
    )
    text = "\n".join([line1, line2_body + str(composite), "ERIKSSON<<ANNA<MARIA".ljust(30, "<")])
    data = parse_mrz(text, today=TODAY)
    assert data.document_number == number
    assert data.optional_data == ""


mrz_text = st.text(alphabet=string.ascii_uppercase + string.digits + "<", min_size=9, max_size=9)
name_part = st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=8)


@given(
    number=mrz_text.filter(lambda s: s[0] != "<"),
    surname=name_part,
    given_names=st.lists(name_part, min_size=1, max_size=3),
    birth=st.dates(min_value=dt.date(1927, 11, 24), max_value=TODAY),
    sex=st.sampled_from("MF"),
)
def test_td3_round_trip(
    number: str, surname: str, given_names: list[str], birth: dt.date, sex: str
) -> None:
    text = td3(
        number=number,
        birth=birth.strftime("%y%m%d"),
        sex=sex,
        names=surname + "<<" + "<".join(given_names),
    )
    data = parse_mrz(text, today=TODAY)
    assert data.document_number == number.replace("<", "")
    assert data.surname == surname
    assert data.given_names == " ".join(given_names)
    assert data.birth_date == birth.isoformat()
    assert data.sex == sex


@given(position=st.sampled_from([1, 2, 3, 4, 5, 6]), digit=st.sampled_from(string.digits))
def test_any_single_digit_change_in_the_document_number_is_caught(
    position: int, digit: str
) -> None:
    assume(digit != TD3.split("\n")[1][position])
    with pytest.raises(InvalidIdentifier, match="document number check digit fails"):
        parse_mrz(tamper(TD3, 1, position, digit), today=TODAY)


def test_machine_readable_visa_has_no_composite_check() -> None:
    # MRV-A: TD3 layout, but the characters after the expiry date are free optional data.
    line2 = with_check("L8988901C") + "XXX" + with_check("400907") + "F" + with_check("961210")
    text = "V<UTOERIKSSON<<ANNA<MARIA".ljust(44, "<") + "\n" + (line2 + "6ZE184226B").ljust(44, "<")
    data = parse_mrz(text, today=TODAY)
    assert (data.format, data.document_type, data.document_number) == ("MRV-A", "V", "L8988901C")
    assert (data.birth_date, data.expiry_date, data.optional_data) == (
        "1940-09-07",
        "1996-12-10",
        "6ZE184226B",
    )
    assert data.identifier_kind is IdentifierKind.TRAVEL_DOCUMENT
    with pytest.raises(InvalidIdentifier, match="MRZ birth date check digit fails"):
        parse_mrz(tamper(text, 1, 14, "1"), today=TODAY)
