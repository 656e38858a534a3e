"""Fingerprint of the seeded content: per table, its row count, an md5 of its
(tenant_id, id) keys and an md5 of its rows (every column but the timestamps the
database stamps when the seed runs). tests/schema/test_seed_fingerprint.py compares
a freshly seeded database with seed_fingerprint.json, so that no seeded id or value
changes unnoticed. After an intended change to the seed data, regenerate it with

    PYTHONPATH=$PWD/src python -m tests.schema.seed_fingerprint > tests/schema/seed_fingerprint.json
"""

from __future__ import annotations

import json
import sys

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

SCHEMAS = ("public", "auth")

# Rows that triggers write while the seed runs (audit entries, version history) get
# random ids: those tables are compared without their id.
TRIGGER_WRITTEN = {"public.audit_log", "public.prompt_template_versions", "public.rag_document_versions"}

# Columns stamped when the seed runs: created_at/updated_at and every column whose
# default reads the clock. Timestamps the seed data sets itself stay in the md5.
STAMPED = """
SELECT c.table_schema || '.' || c.table_name AS tbl, c.column_name AS col
FROM information_schema.columns c
WHERE c.table_schema = ANY(%s)
  AND (c.column_name IN ('created_at', 'updated_at')
       OR c.column_default ~* '(now\\(\\)|current_timestamp|current_date|clock_timestamp|statement_timestamp)')
ORDER BY 1, c.ordinal_position
"""

TABLES = """
SELECT n.nspname || '.' || c.relname AS tbl
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = ANY(%s)
ORDER BY 1
"""


def _stamped(conn: psycopg.Connection) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in conn.execute(STAMPED, (list(SCHEMAS),)).fetchall():
        out.setdefault(row["tbl"], []).append(row["col"])
    return out


def fingerprint(conn: psycopg.Connection) -> dict[str, dict]:
    conn.row_factory = dict_row
    conn.execute("SET TIME ZONE 'UTC'")
    stamped = _stamped(conn)
    result: dict[str, dict] = {}
    for row in conn.execute(TABLES, (list(SCHEMAS),)).fetchall():
        schema, name = row["tbl"].split(".")
        table = sql.Identifier(schema, name)
        cols = {r["attname"] for r in conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            (row["tbl"],)).fetchall()}
        left_out = stamped.get(row["tbl"], []) + (["id"] if row["tbl"] in TRIGGER_WRITTEN else [])
        key = [sql.Identifier(c) for c in ("tenant_id", "id") if c in cols and c not in left_out]
        drop = sql.SQL("").join(sql.SQL(" - {}").format(sql.Literal(c)) for c in left_out)
        keys = sql.SQL("concat_ws('/', {})").format(sql.SQL(", ").join(key)) if key else sql.SQL("''")
        doc = sql.SQL("to_jsonb(t)")
        if row["tbl"] == "public.audit_log":  # its row images hold the audited rows' stamps too
            every = sql.Literal(sorted({c for cs in stamped.values() for c in cs}))
            doc = sql.SQL("(to_jsonb(t) || jsonb_build_object('old_data', t.old_data - {e}::text[],"
                          " 'new_data', t.new_data - {e}::text[]))").format(e=every)
        query = sql.SQL(
            "SELECT count(*) AS rows, md5(coalesce(string_agg({keys}, E'\\n' ORDER BY {keys}), '')) AS ids,"
            " md5(coalesce(string_agg(({doc}{drop})::text, E'\\n' ORDER BY ({doc}{drop})::text), ''))"
            " AS content FROM {table} t"
        ).format(keys=keys, doc=doc, drop=drop, table=table)
        result[row["tbl"]] = conn.execute(query).fetchone()
    return result


def main() -> None:
    from tests import pg

    with pg.connect(pg.template_db()) as conn:
        print(json.dumps(fingerprint(conn), indent=1, sort_keys=True))
    pg.cluster().release()


if __name__ == "__main__":
    main()
    sys.exit(0)
