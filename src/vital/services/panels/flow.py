"""The nodes of the `panel-deliberation` workflow: frame, opening, debate, vote, synthesise.

A round is the members' contributions followed by a vote; round 1 has an
opening (members answer independently) and a debate turn, later rounds a debate
turn only. After each vote the consensus (consensus.py) decides: another round,
or the synthesis. Hybrid panels stop before each later round for the people on
the panel (a LangGraph interrupt; the panel waits until someone continues it).

The offline answerer cannot argue or be persuaded, so for it a documented rule
stands in for persuasion in the debate: a member outside the weighted leading
position whose confidence is below that of the leading side (delphi: below the
panel's median) moves to the leading position; advocates and opponents of an
adversarial debate never move; members without evidence abstain. A generative
model decides its own position every turn.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict

from langgraph.types import interrupt

from vital.services import analytics
from vital.services.grounding import ground
from vital.services.llm import ChatRequest
from vital.services.panels import archetypes, consensus, store
from vital.services.retrieval import Numbering, Passage
from vital.services.text import markers
from vital.services.workflows.context import RunContext, RunState, graph_data
from vital.services.workflows.registry import Registry

SLUG = "panel-deliberation"
EVIDENCE_PER_MEMBER = 4


def register(registry: Registry) -> None:
    registry.graph(SLUG, {"frame": frame, "opening": opening, "debate": debate, "vote": vote,
                          "synthesise": synthesise}, completion=complete)


def _mine(state: RunState) -> dict:
    """The panel's part of the run's state: round, passages (numbered by retrieval.Numbering),
    positions, each member's evidence, frame, outcome, answer."""
    return graph_data(state, SLUG)


def _keep(mine: dict, **changes) -> dict:
    """A state update of the panel's part."""
    return {"data": {SLUG: {**mine, **changes}}}


# -- context -------------------------------------------------------------------
def _panel(ctx: RunContext) -> tuple[dict, list[dict], archetypes.Archetype]:
    if "panel" not in ctx.cache:
        with ctx.tx(read_only=True) as conn:
            panel = store.panel(conn, ctx.run.input["panel_id"])
            members = store.members(conn, panel["id"])
            kind = archetypes.COMMITTEE if panel["kind"] == "committee" else archetypes.load(conn, panel["archetype"])
        ctx.cache["panel"] = (panel, members, kind)
    return ctx.cache["panel"]


def _options(panel: dict) -> list[str]:
    return panel["settings"].get("options") or archetypes.DEFAULT_OPTIONS


def stance_of(position: str | None, options: list[str]) -> str:
    if position is None:
        return "undecided"
    return "support" if position == options[0] else "oppose" if position == options[-1] else "neutral"


def _angle(member: dict) -> str:
    """What a member looks at: its domain and first capabilities (retrieval and quoting follow it)."""
    return " ".join(filter(None, [(member.get("domain") or "").replace("-", " "),
                                  (member.get("subdomain") or "").replace("-", " "),
                                  *(member.get("capabilities") or [])[:3]]))


def _evidence(ctx: RunContext, mine: dict, member: dict) -> tuple[list[Passage], list[dict]]:
    """Passages for one member (its own angle on the question), numbered panel-wide; searched once,
    at the member's first turn, and kept for the debate."""
    panel, _, _ = _panel(ctx)
    numbering = Numbering(mine.get("passages"))
    held = (mine.get("evidence") or {}).get(member["id"])
    if held is not None:
        by_ref = numbering.by_ref()
        return [by_ref[r] for r in held], mine.get("passages") or []
    found = numbering.add(ctx.retrieve(f"{panel['question']} {_angle(member)}", k=EVIDENCE_PER_MEMBER).passages)
    return found, numbering.stored()


