"""The Procrastinate app: the tasks register on it (`vital.jobs.tasks`); a worker opens it on a pool of
the workers' login whose search path is the queue's schema (Procrastinate names its tables unqualified)."""

from __future__ import annotations

import procrastinate

QUEUE_OPTIONS = "-c search_path=procrastinate"
TENANTS, MAINTENANCE = "tenants", "maintenance"  # queues: tenants' work, and vital_maintenance's

app = procrastinate.App(connector=procrastinate.PsycopgConnector())
