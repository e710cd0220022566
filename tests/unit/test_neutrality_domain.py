"""Neutrality screening: political, military, religious and racial matters in English and
Russian are flagged with a reason; ordinary crime is not."""

from __future__ import annotations

import pytest

from concord.domain.neutrality import Character, check, notes, reasons


@pytest.mark.parametrize(
    ("text", "character"),
    [
        ("Insulting the President of the Republic", Character.POLITICAL),
        ("Оскорбление Президента Республики Казахстан", Character.POLITICAL),
        ("оскорблении главы государства", Character.POLITICAL),
        ("Membership of a banned opposition party", Character.POLITICAL),
        ("Участие в несанкционированном митинге", Character.POLITICAL),
        ("Desertion from a military unit", Character.MILITARY),
        ("ДЕЗЕРТИРСТВО", Character.MILITARY),
        ("Уклонение от призыва на военную службу", Character.MILITARY),
        ("Blasphemy against the prophet", Character.RELIGIOUS),
        ("Оскорбление религиозных чувств верующих", Character.RELIGIOUS),
        ("богохульство", Character.RELIGIOUS),
        ("The subject is a journalist of an independent newspaper", Character.SUBJECT),
        ("Известный журналист и правозащитник", Character.SUBJECT),
        ("She was granted refugee status in Germany", Character.SUBJECT),
        ("Political activist", Character.SUBJECT),
        ("Cumhurbaşkanına hakaret", Character.POLITICAL),
    ],
)
def test_flagged(text: str, character: Character) -> None:
    found = check({"offence": text})
    assert character in {c.character for c in found}
    assert all(c.field == "offence" and c.matched for c in found)


@pytest.mark.parametrize(
    "text",
    [
        "Fraud on a large scale",
        "Мошенничество в особо крупном размере",
        "Drug trafficking across the desert border",  # 'desert' is not desertion
        "Murder of a shop owner",
        "Незаконный оборот наркотиков",
        "Trafficking in human beings",
        "Illegal trade in protected wildlife",
    ],
)
def test_ordinary_crime_is_not_flagged(text: str) -> None:
    assert check({"offence": text, "title": text}) == []


def test_reasons_name_the_field_and_the_words() -> None:
    found = check({"title": "Red notice", "description": "Wanted for desertion; a known activist"})
    messages = reasons(found)
    assert any("Desertion is a military offence" in m and "description" in m for m in messages)
    assert any("activist" in m for m in messages)
    held = notes(found, "2026-01-01T00:00:00+00:00")
    assert {n["by"] for n in held} == {"neutrality check"} and len(held) == len(found)
