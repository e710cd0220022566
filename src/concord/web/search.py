"""Screening: names in any script, plus optional birth date and nationality, against every
record the officer may see; each result with its score and the reasons for it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from concord.api.deps import CurrentActor, RuntimeDep, UoW
from concord.domain.access import Action, allowed_actions
from concord.services import screening
from concord.services.common import IdentifierIn
from concord.services.screening import FeatureView, MatchQuery, MatchResult
from concord.web.ui import WebRoute, blank_none, form_lines, form_list, redirect, render

router = APIRouter(route_class=WebRoute, include_in_schema=False)

FEATURE_LABELS = {
    "names": "Names",
    "birth_date": "Birth date",
    "nationality": "Nationality",
    "gender": "Gender",
    "identifiers": "Identity documents",
}


# The screening default suits daily work; an officer chasing a lead may widen the net.
MIN_SCORES = {"possible": 0.6, "weak": 0.45}
MIN_SCORE_LABELS = {
    "": "Likely matches (default)",
    "possible": "Possible matches too (60% and up)",
    "weak": "Weak matches too (45% and up)",
}


@dataclass(frozen=True)
class Reason:
    """One feature of a match in words a reviewer reads."""

    label: str
    similarity: int | None  # percent; None when the feature was not compared
    effect: str
    detail: str
    tone: str  # "up", "down" or "neutral"


# "'kim jong young' ~ 'kim chen ian' (latin→russian), 0.80", as the scorer words it.
NAME_DETAIL = re.compile(r"^'(?P<q>.*)' ~ '(?P<c>.*)' \((?P<a>[^→]+)→(?P<b>[^)]+)\), [0-9.]+$")


def _words(feature: str, detail: str) -> str:
    m = NAME_DETAIL.match(detail) if feature == "names" else None
    if m is None:
        return detail
    if m["a"] == m["b"]:
        return f"“{m['q']}” is close to “{m['c']}”"
    return (
        f"“{m['q']}” is close to “{m['c']}” ({m['a'].capitalize()} spelling against "
        f"{m['b'].capitalize()}, both read in Latin letters)"
    )


def reasons(explanation: list[FeatureView]) -> list[Reason]:
    out = []
    for f in explanation:
        detail = _words(f.feature, f.detail.split(": ", 1)[1] if ": " in f.detail else f.detail)
        points = round(f.weight * 100)
        similarity: int | None = round(f.score * 100)
        if f.feature == "names":
            effect, tone = f"base score {round(f.score * 100)} points", "neutral"
        elif "not compared" in detail:
            effect, tone, similarity = "not compared", "neutral", None
        elif points > 0:
            effect, tone = f"raises the score by {points} points", "up"
        elif points < 0:
            effect, tone = f"lowers the score by {-points} points", "down"
        else:
            effect, tone = "does not change the score", "neutral"
        out.append(
            Reason(
                FEATURE_LABELS.get(f.feature, f.feature.replace("_", " ").capitalize()),
                similarity,
                effect,
                detail,
                tone,
            )
        )
    return out


def verdict(score: float) -> str:
    if score >= 0.9:
        return "strong match"
    if score >= 0.75:
        return "likely match"
    if score >= 0.6:
        return "possible match"
    return "weak match"


@router.get("/")
def home(request: Request, actor: CurrentActor) -> Response:
    """Each role lands where its work is; an administrator sees no police data at all."""
    actions = allowed_actions(actor)
    if Action.READ in actions:
        return redirect("/search")
    if Action.READ_AUDIT in actions:
        return redirect("/audit")
    if Action.OVERSEE in actions:
        return redirect("/subject-requests")
    return render(request, "home.html", actor=actor)


@router.get("/search")
def search(
    request: Request,
    actor: CurrentActor,
    uow: UoW,
    rt: RuntimeDep,
    name: str = "",
    aliases: str = "",
    birth_date: str = "",
    nationality: str = "",
    min_score: str = "",
    passport: str = "",
) -> Response:
    names = ([name.strip()] if name.strip() else []) + form_lines(aliases)
    results: list[MatchResult] | None = None
    if names:
        query = MatchQuery(
            names=names[:20],
            birth_date=blank_none(birth_date),
            nationalities=[c.lower() for c in form_list(nationality)][:10],
            identifiers=[IdentifierIn(type="passport", value=passport.strip())]
            if passport.strip()
            else [],
            limit=20,
            threshold=MIN_SCORES.get(min_score),
        )
        results = screening.match(
            uow, actor, rt.index, query, hit_answer_hours=rt.settings.hit_answer_hours
        )
        uow.commit()
    return render(
        request,
        "search.html",
        {
            "form": {
                "name": name,
                "aliases": aliases,
                "birth_date": birth_date,
                "nationality": nationality,
                "min_score": min_score,
                "passport": passport,
            },
            "min_scores": MIN_SCORE_LABELS,
            "results": results,
            "reasons": reasons,
            "verdict": verdict,
        },
        actor=actor,
    )
