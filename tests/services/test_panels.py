"""Ask Panel in each archetype and Ask Committee through the API: rounds, votes, consensus, dissent."""

from __future__ import annotations

import pytest

from tests import pg
from tests.services.conftest import agent_id

DCT = "Should we use decentralised trial elements such as home nursing visits in the phase III study?"
ARCHETYPES = {"structured": (0.70, 3), "open": (0.60, 2), "socratic": (0.65, 4), "adversarial": (0.50, 3),
              "delphi": (0.75, 3), "hybrid": (0.70, 3)}
AGENTS = ["clinical-protocol-designer", "clinical-research-coordinator", "biostatistician", "clinical-safety-monitor",
          "project-manager"]


def agents(db: str, n: int) -> list[str]:
    return [agent_id(db, "acme", slug) for slug in AGENTS[:n]]


@pytest.mark.parametrize("archetype", list(ARCHETYPES))
def test_each_archetype_deliberates_and_stores_a_cited_result(sapi, services_db, chunks, archetype):
    db = services_db[0]
    r = sapi.as_("acme").post("/api/v1/panels", json={"question": DCT, "archetype": archetype,
                                                      "agents": agents(db, 5)})
    assert r.status_code == 201, r.text
    panel = r.json()
    threshold, rounds = ARCHETYPES[archetype]
    assert panel["consensus_threshold"] == threshold and panel["max_rounds"] == rounds
    assert panel["status"] == "completed" and 1 <= panel["current_round"] <= rounds
    assert len(panel["members"]) == 5 and len(panel["syntheses"]) == panel["current_round"]
    # every agent spoke in every round, with citations of retrieved passages
    for round_ in range(1, panel["current_round"] + 1):
        speakers = {c["member_id"] for c in panel["contributions"] if c["round"] == round_}
        assert len(speakers) == 5
        assert len([v for v in panel["votes"] if v["round"] == round_]) == 5
    cited = {c["chunk_id"] for contribution in panel["contributions"] for c in contribution["citations"]}
    assert cited & set(chunks["acme"]["Decentralised trial elements"])
    last = panel["syntheses"][-1]
    assert last["reached"] == (last["consensus_level"] >= threshold)
    assert last["recommendation"].startswith("Question:") and "Tally:" in last["recommendation"]
    if not last["reached"]:
        assert panel["current_round"] == rounds  # it kept deliberating until the rounds ran out
    report = sapi.as_("acme").get(f"/api/v1/panels/{panel['id']}/report").json()
    assert report["consensus_level"] == last["consensus_level"] and report["threshold"] == threshold
    assert [p["phase"] for p in report["phases"]][:2] == ["research", "discussion"]


def test_adversarial_keeps_sides_and_dissent(sapi, services_db):
    db = services_db[0]
    ids = agents(db, 4)
    r = sapi.as_("acme").post("/api/v1/panels", json={
        "question": DCT, "archetype": "adversarial", "agents": ids,
        "roles": {ids[0]: "advocate", ids[1]: "opponent"}})
    panel = r.json()
    roles = {m["agent_id"]: m["role"] for m in panel["members"]}
    assert roles[ids[0]] == "advocate" and roles[ids[1]] == "opponent"
    member = {m["agent_id"]: m["id"] for m in panel["members"]}
    for vote in panel["votes"]:
        if vote["member_id"] == member[ids[0]]:
            assert vote["position"] == "support"
        if vote["member_id"] == member[ids[1]]:
            assert vote["position"] == "oppose"
    report = sapi.as_("acme").get(f"/api/v1/panels/{panel['id']}/report").json()
    assert any(d["member_id"] == member[ids[1]] for d in report["dissent"]) or report["recommendation"] == "oppose"


def test_speaking_order_of_open_panels_rotates(sapi, services_db):
    panel = sapi.as_("acme").post("/api/v1/panels", json={
        "question": DCT, "archetype": "open", "agents": agents(services_db[0], 3),
        "options": ["support", "oppose"], "rounds": 2}).json()
    order = {}
    for c in sorted(panel["contributions"], key=lambda c: c["created_at"]):
        order.setdefault((c["round"], c["turn"]), []).append(c["member_id"])
    if (2, 1) in order:
        assert order[(2, 1)] == order[(1, 1)][1:] + order[(1, 1)][:1]


