"""The OpenAPI description of `/rest/v1/<table>`, generated from the catalog:
every table's columns and types, the operations its grants allow, and the
PostgREST parameters each operation takes."""

from __future__ import annotations

from typing import Any

from vital.api.rest.relations import Relations
from vital.catalog import Column, Table

_FORMATS: dict[str, dict[str, Any]] = {
    "uuid": {"type": "string", "format": "uuid"},
    "int2": {"type": "integer", "minimum": -32768, "maximum": 32767},
    "int4": {"type": "integer", "format": "int32"},
    "int8": {"type": "integer", "format": "int64"},
    "numeric": {"type": "number"},
    "float4": {"type": "number"},
    "float8": {"type": "number"},
    "bool": {"type": "boolean"},
    "timestamptz": {"type": "string", "format": "date-time"},
    "timestamp": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "json": {},
    "jsonb": {},
    "vector": {"type": "string", "description": "pgvector literal, e.g. [0.1,0.2]"},
}
_FILTER = ("PostgREST filter: eq.<v>, neq, gt, gte, lt, lte, like, ilike, match, imatch, in.(a,b), "
           "is.null|not_null|true|false, isdistinct, cs.{a,b}, cd, ov, fts, plfts, phfts, wfts; not.<op> negates.")
_ERROR = {"type": "object", "properties": {k: {"type": ["string", "null"]} for k in ("code", "message", "details",
                                                                                     "hint")}}


def column_schema(column: Column) -> dict[str, Any]:
    item = dict(_FORMATS.get(column.element, {"type": "string"}))
    if column.enum:
        item["enum"] = list(column.enum)
    schema: dict[str, Any] = {"type": "array", "items": item} if column.is_array else item
    if column.nullable and "type" in schema:
        schema["type"] = [schema["type"], "null"]
    if column.comment:
        schema["description"] = column.comment
    if column.generated:
        schema["readOnly"] = True
    return schema


def _row_schema(table: Table, *, writable: bool, required: bool) -> dict[str, Any]:
    columns = [c for c in table.columns.values() if not (writable and c.generated)]
    schema: dict[str, Any] = {"type": "object", "properties": {c.name: column_schema(c) for c in columns}}
    if required:
        schema["required"] = [c.name for c in columns
                              if not c.nullable and not c.has_default and c.name != "tenant_id"]
    if writable:
        schema["additionalProperties"] = False
    if table.comment and not writable:
        schema["description"] = table.comment
    return schema


def _param(name: str, where: str, schema: dict, description: str | None = None) -> dict[str, Any]:
    param = {"name": name, "in": where, "required": False, "schema": schema}
    if description:
        param["description"] = description
    return param


def _prefer(*choices: str) -> dict[str, Any]:
    return _param("Prefer", "header", {"type": "string", "enum": list(choices)})


def _filters(table: Table) -> list[dict[str, Any]]:
    params = [_param(c, "query", {"type": "string"}, _FILTER) for c in table.columns]
    return params + [_param("or", "query", {"type": "string"}, "(a.eq.1,b.gt.2): any of the conditions"),
                     _param("and", "query", {"type": "string"}, "(a.eq.1,b.gt.2): all of the conditions")]


def _responses(ok: str, table: Table, description: str) -> dict[str, Any]:
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    rows = {"application/json": {"schema": {"type": "array", "items": {"$ref": f"#/components/schemas/{table.name}"}}}}
    responses: dict[str, Any] = {ok: {"description": description, "content": rows}}
    if ok == "200":
        responses["206"] = {"description": "Partial content (a page of the rows)", "content": rows}
    for status, text in (("400", "Invalid request"), ("401", "No or invalid credentials"),
                         ("403", "Not allowed for this caller"), ("404", "Unknown tenant or table")):
        responses[status] = {"description": text, **error}
    return responses


def _operations(table: Table) -> dict[str, Any]:
    select = _param("select", "query", {"type": "string"}, "Columns and embedded resources: id,name,agent_tools(*)")
    ops: dict[str, Any] = {"get": {
        "tags": [table.name], "summary": f"Read {table.name}", "operationId": f"read_{table.name}",
        "parameters": [select, *_filters(table),
                       _param("order", "query", {"type": "string"}, "col.asc|desc[.nullsfirst|nullslast],..."),
                       _param("limit", "query", {"type": "integer", "minimum": 0}),
                       _param("offset", "query", {"type": "integer", "minimum": 0}),
                       _param("Range", "header", {"type": "string"}, "first-last, e.g. 0-19"),
                       _prefer("count=exact")],
        "responses": _responses("200", table, "The rows"),
    }}
    returning = _prefer("return=representation", "return=minimal")
    if table.can_insert:
        body = {"$ref": f"#/components/schemas/{table.name}_insert"}
        ops["post"] = {
            "tags": [table.name], "summary": f"Insert (or upsert) {table.name}", "operationId": f"insert_{table.name}",
            "parameters": [select, _param("on_conflict", "query", {"type": "string"}),
                           _param("columns", "query", {"type": "string"}),
                           _prefer("return=representation", "return=minimal", "return=representation,"
                                   "resolution=merge-duplicates", "resolution=ignore-duplicates")],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "oneOf": [body, {"type": "array", "items": body, "minItems": 1}]}}}},
            "responses": _responses("201", table, "Inserted"),
        }
    if table.can_update:
        ops["patch"] = {
            "tags": [table.name], "summary": f"Update {table.name} rows matching the filters",
            "operationId": f"update_{table.name}", "parameters": [select, *_filters(table), returning],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "$ref": f"#/components/schemas/{table.name}_update"}}}},
            "responses": _responses("200", table, "Updated"),
        }
    if table.can_update if table.soft_delete else table.can_delete:
        soft = " (soft: sets deleted_at)" if table.soft_delete else ""
        ops["delete"] = {
            "tags": [table.name], "summary": f"Delete {table.name} rows matching the filters{soft}",
            "operationId": f"delete_{table.name}", "parameters": [select, *_filters(table), returning],
            "responses": _responses("200", table, "Deleted"),
        }
    for op in ops.values():
        op["security"] = [{"bearer": []}, {"apikey": []}]
    return ops


def describe(relations: Relations) -> dict[str, Any]:
    """`paths` and `components` for every table served."""
    schemas: dict[str, Any] = {"Error": _ERROR}
    paths: dict[str, Any] = {}
    for table in relations.tables.values():
        schemas[table.name] = _row_schema(table, writable=False, required=False)
        schemas[f"{table.name}_insert"] = _row_schema(table, writable=True, required=True)
        schemas[f"{table.name}_update"] = _row_schema(table, writable=True, required=False)
        paths[f"/rest/v1/{table.name}"] = _operations(table)
    security = {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "apikey": {"type": "apiKey", "in": "header", "name": "apikey"}}
    return {"paths": paths, "components": {"schemas": schemas, "securitySchemes": security}}
