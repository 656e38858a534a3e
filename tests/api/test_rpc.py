"""`/rest/v1/rpc/<function>` in process: which functions exist for whom, how arguments arrive
(JSON body, query string, a single json object), how results are shaped, and PostgREST's errors."""

from __future__ import annotations

import time

import pytest

from tests import pg
from vital.schema.migrator import Migrator


@pytest.fixture(scope="module")
def jtbd(api):
    with pg.connect(api.database) as conn:
        return str(conn.execute("SELECT j.id FROM jtbds j JOIN jtbd_desired_outcomes o ON o.jtbd_id = j.id "
                                "ORDER BY j.id LIMIT 1").fetchone()[0])


def test_table_results_take_select_filters_and_order(api, jtbd):
    acme = api.as_("acme")
    r = acme.post("/rest/v1/rpc/opportunity_landscape", json={"jtbd_id": jtbd})
    assert r.status_code == 200, r.text
    rows = r.json()
    assert rows and [x["opportunity_rank"] for x in rows] == sorted(x["opportunity_rank"] for x in rows)
    for x in rows:
        assert x["opportunity_score"] == round(x["importance"] + max(x["importance"] - x["satisfaction"], 0), 1)
        band = ("extreme" if x["opportunity_score"] >= 15 else "high" if x["opportunity_score"] >= 12 else
                "moderate" if x["opportunity_score"] >= 10 else "table_stakes")
        assert x["opportunity_band"] == band
    high = acme.get(f"/rest/v1/rpc/opportunity_landscape?jtbd_id={jtbd}&select=score:opportunity_score,"
                    "opportunity_band&opportunity_band=in.(extreme,high)&order=opportunity_score.asc")
    assert high.status_code == 200, high.text
    assert high.json() and all(set(x) == {"score", "opportunity_band"} for x in high.json())
    assert [x["score"] for x in high.json()] == sorted(x["score"] for x in high.json())
    assert {x["opportunity_band"] for x in high.json()} <= {"extreme", "high"}


def test_unknown_functions_and_arguments_are_pgrst202_with_a_hint(api, jtbd):
    acme = api.as_("acme")
    typo = acme.post("/rest/v1/rpc/match_document", json={"query_embedding": [0.1] * 3})
    assert typo.status_code == 404 and typo.json()["code"] == "PGRST202"
    assert typo.json()["hint"] == "Perhaps you meant to call the function public.match_documents"
    wrong = acme.post("/rest/v1/rpc/opportunity_landscape", json={"jtbd": jtbd})
    assert wrong.status_code == 404 and wrong.json()["code"] == "PGRST202"
    assert "opportunity_landscape(jtbd_id => uuid)" in wrong.json()["hint"]
    # Functions nobody may execute through the API (vital.*, trigger functions) do not exist here.
    assert acme.post("/rest/v1/rpc/set_updated_at", json={}).json()["code"] == "PGRST202"
    # single-object needs a function of one json argument
    single = acme.post("/rest/v1/rpc/opportunity_landscape", json={"jtbd_id": jtbd},
                       headers={"Prefer": "params=single-object"})
    assert single.status_code == 404 and single.json()["code"] == "PGRST202"


def test_volatile_functions_refuse_get_and_bad_values_are_4xx(api, jtbd):
    acme = api.as_("acme")
    volatile = acme.get(f"/rest/v1/rpc/jtbd_outcome_apply_odi_scores?p_outcome_id={jtbd}")
    assert volatile.status_code == 405 and "POST" in volatile.json()["message"]
    bad = acme.post("/rest/v1/rpc/opportunity_landscape", json={"jtbd_id": "not-a-uuid"})
    assert bad.status_code == 400 and bad.json()["code"] == "22P02"
    not_object = acme.post("/rest/v1/rpc/opportunity_landscape", json=[jtbd])
    assert not_object.status_code == 400 and not_object.json()["code"] == "PGRST102"
    # OUT arguments are the columns of a set of records
    scores = acme.get(f"/rest/v1/rpc/jtbd_outcome_odi_scores?p_outcome_id={jtbd}&select=respondents")
    assert scores.status_code == 200 and scores.json() == [{"respondents": 0}]
    unknown = acme.get(f"/rest/v1/rpc/opportunity_landscape?jtbd_id={jtbd}&nope=eq.1")
    assert unknown.status_code == 400 and unknown.json()["code"] == "42703"


