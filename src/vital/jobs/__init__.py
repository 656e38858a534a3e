"""Durable background jobs on PostgreSQL with Procrastinate (docs/operations.md#background-jobs).

`enqueue`: a tenant's transaction puts work on the queue (with the rows it concerns);
`app`: the Procrastinate app on the workers' login; `tasks`: what the jobs do, a
tenant's as that tenant under RLS; `maintenance`: the jobs run as vital_maintenance;
`worker`: running workers, on their own (`vital worker`) or beside the API (`vital up`).
"""
