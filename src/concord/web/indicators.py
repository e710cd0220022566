"""Cyber-fraud indicators: the registry list with an exact lookup, a bulk lookup of a pasted
or uploaded list, FtM and MISP downloads, filing one, and one indicator with its sightings,
edited or withdrawn by its owner."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, UoW
from concord.domain.access import (
    Action,
    ItemAccess,
    Stage,
    allowed_actions,
    can_change,
    require_change,
)
from concord.domain.directory import Actor, country_code
from concord.domain.errors import ValidationFailed
from concord.domain.indicators import (
    CONFIDENCE_GRADES,
    IndicatorKind,
    parse_kind,
)
from concord.domain.restrictions import HandlingCode, Restrictions, Visibility
from concord.services import indicators
from concord.services.common import stage_of_record
from concord.services.indicator_lists import MAX_FILE_BYTES, ListedValue, read_csv, read_pasted
from concord.services.indicators import (
    MAX_BULK,
    IndicatorIn,
    IndicatorPatch,
    IndicatorView,
    LookupItem,
    LookupResult,
    SightingIn,
)
from concord.services.views import HitOnlyView
from concord.storage.db import UnitOfWork
from concord.web.forms import Form, FormData
from concord.web.ui import (
    WebRoute,
    flash,
    form_list,
    form_restrictions,
    int_or_none,
    redirect,
    render,
)

router = APIRouter(route_class=WebRoute, include_in_schema=False)

KINDS = [k.value for k in IndicatorKind]


def _form_context(values: dict[str, str], error: str | None = None) -> dict[str, Any]:
    return {
        "kinds": KINDS,
        "grades": list(CONFIDENCE_GRADES),
        "visibilities": [v.value for v in Visibility],
        "handlings": [h.value for h in HandlingCode],
        "v": values,
        "error": error,
    }


@router.get("/indicators")
def indicator_list(
    request: Request,
    actor: CurrentActor,
    uow: UoW,
    kind: str | None = None,
    lookup_kind: str | None = None,
    value: str | None = None,
    country: str | None = None,
) -> Response:
    found = indicators.list_indicators(uow, actor, kind=kind or None)
    result: LookupResult | None = None
    if value and value.strip():
        result = indicators.lookup(
            uow, actor, lookup_kind or "", value.strip(), (country or "").strip() or None
        )
    uow.commit()
    return render(
        request,
        "indicators/list.html",
        {
            "indicators": found,
            "kinds": KINDS,
            "kind": kind or "",
            "lookup": {"kind": lookup_kind or "", "value": value or "", "country": country or ""},
            "result": result,
        },
        actor=actor,
    )


@router.get("/indicators/new")
def new_indicator(request: Request, actor: CurrentActor) -> Response:
    return render(
        request,
        "indicators/form.html",
        _form_context({"confidence": "medium", "visibility": "all_members"}),
        actor=actor,
    )


def _indicator_in(form: FormData) -> IndicatorIn:
    return IndicatorIn(
        kind=form.text("kind"),
        value=form.text("value"),
        country=form.optional("country"),
        confidence=form.text("confidence") or "medium",
        description=form.text("description"),
        tags=form_list(form.text("tags")),
        reference=form.text("reference"),
        restrictions=form_restrictions(form),
    )


@router.post("/indicators/new")
def create_indicator(request: Request, actor: CurrentActor, uow: UoW, form: Form) -> Response:
    try:
        view = indicators.create_indicator(uow, actor, _indicator_in(form))
    except ValidationFailed as exc:
        # An invalid value (a failed IMEI check digit, say) comes back with the form as typed,
        # so the officer corrects it instead of starting again.
        return render(
            request,
            "indicators/form.html",
            _form_context(dict(form), exc.detail),
            actor=actor,
            status=422,
        )
    uow.commit()
    flash(request, f"Indicator {view.kind} {view.value} filed.", "success")
    return redirect(f"/indicators/{view.id}")


# --- bulk lookup and downloads (before /indicators/{indicator_id}, which would take them) ---


@dataclass(frozen=True)
class ListFile:
    filename: str
    data: bytes


async def _list_file(request: Request) -> ListFile | None:
    """The uploaded CSV, read here (async) so the lookup runs in the thread pool."""
    form = await request.form()
    item = form.get("file")
    if item is None or isinstance(item, str) or not item.filename:
        return None
    return ListFile(item.filename, await item.read(MAX_FILE_BYTES + 1))


@dataclass
class BulkRow:
    """One line of the list with what the lookup found for it."""

    where: str
    kind: str
    value: str
    key: str = ""
    error: str | None = None
    matches: list[IndicatorView | HitOnlyView] = field(default_factory=list)


def _bulk_page(
    request: Request,
    actor: Actor,
    values: dict[str, str],
    *,
    rows: list[BulkRow] | None = None,
    error: str | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "indicators/bulk.html",
        {
            "kinds": KINDS,
            "v": values,
            "rows": rows,
            "error": error,
            "max_bulk": MAX_BULK,
            "found": sum(1 for r in rows or [] if r.matches),
            "invalid": sum(1 for r in rows or [] if r.error),
        },
        actor=actor,
        status=status,
    )


@router.get("/indicators/bulk")
def bulk_form(request: Request, actor: CurrentActor) -> Response:
    return _bulk_page(request, actor, {"kind": "", "country": "", "values": ""})


def _listed(form: FormData, upload: ListFile | None) -> list[ListedValue]:
    kind = form.text("kind") or None
    country = form.text("country")
    if country:
        country = country_code(country)
    listed = read_pasted(form.get("values", ""), kind, country or None)
    if upload is not None:
        listed += read_csv(upload.data, kind, country or None)
    if not listed:
        raise ValidationFailed("Paste at least one value, or choose a CSV file.", field="values")
    if len(listed) > MAX_BULK:
        raise ValidationFailed(
            f"The list has {len(listed):,} values; one lookup takes at most {MAX_BULK:,}. Split "
            "it, or screen the whole file with `concord indicators screen`.",
            field="values",
        )
    return listed


def _bulk_rows(listed: list[ListedValue], results: list[LookupResult]) -> list[BulkRow]:
    answers = iter(results)  # the service answers the readable lines, in their order
    rows = []
    for item in listed:
        if item.error:
            rows.append(BulkRow(item.where, item.kind, item.value, error=item.error))
            continue
        result = next(answers)
        error = result.error or result.invalid
        rows.append(
            BulkRow(item.where, result.kind, result.value, result.key, error, result.matches)
        )
    return rows


@router.post("/indicators/bulk")
def bulk_lookup(
    request: Request,
    actor: CurrentActor,
    uow: UoW,
    form: Form,
    upload: Annotated[ListFile | None, Depends(_list_file)],
) -> Response:
    values = {k: form.get(k, "") for k in ("kind", "country", "values")}
    try:
        listed = _listed(form, upload)
    except ValidationFailed as exc:
        return _bulk_page(request, actor, values, error=exc.detail, status=422)
    readable = [x for x in listed if x.error is None]
    results = indicators.bulk_lookup(
        uow, actor, [LookupItem(kind=x.kind, value=x.value, country=x.country) for x in readable]
    )
    uow.commit()
    return _bulk_page(request, actor, values, rows=_bulk_rows(listed, results))


def _download(body: str, media_type: str, name: str) -> Response:
    return Response(
        content=body.encode("utf-8"),
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


def _export_name(kind: str | None, suffix: str) -> str:
    what = parse_kind(kind).value if kind else "all"
    return f"concord-indicators-{what}-{datetime.now(UTC).date().isoformat()}.{suffix}"


@router.get("/indicators/export.ftm")
def export_ftm(actor: CurrentActor, uow: UoW, kind: str | None = None) -> Response:
    """FollowTheMoney entities, one JSON object a line (what `ftm` and Aleph read)."""
    entities = indicators.export_ftm(uow, actor, kind or None)
    uow.commit()
    body = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities)
    return _download(body, "application/x-ndjson", _export_name(kind, "ftm.jsonl"))


@router.get("/indicators/export.misp")
def export_misp(actor: CurrentActor, uow: UoW, kind: str | None = None) -> Response:
    """One MISP event (core format) that a MISP instance imports as it is."""
    event = indicators.export_misp(uow, actor, kind or None)
    uow.commit()
    body = json.dumps(event, ensure_ascii=False, indent=1)
    return _download(body, "application/json", _export_name(kind, "misp.json"))


# --- one indicator ---------------------------------------------------------------------------


def _item_access(view: IndicatorView | HitOnlyView) -> ItemAccess:
    """What the access policy decides on, from what the actor was shown of the indicator."""
    if isinstance(view, IndicatorView):
        r = view.restrictions
        restrictions = Restrictions.build(r.visibility, r.countries, r.handling)
        return ItemAccess(view.owner.id, restrictions, stage_of_record(view.status))
    # Hit-only: all the actor may know is that it exists, is live, and whose it is.
    return ItemAccess(view.owner.id, Restrictions.build(Visibility.HIT_NO_HIT), Stage.LIVE)


@router.get("/indicators/{indicator_id}")
def indicator_page(request: Request, indicator_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = indicators.get_indicator(uow, actor, indicator_id)
    sightings = indicators.list_sightings(uow, actor, indicator_id)
    uow.commit()
    full = isinstance(view, IndicatorView)
    changeable = can_change(actor, _item_access(view))
    # Hit-only: the status is not disclosed, and the service refuses a withdrawn one anyway.
    return render(
        request,
        "indicators/detail.html",
        {
            "ind": view,
            "full": full,
            "sightings": sightings,
            "can_report": Action.CREATE in allowed_actions(actor)
            and (not isinstance(view, IndicatorView) or view.status == "active"),
            "can_edit": changeable,
            "can_withdraw": changeable
            and isinstance(view, IndicatorView)
            and view.status == "active",
        },
        actor=actor,
    )


@router.post("/indicators/{indicator_id}/sightings")
def report_sighting(
    request: Request, indicator_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    indicators.report_sighting(
        uow,
        actor,
        indicator_id,
        SightingIn(
            seen_at=form.optional("seen_at"),  # type: ignore[arg-type]  # pydantic parses
            country=form.optional("country"),
            place=form.text("place"),
            note=form.text("note"),
        ),
    )
    uow.commit()
    flash(request, "Sighting reported; the owner agency is told.", "success")
    return redirect(f"/indicators/{indicator_id}")


# --- change and withdraw (the owner agency, or the General Secretariat on review) --------------


def _minute(moment: datetime | None) -> str:
    """A time as a datetime-local field shows it (UTC, to the minute)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M") if moment else ""


