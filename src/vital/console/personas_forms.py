"""The Personas page's forms: what a person typed, read into a row's values or put in words when it
cannot be (before the API is asked, so the words are ours, not a constraint's name), and the one
way a form edits or creates a row through `/rest/v1` as the person, for personas, jobs and
desired outcomes alike."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from vital.console.answers import api_error
from vital.console.forms import rows, untouched, uuid_or_nowhere
from vital.console.visit import Visit

VPANES = ("visibility", "pain", "actions", "needs", "emotions", "scenarios")
SENIORITIES = ("entry", "mid", "senior", "principal", "executive")
Parsed = tuple[dict | None, str | None]


def _text(form: dict, key: str) -> str:
    return (form.get(key) or "").strip()


def _number(form: dict, key: str) -> float | None:
    try:
        return float(_text(form, key).replace(",", "."))
    except ValueError:
        return None


def slug_of(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


def vpanes(form: dict, *, optional: bool = False) -> Parsed:
    """The six VPANES scores (0-10 each); with `optional`, all six left empty is no score."""
    if optional and not any(_text(form, k) for k in VPANES):
        return {"vpanes_scores": None}, None
    scores = {}
    for key in VPANES:
        value = _number(form, key)
        if value is None:
            return None, f"{key.capitalize()} must be a number from 0 to 10" + \
                (" (or leave all six scores empty)." if optional else ".")
        if not 0 <= value <= 10:
            return None, f"{key.capitalize()} must be from 0 to 10 (it was {value:g})."
        scores[key] = value
    return {"vpanes_scores": scores}, None


def persona_edit(form: dict) -> Parsed:
    scores, error = vpanes(form)
    if error:
        return None, error
    if not _text(form, "name") or not _text(form, "role_title"):
        return None, "A persona needs a name and a role title."
    return {"name": _text(form, "name"), "role_title": _text(form, "role_title"),
            "description": _text(form, "description"), **scores}, None


def persona_new(form: dict) -> Parsed:
    name, role = _text(form, "name"), _text(form, "role_title")
    if not name or not role:
        return None, "A new persona needs a name and a role title."
    if not slug_of(name):
        return None, "The name needs at least one letter or digit."
    seniority = _text(form, "seniority") or "senior"
    if seniority not in SENIORITIES:
        return None, f"Seniority is one of: {', '.join(SENIORITIES)}."
    scores, error = vpanes(form, optional=True)
    if error:
        return None, error
    return {"slug": slug_of(name), "name": name, "role_title": role, "description": _text(form, "description"),
            "seniority": seniority, **scores}, None


# The job statement reads "When <situation>, I want to <motivation>, so I can <outcome>.": each part
# is the words in between, as the schema's jtbds_*_form rules say.
_JOB_PARTS = (("situation", "The situation", r"when"), ("motivation", "The motivation", r"(i\s+want|want\s+to|to)"),
              ("expected_outcome", "The expected outcome", r"(so|i\s+can|can)"))


def job_edit(form: dict) -> Parsed:
    change = {"title": _text(form, "title")}
    if not change["title"]:
        return None, "A job needs a title, a situation, a motivation and an expected outcome."
    for key, label, lead in _JOB_PARTS:
        value = _text(form, key)
        if not value:
            return None, "A job needs a title, a situation, a motivation and an expected outcome."
        if not 3 <= len(value) <= 500:
            return None, f"{label} is 3 to 500 characters (it was {len(value)})."
        if re.match(rf"{lead}\b", value, re.IGNORECASE):
            return None, f"{label} starts after the words the form already shows (leave out “{value.split()[0]}”)."
        if value[-1] in ".,;:!?":
            return None, f"{label} ends without punctuation (the statement adds its own)."
        change[key] = value
    return change, None


def job_new(form: dict) -> Parsed:
    change, error = job_edit(form)
    if error:
        return None, error
    executor_tenant, _, executor = _text(form, "persona").partition(":")
    if not executor:
        return None, "Choose the persona who does this job."
    if not slug_of(change["title"]):
        return None, "The title needs at least one letter or digit."
    return {**change, "slug": slug_of(change["title"]), "job_executor_tenant_id": uuid_or_nowhere(executor_tenant),
            "job_executor": uuid_or_nowhere(executor)}, None


def outcome_scores(form: dict) -> Parsed:
    values = {}
    for key in ("importance_score", "satisfaction_score"):
        value = _number(form, key)
        if value is None or not 1 <= round(value, 1) <= 10:
            return None, "Importance and satisfaction are numbers from 1 to 10."
        values[key] = round(value, 1)
    return {**values, "score_source": "expert_estimate", "respondent_count": None}, None


# -- one way to write what a form says -----------------------------------------------------------

Page = Callable[..., Awaitable]


@dataclass(frozen=True)
class Kind:
    """One kind of row the page edits: its table and columns, its page, what is read-only about it."""
    table: str
    select: str
    what: str          # "Persona": for "Persona not found"
    path: str          # "/personas": the row's page is path/id
    read_only: str     # the refusal when RLS lets an edit of a platform row change nothing
    page: Page         # async (visit, row, status, **context) -> Response
    new_page: Page | None = None  # async (visit, status, **context): the form for a new one
    taken: str = ""    # the refusal when the new row's name is taken


async def one(visit: Visit, table: str, select: str, row_id: str) -> dict | None:
    found = rows(await visit.api("GET", f"/rest/v1/{table}", query={"select": select, "id": f"eq.{row_id}"}))
    return found[0] if found else None


def gone(visit: Visit, what: str):
    return visit.render("notice.html", 404, title=f"{what} not found", link=("/personas", "Personas & JTBDs"),
                        text=f"This {what.lower()} does not exist, was deleted, or is not yours to see.")


def _failed(reply) -> int:
    return reply.status if reply.status < 500 else 503


def _refusal(visit: Visit, reply, nothing: str) -> str:
    """The API's refusal in words (for a viewer, also what a viewer may do), and that nothing happened."""
    said = api_error(reply, visit.session.role)
    return said if "Nothing was" in said else f"{said} {nothing}"


