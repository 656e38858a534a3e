"""From a parsed request to one SQL statement, composed with psycopg.sql.

Identifiers are checked against the catalog (relations.py) and quoted by psycopg; every value
is a named parameter (JSON keys, which are names, are literals quoted by psycopg); the only SQL
text taken from outside this module is a column type or a column's default, and those come from
pg_catalog. Function calls (/rpc) are built by calls.py, on the same select list and WHERE. There is no tenant filter: RLS
decides which rows exist. Each statement returns one row, (json_text, row_count),
with the rows rendered to JSON by PostgreSQL itself.
"""

from __future__ import annotations

import json
import threading

from psycopg import sql

from vital.api.errors import BadBody, ParseError, SpreadNotToOne, UnknownBodyColumn
from vital.api.rest.params import Condition, Embed, Field, Filter, Logic, Order, Path, Query
from vital.api.rest.calls import Calls
from vital.api.rest.relations import Relations, column
from vital.api.rest.statement import RENDER, Context, Statement, embeds_named, group_by, json_path
from vital.catalog import SOFT_DELETE, TENANT, Table

__all__ = ["Builder", "Statement"]

MAX_EMBED_DEPTH = 3
KEPT_READS = 512  # built reads kept per Builder (a schema reload builds a new Builder: none outlive it)
_COMPARE = {"eq": "=", "neq": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
_TEXT_OPS = {"like": "LIKE", "ilike": "ILIKE", "match": "~", "imatch": "~*"}
_CONTAINS = {"cs": "@>", "cd": "<@", "ov": "&&"}
_IS = {"null": "IS NULL", "not_null": "IS NOT NULL", "true": "IS TRUE", "false": "IS FALSE", "unknown": "IS UNKNOWN"}
_TSQUERY = {"fts": "to_tsquery", "plfts": "plainto_tsquery", "phfts": "phraseto_tsquery",
            "wfts": "websearch_to_tsquery"}


class Builder(Calls):
    def __init__(self, relations: Relations, max_rows: int):
        self.relations = relations
        self.max_rows = max_rows
        self._reads: dict[tuple, Statement] = {}
        self._lock = threading.Lock()

    # -- reads ---------------------------------------------------------------
    def read(self, table: Table, q: Query, *, limit: int | None, offset: int) -> Statement:
        """The read's statement; a client repeats the same request, so one built from the same parsed
        request (its values included: the statement is the same, parameters too) is reused."""
        key = _read_key(table, q, limit, offset)
        kept = self._reads.get(key) if key is not None else None
        if kept is None:
            kept = self._read(table, q, limit=limit, offset=offset)
            # Rendered once: psycopg would compose the statement's text again at every execution.
            kept = Statement(sql.SQL(kept.query.as_string()), kept.params)
            if key is not None:
                with self._lock:  # reads are built on the threadpool's threads
                    if len(self._reads) >= KEPT_READS:
                        self._reads.pop(next(iter(self._reads)))  # the oldest
                    self._reads[key] = kept
        return Statement(kept.query, dict(kept.params))  # the caller's own parameters

    def _read(self, table: Table, q: Query, *, limit: int | None, offset: int) -> Statement:
        embeds_named(q)
        ctx = Context()
        laterals: list[sql.Composable] = []
        fields = self._fields(table, "t0", q.select, q, (), ctx, laterals)
        where = self._where(table, "t0", q, (), ctx, inner=q.select)
        query = sql.SQL("SELECT {fields} FROM {table} t0{laterals}{where}{group}{order} LIMIT {limit} OFFSET {offset}"
                        ).format(fields=fields, table=_qualified(table), laterals=sql.Composed(laterals), where=where,
                                 group=group_by(table, q.select), order=self._order(table, "t0", q.order.get(())),
                                 limit=ctx.param(self._limit(limit)), offset=ctx.param(offset))
        return Statement(RENDER.format(query), ctx.params)

    def count(self, table: Table, q: Query) -> Statement:
        ctx = Context()
        where = self._where(table, "t0", q, (), ctx, inner=q.select)
        query = sql.SQL("SELECT count(*) FROM {} t0{}").format(_qualified(table), where)
        return Statement(query, ctx.params)

    def _limit(self, limit: int | None) -> int:
        return self.max_rows if limit is None else min(limit, self.max_rows)

    # -- writes --------------------------------------------------------------
    def insert(self, table: Table, q: Query, rows: list[dict], *, resolution: str | None,
               representation: bool, missing_default: bool = False) -> Statement:
        """missing_default (Prefer: missing=default): a key an object leaves out takes the column's default
        (its expression from pg_catalog) instead of NULL."""
        _mutation_only(q)
        ctx = Context()
        columns = list(q.columns or dict.fromkeys(k for row in rows for k in row))
        if not columns:
            raise BadBody("The body names no column.", hint='Send e.g. {"name": "..."}.')
        for name in columns:
            _body_column(table, name)
        values = [_given_or_default(table.columns[c]) if missing_default else sql.Identifier("_v", c)
                  for c in columns]
        if table.tenant_scoped and TENANT not in columns:
            # The caller's own tenant by default, in SQL; RLS still checks it.
            columns.append(TENANT)
            values.append(sql.SQL("auth.tenant_id()"))
        source = "jsonb_array_elements({body}::jsonb) _j, jsonb_populate_record(NULL::{t}, _j) _v" \
            if missing_default else "json_populate_recordset(NULL::{t}, {body}::json) _v"
        statement = sql.SQL("INSERT INTO {t} AS t0 ({cols}) SELECT {vals} FROM " + source).format(
            t=_qualified(table), cols=sql.SQL(", ").join(map(sql.Identifier, columns)),
            vals=sql.SQL(", ").join(values), body=ctx.param(json.dumps(rows)))
        if resolution:
            statement += self._on_conflict(table, q, columns, resolution)
        return self._returning(table, q, statement, representation, ctx)

    def update(self, table: Table, q: Query, patch: dict, *, representation: bool) -> Statement:
        _mutation_only(q)
        if not patch:
            raise BadBody("The body names no column to change.", hint='Send e.g. {"name": "..."}.')
        ctx = Context()
        for name in patch:
            _body_column(table, name)
        assignments = sql.SQL(", ").join(sql.SQL("{} = {}").format(sql.Identifier(c), sql.Identifier("_v", c))
                                         for c in patch)
        statement = sql.SQL("UPDATE {t} AS t0 SET {set} FROM json_populate_record(NULL::{t}, {body}::json) _v"
                            "{where}{limited}").format(
            t=_qualified(table), set=assignments, body=ctx.param(json.dumps(patch)),
            where=self._where(table, "t0", q, (), ctx, required=True), limited=self._limited(table, q, ctx))
        return self._returning(table, q, statement, representation, ctx)

    def delete(self, table: Table, q: Query, *, representation: bool) -> Statement:
        """A soft delete (deleted_at = now()) where the table has deleted_at; else a DELETE."""
        _mutation_only(q)
        ctx = Context()
        where = self._where(table, "t0", q, (), ctx, required=True, hide_deleted=False)
        limited = self._limited(table, q, ctx, hide_deleted=False)
        if table.soft_delete:
            statement = sql.SQL("UPDATE {t} AS t0 SET {d} = now(){where} AND t0.{d} IS NULL{limited}").format(
                t=_qualified(table), d=sql.Identifier(SOFT_DELETE), where=where, limited=limited)
        else:
            statement = sql.SQL("DELETE FROM {t} AS t0{where}{limited}").format(
                t=_qualified(table), where=where, limited=limited)
        return self._returning(table, q, statement, representation, ctx)

    def _limited(self, table: Table, q: Query, ctx: Context, *, hide_deleted: bool = True) -> sql.Composable:
        """limit/offset (with order) on PATCH and DELETE: only the first rows the filters and order pick,
        by primary key."""
        if () not in q.limit and () not in q.offset:
            return sql.SQL("")
        key = table.primary_key
        if not key:
            raise ParseError(f"'{table.name}' has no primary key: limit cannot pick its rows.")
        keys = sql.SQL(", ").join(sql.Identifier("t0", c) for c in key)
        inner = sql.SQL(", ").join(sql.Identifier("s0", c) for c in key)
        limit = q.limit.get(())
        return sql.SQL(" AND ({}) IN (SELECT {} FROM {} s0{}{}{} OFFSET {})").format(
            keys, inner, _qualified(table), self._where(table, "s0", q, (), ctx, hide_deleted=hide_deleted),
            self._order(table, "s0", q.order.get(())),
            sql.SQL("") if limit is None else sql.SQL(" LIMIT {}").format(ctx.param(limit)),
            ctx.param(q.offset.get((), 0)))

    def _on_conflict(self, table: Table, q: Query, columns: list[str], resolution: str) -> sql.Composed:
        target = list(q.on_conflict or table.primary_key)
        if not target:
            raise ParseError(f"'{table.name}' has no primary key: name the conflict columns with on_conflict=.")
        for name in target:
            column(table, name)
        changed = [c for c in columns if c not in target]
        if resolution == "ignore-duplicates" or not changed:
            action = sql.SQL("DO NOTHING")
        else:
            action = sql.SQL("DO UPDATE SET {}").format(sql.SQL(", ").join(
                sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c)) for c in changed))
        return sql.SQL(" ON CONFLICT ({}) {}").format(sql.SQL(", ").join(map(sql.Identifier, target)), action)

    def _returning(self, table: Table, q: Query, statement: sql.Composed, representation: bool,
                   ctx: Context) -> Statement:
        if not representation:
            return Statement(sql.SQL("WITH _w AS ({} RETURNING 1) SELECT NULL::text, count(*) FROM _w").format(
                statement), ctx.params)
        laterals: list[sql.Composable] = []
        fields = self._fields(table, "t0", q.select, q, (), ctx, laterals)
        rows = sql.SQL("SELECT {} FROM _w t0{}{}").format(fields, sql.Composed(laterals), group_by(table, q.select))
        return Statement(sql.SQL("WITH _w AS ({} RETURNING t0.*) ").format(statement) + RENDER.format(rows),
                         ctx.params)

    # -- select list and embedding ------------------------------------------
    def _fields(self, table: Table, alias: str, fields: tuple, q: Query, path: Path, ctx: Context,
                laterals: list[sql.Composable]) -> sql.Composable:
        """The select list; a spread's resource joins the FROM clause as a LATERAL (added to `laterals`)."""
        items: list[sql.Composable] = []
        for f in fields:
            if isinstance(f, Embed) and f.spread:
                items.append(self._spread(table, alias, f, q, path + (f.key,), ctx, laterals))
            elif isinstance(f, Embed):
                items.append(sql.SQL("{} AS {}").format(self._embed(table, alias, f, q, path + (f.key,), ctx),
                                                         sql.Identifier(f.key)))
            elif f.name == "*":
                items += [sql.Identifier(alias, c) for c in table.columns]
            else:
                items.append(sql.SQL("{} AS {}").format(_field(table, alias, f), sql.Identifier(f.key)))
        return sql.SQL(", ").join(items)

    def _embed(self, parent: Table, parent_alias: str, e: Embed, q: Query, path: Path,
               ctx: Context) -> sql.Composable:
        rel, target, alias, rows = self._embedded_rows(parent, parent_alias, e, q, path, ctx)
        wrap = "(SELECT row_to_json(_e) FROM ({}) _e)" if rel.to_one else \
            "(SELECT coalesce(json_agg(_e), '[]') FROM ({}) _e)"
        return sql.SQL(wrap).format(rows)

    def _spread(self, parent: Table, parent_alias: str, e: Embed, q: Query, path: Path, ctx: Context,
                laterals: list[sql.Composable]) -> sql.Composable:
        """`...rel(cols)`: the columns of a to-one resource in the parent's row (PostgREST's spread)."""
        rel = self.relations.relationship(parent, e.relation, e.hint)
        if not rel.to_one:
            raise SpreadNotToOne(f"A spread operation on '{e.relation}' is not possible.",
                                 details=f"'{parent.name}' has many '{e.relation}': a spread needs a to-one relationship.",
                                 hint=f"Embed it instead: {e.relation}(...)")
        _, _, _, rows = self._embedded_rows(parent, parent_alias, e, q, path, ctx)
        name = ctx.alias()
        laterals.append(sql.SQL(" LEFT JOIN LATERAL ({}) {} ON true").format(rows, sql.Identifier(name)))
        return sql.SQL("{}.*").format(sql.Identifier(name))

    def _embedded_rows(self, parent: Table, parent_alias: str, e: Embed, q: Query, path: Path, ctx: Context):
        if len(path) > MAX_EMBED_DEPTH:
            raise ParseError(f"Embedding is limited to {MAX_EMBED_DEPTH} levels.")
        rel = self.relations.relationship(parent, e.relation, e.hint)
        target = self.relations.table(rel.target)
        alias = ctx.alias()
        laterals: list[sql.Composable] = []
        fields = self._fields(target, alias, e.fields, q, path, ctx, laterals)
        where = self._where(target, alias, q, path, ctx, joins=self._join(rel, alias, parent_alias), inner=e.fields)
        rows = sql.SQL("SELECT {fields} FROM {table} {alias}{laterals}{where}{group}{order}{limit}").format(
            fields=fields, table=_qualified(target), alias=sql.Identifier(alias), laterals=sql.Composed(laterals),
            where=where, group=group_by(target, e.fields), order=self._order(target, alias, q.order.get(path)),
            limit=self._embed_limit(q, path, ctx))
        return rel, target, alias, rows

    @staticmethod
    def _join(rel, alias: str, parent_alias: str) -> list[sql.Composable]:
        if rel.junction is None:
            return [sql.SQL("{} = {}").format(sql.Identifier(alias, mine), sql.Identifier(parent_alias, theirs))
                    for theirs, mine in rel.pairs]
        # many-to-many: a row of the junction links the parent and the target
        j = f"{alias}_j"
        links = [sql.SQL("{} = {}").format(sql.Identifier(j, mine), sql.Identifier(parent_alias, theirs))
                 for theirs, mine in rel.pairs]
        links += [sql.SQL("{} = {}").format(sql.Identifier(j, mine), sql.Identifier(alias, theirs))
                  for theirs, mine in rel.junction_pairs]
        return [sql.SQL("EXISTS (SELECT 1 FROM {} {} WHERE {})").format(
            sql.Identifier("public", rel.junction), sql.Identifier(j), sql.SQL(" AND ").join(links))]

    def _embed_limit(self, q: Query, path: Path, ctx: Context) -> sql.Composable:
        parts = []
        if path in q.limit:
            parts.append(sql.SQL(" LIMIT {}").format(ctx.param(q.limit[path])))
        if path in q.offset:
            parts.append(sql.SQL(" OFFSET {}").format(ctx.param(q.offset[path])))
        return sql.Composed(parts)

    def _inner_joins(self, table: Table, alias: str, q: Query, path: Path, fields: tuple,
                     ctx: Context, present: dict[str, bool]) -> list[sql.Composable]:
        """EXISTS conditions for the !inner embeds among `fields`, and for the embeds a filter asks to be
        present or absent (`rel=not.is.null`, `rel=is.null`: PostgREST's null filtering on embeds)."""
        out = []
        for e in (f for f in fields if isinstance(f, Embed) and (f.inner or f.key in present)):
            rel = self.relations.relationship(table, e.relation, e.hint)
            target = self.relations.table(rel.target)
            child = ctx.alias()
            sub_path = path + (e.key,)
            exists = "EXISTS (SELECT 1 FROM {} {}{})" if present.get(e.key, True) else \
                "NOT EXISTS (SELECT 1 FROM {} {}{})"
            out.append(sql.SQL(exists).format(
                _qualified(target), sql.Identifier(child),
                self._where(target, child, q, sub_path, ctx, joins=self._join(rel, child, alias), inner=e.fields)))
        return out

    # -- WHERE -----------------------------------------------------------------
    def _where(self, table: Table, alias: str, q: Query, path: Path, ctx: Context, *,
               joins: list[sql.Composable] | None = None, required: bool = False, hide_deleted: bool = True,
               inner: tuple = ()) -> sql.Composable:
        """Joins, filters, the soft-delete default and the !inner embeds among `inner`, ANDed."""
        conditions = q.where.get(path, [])
        if required and not conditions:
            raise ParseError("Add a filter: changing or deleting every row at once is refused.",
                             hint="e.g. ?id=eq.<uuid>")
        present = _embeds_present(table, inner, conditions)
        conditions = [c for c in conditions if not (isinstance(c, Filter) and c.column in present)]
        parts = list(joins or [])
        parts += [self._condition(table, alias, c, ctx) for c in conditions]
        if hide_deleted and table.soft_delete and not any(_mentions(c, SOFT_DELETE) for c in conditions):
            parts.append(sql.SQL("{} IS NULL").format(sql.Identifier(alias, SOFT_DELETE)))
        parts += self._inner_joins(table, alias, q, path, inner, ctx, present)
        if not parts:
            return sql.SQL("")
        return sql.SQL(" WHERE ") + sql.SQL(" AND ").join(parts)

    def _condition(self, table: Table, alias: str, c: Condition, ctx: Context) -> sql.Composable:
        if isinstance(c, Logic):
            joiner = sql.SQL({"and": " AND ", "or": " OR "}[c.op])
            inner = joiner.join(self._condition(table, alias, i, ctx) for i in c.items)
            return sql.SQL("NOT ({})" if c.negate else "({})").format(inner)
        expr = self._filter(table, alias, c, ctx)
        return sql.SQL("NOT ({})").format(expr) if c.negate else expr

    def _filter(self, table: Table, alias: str, f: Filter, ctx: Context) -> sql.Composable:
        target = column(table, f.column)
        ref = json_path(sql.Identifier(alias, f.column), f.path)
        element, value_type = (target.element, target.type) if not f.path else \
            ("text", "text") if f.path[-1][0] == "->>" else ("jsonb", "jsonb")
        op, value = f.op, f.value
        if op == "is":
            return sql.SQL("{} {}").format(ref, sql.SQL(_IS[value]))
        if op == "in":
            if not value:
                return sql.SQL("false")
            return sql.SQL("{} IN ({})").format(ref, sql.SQL(", ").join(ctx.param(v) for v in value))
        if op == "isdistinct":
            return sql.SQL("{} IS DISTINCT FROM {}").format(ref, ctx.param(value))
        if op in _CONTAINS:
            return sql.SQL("{} {} {}").format(ref, sql.SQL(_CONTAINS[op]), ctx.param(value))
        if op in _TSQUERY:
            return self._fts(element, ref, f, ctx)
        if op in _TEXT_OPS:
            ref, symbol, array_type = sql.SQL("{}::text").format(ref), _TEXT_OPS[op], "text"
        else:
            symbol, array_type = _COMPARE[op], value_type
        if f.modifier in ("any", "all"):
            return sql.SQL("{} {} {}({}::{}[])").format(ref, sql.SQL(symbol), sql.SQL(f.modifier.upper()),
                                                       ctx.param(list(value)), sql.SQL(array_type))
        return sql.SQL("{} {} {}").format(ref, sql.SQL(symbol), ctx.param(value))

    @staticmethod
    def _fts(element: str, ref: sql.Composable, f: Filter, ctx: Context) -> sql.Composable:
        language = [sql.SQL("{}::regconfig").format(ctx.param(f.modifier))] if f.modifier else []
        document = ref if element == "tsvector" else sql.SQL("to_tsvector({})").format(
            sql.SQL(", ").join([*language, sql.SQL("{}::text").format(ref)]))
        query = sql.SQL("{}({})").format(sql.SQL(_TSQUERY[f.op]), sql.SQL(", ").join([*language, ctx.param(f.value)]))
        return sql.SQL("{} @@ {}").format(document, query)

    @staticmethod
    def _order(table: Table, alias: str, orders: tuple[Order, ...] | None) -> sql.Composable:
        if not orders:
            return sql.SQL("")
        terms = []
        for o in orders:
            column(table, o.column)
            term = sql.SQL("{} {}").format(json_path(sql.Identifier(alias, o.column), o.path),
                                           sql.SQL("DESC" if o.desc else "ASC"))
            if o.nulls:
                term += sql.SQL(" NULLS FIRST" if o.nulls == "first" else " NULLS LAST")
            terms.append(term)
        return sql.SQL(" ORDER BY ") + sql.SQL(", ").join(terms)


