"""Reading the bulk lookup page's pasted lines and uploaded CSV files (pure: no database)."""

from __future__ import annotations

import pytest

from concord.domain.errors import ValidationFailed
from concord.services.indicator_lists import MAX_FILE_BYTES, MAX_VALUE, read_csv, read_pasted

IMEI = "490154203237518"


def test_pasted_lines_name_their_kind_or_take_the_chosen_one() -> None:
    text = f"imei,{IMEI}\n\n  +7 701 123 4567  \nhttps://pay.example/a,b\n"
    listed = read_pasted(text, "phone", "KZ")
    assert [(x.where, x.kind, x.value, x.country, x.error) for x in listed] == [
        ("line 1", "imei", IMEI, "kz", None),
        ("line 3", "phone", "+7 701 123 4567", "kz", None),
        # "https://pay.example/a" is no kind, so the comma belongs to the value.
        ("line 4", "phone", "https://pay.example/a,b", "kz", None),
    ]


def test_without_a_chosen_kind_a_bare_value_is_reported_not_dropped() -> None:
    listed = read_pasted(f"{IMEI}\nVIN,WVWZZZ1JZXW000001\nphone,", None)
    assert listed[0].error is not None and "no kind" in listed[0].error
    assert listed[0].value == IMEI
    # An unknown kind goes on to the lookup, which names the kinds it knows.
    assert (listed[1].kind, listed[1].value, listed[1].error) == ("vin", "WVWZZZ1JZXW000001", None)
    assert listed[2].error == "no value after the kind."


def test_overlong_values_and_bad_countries_are_line_errors() -> None:
    listed = read_pasted("url," + "x" * (MAX_VALUE + 1), None)
    assert listed[0].error is not None and f"longer than {MAX_VALUE}" in listed[0].error
    rows = read_csv(b"kind,value,country\nphone,87011234567,zz\n", None)
    assert rows[0].error is not None and "'zz' is not an ISO 3166-1" in rows[0].error


def test_csv_with_a_header_in_any_column_order() -> None:
    data = f"country,value,kind\nkz,87011234567,phone\n,{IMEI},imei\n,,\n".encode()
    rows = read_csv(data, None)
    assert [(r.where, r.kind, r.value, r.country) for r in rows] == [
        ("file row 2", "phone", "87011234567", "kz"),
        ("file row 3", "imei", IMEI, None),
    ]


def test_csv_header_without_kind_takes_the_chosen_kind_or_reports_it() -> None:
    data = f"value,note\n{IMEI},seized handset\n".encode()
    assert read_csv(data, "imei")[0].kind == "imei"
    missing = read_csv(data, None)[0]
    assert missing.error is not None and "no kind" in missing.error


def test_csv_without_a_header() -> None:
    assert [(r.kind, r.value, r.country) for r in read_csv(b"phone,87011234567,kz\n", None)] == [
        ("phone", "87011234567", "kz")
    ]
    # With a kind chosen, the values are in the first column; a BOM (Excel) is dropped.
    assert [r.value for r in read_csv(f"\ufeff{IMEI}\n".encode(), "imei")] == [IMEI]


def test_a_file_that_is_not_utf8_or_too_large_is_refused_whole() -> None:
    with pytest.raises(ValidationFailed, match="not UTF-8"):
        read_csv("телефон".encode("cp1251"), "phone")
    with pytest.raises(ValidationFailed, match="at most"):
        read_csv(b"x" * (MAX_FILE_BYTES + 1), "phone")
