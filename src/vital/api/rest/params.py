"""The PostgREST request grammar, parsed into a small AST.

Query string: `select=`, filters (`col=[not.]op[(mod)].value`), `or=(...)`/`and=(...)`,
`order=`, `limit=`, `offset=`, `on_conflict=`, `columns=`; the embedded forms
`rel.col=...`, `rel.order=...`, `rel.limit=...`, `rel.or=...`. Headers: `Prefer`
and `Range`. Nothing here knows the schema: names are checked against the
catalog when the SQL is built (build.py). Every mistake is a ParseError that says
what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache, wraps
from typing import Iterable, Union

from vital.api.errors import InvalidPreferences, ParseError, RangeNotSatisfiable

# operator -> whether it takes a list, a modifier
COMPARISONS = {"eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch"}
FTS = {"fts", "plfts", "phfts", "wfts"}
OPERATORS = COMPARISONS | FTS | {"in", "is", "isdistinct", "cs", "cd", "ov"}
IS_VALUES = {"null", "not_null", "true", "false", "unknown"}
CASTS = {"text", "integer", "int", "bigint", "numeric", "float", "double precision", "boolean", "date",
         "timestamptz", "json", "jsonb", "uuid"}
RESERVED = {"select", "order", "limit", "offset", "on_conflict", "columns"}
LOGIC = {"or", "and", "not.or", "not.and"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_EMBED = re.compile(r"^(?:(?P<spread>\.\.\.)|(?P<alias>[A-Za-z_]\w*):)?(?P<name>[A-Za-z_]\w*)"
                    r"(?P<hints>(?:![A-Za-z_]\w*)*)\((?P<inner>.*)\)$", re.S)
_KEY = r'(?:-?\d+|[A-Za-z_$][\w$]*|"[^"]*")'
_FIELD = re.compile(r"^(?:(?P<alias>[A-Za-z_]\w*):(?!:))?(?:(?P<count>count\(\))|(?P<name>\*|[A-Za-z_]\w*)"
                    r"(?P<path>(?:->>?" + _KEY + r")*)(?:::(?P<cast>[a-z ]+?))?"
                    r"(?:\.(?P<aggregate>count|sum|avg|min|max)\(\))?)(?:::(?P<aggregate_cast>[a-z ]+))?$")
_COLUMN = re.compile(r"^(?P<name>[A-Za-z_]\w*|\"[^\"]+\")(?P<path>(?:->>?" + _KEY + r")*)$")
_STEP = re.compile(r"(->>?)(" + _KEY + r")")
AGGREGATES = {"count", "sum", "avg", "min", "max"}
_OP = re.compile(r"^(?P<op>[a-z]+)(?:\((?P<mod>[a-z_]+)\))?$")
_RANGE = re.compile(r"^(?:items=)?\s*(\d+)-(\d*)\s*$", re.ASCII)

Path = tuple[str, ...]  # () is the requested table; ("agent_tools",) an embedded resource


@dataclass(frozen=True)
class Limits:
    """How much one request may ask for (VITAL_API_MAX_*, docs/api.md#limits): every bound is
    checked while parsing, so nothing deeper or wider ever reaches the statement builder."""
    depth: int = 10            # or=/and= nesting
    columns: int = 200         # selected columns, embedded resources' included
    embeds: int = 20           # embedded resources
    embed_depth: int = 3       # resources embedded in embedded resources
    filters: int = 100         # conditions, those inside or=/and= included
    in_values: int = 1000      # values of one in.(...) list or any/all {...} array
    order_terms: int = 20      # order= terms, embedded resources' included

    def exceeded(self, what: str, limit: int, setting: str) -> ParseError:
        return ParseError(f"The request has more than {limit} {what}.",
                          details=f"At most {limit} {what} are allowed in one request.",
                          hint=f"Split the request into smaller ones (the limit is {setting}).")


JsonPath = tuple[tuple[str, str], ...]  # (("->", "a"), ("->>", "b")): data->a->>b


@dataclass(frozen=True)
class Field:
    name: str                  # a column, or "*" (or "" for count())
    alias: str | None = None
    cast: str | None = None
    path: JsonPath = ()
    aggregate: str | None = None   # count | sum | avg | min | max
    aggregate_cast: str | None = None  # amount.sum()::int: the aggregate's result cast

    @property
    def key(self) -> str:
        """The name of its value in a row: the alias, the aggregate, the last JSON key, or the column."""
        if self.alias:
            return self.alias
        if self.aggregate:
            return self.aggregate
        return self.path[-1][1] if self.path else self.name


@dataclass(frozen=True)
class Embed:
    relation: str
    alias: str | None = None
    hint: str | None = None    # foreign key name or column, after "!"
    inner: bool = False        # !inner: only parents that have a matching child
    fields: tuple[Union[Field, "Embed"], ...] = ()
    spread: bool = False       # ...rel(cols): a to-one resource's columns in the parent's row

    @property
    def key(self) -> str:
        return self.alias or self.relation


@dataclass(frozen=True)
class Filter:
    column: str
    op: str
    value: str | tuple[str, ...]
    negate: bool = False
    modifier: str | None = None  # any|all for comparisons, the language for fts
    path: JsonPath = ()


@dataclass(frozen=True)
class Logic:
    op: str                      # and | or
    items: tuple[Union[Filter, "Logic"], ...]
    negate: bool = False


Condition = Union[Filter, Logic]


@dataclass(frozen=True)
class Order:
    column: str
    desc: bool = False
    nulls: str | None = None     # first | last
    path: JsonPath = ()


@dataclass
class Query:
    select: tuple[Field | Embed, ...] = (Field("*"),)
    where: dict[Path, list[Condition]] = field(default_factory=dict)
    order: dict[Path, tuple[Order, ...]] = field(default_factory=dict)
    limit: dict[Path, int] = field(default_factory=dict)
    offset: dict[Path, int] = field(default_factory=dict)
    on_conflict: tuple[str, ...] | None = None
    columns: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Prefer:
    return_: str = "minimal"     # representation | minimal | headers-only
    count: str | None = None     # exact | planned | estimated
    resolution: str | None = None  # merge-duplicates | ignore-duplicates
    given_return: bool = False
    missing: str | None = None   # default: keys missing from a bulk insert take the column's default
    tx: str | None = None        # commit | rollback
    handling: str | None = None  # strict | lenient
    max_affected: int | None = None  # with handling=strict: refuse a write touching more rows
    params: str | None = None    # single-object: the whole body is a function's one json argument

    def applied(self) -> str:
        parts = [f"return={self.return_}"] if self.given_return else []
        parts += [f"count={self.count}"] if self.count else []
        parts += [f"resolution={self.resolution}"] if self.resolution else []
        parts += [f"missing={self.missing}"] if self.missing else []
        parts += [f"tx={self.tx}"] if self.tx else []
        parts += [f"handling={self.handling}"] if self.handling else []
        parts += [f"max-affected={self.max_affected}"] if self.max_affected is not None and self.strict else []
        return ", ".join(parts)

    @property
    def strict(self) -> bool:
        return self.handling == "strict"


# -- query string ------------------------------------------------------------
def parse_query(items: Iterable[tuple[str, str]], limits: Limits = Limits()) -> Query:
    q = Query()
    for key, value in items:
        path, name = _split_key(key)
        if name == "select" and not path:
            q.select = parse_select(value, limits)
        elif name == "order":
            q.order[path] = parse_order(value)
            if sum(len(terms) for terms in q.order.values()) > limits.order_terms:
                raise limits.exceeded("order terms", limits.order_terms, "VITAL_API_MAX_ORDER_TERMS")
        elif name in ("limit", "offset"):
            getattr(q, name)[path] = _non_negative(name, value)
        elif name in ("on_conflict", "columns") and not path:
            setattr(q, name, tuple(_name(c.strip(), name) for c in value.split(",")))
        elif name in ("or", "and", "not.or", "not.and"):
            negate = name.startswith("not.")
            q.where.setdefault(path, []).append(parse_logic(name.removeprefix("not."), value, negate, limits))
        else:
            column, json_path = column_ref(name, key)
            q.where.setdefault(path, []).append(replace(parse_filter(column, value, limits), path=json_path))
        if sum(_leaves(c) for conditions in q.where.values() for c in conditions) > limits.filters:
            raise limits.exceeded("filters", limits.filters, "VITAL_API_MAX_FILTERS")
    return q


def _leaves(condition: "Condition") -> int:
    return sum(_leaves(c) for c in condition.items) if isinstance(condition, Logic) else 1


def _split_key(key: str) -> tuple[Path, str]:
    parts = key.split(".")
    for i, part in enumerate(parts):
        if part == "not" and i + 1 < len(parts) and parts[i + 1] in ("or", "and"):
            return tuple(_name(p, key) for p in parts[:i]), ".".join(parts[i:])
    *path, name = parts
    return tuple(_name(p, key) for p in path), (name if name in RESERVED | LOGIC else column_ref(name, key) and name)


def _name(text: str, where: str) -> str:
    if len(text) > 2 and text[0] == text[-1] == '"':  # clients quote names; the catalog has the last word
        return text[1:-1]
    if not _NAME.match(text):
        raise ParseError(f"'{text}' is not a valid name (in '{where}').",
                         hint="Names are letters, digits and _, not starting with a digit.")
    return text


def _non_negative(name: str, value: str) -> int:
    # ASCII only: str.isdigit() also accepts '٣' and '²', which int() refuses or reads differently.
    if not (value.isascii() and value.isdigit()):
        raise ParseError(f"{name}={value!r} is not a non-negative integer.")
    return int(value)


def parse_filter(column: str, expression: str, limits: Limits = Limits()) -> Filter:
    """`col=[not.]op[(modifier)].value` (the part after `=` is `expression`)."""
    negate = False
    head, dot, rest = expression.partition(".")
    if head == "not":
        negate = True
        head, dot, rest = rest.partition(".")
    match = _OP.match(head)
    if not dot or not match or match["op"] not in OPERATORS:
        raise ParseError(f"Could not parse the filter {column}={expression!r}.",
                         details="Expected [not.]<operator>.<value>, e.g. eq.5, in.(a,b), is.null.",
                         hint=f"Operators: {', '.join(sorted(OPERATORS))}.")
    op, modifier = match["op"], match["mod"]
    if modifier and not ((op in COMPARISONS and modifier in ("any", "all")) or op in FTS):
        raise ParseError(f"The operator {op} takes no modifier ({modifier}).")
    if op == "in":
        value: str | tuple[str, ...] = _list(rest, column, limits)
    elif op == "is":
        if rest.lower() not in IS_VALUES:
            raise ParseError(f"is.{rest} is not one of is.{', is.'.join(sorted(IS_VALUES))}.")
        value = rest.lower()
    elif modifier in ("any", "all"):
        value = tuple(_star(v, op) for v in _array_items(rest, column, limits))
    else:
        value = _star(_unquote(rest), op)
    return Filter(column, op, value, negate, modifier)


def _star(value: str, op: str) -> str:
    # PostgREST lets `*` stand for `%` in like patterns (`%` is awkward in URLs).
    return value.replace("*", "%") if op in ("like", "ilike") else value


def _list(text: str, column: str, limits: Limits) -> tuple[str, ...]:
    if not (text.startswith("(") and text.endswith(")")):
        raise ParseError(f"The list of {column}=in.{text} must be in parentheses: in.(a,b,c).")
    return tuple(_unquote(v) for v in _values(text[1:-1], limits))


def _array_items(text: str, column: str, limits: Limits) -> list[str]:
    if not (text.startswith("{") and text.endswith("}")):
        raise ParseError(f"The values of the any/all filter on {column} must be in braces: {{a,b}}.")
    return [_unquote(v) for v in _values(text[1:-1], limits)]


def _values(text: str, limits: Limits) -> list[str]:
    values = split_top(text) if text.strip() else []
    if len(values) > limits.in_values:  # counted before any is unquoted or reaches the statement
        raise limits.exceeded("values in one list", limits.in_values, "VITAL_API_MAX_IN_VALUES")
    return values


def parse_logic(op: str, text: str, negate: bool = False, limits: Limits = Limits(), depth: int = 1) -> Logic:
    """`or=(a.eq.1,b.gt.2,and(c.is.null,d.lt.3))`."""
    if depth > limits.depth:
        raise limits.exceeded("levels of or/and nesting", limits.depth, "VITAL_API_MAX_NESTING_DEPTH")
    if not (text.startswith("(") and text.endswith(")")):
        raise ParseError(f"{op}={text!r}: the conditions must be in parentheses, e.g. {op}=(a.eq.1,b.eq.2).")
    items: list[Condition] = []
    for item in split_top(text[1:-1]):
        item = item.strip()
        inner_negate = item.startswith("not.") and item[4:7] in ("or(", "and")
        body = item[4:] if inner_negate else item
        nested = re.match(r"^(or|and)(\(.*\))$", body, re.S)
        if nested:
            items.append(parse_logic(nested[1], nested[2], inner_negate, limits, depth + 1))
            continue
        column, dot, expression = item.partition(".")
        if not dot:
            raise ParseError(f"Could not parse {item!r} in {op}=(...): expected <column>.<operator>.<value>.")
        name, json_path = column_ref(column, item)
        items.append(replace(parse_filter(name, expression, limits), path=json_path))
    if not items:
        raise ParseError(f"{op}=() has no conditions.")
    return Logic(op, tuple(items), negate)


def split_top(text: str) -> list[str]:
    """Split on commas outside quotes, parentheses and braces."""
    parts, depth, quoted, escaped, start = [], 0, False, False, 0
    for i, ch in enumerate(text):
        if escaped:
            escaped = False
        elif ch == "\\" and quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif not quoted and ch in "({":
            depth += 1
        elif not quoted and ch in ")}":
            depth -= 1
            if depth < 0:
                raise ParseError(f"Unbalanced parentheses in {text!r}.")
        elif ch == "," and depth == 0 and not quoted:
            parts.append(text[start:i])
            start = i + 1
    if depth or quoted:
        raise ParseError(f"Unbalanced {'quotes' if quoted else 'parentheses'} in {text!r}.")
    parts.append(text[start:])
    return parts


def _unquote(value: str) -> str:
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


# A client sends the same select= and order= on every call: their parse (frozen, so shared
# safely) is kept for texts up to 1 KB, 512 of each at most; a refusal is never kept.
_CACHED_TEXT = 1024


def _cached(parse):
    kept = lru_cache(maxsize=512)(parse)

    @wraps(parse)
    def parse_text(text: str, *args):
        return (kept if len(text) <= _CACHED_TEXT else parse)(text, *args)
    parse_text.cache_info = kept.cache_info
    return parse_text


@_cached
def parse_select(text: str, limits: Limits = Limits()) -> tuple[Field | Embed, ...]:
    fields = _select_list(text, limits, 0)
    columns, embeds = _select_size(fields)
    if columns > limits.columns:
        raise limits.exceeded("selected columns", limits.columns, "VITAL_API_MAX_COLUMNS")
    if embeds > limits.embeds:
        raise limits.exceeded("embedded resources", limits.embeds, "VITAL_API_MAX_EMBEDS")
    return fields


def _select_list(text: str, limits: Limits, depth: int) -> tuple[Field | Embed, ...]:
    if depth > limits.embed_depth:
        raise limits.exceeded("levels of embedding", limits.embed_depth, "VITAL_API_MAX_EMBED_DEPTH")
    items = [i.strip() for i in split_top(text)] if text.strip() else []
    if not items or any(not i for i in items):
        raise ParseError(f"select={text!r} has an empty item.", hint="e.g. select=id,name,agent_tools(*)")
    if len(items) > limits.columns:  # before parsing them: the count alone refuses the request
        raise limits.exceeded("selected columns", limits.columns, "VITAL_API_MAX_COLUMNS")
    return tuple(_select_item(i, limits, depth) for i in items)


def _select_size(fields: tuple[Field | Embed, ...]) -> tuple[int, int]:
    """(columns, embedded resources), counted through every level."""
    columns = embeds = 0
    for f in fields:
        if isinstance(f, Embed):
            inner_columns, inner_embeds = _select_size(f.fields)
            columns, embeds = columns + inner_columns, embeds + 1 + inner_embeds
        else:
            columns += 1
    return columns, embeds


def _select_item(item: str, limits: Limits, depth: int) -> Field | Embed:
    embed = None if re.match(r"^(?:[A-Za-z_]\w*:)?count\(\)", item) else _EMBED.match(item)
    if embed:
        hints = [h for h in embed["hints"].split("!") if h]
        inner = "inner" in hints
        named = [h for h in hints if h not in ("inner", "left")]
        if len(named) > 1:
            raise ParseError(f"{item!r} names more than one relationship hint.")
        fields = _select_list(embed["inner"], limits, depth + 1) if embed["inner"].strip() else ()
        return Embed(embed["name"], embed["alias"], named[0] if named else None, inner, fields, bool(embed["spread"]))
    plain = _FIELD.match(item)
    if not plain:
        raise ParseError(f"Could not parse {item!r} in select.",
                         details="Expected a column, alias:column, column::type, column->key, column->>key, * , "
                                 "count(), column.sum() (avg, min, max, count), relation(columns) or ...relation(columns).")
    for cast in (plain["cast"], plain["aggregate_cast"]):
        if cast and cast not in CASTS:
            raise ParseError(f"Cannot cast to {cast!r}.", hint=f"Casts: {', '.join(sorted(CASTS))}.")
    if plain["count"]:
        return Field("", plain["alias"], aggregate="count", aggregate_cast=plain["aggregate_cast"])
    if plain["name"] == "*" and (plain["alias"] or plain["cast"] or plain["path"] or plain["aggregate"]):
        raise ParseError("* takes no alias, cast, JSON path or aggregate.")
    return Field(plain["name"], plain["alias"], plain["cast"], _path(plain["path"]), plain["aggregate"],
                 plain["aggregate_cast"])


def _path(text: str) -> JsonPath:
    return tuple((arrow, key[1:-1] if key.startswith('"') else key) for arrow, key in _STEP.findall(text or ""))


def column_ref(text: str, where: str) -> tuple[str, JsonPath]:
    """A column, maybe with a JSON path (data->a->>b), as filters and order name it."""
    match = _COLUMN.match(text)
    if not match:
        _name(text, where)  # its error
        raise ParseError(f"Could not parse the column {text!r} (in '{where}').")
    return _name(match["name"], where), _path(match["path"])


@_cached
def parse_order(text: str) -> tuple[Order, ...]:
    orders = []
    for item in text.split(","):
        column, *modifiers = item.strip().split(".")
        desc, nulls = False, None
        for m in modifiers:
            if m in ("asc", "desc"):
                desc = m == "desc"
            elif m in ("nullsfirst", "nullslast"):
                nulls = m[5:]
            else:
                raise ParseError(f"order={text!r}: {m!r} is not asc, desc, nullsfirst or nullslast.")
        name, path = column_ref(column, f"order={text}")
        orders.append(Order(name, desc, nulls, path))
    return tuple(orders)


# -- headers -----------------------------------------------------------------
# Each preference and the values it takes (None: a non-negative integer).
_PREFERENCES = {"return": ("minimal", "representation", "headers-only"), "count": ("exact", "planned", "estimated"),
                "resolution": ("merge-duplicates", "ignore-duplicates"), "missing": ("default", "null"),
                "tx": ("commit", "rollback"), "handling": ("strict", "lenient"), "max-affected": None,
                "params": ("single-object", "multiple-objects"), "timezone": (), "plurality": ()}


def parse_prefer(values: Iterable[str]) -> Prefer:
    """`Prefer` as PostgREST reads it: unknown preferences are ignored, unless handling=strict, where
    they are a 400 PGRST122 naming them; a bad value of return, count or resolution is a 400 anyway."""
    found: dict[str, str] = {}
    for value in values:
        for item in value.split(","):
            key, _, val = item.strip().partition("=")
            if key.strip():
                found[key.strip().lower()] = val.strip().lower()
    invalid = [f"{k}={v}" if v else k for k, v in found.items() if not _valid_preference(k, v)]
    if invalid and found.get("handling") == "strict":
        raise InvalidPreferences("Invalid preferences given with handling=strict",
                                 details=f"Invalid preferences: {', '.join(invalid)}",
                                 hint="Known: " + ", ".join(sorted(_PREFERENCES)) + ".")
    for key in ("return", "count", "resolution"):  # a typo here would silently change the answer
        if key in found and not _valid_preference(key, found[key]):
            raise ParseError(f"Prefer: {key}={found[key]} is not {' or '.join(_PREFERENCES[key])}.")
    found = {k: v for k, v in found.items() if _valid_preference(k, v)}
    max_affected = found.get("max-affected")
    return Prefer(found.get("return", "minimal"), found.get("count"), found.get("resolution"), "return" in found,
                  missing=found.get("missing") if found.get("missing") == "default" else None,
                  tx=found.get("tx"), handling=found.get("handling"),
                  max_affected=int(max_affected) if max_affected is not None else None, params=found.get("params"))


def _valid_preference(key: str, value: str) -> bool:
    if key not in _PREFERENCES:
        return False
    allowed = _PREFERENCES[key]
    if allowed is None:
        return value.isascii() and value.isdigit()
    return not allowed or value in allowed


def parse_range(value: str | None) -> tuple[int, int | None] | None:
    """`Range: 0-9` -> (0, 9); `10-` -> (10, None); absent -> None."""
    if value is None:
        return None
    match = _RANGE.match(value)
    if not match or (match[2] and int(match[2]) < int(match[1])):
        raise RangeNotSatisfiable(f"Range {value!r} is not satisfiable.", hint="Use Range: <first>-<last>, e.g. 0-19.")
    return int(match[1]), int(match[2]) if match[2] else None
