"""A demo database drawn from the domain's public figures: real member countries, bureaus of
Kazakhstan, Russia, Turkey, Rwanda, the UAE and others, and a few hundred fictional people
written in their own scripts, with notices, diffusions, documents and vehicles."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from concord.domain.directory import Actor
from concord.services import directory, notices, persons, records
from concord.services.auth import actor_of
from concord.services.common import IdentifierIn, RestrictionsIn
from concord.services.demo_names import NAMES, UNSPACED
from concord.services.notices import NoticeIn
from concord.services.persons import PersonIn
from concord.services.records import TravelDocumentIn, VehicleIn
from concord.services.runtime import Runtime
from concord.storage.tables import User

DEMO_PASSWORD = "concord-demo"

# A selection of INTERPOL members (joining dates are illustrative except Micronesia, admitted as
# the 195th member at the 89th General Assembly, Istanbul, 23-25 November 2021).
MEMBERS = [
    "ae",
    "am",
    "az",
    "by",
    "cn",
    "de",
    "dz",
    "eg",
    "es",
    "fr",
    "gb",
    "ge",
    "gr",
    "il",
    "in",
    "ir",
    "it",
    "jp",
    "ke",
    "kg",
    "kr",
    "kz",
    "ma",
    "mn",
    "ng",
    "pk",
    "pl",
    "ru",
    "rw",
    "sa",
    "sn",
    "tj",
    "tm",
    "tr",
    "tz",
    "ua",
    "ug",
    "us",
    "uz",
    "za",
    "br",
    "ar",
    "mx",
    "co",
    "th",
    "id",
]

# (name, country, kind)
AGENCIES = [
    ("INTERPOL General Secretariat", "fr", "general_secretariat"),
    ("NCB Astana", "kz", "ncb"),
    ("Prosecutor General's Office of Kazakhstan", "kz", "prosecutor"),
    ("NCB Moscow", "ru", "ncb"),
    ("Ministry of Internal Affairs of Russia", "ru", "ministry"),
    ("NCB Ankara", "tr", "ncb"),
    ("NCB Kigali", "rw", "ncb"),
    ("NCB Abu Dhabi", "ae", "ncb"),
    ("NCB Seoul", "kr", "ncb"),
    ("NCB Beijing", "cn", "ncb"),
    ("NCB Tbilisi", "ge", "ncb"),
    ("NCB Kyiv", "ua", "ncb"),
    ("NCB Tehran", "ir", "ncb"),
    ("Afripol", "dz", "regional_body"),
    ("Commission for the Control of Files", "fr", "files_commission"),
]

OFFENCES = [
    ("Fraud on a large scale", "Criminal Code, art. 190(4)", 120),
    ("Drug trafficking", "Criminal Code, art. 297(3)", 180),
    ("Murder", "Criminal Code, art. 99(1)", 240),
    ("Trafficking in human beings", "Criminal Code, art. 128(2)", 144),
    ("Money laundering", "Criminal Code, art. 218(3)", 84),
    ("Armed robbery", "Criminal Code, art. 192(3)", 120),
    ("Illegal trade in protected wildlife", "Criminal Code, art. 339(2)", 60),
]


@dataclass
class DemoData:
    actors: dict[str, Actor] = field(default_factory=dict)  # username -> actor
    agencies: dict[str, int] = field(default_factory=dict)  # agency name -> id
    person_ids: list[str] = field(default_factory=list)
    notice_ids: list[str] = field(default_factory=list)
    kim_id: str = ""


def slug(agency: str) -> str:
    return agency.lower().replace("ncb ", "").replace("'", "").split()[0]


def _name(rng: random.Random, country: str, female: bool) -> str:
    males, females, surnames, female_surnames = NAMES[country]
    given = rng.choice(females if female else males)
    i = rng.randrange(len(surnames))
    surname = (female_surnames or surnames)[i] if female else surnames[i]
    if country in UNSPACED:
        return surname + given
    if country in ("ae",):
        return f"{given} {rng.choice(males)} {surname}"
    return f"{given} {surname}" if country in ("tr", "rw") else f"{surname} {given}"


def _birth(rng: random.Random) -> str:
    y, m, d = rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice([f"{y}-{m:02d}-{d:02d}"] * 4 + [f"{y}"])


def seed(
    rt: Runtime,
    *,
    people: int = 300,
    rng_seed: int = 7,
    progress: Callable[[str], None] | None = None,
) -> DemoData:
    rng = random.Random(rng_seed)
    data = DemoData()
    say = progress or (lambda _msg: None)
    with rt.uow() as uow:
        say("countries")
        for code in MEMBERS:
            directory.join_country(uow, None, code, date(1990, 1, 1))
        directory.join_country(uow, None, "fm", date(2021, 11, 24))
        say("agencies and users")
        for name, country, kind in AGENCIES:
            agency = directory.create_agency(uow, None, name, country, kind)
            data.agencies[name] = agency.id
            base = {"general_secretariat": "gs", "files_commission": "ccf"}.get(kind, slug(name))
            roles = {
                "general_secretariat": [
                    ("reviewer", "gs_reviewer,viewer"),
                    ("auditor", "auditor"),
                    ("admin", "admin"),
                ],
                "files_commission": [("member", "ccf")],
            }.get(
                kind,
                [
                    ("officer", "officer"),
                    ("supervisor", "supervisor,officer"),
                    ("viewer", "viewer"),
                ],
            )
            for suffix, role in roles:
                user = directory.create_user(
                    uow,
                    None,
                    f"{base}.{suffix}",
                    agency.id,
                    role,
                    f"{suffix.title()}, {name}",
                    DEMO_PASSWORD,
                )
                data.actors[user.username] = actor_of(uow.session.get(User, user.id) or user)
        uow.commit()

    countries = [c for c in NAMES if any(a[1] == c and a[2] == "ncb" for a in AGENCIES)]
    say("people")
    with rt.uow() as uow:
        kim = persons.create_person(
            uow,
            data.actors["moscow.officer"],
            PersonIn(
                names=["Ким Чен Ян"],
                birth_date="1961-10-30",
                nationalities=["kr"],
                gender="male",
                identifiers=[IdentifierIn(type="passport", value="M12345678", country="kr")],
            ),
            rt.index,
        )
        data.kim_id = kim.id
        data.person_ids.append(kim.id)
        for n in range(people):
            country = countries[n % len(countries)]
            ncb = next(a[0] for a in AGENCIES if a[1] == country and a[2] == "ncb")
            officer = data.actors[f"{slug(ncb)}.officer"]
            female = rng.random() < 0.3
            names = [_name(rng, country, female)]
            restrictions = RestrictionsIn()
            roll = rng.random()
            if roll < 0.1:
                restrictions = RestrictionsIn(visibility="hit_no_hit")
            elif roll < 0.18:
                partners = rng.sample([c for c in countries if c != country], 2)
                restrictions = RestrictionsIn(
                    visibility="listed_countries", countries=partners, handling="H2"
                )
            idents = []
            if rng.random() < 0.4:
                idents.append(
                    IdentifierIn(
                        type="passport", value=f"N{rng.randint(10**7, 10**8 - 1)}", country=country
                    )
                )
            view = persons.create_person(
                uow,
                officer,
                PersonIn(
                    names=names,
                    birth_date=_birth(rng),
                    nationalities=[country],
                    gender="female" if female else "male",
                    identifiers=idents,
                    restrictions=restrictions,
                ),
                rt.index,
            )
            data.person_ids.append(view.id)
        uow.commit()

    say("notices")
    with rt.uow() as uow:
        gs = data.actors["gs.reviewer"]
        for n, person_id in enumerate(data.person_ids[1:121]):
            person = persons.load(uow, person_id)
            owner_name = next(
                name for name, aid in data.agencies.items() if aid == person.owner_agency_id
            )
            officer = data.actors[f"{slug(owner_name)}.officer"]
            supervisor = data.actors[f"{slug(owner_name)}.supervisor"]
            kind = rng.choice(["red"] * 5 + ["yellow", "blue", "green"])
            offence, basis, penalty = rng.choice(OFFENCES)
            diffusion = n % 7 == 0
            others = [c for c in countries if c != officer.country]
            notice = notices.create_notice(
                uow,
                officer,
                NoticeIn(
                    kind=kind,
                    channel="diffusion" if diffusion else "notice",
                    title=f"{offence} — {person.names[0]['full']}"
                    if kind == "red"
                    else f"{kind.title()} notice — {person.names[0]['full']}",
                    person_id=person_id,
                    offence=offence if kind in ("red", "green") else None,
                    legal_basis=basis if kind == "red" else None,
                    warrant_reference=f"W-{rng.randint(1000, 9999)}/{rng.randint(2019, 2026)}"
                    if kind == "red"
                    else None,
                    issuing_authority="District Court" if kind == "red" else None,
                    subject_status="accused" if kind == "red" else None,
                    max_penalty_months=penalty if kind == "red" else None,
                    restrictions=RestrictionsIn(
                        visibility="listed_countries", countries=rng.sample(others, 3)
                    )
                    if diffusion
                    else RestrictionsIn(),
                ),
            )
            data.notice_ids.append(notice.id)
            stage = rng.random()
            if stage < 0.15:
                continue  # stays a draft
            sent = notices.submit_notice(uow, supervisor, notice.id, notice.version)
            if diffusion or stage < 0.3:
                continue  # diffusions go out directly; some notices wait in the GS queue
            notices.review_notice(uow, gs, notice.id, sent.version, "publish")
        uow.commit()

    say("documents and vehicles")
    with rt.uow() as uow:
        for n in range(40):
            country = countries[n % len(countries)]
            ncb = next(a[0] for a in AGENCIES if a[1] == country and a[2] == "ncb")
            officer = data.actors[f"{slug(ncb)}.officer"]
            records.report_document(
                uow,
                officer,
                TravelDocumentIn(
                    number=f"{chr(65 + n % 26)}{rng.randint(10**7, 10**8 - 1)}",
                    issuing_country=country,
                    reason=rng.choice(["stolen", "lost"]),
                ),
            )
            if n % 2 == 0:
                records.report_vehicle(
                    uow,
                    officer,
                    VehicleIn(
                        registration=f"{rng.randint(100, 999)}{chr(65 + n % 26)}{chr(66 + n % 24)}{rng.randint(10, 99)}",
                        registration_country=country,
                        make=rng.choice(["Toyota", "Lexus", "Hyundai", "BMW"]),
                        model=rng.choice(["Land Cruiser", "RX 350", "Tucson", "X5"]),
                        colour=rng.choice(["black", "white", "silver"]),
                    ),
                )
        uow.commit()
    say("operations and asset recovery cases")
    from concord.services import demo_operations

    demo_operations.seed(rt, DEMO_PASSWORD)
    from concord.services import demo_requests

    demo_requests.seed_requests(rt, data, progress=say)
    return data
