"""The PostgREST grammar, parsed without a database."""

from __future__ import annotations

import pytest

from vital.api.errors import ParseError, RangeNotSatisfiable
from vital.api.rest.params import (
    Embed,
    Field,
    Filter,
    Limits,
    Logic,
    Order,
    parse_filter,
    parse_logic,
    parse_order,
    parse_prefer,
    parse_query,
    parse_range,
    parse_select,
)


@pytest.mark.parametrize("expression, expected", [
    ("eq.5", Filter("c", "eq", "5")),
    ("neq.a.b", Filter("c", "neq", "a.b")),
    ("not.gt.5", Filter("c", "gt", "5", negate=True)),
    ("gte.2026-01-01", Filter("c", "gte", "2026-01-01")),
    ("lt.0", Filter("c", "lt", "0")),
    ("lte.-1", Filter("c", "lte", "-1")),
    ("like.*ab*", Filter("c", "like", "%ab%")),
    ("ilike.A*", Filter("c", "ilike", "A%")),
    ("in.(a,b,\"c,d\")", Filter("c", "in", ("a", "b", "c,d"))),
    ("in.()", Filter("c", "in", ())),
    ("is.null", Filter("c", "is", "null")),
    ("is.NOT_NULL", Filter("c", "is", "not_null")),
    ("not.is.true", Filter("c", "is", "true", negate=True)),
    ("cs.{a,b}", Filter("c", "cs", "{a,b}")),
    ("cd.{a}", Filter("c", "cd", "{a}")),
    ("ov.{x}", Filter("c", "ov", "{x}")),
    ('eq."a,b"', Filter("c", "eq", "a,b")),
    ("eq.", Filter("c", "eq", "")),
    ("like(any).{a*,b*}", Filter("c", "like", ("a%", "b%"), modifier="any")),
    ("fts(english).cat", Filter("c", "fts", "cat", modifier="english")),
    ("isdistinct.x", Filter("c", "isdistinct", "x")),
])
def test_filters(expression, expected):
    assert parse_filter("c", expression) == expected


@pytest.mark.parametrize("expression", [
    "eq5", "equals.5", "5", "", "not.5", "in.a,b", "in.(a,b", "is.maybe", "like(some).x", "eq(any).x", "gt(any).{a",
])
def test_malformed_filters_are_refused_with_what_was_expected(expression):
    with pytest.raises(ParseError) as caught:
        parse_filter("c", expression)
    assert caught.value.message


def test_logic_trees_nest():
    tree = parse_logic("or", "(a.eq.1,b.in.(1,2),and(c.is.null,d.not.lt.3),not.or(e.eq.x,f.eq.y))")
    assert tree == Logic("or", (
        Filter("a", "eq", "1"),
        Filter("b", "in", ("1", "2")),
        Logic("and", (Filter("c", "is", "null"), Filter("d", "lt", "3", negate=True))),
        Logic("or", (Filter("e", "eq", "x"), Filter("f", "eq", "y")), negate=True),
    ))


@pytest.mark.parametrize("text", ["a.eq.1", "(a.eq.1", "()", "(a)", "(a.eq.1,(b.eq.2)"])
def test_malformed_logic_is_refused(text):
    with pytest.raises(ParseError):
        parse_logic("or", text)


def test_select_with_aliases_casts_and_embeds():
    assert parse_select("id, label:name, n::text, agent_tools(*), p:personas!persona_id(name), "
                        "tools!inner(slug)") == (
        Field("id"), Field("name", "label"), Field("n", cast="text"),
        Embed("agent_tools", fields=(Field("*"),)),
        Embed("personas", "p", "persona_id", False, (Field("name"),)),
        Embed("tools", inner=True, fields=(Field("slug"),)),
    )


@pytest.mark.parametrize("text", ["", "a,,b", "a b", "x::regclass", "1col", "rel(a", "*:x", "a!b!c(x)"])
def test_malformed_select_is_refused(text):
    with pytest.raises(ParseError):
        parse_select(text)


def test_a_kept_select_still_meets_each_limit_and_a_refusal_is_not_kept():
    """select= and order= parses are kept per text (params._cached): the limits are part of the key."""
    assert parse_select("id,name,slug") == (Field("id"), Field("name"), Field("slug"))
    with pytest.raises(ParseError, match="more than 2 selected columns"):
        parse_select("id,name,slug", Limits(columns=2))
    for _ in range(2):  # refused each time, not remembered as parsed
        with pytest.raises(ParseError):
            parse_select("id,,slug")
    long = ",".join(f"column_{i:03}" for i in range(100))  # over 1 KB: parsed each time, never kept
    assert len(long) > 1024 and parse_select(long) == tuple(Field(f"column_{i:03}") for i in range(100))
    assert parse_select(long) is not parse_select(long)


def test_order():
    assert parse_order("a.desc.nullslast,b,c.asc.nullsfirst") == (
        Order("a", True, "last"), Order("b"), Order("c", False, "first"))
    with pytest.raises(ParseError):
        parse_order("a.sideways")


def test_query_string_routes_each_key():
    q = parse_query([("select", "id,agent_tools(*)"), ("name", "eq.x"), ("name", "neq.y"), ("order", "name.desc"),
                     ("limit", "5"), ("offset", "10"), ("agent_tools.tool_id", "eq.t"), ("agent_tools.limit", "2"),
                     ("not.or", "(a.eq.1,b.eq.2)"), ("agent_tools.order", "rank")])
    assert q.where[()] == [Filter("name", "eq", "x"), Filter("name", "neq", "y"),
                           Logic("or", (Filter("a", "eq", "1"), Filter("b", "eq", "2")), negate=True)]
    assert q.where[("agent_tools",)] == [Filter("tool_id", "eq", "t")]
    assert (q.limit, q.offset) == ({(): 5, ("agent_tools",): 2}, {(): 10})
    assert q.order == {(): (Order("name", True),), ("agent_tools",): (Order("rank"),)}


@pytest.mark.parametrize("key, value", [("limit", "-1"), ("offset", "x"), ("na me", "eq.1"), ("a;b", "eq.1"),
                                        ("a.b c", "eq.1"), ("on_conflict", "a,,b")])
def test_bad_keys_and_numbers_are_refused(key, value):
    with pytest.raises(ParseError):
        parse_query([(key, value)])


def test_clients_may_quote_names():
    q = parse_query([("columns", '"email","token_hash"'), ("on_conflict", '"tenant_id","slug"')])
    assert (q.columns, q.on_conflict) == (("email", "token_hash"), ("tenant_id", "slug"))


def test_prefer():
    p = parse_prefer(["return=representation, count=exact", "resolution=merge-duplicates"])
    assert (p.return_, p.count, p.resolution) == ("representation", "exact", "merge-duplicates")
    assert parse_prefer([]).return_ == "minimal"
    with pytest.raises(ParseError):
        parse_prefer(["return=everything"])


def test_range():
    assert parse_range("0-9") == (0, 9)
    assert parse_range("items=10-") == (10, None)
    assert parse_range(None) is None
    for bad in ("9-0", "a-b", "-5"):
        with pytest.raises(RangeNotSatisfiable):
            parse_range(bad)