async def edit(visit: Visit, kind: Kind, raw_id: str, parse: Callable[[dict], Parsed]):
    """The form's change to one row, or its page again with what was wrong (nothing changed)."""
    form = await visit.check_form()
    row_id = uuid_or_nowhere(raw_id)
    found = await one(visit, kind.table, kind.select, row_id)
    if not found:
        return gone(visit, kind.what)
    change, error = parse(form)
    if error:
        return await kind.page(visit, found, 400, error=f"{error} Nothing was changed.")
    reply = await visit.api("PATCH", f"/rest/v1/{kind.table}", query={"id": f"eq.{row_id}"},
                            headers={"prefer": "return=representation"}, json_body=change)
    reply = untouched(reply, kind.read_only)
    if not reply.ok:
        return await kind.page(visit, found, _failed(reply), error=_refusal(visit, reply, "Nothing was changed."))
    return visit.redirect(f"{kind.path}/{row_id}?saved=1")


async def create(visit: Visit, kind: Kind, parse: Callable[[dict], Parsed]):
    """A new row of the organisation's own from the form, or the form again with what was wrong."""
    form = await visit.check_form()
    values, error = parse(form)
    if error:
        return await kind.new_page(visit, 400, form=form, error=error)
    reply = await visit.api("POST", f"/rest/v1/{kind.table}", json_body=values,
                            headers={"prefer": "return=representation"})
    if not reply.ok:
        taken = reply.status == 409 and (reply.json() or {}).get("code") == "23505"  # not 23503 (a bad persona)
        message = f"{kind.taken} Nothing was created." if taken else _refusal(visit, reply, "Nothing was created.")
        return await kind.new_page(visit, _failed(reply), form=form, error=message)
    return visit.redirect(f"{kind.path}/{reply.json()[0]['id']}")