def _speak(ctx: RunContext, mine: dict, member: dict, *, context: str = "",
           instructions: str = "") -> tuple[dict, list[dict]]:
    panel, _, _ = _panel(ctx)
    evidence, all_passages = _evidence(ctx, mine, member)
    hint = member["role"] if member["role"] in ("advocate", "opponent") else None
    result = ctx.generate(ChatRequest(
        task="contribute", purpose="panel", question=panel["question"], system=member["system_prompt"],
        agent_name=member["agent_name"], passages=evidence, options=_options(panel), context=context,
        stance_hint=hint, instructions=f"{instructions} Your angle: {_angle(member)}."))
    text, position, confidence = result.text, result.data.get("position"), result.data.get("confidence", 0.0)
    if ctx.model.generative:
        # A model's argument keeps what its evidence supports; with nothing supported the member abstains.
        grounded = ground(text, {p.ref: p for p in evidence}, finish_reason=result.finish_reason)
        text = grounded.text
        if grounded.outcome == "declined":
            position, confidence = None, 0.0
    quoted = [r for r in dict.fromkeys(markers(text)) if r in {p.ref for p in evidence}]
    said = {"position": position, "confidence": confidence,
            "text": text, "refs": quoted or [p.ref for p in evidence], "evidence": [p.ref for p in evidence]}
    return said, all_passages


def _record(ctx: RunContext, member: dict, round_: int, turn: int, said: dict, state_passages: list[dict]) -> None:
    panel, _, _ = _panel(ctx)
    by_ref = {p["ref"]: p for p in state_passages}
    cites = [{k: by_ref[r][k] for k in ("ref", "chunk_tenant_id", "chunk_id", "document_id", "title")}
             | {"quote": by_ref[r]["text"][:300]} for r in said["refs"] if r in by_ref]
    with ctx.tx() as conn:
        store.contribute(conn, panel["id"], member["id"], round_, said["text"], turn=turn,
                         stance=stance_of(said["position"], _options(panel)), confidence=said["confidence"],
                         citations=cites)


# -- nodes ---------------------------------------------------------------------
def frame(ctx: RunContext, node: dict, state: RunState) -> dict:
    """Research phase: the question, the options and the rules the panel will apply."""
    panel, members, kind = _panel(ctx)
    with ctx.tx() as conn:
        store.update(conn, panel["id"], status="running")
    frame_ = {"question": panel["question"], "options": _options(panel), "archetype": kind.slug,
              "threshold": panel["consensus_threshold"], "max_rounds": panel["max_rounds"],
              "members": [m["label"] for m in members]}
    return {"data": {SLUG: {"round": 1, "passages": [], "positions": {}, "frame": frame_}}, "step_output": frame_}


def opening(ctx: RunContext, node: dict, state: RunState) -> dict:
    """Every agent states a position from its own evidence, without seeing the others."""
    panel, members, kind = _panel(ctx)
    mine = _mine(state)
    positions = dict(mine["positions"])
    passages = mine.get("passages") or []
    for member in archetypes.speaking_order(kind, members, 1):
        said, passages = _speak(ctx, {**mine, "passages": passages}, member,
                                instructions="Opening statement: state your position and your evidence.")
        _record(ctx, member, 1, 1, said, passages)
        positions[member["id"]] = said
    evidence = {mid: said["evidence"] for mid, said in positions.items()}
    return {**_keep(mine, passages=passages, positions=positions, evidence=evidence),
            "step_output": {"round": 1, "contributions": len(positions)}}


def debate(ctx: RunContext, node: dict, state: RunState) -> dict:
    """Members answer the strongest opposing argument (delphi: the distribution, anonymously)."""
    panel, members, kind = _panel(ctx)
    panel_state = _mine(state)
    round_ = panel_state["round"]
    humans = [m for m in members if m["user_id"]]
    if kind.allows_humans and humans and round_ > 1:
        interrupt({"kind": "human_turn", "panel_id": panel["id"], "round": round_, "options": ["continue"],
                   "question": f"Round {round_}: people on the panel may add contributions, then continue."})
    turn = 2 if round_ == 1 else 1
    positions = dict(panel_state["positions"])
    people = _human_contributions(ctx, panel["id"], round_)
    passages = panel_state.get("passages") or []
    for member in archetypes.speaking_order(kind, members, round_):
        mine = positions.get(member["id"], {})
        rival = _strongest_rival(members, positions, mine.get("position"))
        context = _debate_context(kind, members, positions, rival, people, round_)
        said, passages = _speak(ctx, {**panel_state, "passages": passages}, member, context=context,
                                instructions=f"Round {round_}: answer the strongest opposing argument.")
        if not ctx.model.generative:
            said = _persuasion(kind, member, mine, said, positions, members)
        _record(ctx, member, round_, turn, said, passages)
        positions[member["id"]] = said
    return {**_keep(panel_state, passages=passages, positions=positions),
            "step_output": {"round": round_, "contributions": len(positions), "human_contributions": len(people)}}


