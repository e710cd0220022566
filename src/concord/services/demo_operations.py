"""Demo joint operations and asset recovery cases.

The operations are MODELLED ON real INTERPOL operations named in domain.md (Thunderstorm,
Usalama, Trigger, Epervier, Lionfish) but every figure here is ILLUSTRATIVE: plausible orders
of magnitude split among the demo countries, not the published results. The ownership
structures and people of the asset cases are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from concord.domain.directory import Actor
from concord.services import assets, directory, operations
from concord.services.assets import AnswerIn, CaseIn, RequestIn, StepIn
from concord.services.auth import actor_of
from concord.services.operations import OperationIn, ResultsIn, SeizureIn
from concord.services.runtime import Runtime
from concord.storage.tables import Agency, User

ILLUSTRATIVE = "Figures are illustrative demo data, not the operation's published results."

# Bureaus the operations need besides those of the core demo: (name, country, username prefix).
EXTRA_BUREAUS = [
    ("NCB Nairobi", "ke", "nairobi"),
    ("NCB Dar es Salaam", "tz", "daressalaam"),
    ("NCB Kampala", "ug", "kampala"),
    ("NCB Pretoria", "za", "pretoria"),
    ("NCB Abuja", "ng", "abuja"),
    ("NCB Dakar", "sn", "dakar"),
    ("NCB Bangkok", "th", "bangkok"),
    ("NCB Jakarta", "id", "jakarta"),
    ("NCB New Delhi", "in", "newdelhi"),
    ("NCB Bogota", "co", "bogota"),
    ("NCB Brasilia", "br", "brasilia"),
    ("NCB Mexico City", "mx", "mexico"),
]

# (kind, quantity, unit)
Seized = tuple[str, str, str]


@dataclass(frozen=True)
class DemoOperation:
    name: str
    crime_area: str
    coordinator: str  # agency name
    start: date
    end: date
    description: str
    # country -> (arrests, victims rescued, new notices, seizures)
    results: dict[str, tuple[int, int, int, list[Seized]]]
    closed: bool = True


OPERATIONS = [
    DemoOperation(
        "Thunderstorm",
        "wildlife",
        "INTERPOL General Secretariat",
        date(2018, 5, 1),
        date(2018, 5, 31),
        "Global action against the illegal trade in protected wildlife and timber, with "
        "customs, police, border and environmental agencies. " + ILLUSTRATIVE,
        {
            "cn": (95, 0, 2, [("ivory", "420", "kg"), ("pangolin scales", "2.1", "t")]),
            "ke": (61, 0, 1, [("ivory", "610", "kg"), ("rhino horn", "4", "pieces")]),
            "tz": (48, 0, 1, [("ivory", "280", "kg"), ("bushmeat", "6.5", "t")]),
            "za": (37, 0, 0, [("rhino horn", "3", "pieces"), ("live reptiles", "1900", "head")]),
            "th": (52, 0, 1, [("live birds", "820", "head"), ("rosewood", "140", "m3")]),
            "id": (44, 0, 0, [("live birds", "1300", "head"), ("live primates", "21", "head")]),
            "br": (39, 0, 0, [("live reptiles", "3100", "head"), ("timber", "2600", "m3")]),
            "ru": (18, 0, 0, [("sturgeon caviar", "310", "kg"), ("big cat skins", "6", "pieces")]),
        },
    ),
    DemoOperation(
        "Usalama IV",
        "wildlife",
        "Afripol",
        date(2021, 9, 6),
        date(2021, 9, 26),
        "Regional operation in Eastern and Southern Africa against organised crime and the "
        "wildlife trade, coordinated with the regional police chiefs. " + ILLUSTRATIVE,
        {
            "ke": (212, 9, 3, [("ivory", "155", "kg"), ("firearms", "41", "pieces")]),
            "tz": (175, 4, 2, [("ivory", "96", "kg"), ("cannabis", "1.4", "t")]),
            "ug": (143, 12, 1, [("pangolin scales", "310", "kg"), ("firearms", "19", "pieces")]),
            "rw": (64, 7, 1, [("cannabis", "380", "kg"), ("firearms", "6", "pieces")]),
            "za": (198, 3, 2, [("rhino horn", "11", "pieces"), ("abalone", "2.6", "t")]),
        },
    ),
    DemoOperation(
        "Trigger III",
        "trafficking_in_human_beings",
        "INTERPOL General Secretariat",
        date(2019, 10, 14),
        date(2019, 10, 25),
        "Border checks and raids against trafficking in human beings and migrant smuggling, "
        "screening travellers against the notices and the stolen documents database. "
        + ILLUSTRATIVE,
        {
            "th": (31, 96, 4, [("fraudulent passports", "58", "pieces")]),
            "id": (22, 74, 2, [("fraudulent passports", "35", "pieces")]),
            "in": (40, 131, 5, [("fraudulent passports", "77", "pieces")]),
            "kz": (9, 17, 1, [("fraudulent passports", "12", "pieces")]),
            "tr": (27, 63, 3, [("fraudulent passports", "49", "pieces")]),
        },
    ),
    DemoOperation(
        "Epervier II",
        "trafficking_in_human_beings",
        "INTERPOL General Secretariat",
        date(2022, 5, 9),
        date(2022, 5, 20),
        "West African operation against trafficking in human beings, child labour in mines "
        "and markets, and forced begging. " + ILLUSTRATIVE,
        {
            "ng": (46, 118, 6, [("fraudulent documents", "23", "pieces")]),
            "sn": (19, 84, 2, [("mining equipment", "14", "pieces")]),
        },
    ),
    DemoOperation(
        "Lionfish",
        "drugs",
        "INTERPOL General Secretariat",
        date(2024, 3, 4),
        date(2024, 4, 12),
        "Maritime and port operation against cocaine and synthetic drug routes across the "
        "Atlantic. " + ILLUSTRATIVE,
        {
            "co": (142, 0, 7, [("cocaine", "38.5", "t"), ("precursor chemicals", "12000", "l")]),
            "br": (96, 0, 4, [("cocaine", "11.2", "t"), ("cannabis", "24", "t")]),
            "mx": (118, 0, 5, [("methamphetamine", "3.9", "t"), ("fentanyl", "180", "kg")]),
            "es": (0, 0, 0, []),  # a participant that has not reported: shown as pending
        },
        closed=False,
    ),
]


@dataclass
class DemoAssets:
    operation_ids: list[str] = field(default_factory=list)
    case_ids: list[str] = field(default_factory=list)


def _actor(uow: Any, username: str) -> Actor:
    from sqlalchemy import select

    user = uow.session.execute(select(User).where(User.username == username)).scalar_one()
    return actor_of(user)


def _agency_id(uow: Any, name: str) -> int:
    from sqlalchemy import select

    return int(uow.session.execute(select(Agency.id).where(Agency.name == name)).scalar_one())


def _officer_of(uow: Any, country: str) -> Actor:
    from sqlalchemy import select

    agency = uow.session.execute(
        select(Agency).where(Agency.country_code == country, Agency.kind == "ncb")
    ).scalar_one()
    user = uow.session.execute(
        select(User).where(User.agency_id == agency.id, User.username.like("%.officer"))
    ).scalar_one()
    return actor_of(user)


def _bureaus(rt: Runtime, password: str) -> None:
    from concord.storage.tables import Country

    with rt.uow() as uow:
        for name, country, prefix in EXTRA_BUREAUS:
            row = uow.session.get(Country, country)
            if row is None or not row.member:
                directory.join_country(uow, None, country, date(1990, 1, 1))
            agency = directory.create_agency(uow, None, name, country, "ncb")
            for suffix, roles in (("officer", "officer"), ("supervisor", "supervisor,officer")):
                directory.create_user(
                    uow,
                    None,
                    f"{prefix}.{suffix}",
                    agency.id,
                    roles,
                    f"{suffix.title()}, {name}",
                    password,
                )
        uow.commit()


def seed_operations(rt: Runtime, password: str) -> list[str]:
    _bureaus(rt, password)
    ids: list[str] = []
    with rt.uow() as uow:
        for spec in OPERATIONS:
            coordinator = _actor(
                uow, "gs.reviewer" if spec.coordinator.startswith("INTERPOL") else "afripol.officer"
            )
            op = operations.create_operation(
                uow,
                coordinator,
                OperationIn(
                    name=f"Operation {spec.name}",
                    crime_area=spec.crime_area,
                    description=spec.description,
                    participants=sorted(spec.results),
                    start_date=spec.start,
                    end_date=spec.end,
                    target_indicators=[],
                ),
            )
            for country, (arrests, victims, notices, seized) in spec.results.items():
                if not (arrests or victims or notices or seized):
                    continue
                operations.report_results(
                    uow,
                    _officer_of(uow, country),
                    op.id,
                    ResultsIn(
                        arrests=arrests,
                        victims_rescued=victims,
                        new_notices=notices,
                        seizures=[
                            SeizureIn(kind=k, quantity=Decimal(q), unit=u) for k, q, u in seized
                        ],
                        note="Illustrative demo figures.",
                    ),
                )
            if spec.closed:
                current = operations.get_operation(uow, coordinator, op.id)
                operations.close_operation(uow, coordinator, op.id, current.version)
            ids.append(op.id)
        uow.commit()
    return ids


def _entity(eid: str, schema: str, **props: str) -> dict[str, Any]:
    return {"id": eid, "schema": schema, "properties": {k: [v] for k, v in props.items()}}


def seed_cases(rt: Runtime) -> list[str]:
    """Three fictional cases opened by Kazakhstan's Prosecutor General and Russia's ministry."""
    ids: list[str] = []
    with rt.uow() as uow:
        prosecutor = _actor(uow, "prosecutor.officer")
        abu_dhabi = _actor(uow, "abu.officer")
        ankara = _actor(uow, "ankara.officer")
        tbilisi = _actor(uow, "tbilisi.officer")
        ministry = _actor(uow, "ministry.officer")

        # 1. Villa and accounts in the UAE, through Cyprus and the BVI: returned in 2025.
        case = assets.open_case(
            uow,
            prosecutor,
            CaseIn(
                title="Embezzlement at a state energy company: proceeds in the UAE",
                description="Fictional demo case.",
                requested_agency_id=_agency_id(uow, "NCB Abu Dhabi"),
                amount=Decimal("14500000"),
                currency="USD",
                identified_on=date(2022, 11, 3),
            ),
        )
        assets.import_ftm(
            uow,
            prosecutor,
            case.id,
            [
                _entity(
                    "demo-p-1",
                    "Person",
                    name="Асхат Жумабеков",
                    birthDate="1968-02-17",
                    nationality="kz",
                ),
                _entity(
                    "demo-c-1", "Company", name="Caspian Trade Holdings Ltd", jurisdiction="cy"
                ),
                _entity(
                    "demo-c-2", "Company", name="Golden Falcon Investments Ltd", jurisdiction="vg"
                ),
                _entity(
                    "demo-a-1",
                    "BankAccount",
                    name="Account at an Emirati bank",
                    iban="AE070331234567890123456",
                    country="ae",
                ),
                _entity("demo-a-2", "RealEstate", name="Villa, Palm Jumeirah", country="ae"),
                _entity("demo-a-3", "Vehicle", name="Rolls-Royce Cullinan", country="ae"),
                _entity(
                    "demo-o-1", "Ownership", owner="demo-p-1", asset="demo-c-1", percentage="100"
                ),
                _entity(
                    "demo-o-2", "Ownership", owner="demo-c-1", asset="demo-c-2", percentage="100"
                ),
                _entity("demo-o-3", "Ownership", owner="demo-c-2", asset="demo-a-1"),
                _entity("demo-o-4", "Ownership", owner="demo-c-2", asset="demo-a-2"),
                _entity("demo-o-5", "Ownership", owner="demo-p-1", asset="demo-a-3"),
            ],
            rt.index,
        )
        view = assets.send_request(
            uow,
            prosecutor,
            case.id,
            RequestIn(kind="freeze", note="Freeze the account and the villa."),
        )
        req = view.requests[-1]
        view = assets.answer_request(
            uow,
            abu_dhabi,
            case.id,
            req.id,
            AnswerIn(
                outcome="executed",
                amount=Decimal("12800000"),
                currency="USD",
                on=date(2023, 1, 20),
                version=req.version,
            ),
        )
        for stage, amount, on in (
            ("seized", "12800000", date(2023, 6, 5)),
            ("confiscated", "11900000", date(2024, 5, 14)),
            ("returned", "11900000", date(2025, 2, 27)),
        ):
            view = assets.record_step(
                uow,
                abu_dhabi,
                case.id,
                StepIn(
                    stage=stage, amount=Decimal(amount), currency="USD", on=on, version=view.version
                ),
            )
        ids.append(case.id)

        # 2. Flats in Istanbul: frozen in 2024, a seizure request awaiting an answer.
        case = assets.open_case(
            uow,
            prosecutor,
            CaseIn(
                title="Large-scale fraud: apartments bought in Istanbul",
                description="Fictional demo case.",
                requested_agency_id=_agency_id(uow, "NCB Ankara"),
                amount=Decimal("96000000"),
                currency="TRY",
                identified_on=date(2023, 9, 12),
            ),
        )
        assets.add_owner(
            uow,
            prosecutor,
            case.id,
            assets.OwnerIn(schema="Person", name="Нурлан Сейткали", country="kz"),
        )
        view = assets.record_step(
            uow,
            ankara,
            case.id,
            StepIn(
                stage="frozen",
                amount=Decimal("88000000"),
                currency="TRY",
                on=date(2024, 2, 8),
                version=case.version,
            ),
        )
        assets.send_request(
            uow,
            prosecutor,
            case.id,
            RequestIn(
                kind="seize",
                note="Seize the two apartments.",
                deadline=date.today() + timedelta(days=45),
            ),
        )
        ids.append(case.id)

        # 3. Russia -> Georgia: a crypto wallet, seized then confiscated (EUR valuation).
        case = assets.open_case(
            uow,
            ministry,
            CaseIn(
                title="Ransomware proceeds converted through a Georgian exchange",
                description="Fictional demo case.",
                requested_agency_id=_agency_id(uow, "NCB Tbilisi"),
                amount=Decimal("2300000"),
                currency="EUR",
                identified_on=date(2024, 1, 15),
            ),
        )
        view = assets.record_step(
            uow,
            tbilisi,
            case.id,
            StepIn(
                stage="frozen",
                amount=Decimal("2100000"),
                currency="EUR",
                on=date(2024, 2, 1),
                version=case.version,
            ),
        )
        view = assets.record_step(
            uow,
            tbilisi,
            case.id,
            StepIn(
                stage="seized",
                amount=Decimal("2100000"),
                currency="EUR",
                on=date(2024, 4, 2),
                version=view.version,
            ),
        )
        assets.record_step(
            uow,
            tbilisi,
            case.id,
            StepIn(
                stage="confiscated",
                amount=Decimal("1950000"),
                currency="EUR",
                on=date(2025, 3, 18),
                version=view.version,
            ),
        )
        ids.append(case.id)
        uow.commit()
    return ids


def seed(rt: Runtime, password: str) -> DemoAssets:
    """Called at the end of services.demo.seed()."""
    return DemoAssets(operation_ids=seed_operations(rt, password), case_ids=seed_cases(rt))
