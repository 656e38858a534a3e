"""The one place where errors become HTTP answers: status and PostgREST-style JSON.

Every error a client sees is {code, message, details, hint}; under /storage/v1 it is in Supabase
Storage's shape instead, {statusCode, error, message} (with code and hint beside them). Errors translated
from the database keep their SQLSTATE as `code` and get PostgREST's status for
it; the API's own errors carry a PGRST-style code. Nothing else reaches the
client: an unexpected exception is logged with its traceback and answered with
a bare 500.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse

from vital.errors import (
    ConfigError,
    Conflict,
    DatabaseUnavailable,
    InvalidInput,
    NotFound,
    PermissionDenied,
    VitalError,
)

log = logging.getLogger("vital.api")


# -- the API's own errors ----------------------------------------------------
# One line each, read as a table: the class a handler raises, its code, its status
# (InvalidInput's 400, NotFound's 404 and PermissionDenied's 403 unless given).
class Unauthorized(PermissionDenied):
    """No credentials, or credentials that do not verify (401)."""
    code, status = "PGRST301", 401


class MissingCredentials(Unauthorized): code = "PGRST302"
class ClaimsRejected(Unauthorized): code = "PGRST303"  # well signed, but expired or for another audience
class Forbidden(PermissionDenied): code, status = "PGRST403", 403
class TenantNotFound(NotFound): code = "PGRST404"
class TableNotFound(NotFound): code = "PGRST205"
class FunctionNotFound(NotFound): code = "PGRST202"
class InvalidPreferences(InvalidInput): code = "PGRST122"  # Prefer with handling=strict
class TooManyAffected(InvalidInput): code = "PGRST124"  # more rows than Prefer: max-affected allows
class AmbiguousFunction(InvalidInput): code, status = "PGRST203", 300
class ParseError(InvalidInput): code = "PGRST100"  # the query string or a header breaks the grammar
class UnknownColumn(InvalidInput): code = "42703"
class UnknownBodyColumn(UnknownColumn): code = "PGRST204"
class BadBody(InvalidInput): code = "PGRST102"
class UnknownRelationship(InvalidInput): code = "PGRST200"
class AmbiguousRelationship(InvalidInput): code, status = "PGRST201", 300
class SpreadNotToOne(InvalidInput): code = "PGRST119"  # ...rel() on a to-many relationship
class BodyTooLarge(InvalidInput): code, status = "PGRST413", 413
class RequestTimeout(InvalidInput): code, status = "PGRST408", 408  # a body that stopped arriving
class UnsupportedMediaType(InvalidInput): code, status = "PGRST107", 415
class NotAcceptable(InvalidInput): code, status = "PGRST106", 406
class SingularityError(InvalidInput): code, status = "PGRST116", 406  # one object asked for, not one found
class RangeNotSatisfiable(InvalidInput): code, status = "PGRST103", 416
class MethodNotAllowed(InvalidInput): code, status = "PGRST405", 405


# -- status ------------------------------------------------------------------
_BY_CLASS: list[tuple[type[VitalError], int]] = [
    (NotFound, 404),
    (InvalidInput, 400),
    (PermissionDenied, 403),
    (Conflict, 409),
    (DatabaseUnavailable, 503),
    (ConfigError, 500),
]

# PostgREST's table (docs: "Errors > HTTP status codes"), exact codes before
# classes. Deliberate differences: 42883 (an operator that does not apply to
# the column's type) is the client's 400, not 404; 57014 (statement timeout) 422 with a hint
# (docs/fairness.md: well formed, but it asks for more work than this kind of request may do).
_BY_SQLSTATE: dict[str, int] = {
    "23503": 409, "23505": 409, "25006": 405, "42883": 400, "42P01": 404, "42P17": 500,
    "42501": 403, "53400": 500, "57014": 422, "57P01": 503, "57P02": 503, "57P03": 503, "P0001": 400,
}
_BY_SQLSTATE_CLASS: dict[str, int] = {
    "08": 503, "09": 500, "0L": 403, "0P": 403, "25": 500, "28": 403, "2D": 500, "38": 500,
    "39": 500, "3B": 500, "40": 500, "53": 503, "54": 500, "55": 500, "57": 500, "58": 500,
    "F0": 500, "HV": 500, "P0": 500, "XX": 500,
}


def status_of(error: VitalError) -> int:
    if error.sqlstate:
        state = error.sqlstate
        fallback = 409 if isinstance(error, Conflict) else 400  # e.g. a trigger's rule (db/errors.py)
        return _BY_SQLSTATE.get(state) or _BY_SQLSTATE_CLASS.get(state[:2], fallback)
    own = getattr(error, "status", None)
    if own:
        return own
    return next((status for cls, status in _BY_CLASS if isinstance(error, cls)), 500)


STORAGE_PREFIX = "/storage/v1/"
# Supabase Storage's `error` names by status (storage3's exists() reads "not_found").
_STORAGE_ERRORS = {400: "InvalidRequest", 401: "InvalidJWT", 403: "AccessDenied", 404: "not_found",
                   405: "MethodNotAllowed", 408: "RequestTimeout", 409: "Duplicate", 413: "Payload too large",
                   415: "invalid_mime_type", 429: "TooManyRequests", 500: "InternalError",
                   503: "DatabaseUnavailable"}


def is_storage(path: str) -> bool:
    return path.startswith(STORAGE_PREFIX)


def body_of(error: VitalError) -> dict:
    body = {"code": error.sqlstate or error.code, "message": error.message,
            "details": error.details, "hint": error.hint}
    # What the failed request left for the client to find (a model's failure: the session and its message).
    body.update(getattr(error, "context", None) or {})
    return body


def storage_body_of(error: VitalError, status: int) -> dict:
    return {"statusCode": str(status), "error": _STORAGE_ERRORS.get(status, "InvalidRequest"),
            "message": error.message, "code": error.sqlstate or error.code, "hint": error.hint}


def error_response(error: VitalError, *, storage: bool = False) -> JSONResponse:
    status = status_of(error)
    if status >= 500:
        log.warning("request failed: %s", error, exc_info=error.__cause__ is not None and status != 503)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    if getattr(error, "retry_after", None) is not None:  # a 429 of fairness or of a tier limit
        headers["Retry-After"] = str(error.retry_after)
    body = storage_body_of(error, status) if storage else body_of(error)
    return JSONResponse(body, status_code=status, headers=headers or None)


# -- handlers ----------------------------------------------------------------
async def _vital_error(request: Request, error: VitalError) -> JSONResponse:
    return error_response(error, storage=is_storage(request.url.path))


async def _http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
    storage = is_storage(request.url.path)
    refusal = getattr(error, "refusal", None)  # the body's limits (api/body_limits.py), raised inside FastAPI
    if isinstance(refusal, VitalError):
        return error_response(refusal, storage=storage)
    # Starlette's own 404/405 (no such route), in the same shape as ours.
    cls = MethodNotAllowed if error.status_code == 405 else NotFound
    response = error_response(cls(str(error.detail)), storage=storage)
    response.status_code = error.status_code
    return response


async def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    fields = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
    return error_response(ParseError("The request does not match the operation.", details=fields),
                          storage=is_storage(request.url.path))


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.error("unexpected error", exc_info=error)
    if is_storage(request.url.path):
        return JSONResponse({"statusCode": "500", "error": "InternalError", "message": "Internal server error."},
                            status_code=500)
    return JSONResponse({"code": "PGRST500", "message": "Internal server error.", "details": None,
                         "hint": "The server log has the details."}, status_code=500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(VitalError, _vital_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