def test_hybrid_panel_waits_for_people_and_counts_their_votes(sapi, services_db):
    db = services_db[0]
    acme = sapi.as_("acme")
    me = str(sapi.tenants["acme"].user_id)
    r = acme.post("/api/v1/panels", json={"question": DCT, "archetype": "hybrid", "agents": agents(db, 3),
                                          "humans": [me], "options": ["support", "oppose"]})
    panel = r.json()
    if panel["status"] == "completed":  # consensus in round 1: nothing to wait for
        assert panel["current_round"] == 1
        return
    assert panel["status"] == "waiting_approval" and panel["current_round"] == 1
    r = acme.post(f"/api/v1/panels/{panel['id']}/contributions",
                  json={"content": "Our sites report that home nursing halves drop-out.", "position": "oppose"})
    assert r.status_code == 201, r.text
    panel = acme.post(f"/api/v1/panels/{panel['id']}/continue").json()
    human = next(m["id"] for m in panel["members"] if m["user_id"] == me)
    mine = [v for v in panel["votes"] if v["member_id"] == human]
    assert mine[0] == {**mine[0], "round": 1, "position": None, "abstain": True}
    assert mine[1]["round"] == 2 and mine[1]["position"] == "oppose"
    agent_turns = [c for c in panel["contributions"] if c["round"] == 2 and c["member_id"] != human]
    assert agent_turns, "the agents speak again in round 2, after the person's turn"


def test_people_cannot_join_other_archetypes(sapi, services_db):
    r = sapi.as_("acme").post("/api/v1/panels", json={
        "question": DCT, "archetype": "structured", "agents": agents(services_db[0], 3),
        "humans": [str(sapi.tenants["acme"].user_id)]})
    assert r.status_code == 400


def test_committee_has_a_chair_counting_double_and_a_report_with_dissent(sapi, services_db):
    db = services_db[0]
    ids = agents(db, 5)
    r = sapi.as_("acme").post("/api/v1/panels", json={"question": DCT, "kind": "committee", "agents": ids,
                                                      "chair": ids[2]})
    assert r.status_code == 201, r.text
    panel = r.json()
    assert panel["kind"] == "committee" and panel["consensus_threshold"] == 0.75 and panel["archetype"] is None
    chair = next(m for m in panel["members"] if m["role"] == "chair")
    assert chair["agent_id"] == ids[2]
    # the chair speaks last in each discussion turn
    first_turn = [c["member_id"] for c in sorted(panel["contributions"], key=lambda c: c["created_at"])
                  if c["round"] == 1 and c["turn"] == 1]
    assert first_turn[-1] == chair["id"]
    report = sapi.as_("acme").get(f"/api/v1/panels/{panel['id']}/report").json()
    assert report["chair"] == chair["label"]
    votes = [v for v in panel["votes"] if v["round"] == report["rounds"]]
    weights: dict = {}
    for v in votes:
        if v["position"]:
            weights[v["position"]] = weights.get(v["position"], 0) + (2 if v["member_id"] == chair["id"] else 1)
    assert {k: v for k, v in report["tally"].items() if k != "abstain"} == weights
    assert report["strength"] == ("strong" if report["consensus_level"] >= 0.75 and report["quorum"]
                                  else report["strength"])
    dissenters = {d["member_id"] for d in report["dissent"]}
    assert dissenters == {v["member_id"] for v in votes if v["position"] != report["recommendation"]}
    assert [p["phase"] for p in report["phases"]] == ["research", "discussion", "discussion", "vote"] + \
        ["discussion", "vote"] * (report["rounds"] - 1) + ["synthesis"]


def test_system_picks_the_members(sapi):
    r = sapi.as_("acme").post("/api/v1/panels", json={
        "question": "How do we prepare for a GMP inspection and close our CAPA backlog?", "archetype": "structured",
        "size": 3})
    panel = r.json()
    assert len(panel["members"]) == 3
    assert "quality-systems-architect" in [m["agent_slug"] for m in panel["members"]]
    assert panel["settings"]["selection"][0]["slug"] == panel["members"][0]["agent_slug"]


@pytest.mark.parametrize("body", [
    {"question": DCT, "archetype": "structured", "agents": []},                 # system picks... with size 1
    {"question": DCT, "archetype": "delphi", "size": 3},                          # delphi needs 5
    {"question": DCT},                                                            # a panel needs an archetype
    {"question": DCT, "archetype": "no-such-archetype", "size": 3},
])
def test_bad_panels(sapi, body):
    if body.get("agents") == []:
        body = {**body, "agents": None, "size": 1}
    r = sapi.as_("acme").post("/api/v1/panels", json=body)
    assert r.status_code in (400, 404, 422), r.text


def test_too_many_agents(sapi, services_db):
    with pg.connect(services_db[0]) as conn:
        ids = [str(r[0]) for r in conn.execute("SELECT id FROM agents WHERE tenant_id = vital.platform_tenant_id() "
                                               "AND status = 'active' LIMIT 13")]
    r = sapi.as_("acme").post("/api/v1/panels", json={"question": DCT, "archetype": "delphi", "agents": ids})
    assert r.status_code == 400 and "2 to 12" in r.json()["message"] or "5 to 12" in r.json()["message"]