def test_notify_reloads_the_schema_cache_and_scalars_are_shaped_as_postgrest(fresh_api):
    """A function created after start-up is served once `NOTIFY pgrst, 'reload schema'` arrives; a scalar
    comes back as its JSON value, a set of scalars as an array, void as 204; a single json argument takes
    the whole body (Prefer: params=single-object). A read built before the reload (kept by the
    builder) is built anew: `select=*` names the column added since."""
    acme = fresh_api.as_("acme")
    assert acme.post("/rest/v1/rpc/key_count", json={"a": 1}).status_code == 404
    assert "nickname" not in acme.get("/rest/v1/agents?select=*&limit=1").json()[0]
    with pg.connect(fresh_api.database, autocommit=True) as conn:
        conn.execute("""
          CREATE FUNCTION public.key_count(body jsonb) RETURNS integer LANGUAGE sql IMMUTABLE
            SET search_path = '' AS $$ SELECT count(*)::integer FROM jsonb_object_keys(body) $$;
          CREATE FUNCTION public.my_subdomains() RETURNS SETOF text LANGUAGE sql STABLE
            SET search_path = '' AS $$ SELECT subdomain FROM public.tenants ORDER BY 1 $$;
          CREATE FUNCTION public.nothing() RETURNS void LANGUAGE sql VOLATILE SET search_path = '' AS $$ $$;
          CREATE FUNCTION public.how_many(VARIADIC xs text[]) RETURNS integer LANGUAGE sql IMMUTABLE
            SET search_path = '' AS $$ SELECT cardinality(xs) $$;
          REVOKE ALL ON FUNCTION public.key_count(jsonb), public.my_subdomains(), public.nothing(),
            public.how_many(text[]) FROM PUBLIC;
          GRANT EXECUTE ON FUNCTION public.key_count(jsonb), public.my_subdomains(), public.nothing(),
            public.how_many(text[]) TO authenticated;
          ALTER TABLE public.agents ADD COLUMN nickname text;
          NOTIFY pgrst, 'reload schema';""")
    deadline = time.monotonic() + 10
    while (r := acme.post("/rest/v1/rpc/key_count", json={"a": 1, "b": 2},
                          headers={"Prefer": "params=single-object"})).status_code == 404:
        assert time.monotonic() < deadline, "the schema cache was not reloaded"
        time.sleep(0.1)
    assert r.status_code == 200 and r.json() == 2
    assert acme.get("/rest/v1/agents?select=*&limit=1").json()[0]["nickname"] is None
    assert acme.get("/rest/v1/rpc/my_subdomains").json() == ["acme", "platform"]  # RLS inside the function
    assert fresh_api.as_("pharmaco").get("/rest/v1/rpc/my_subdomains").json() == ["pharmaco", "platform"]
    assert acme.post("/rest/v1/rpc/nothing").status_code == 204
    assert acme.get("/rest/v1/rpc/how_many?xs=a&xs=b").json() == 2  # repeated: an array
    assert acme.post("/rest/v1/rpc/how_many", json={"xs": ["a", "b", "c"]}).json() == 3


def test_vital_db_up_and_down_tell_the_api_to_reload(fresh_db):
    """The migrator sends PostgREST's `NOTIFY pgrst, 'reload schema'` after it changes the schema."""
    with pg.connect(fresh_db, autocommit=True) as listener, pg.connect(fresh_db, autocommit=True) as conn:
        listener.execute("LISTEN pgrst")
        with Migrator(conn, pg.migrations()) as migrator:
            assert [m.name for m in migrator.down(steps=1)] and migrator.up()
            assert migrator.up() == []  # nothing pending: nothing sent
        payloads = [n.payload for n in listener.notifies(timeout=1, stop_after=3)]
    assert payloads == ["reload schema", "reload schema"]


def test_copy_job_to_tenant_copies_a_job_with_its_outcomes_or_nothing(fresh_api):
    """One call, one transaction: the copy and its outcomes, or (refused half-way, after the job's
    row was written) no row at all, not even a soft-deleted one."""
    with pg.connect(fresh_api.database) as conn:
        acme = conn.execute("SELECT id FROM tenants WHERE subdomain = 'acme'").fetchone()[0]
        first, second = [r[0] for r in conn.execute(
            "SELECT j.id FROM jtbds j WHERE j.tenant_id = vital.platform_tenant_id() AND j.deleted_at IS NULL"
            " AND (SELECT count(*) FROM jtbd_desired_outcomes o WHERE o.tenant_id = j.tenant_id"
            "      AND o.jtbd_id = j.id) >= 2"
            " AND NOT EXISTS (SELECT FROM jtbds f WHERE f.tenant_id = %s AND f.forked_from_id = j.id)"
            " ORDER BY j.slug LIMIT 2", (acme,))]
    client = fresh_api.as_("acme")

    copied = client.post("/rest/v1/rpc/copy_job_to_tenant", json={"job_id": str(first)})
    assert copied.status_code == 200, copied.text
    mine = client.get(f"/rest/v1/jtbds?id=eq.{copied.json()}&select=tenant_id,forked_from_id,title,"
                      "jtbd_desired_outcomes(outcome_statement,importance_score)").json()[0]
    theirs = client.get(f"/rest/v1/jtbds?id=eq.{first}&select=title,"
                        "jtbd_desired_outcomes(outcome_statement,importance_score)").json()[0]
    assert mine["tenant_id"] == str(acme) and mine["forked_from_id"] == str(first)
    assert mine["title"] == theirs["title"] and len(theirs["jtbd_desired_outcomes"]) >= 2
    assert sorted(map(str, mine["jtbd_desired_outcomes"])) == sorted(map(str, theirs["jtbd_desired_outcomes"]))

    again = client.post("/rest/v1/rpc/copy_job_to_tenant", json={"job_id": str(first)})
    assert again.status_code == 409 and "already has a copy" in again.json()["hint"]
    nowhere = client.post("/rest/v1/rpc/copy_job_to_tenant", json={"job_id": "00000000-0000-0000-0000-000000000001"})
    assert nowhere.status_code == 200 and nowhere.json() is None

    # Half-way: the job's row goes in, then the database refuses acme's outcomes.
    count = "SELECT count(*) FROM jtbds WHERE tenant_id = %s"  # soft-deleted rows included
    with pg.connect(fresh_api.database, autocommit=True) as conn:
        before = conn.execute(count, (acme,)).fetchone()[0]
        conn.execute(f"ALTER TABLE jtbd_desired_outcomes ADD CONSTRAINT no_acme_outcomes"
                     f" CHECK (tenant_id <> '{acme}') NOT VALID")
    refused = client.post("/rest/v1/rpc/copy_job_to_tenant", json={"job_id": str(second)})
    assert refused.status_code == 400 and "no_acme_outcomes" in refused.json()["details"], refused.text
    with pg.connect(fresh_api.database) as conn:
        assert conn.execute(count, (acme,)).fetchone()[0] == before
