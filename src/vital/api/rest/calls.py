"""`/rest/v1/rpc`'s statements: one call of a function with its named arguments, shaped as
PostgREST shapes the result. A mixin of build.Builder, whose select list, WHERE and ORDER BY
apply to the rows a function returns."""

from __future__ import annotations

import json

from psycopg import sql

from vital.api.rest.params import Query
from vital.api.rest.relations import JSON_TYPES
from vital.api.rest.statement import RENDER, Context, Statement, embeds_named, group_by
from vital.catalog import Function, Table


class Calls:
    """Builder's function calls (needs its _fields, _where, _order, _limit and relations)."""

    def result_table(self, fn: Function) -> Table | None:
        """What select, filters and order apply to: the table whose rows the function returns (so that
        embedding works from them too), its RETURNS TABLE / composite columns, or None for a scalar."""
        if fn.return_relation in self.relations.tables:
            return self.relations.tables[fn.return_relation]
        if not fn.columns:
            return None
        return Table("public", fn.name, "f", None, {a.name: a.as_column() for a in fn.columns},
                     privileges=frozenset({"SELECT"}))

    def call(self, fn: Function, args, q: Query, *, from_query: bool, whole_body: bool,
             limit: int | None, offset: int) -> Statement:
        """One call of `fn` with named arguments (or the whole body as its one json argument), shaped as
        PostgREST shapes it: rows (with select, filters, order, limit) as an array, or one object for a
        single composite; a scalar as its JSON value, a set of scalars as an array; void as nothing."""
        embeds_named(q)
        ctx = Context()
        call = sql.SQL("{}({})").format(fn.ident, self._arguments(fn, args, ctx, from_query, whole_body))
        table = self.result_table(fn)
        if fn.void:
            return Statement(sql.SQL("SELECT NULL::text, count(*) FROM (SELECT {}) _c").format(call), ctx.params)
        if table is None:
            if not fn.returns_set:
                return Statement(sql.SQL("SELECT to_json({})::text, 1").format(call), ctx.params)
            rows = sql.SQL("SELECT _f.v FROM {} AS _f(v) LIMIT {} OFFSET {}").format(
                call, ctx.param(self._limit(limit)), ctx.param(offset))
            return Statement(sql.SQL("SELECT coalesce(json_agg(_r.v), '[]')::text, count(*) FROM ({}) _r").format(
                rows), ctx.params)
        laterals: list[sql.Composable] = []
        fields = self._fields(table, "t0", q.select, q, (), ctx, laterals)
        rows = sql.SQL("SELECT {fields} FROM {call} t0{laterals}{where}{group}{order} LIMIT {limit} OFFSET {offset}"
                       ).format(fields=fields, call=call, laterals=sql.Composed(laterals),
                                where=self._where(table, "t0", q, (), ctx, hide_deleted=False, inner=q.select),
                                group=group_by(table, q.select), order=self._order(table, "t0", q.order.get(())),
                                limit=ctx.param(self._limit(limit)), offset=ctx.param(offset))
        if not fn.returns_set:
            return Statement(sql.SQL("SELECT (SELECT row_to_json(_r) FROM ({}) _r LIMIT 1)::text, 1").format(rows),
                             ctx.params)
        return Statement(RENDER.format(rows), ctx.params)

    def call_count(self, fn: Function, args, q: Query, *, from_query: bool, whole_body: bool) -> Statement:
        ctx = Context()
        call = sql.SQL("{}({})").format(fn.ident, self._arguments(fn, args, ctx, from_query, whole_body))
        table = self.result_table(fn)
        where = self._where(table, "t0", q, (), ctx, hide_deleted=False, inner=q.select) if table else sql.SQL("")
        return Statement(sql.SQL("SELECT count(*) FROM {} t0{}").format(call, where), ctx.params)

    @staticmethod
    def _arguments(fn: Function, args, ctx: Context, from_query: bool, whole_body: bool) -> sql.Composable:
        """Named arguments read from one jsonb parameter and cast to their declared types (from pg_catalog):
        values are never SQL text. JSON arrays become arrays of array types; json arguments keep their JSON."""
        if whole_body:
            return sql.SQL("{}::{}").format(ctx.param(json.dumps(args)), sql.SQL(fn.inputs[0].type))
        body = ctx.param(json.dumps(args))
        items = []
        for a in fn.inputs:
            if a.name not in args:
                continue  # its default
            value, key, kind = args[a.name], sql.Literal(a.name), sql.SQL(a.type)
            if value is None:
                expr = sql.SQL("NULL::{}").format(kind)
            elif a.type in JSON_TYPES and not from_query:
                expr = sql.SQL("({}::jsonb -> {})::{}").format(body, key, kind)
            elif isinstance(value, list) and a.is_array:
                expr = sql.SQL("ARRAY(SELECT jsonb_array_elements_text({}::jsonb -> {}))::{}").format(body, key, kind)
            else:
                expr = sql.SQL("({}::jsonb ->> {})::{}").format(body, key, kind)
            # a variadic argument takes its array in named notation only after VARIADIC
            named = "VARIADIC {} => {}" if a.mode == "v" else "{} => {}"
            items.append(sql.SQL(named).format(sql.Identifier(a.name), expr))
        return sql.SQL(", ").join(items)