def vote(ctx: RunContext, node: dict, state: RunState) -> dict:
    """Weighted vote of the round, consensus against the threshold, the round's synthesis."""
    panel, members, kind = _panel(ctx)
    mine = _mine(state)
    round_ = mine["round"]
    positions = mine["positions"]
    with ctx.tx() as conn:
        for member in members:
            said = positions.get(member["id"]) if member["agent_id"] else None
            store.vote(conn, panel["id"], member["id"], round_, (said or {}).get("position"), member["weight"],
                       (said or {}).get("confidence"), ((said or {}).get("text") or "")[:500] or None)
        cast = store.votes(conn, panel["id"], round_)
        outcome = tally(panel, members, cast)
        store.synthesis(conn, panel["id"], round_, outcome, recommendation_line(outcome, round_))
        store.update(conn, panel["id"], current_round=round_, consensus_level=outcome.level)
    finished = (outcome.reached and outcome.quorum) or round_ >= panel["max_rounds"]
    ctx.records.event("message", {"round": round_, "consensus": outcome.level, "threshold": outcome.threshold,
                                  "leader": outcome.leader, "strength": outcome.strength})
    return {"route": "threshold_met_or_rounds_exhausted" if finished else "below_threshold_rounds_left",
            **_keep(mine, round=round_ + 1, outcome=asdict(outcome)),
            "step_output": {"round": round_, "consensus": outcome.level, "leader": outcome.leader,
                            "strength": outcome.strength, "reached": outcome.reached}}


def synthesise(ctx: RunContext, node: dict, state: RunState) -> dict:
    panel, members, _ = _panel(ctx)
    mine = _mine(state)
    outcome = consensus.Outcome(**mine["outcome"])
    text = report_text(panel, members, outcome, mine["positions"], mine["round"] - 1)
    with ctx.tx() as conn:
        store.synthesis(conn, panel["id"], mine["round"] - 1, outcome, text)
    return {**_keep(mine, answer=text), "step_output": {"recommendation": outcome.leader, "strength": outcome.strength}}


def complete(ctx: RunContext, conn, state: RunState, outcome_name: str) -> dict:
    panel, _, _ = _panel(ctx)
    store.lock(conn, panel["id"])
    store.update(conn, panel["id"], status="completed" if outcome_name == "succeeded" else "cancelled")
    mine = _mine(state)
    outcome = mine.get("outcome") or {}
    analytics.event(conn, "panel.consensus_reached" if outcome.get("reached") else "panel.completed",
                    "panel_sessions", panel["id"], kind=panel["kind"], archetype=panel["archetype"],
                    consensus=outcome.get("level"), strength=outcome.get("strength"))
    return {"recommendation": outcome.get("leader"), "strength": outcome.get("strength"),
            "consensus_level": outcome.get("level"), "rounds": mine.get("round", 1) - 1}


# -- rules -----------------------------------------------------------------------
def tally(panel: dict, members: list[dict], votes: list[dict]) -> consensus.Outcome:
    roles = {m["id"]: m["role"] for m in members}
    ballots = [consensus.Ballot(v["member_id"], v["position"], v["weight"], roles.get(v["member_id"]) == "chair",
                                (v["rationale"] or "")[:300]) for v in votes]
    return consensus.tally(ballots, panel["consensus_threshold"], committee=panel["kind"] == "committee")


def _strongest_rival(members: list[dict], positions: dict, mine: str | None) -> dict | None:
    rivals = [(p.get("confidence") or 0, m["id"]) for m in members
              if (p := positions.get(m["id"])) and p.get("position") and p.get("position") != mine]
    return positions[max(rivals)[1]] if rivals else None