def _field(table: Table, alias: str, f: Field) -> sql.Composable:
    """A selected column: its JSON path, cast and aggregate (casts only from params.CASTS)."""
    if f.aggregate == "count" and not f.name:
        expr: sql.Composable = sql.SQL("count(*)")
    else:
        column(table, f.name)
        expr = json_path(sql.Identifier(alias, f.name), f.path)
        if f.cast:
            expr = sql.SQL("{}::{}").format(expr, sql.SQL(f.cast))
        if f.aggregate:
            expr = sql.SQL("{}({})").format(sql.SQL(f.aggregate), expr)
    if f.aggregate_cast:
        expr = sql.SQL("({})::{}").format(expr, sql.SQL(f.aggregate_cast))
    return expr


def _read_key(table: Table, q: Query, limit: int | None, offset: int) -> tuple | None:
    """Everything a read's statement is built from, or None when a value is not hashable (a list
    in a filter: such reads are built each time)."""
    key = ((table.schema, table.name), q.select, *(tuple((path, tuple(v) if isinstance(v, list) else v)
                                                         for path, v in part.items())
                                                   for part in (q.where, q.order, q.limit, q.offset)),
           limit, offset)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _qualified(table: Table) -> sql.Identifier:
    return sql.Identifier("public", table.name)


