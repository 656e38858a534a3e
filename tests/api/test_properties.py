"""Property-based (Hypothesis) over /rest/v1's parameters and the /api/v1 routes' parameters.

Real checks, not only "no 5xx": every refusal has PostgREST's shape and no SQL in it, and for
generated *valid* filters (every operator, not., or/and nested, on a small known set of rows)
the rows returned are exactly those a Python evaluation of the same filter keeps, with SQL's
three-valued logic. The database collates with C (byte order), as Python compares str."""

from __future__ import annotations

import re
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import pg
from tests.harness import running

TABLE = "/rest/v1/tenant_invitations"
ALPHABET = "abcdeglmnprstvwxy0129@.-"
SQL_WORDS = re.compile(r"\b(SELECT|FROM|WHERE|json_agg|coalesce)\b|psycopg|Traceback|\bt0\b")
EXAMPLES = settings(max_examples=60, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def lab():
    name = pg.clone()
    with running(name) as api:
        rows = [{"email": f"{n}@{d}.example", "role": r, "status": s, "token_hash": f"p{i}",
                 "expires_at": "2027-01-01T00:00:00Z", "accepted_at": None if i % 3 else "2026-12-01T00:00:00Z"}
                for i, (n, d, r, s) in enumerate([
                    ("ada", "lab", "admin", "pending"), ("bob", "lab", "member", "expired"),
                    ("cy", "x-y", "viewer", "pending"), ("dee", "lab", "member", "revoked"),
                    ("eve", "b", "admin", "expired"), ("al", "lab", "viewer", "accepted"),
                    ("a.b", "c", "member", "pending"), ("zed", "lab", "admin", "pending"),
                    ("m-n", "p", "viewer", "expired"), ("w9", "lab", "member", "pending")])]
        assert api.as_("acme").post(TABLE, json=rows).status_code == 201
        everything = api.as_("acme").get(TABLE, params={"select": "email,role,status,accepted_at"}).json()
        yield api, everything
    pg.drop(name)


def _check_refusal(response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400 and response.request.method != "HEAD":
        body = response.json()
        assert set(body) == {"code", "message", "details", "hint"} and body["code"] and body["message"], body
        assert not SQL_WORDS.search(response.text), response.text


# -- valid filters and their meaning in Python ---------------------------------
TEXT_COLUMNS = ("email", "role", "status")
words = st.text(ALPHABET, min_size=0, max_size=6)
known = st.sampled_from(["ada@lab.example", "member", "pending", "admin", "viewer", "expired", "a.b@c.example"])
values = st.one_of(words, known)
patterns = st.text(ALPHABET + "*_", min_size=0, max_size=6)


@st.composite
def filters(draw):
    negate = draw(st.booleans())
    if draw(st.integers(0, 5)) == 0:
        return ("accepted_at", "is", draw(st.sampled_from(["null", "not_null"])), negate)
    column = draw(st.sampled_from(TEXT_COLUMNS))
    op = draw(st.sampled_from(["eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "in"]))
    if op in ("like", "ilike"):
        value = draw(patterns)
    elif op == "in":
        value = tuple(draw(st.lists(values, min_size=1, max_size=3)))
    else:
        value = draw(values)
    return (column, op, value, negate)


def trees(depth: int = 2):
    leaf = filters()
    if depth == 0:
        return leaf
    node = st.tuples(st.sampled_from(["or", "and"]), st.lists(trees(depth - 1), min_size=1, max_size=3),
                     st.booleans())
    return st.one_of(leaf, leaf, node)


def _text(f) -> str:
    column, op, value, negate = f
    rendered = "(" + ",".join(f'"{v}"' for v in value) + ")" if op == "in" else value
    return f"{'not.' if negate else ''}{op}.{rendered}"


def _inner(tree) -> str:
    if len(tree) == 3:
        op, items, negate = tree
        return f"{'not.' if negate else ''}{op}({','.join(_inner(i) for i in items)})"
    return f"{tree[0]}.{_text(tree)}"


def _like(pattern: str, text: str, fold: bool) -> bool:
    regex = "".join(".*" if c in "*%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, text, re.S | (re.I if fold else 0)) is not None


def _holds(tree, row) -> bool | None:
    """SQL's three-valued logic: None is unknown (a comparison with NULL)."""
    if len(tree) == 3:
        op, items, negate = tree
        results = [_holds(i, row) for i in items]
        if op == "or":
            value = True if True in results else (None if None in results else False)
        else:
            value = False if False in results else (None if None in results else True)
        return value if not negate or value is None else not value
    column, op, value, negate = tree
    cell = row[column]
    if op == "is":
        result = (cell is None) == (value == "null")
    elif cell is None:
        return None
    elif op == "in":
        result = cell in value
    elif op in ("like", "ilike"):
        result = _like(value, cell, op == "ilike")
    else:
        result = {"eq": cell == value, "neq": cell != value, "gt": cell > value, "gte": cell >= value,
                  "lt": cell < value, "lte": cell <= value}[op]
    return not result if negate else result


@given(tree=trees(), top=st.sampled_from(["plain", "or", "and"]))
@EXAMPLES
def test_generated_filters_return_exactly_the_rows_that_satisfy_them(lab, tree, top):
    api, everything = lab
    if len(tree) == 3 or top != "plain":
        logic = tree if len(tree) == 3 else (top if top != "plain" else "and", [tree], False)
        key = f"{'not.' if logic[2] else ''}{logic[0]}"
        params = {key: "(" + ",".join(_inner(i) for i in logic[1]) + ")", "select": "email"}
    else:
        logic, params = tree, {tree[0]: _text(tree), "select": "email"}
    response = api.as_("acme").get(TABLE, params=params)
    assert response.status_code == 200, (params, response.text)
    expected = sorted(r["email"] for r in everything if _holds(logic, r) is True)
    assert sorted(r["email"] for r in response.json()) == expected, params


# -- anything at all: never a 5xx, every refusal in the shape, no SQL -----------
junk = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
header_junk = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=30)
names = st.sampled_from(["select", "order", "limit", "offset", "or", "and", "not.or", "email", "role",
                         "accepted_at", "tenants.subdomain", "on_conflict", "columns", "x"])
fragments = st.sampled_from(["eq.", "not.", "in.(", "is.null", "or(", "and(", ")", ",", "*", "::text", "tenants(",
                             "!inner", ".desc", "٣", "²", "\u202e", "\x00", "'", '"', "\\", "%", "like.a*"])
structured = st.lists(st.one_of(fragments, junk), max_size=6).map("".join)
digits = st.text("0123456789٣²１", min_size=1, max_size=4)  # ASCII, Arabic-Indic, superscript, fullwidth


@given(params=st.lists(st.one_of(st.tuples(names, st.one_of(structured, junk)),
                                 st.tuples(st.sampled_from(["limit", "offset", "tenants.limit"]), digits)), max_size=4),
       range_=st.one_of(st.none(), header_junk, st.sampled_from(["0-2", "5-", "3-1", "0-²"])),
       prefer=st.one_of(st.none(), header_junk, st.sampled_from(["count=exact", "return=representation",
                                                                 "count=planned, return=minimal"])),
       method=st.sampled_from(["GET", "HEAD", "DELETE", "PATCH"]))
@EXAMPLES
def test_no_rest_parameter_makes_the_api_fail(lab, params, range_, prefer, method):
    api, _ = lab
    headers = {k: v.encode("latin-1") for k, v in (("Range", range_), ("Prefer", prefer)) if v is not None}
    # Writes are aimed at no row (id.is.null), so whatever the parameters the data stays.
    guard = [("id", "is.null")] if method in ("DELETE", "PATCH") else []
    response = api.as_("acme").request(method, TABLE, params=params + guard, headers=headers,
                                       json={"role": "viewer"} if method == "PATCH" else None)
    _check_refusal(response)


@pytest.fixture(scope="module")
def routes(lab):
    """Every GET of /api/v1 and its query parameters, from the API's own OpenAPI description."""
    api, _ = lab
    paths = api.client.get("http://acme.localhost/openapi.json").json()["paths"]
    found = [(path, [p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"])
             for path, ops in paths.items() if path.startswith("/api/v1/") and "get" in ops
             and not path.endswith("/events")]  # event streams wait for events by design
    assert len(found) >= 8
    return found


@given(data=st.data())
@EXAMPLES
def test_no_api_v1_parameter_makes_the_api_fail(lab, routes, data):
    api, _ = lab
    path, query = data.draw(st.sampled_from(routes))
    filled = re.sub(r"\{[^}]+\}", lambda _: data.draw(st.one_of(st.just(str(uuid.uuid4())), st.text(
        ALPHABET, min_size=1, max_size=8))), path)
    params = {name: data.draw(st.one_of(junk, st.integers(-10**20, 10**20).map(str), st.sampled_from(
        ["", "0", "1", "true", "2026-13-40", "٣", "1e309", "NaN"]))) for name in query if data.draw(st.booleans())}
    _check_refusal(api.as_("acme").get(filled, params=params))