def _edit_values(view: IndicatorView) -> dict[str, str]:
    return {
        "version": str(view.version),
        "confidence": "",  # keep the exact score unless a grade is chosen
        "first_seen": _minute(view.first_seen),
        "first_seen_was": _minute(view.first_seen),
        "last_seen": _minute(view.last_seen),
        "last_seen_was": _minute(view.last_seen),
        "description": view.description,
        "tags": ", ".join(view.tags),
        "reference": view.reference,
        "visibility": view.restrictions.visibility,
        "countries": ", ".join(view.restrictions.countries),
        "handling": view.restrictions.handling,
    }


def _edit_page(
    request: Request,
    actor: Actor,
    view: IndicatorView,
    values: dict[str, str],
    error: str | None = None,
    status: int = 200,
) -> Response:
    context = _form_context(values, error)
    context["ind"] = view
    return render(request, "indicators/edit.html", context, actor=actor, status=status)


def _changeable(uow: UnitOfWork, actor: Actor, indicator_id: str) -> IndicatorView:
    view = indicators.get_indicator(uow, actor, indicator_id)
    require_change(actor, _item_access(view), "an indicator")
    assert isinstance(view, IndicatorView)  # whoever may change it sees all of it
    return view


@router.get("/indicators/{indicator_id}/edit")
def edit_indicator(request: Request, indicator_id: str, actor: CurrentActor, uow: UoW) -> Response:
    view = _changeable(uow, actor, indicator_id)
    uow.commit()
    return _edit_page(request, actor, view, _edit_values(view))