def _embeds_present(table: Table, fields: tuple, conditions: list) -> dict[str, bool]:
    """`rel=not.is.null` (True: has one) and `rel=is.null` (False: has none) on an embed of `fields`."""
    keys = {f.key for f in fields if isinstance(f, Embed) and not f.spread}
    found = {}
    for c in conditions:
        if isinstance(c, Filter) and c.column in keys and c.column not in table.columns and c.op == "is" \
                and not c.path and c.value in ("null", "not_null"):
            found[c.column] = (c.value == "not_null") != c.negate
    return found


def _mentions(c: Condition, column: str) -> bool:
    if isinstance(c, Logic):
        return any(_mentions(i, column) for i in c.items)
    return c.column == column


def _body_column(table: Table, name: str) -> None:
    if name not in table.columns:
        raise UnknownBodyColumn(f"Could not find the '{name}' column of '{table.name}'.",
                                hint=f"Columns: {', '.join(table.columns)}.")


def _mutation_only(q: Query) -> None:
    if any(q.where.keys() - {()}) or any(k != () for k in (*q.order, *q.limit, *q.offset)):
        raise ParseError("Writes take filters, order, limit and offset on the table itself only, not on embedded "
                         "resources.")


def _given_or_default(col) -> sql.Composable:
    """Prefer: missing=default: the object's value when it has the key, else the column's default."""
    default = sql.SQL(col.expression) if col.expression else sql.SQL("NULL")  # from pg_catalog (pg_get_expr)
    return sql.SQL("CASE WHEN _j ? {} THEN {} ELSE {} END").format(
        sql.Literal(col.name), sql.Identifier("_v", col.name), default)