def _debate_context(kind, members, positions, rival, people, round_) -> str:
    if kind.anonymous:
        counts: dict[str, int] = {}
        for p in positions.values():
            counts[p.get("position") or "abstain"] = counts.get(p.get("position") or "abstain", 0) + 1
        confidences = [p.get("confidence") or 0 for p in positions.values()]
        return (f"Round {round_ - 1 if round_ > 1 else 1} distribution (anonymous): {counts}; "
                f"median confidence {statistics.median(confidences) if confidences else 0:.2f}.")
    parts = []
    if kind.speaking_order == "question_led":
        parts.append("Moderator: what assumption does your position rest on, and what evidence would change it?")
    if rival:
        parts.append(f"Strongest opposing argument: {rival['text'][:800]}")
    parts += [f"{name} (panel participant): {text}" for name, text in people]
    return "\n".join(parts)


def _persuasion(kind, member: dict, before: dict, said: dict, positions: dict, members: list[dict]) -> dict:
    """The offline stand-in for being persuaded (see the module's docstring)."""
    held = (before or {}).get("position")
    position = held or said["position"]  # a member without evidence before may have found some now
    confidence = before.get("confidence", said["confidence"]) if held else said["confidence"]
    voters = {m["id"]: m for m in members}
    ballots = [consensus.Ballot(mid, p.get("position"), voters[mid]["weight"]) for mid, p in positions.items()
               if mid in voters]
    leader = consensus.tally(ballots, 1.0).leader
    moved = False
    if position and leader and position != leader and member["role"] not in ("advocate", "opponent"):
        if kind.anonymous:
            bar = statistics.median([p.get("confidence") or 0 for p in positions.values()] or [0])
        else:
            backing = [p.get("confidence") or 0 for p in positions.values() if p.get("position") == leader]
            bar = sum(backing) / len(backing) if backing else 1.0
        if confidence < bar:
            position, moved = leader, True
    body = said["text"].rsplit(" Position:", 1)[0]
    verb = "Revised position" if moved else "Position maintained"
    text = f"{body} {verb}: {position}." if position else body
    return {**said, "position": position, "confidence": confidence, "text": text}


def _human_contributions(ctx: RunContext, panel_id: str, round_: int) -> list[tuple[str, str]]:
    _, members, _ = _panel(ctx)
    names = {m["id"]: m["label"] for m in members if m["user_id"]}
    with ctx.tx(read_only=True) as conn:
        return [(names[c["member_id"]], c["content"]) for c in store.contributions(conn, panel_id)
                if c["round"] == round_ and c["member_id"] in names]


def recommendation_line(outcome: consensus.Outcome, round_: int) -> str:
    if outcome.leader is None:
        return f"Round {round_}: no recommendation ({'tie' if outcome.tie else 'no votes cast'})."
    return (f"Round {round_}: {outcome.leader} ({outcome.strength}; consensus {outcome.level:.3f}, "
            f"threshold {outcome.threshold:.2f}).")


def report_text(panel: dict, members: list[dict], outcome: consensus.Outcome, positions: dict, rounds: int) -> str:
    names = {m["id"]: m["label"] for m in members}
    lines = [f"Question: {panel['question']}"]
    if outcome.leader:
        lines.append(f"Recommendation: {outcome.leader} — {outcome.strength} "
                     f"(consensus {outcome.level:.3f} against a threshold of {outcome.threshold:.2f}, "
                     f"after {rounds} round(s){'' if outcome.quorum else ', without quorum'}).")
        support = [positions[m["id"]]["text"] for m in members
                   if positions.get(m["id"], {}).get("position") == outcome.leader][:3]
        lines += ["Supporting arguments:", *(f"- {s}" for s in support)]
    else:
        lines.append(f"No recommendation: {'the vote is tied' if outcome.tie else 'no votes were cast'} "
                     f"after {rounds} round(s).")
    lines.append("Tally: " + ", ".join(f"{k} {v:g}" for k, v in outcome.tally.items()))
    if outcome.dissent:
        lines.append("Dissent:")
        lines += [f"- {names.get(d['member_id'], d['member_id'])} ({d['position']}): {d['reason'][:300]}"
                  for d in outcome.dissent]
    else:
        lines.append("Dissent: none.")
    return "\n".join(lines)