def _changed_time(form: FormData, name: str) -> str | None:
    # An untouched field is not sent: the form shows minutes, the record keeps seconds.
    value = form.text(name)
    return value if value and value != form.text(f"{name}_was") else None


def _patch(form: FormData) -> IndicatorPatch:
    return IndicatorPatch(
        version=int_or_none(form.text("version"), "version") or 0,
        confidence=form.optional("confidence"),
        first_seen=_changed_time(form, "first_seen"),  # type: ignore[arg-type]  # pydantic parses
        last_seen=_changed_time(form, "last_seen"),  # type: ignore[arg-type]
        description=form.text("description"),
        tags=form_list(form.text("tags")),
        reference=form.text("reference"),
        restrictions=form_restrictions(form),
    )


@router.post("/indicators/{indicator_id}/edit")
def update_indicator(
    request: Request, indicator_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    try:
        view = indicators.update_indicator(uow, actor, indicator_id, _patch(form))
    except ValidationFailed as exc:
        # The form comes back as typed with the reason; the half-applied change is dropped.
        uow.rollback()
        current = _changeable(uow, actor, indicator_id)
        uow.commit()
        return _edit_page(request, actor, current, dict(form), exc.detail, status=422)
    uow.commit()
    flash(request, f"Indicator {view.kind} {view.value} saved.", "success")
    return redirect(f"/indicators/{view.id}")


@router.post("/indicators/{indicator_id}/withdraw")
def withdraw_indicator(
    request: Request, indicator_id: str, actor: CurrentActor, uow: UoW, form: Form
) -> Response:
    version = int_or_none(form.text("version"), "version") or 0
    view = indicators.withdraw_indicator(uow, actor, indicator_id, version, form.text("reason"))
    uow.commit()
    flash(
        request,
        f"Indicator {view.kind} {view.value} withdrawn: lookups no longer find it.",
        "success",
    )
    return redirect(f"/indicators/{view.id}")
