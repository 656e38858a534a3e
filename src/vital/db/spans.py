"""OpenTelemetry spans of database transactions (docs/operations.md#metrics-and-traces).

One client span per transaction, opened by the one place that sets the tenant context
(vital.db.tenant), child of the request's server span. The API's tracing middleware
(vital.api.tracing) sets `TRACING` for the request when an exporter is configured;
otherwise nothing is traced and a transaction pays one context-variable read. A
context variable rather than a global: it follows the request into the thread pool,
and each app traces with its own provider.

Attributes: the database, the role, read-only or not, whether the transaction waited
for a connection slot; the tenant only with VITAL_METRICS_TENANT_LABELS (the switch of
the metrics' tenant label). Never a statement's text or its values; a failure records
the error's type only.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from opentelemetry.trace import SpanKind, Status, StatusCode

if TYPE_CHECKING:
    from vital.tenancy.caller import Caller


@dataclass(frozen=True)
class Tracing:
    tracer: Any                 # an opentelemetry Tracer
    tenant_attribute: bool      # VITAL_METRICS_TENANT_LABELS


TRACING: ContextVar[Tracing | None] = ContextVar("vital_db_tracing", default=None)


@contextmanager
def transaction_span(caller: "Caller", *, read_only: bool) -> Iterator[None]:
    tracing = TRACING.get()
    if tracing is None:
        yield
        return
    with tracing.tracer.start_as_current_span("db.transaction", kind=SpanKind.CLIENT,
                                              record_exception=False, set_status_on_exception=False) as span:
        span.set_attribute("db.system.name", "postgresql")
        span.set_attribute("db.operation.name", "READ ONLY TRANSACTION" if read_only else "TRANSACTION")
        span.set_attribute("vital.db.role", caller.role)
        if tracing.tenant_attribute and caller.tenant_id is not None:
            span.set_attribute("vital.tenant", caller.subdomain or str(caller.tenant_id))
        try:
            yield
        except BaseException as exc:
            span.set_attribute("error.type", getattr(exc, "sqlstate", None) or type(exc).__name__)
            span.set_status(Status(StatusCode.ERROR))
            raise
