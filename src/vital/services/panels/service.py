"""Ask Panel and Ask Committee: convene, run, let people contribute (hybrid), report.

A panel is 2-12 agents (named, or picked by the system for the question) with an
archetype; a committee is a panel of kind `committee` with a chair whose vote
counts double and a 0.75 threshold for a strong recommendation. Both run as the
`panel-deliberation` workflow (flow.py); the panel's status follows its run.
"""

from __future__ import annotations

from vital.db.tenant import Source, tenant_transaction
from vital.errors import Conflict, InvalidInput
from vital.services import analytics, limits
from vital.services.ask_expert import store as experts
from vital.services.ask_expert.agent_selection import rank
from vital.services.llm import ChatModel, ModelUnavailable
from vital.services.panels import archetypes, flow, store
from vital.services.retrieval import Retriever
from vital.services.workflows.control import cancel as cancel_run, decide, resume
from vital.services.workflows.engine import Engine
from vital.services.workflows.runs import run_of, run_view
from vital.settings import Settings
from vital.tenancy import Caller

RUN_TO_PANEL = {"waiting_approval": "waiting_approval", "succeeded": "completed", "failed": "failed",
                "cancelled": "cancelled", "running": "running", "paused": "running", "pending": "pending"}
PHASES = {"frame": "research", "opening": "discussion", "debate": "discussion", "vote": "vote",
          "synthesise": "synthesis"}


class Panels:
    """One caller's panels and committees; every transaction runs as that caller."""

    def __init__(self, source: Source, caller: Caller, settings: Settings, *, model: ChatModel | None = None,
                 retriever: Retriever | None = None):
        self.source, self.caller = source, caller
        self.engine = Engine(source, caller, settings, model=model, retriever=retriever, graph=flow.SLUG)

    def _tx(self, *, read_only: bool = False):
        return tenant_transaction(self.source, self.caller, read_only=read_only)

    def create(self, *, question: str, kind: str = "panel", archetype: str | None = None,
               agents: list[str] | None = None, size: int | None = None, chair: str | None = None,
               roles: dict[str, str] | None = None, weights: dict[str, float] | None = None,
               humans: list[str] | None = None, options: list[str] | None = None, rounds: int | None = None,
               context: str | None = None, run: bool = True) -> dict:
        """Convene a panel (counted as a session against the tier's limit) and, by default, run it."""
        if kind not in ("panel", "committee"):
            raise InvalidInput("kind must be 'panel' or 'committee'.")
        if not question.strip():
            raise InvalidInput("The question is empty.")
        if options is not None and (len(options) < 2 or len(set(options)) != len(options)):
            raise InvalidInput("Give at least two distinct options (first = for, last = against).")
        roles, weights, humans = dict(roles or {}), dict(weights or {}), list(humans or [])
        self.engine.require()  # before the panel is counted and written
        with self._tx() as conn:
            limits.take_session(conn)
            if kind == "committee":
                kind_ = archetypes.COMMITTEE
            elif not archetype:
                raise InvalidInput("A panel needs an archetype.",
                                   hint="structured, open, socratic, adversarial, delphi or hybrid.")
            else:
                kind_ = archetypes.load(conn, archetype)
            lo, hi = kind_.member_range
            if size is not None and not lo <= size <= hi:
                raise InvalidInput(f"A {kind_.slug} panel takes {lo} to {hi} agents; size is {size}.")
            picked = None
            if not agents:
                picked = rank(conn, question, limit=size or max(lo, min(hi, 4)))
                agents = [c.agent_id for c in picked]
            if not lo <= len(set(agents)) <= hi or len(set(agents)) != len(agents):
                raise InvalidInput(f"A {kind_.slug} panel takes {lo} to {hi} distinct agents; got {len(agents)}.")
            if humans and not kind_.allows_humans:
                raise InvalidInput(f"People can join hybrid panels only, not {kind_.slug}.")
            members = [experts.agent(conn, a) for a in agents]
            if chair and chair not in agents:
                raise InvalidInput("The chair must be one of the committee's agents.")
            if kind == "committee":
                roles.setdefault(chair or members[0].id, "chair")
            if kind_.speaking_order == "opposed" and "advocate" not in roles.values():
                roles.setdefault(members[0].id, "advocate")
                roles.setdefault(members[1].id, "opponent")
            if list(roles.values()).count("chair") > 1 or list(roles.values()).count("moderator") > 1:
                raise InvalidInput("A panel has at most one chair and one moderator.")
            settings = {"options": options or archetypes.DEFAULT_OPTIONS, "speaking_order": kind_.speaking_order,
                        **({"selection": [c.__dict__ for c in picked]} if picked else {})}
            panel_id = store.create(conn, kind=kind, archetype=kind_, context=context,
                                    question=question, threshold=kind_.threshold, settings=settings,
                                    max_rounds=rounds or kind_.rounds)
            for seat, agent in enumerate(members, 1):
                store.add_member(conn, panel_id, seat=seat, agent=agent, role=roles.get(agent.id, "member"),
                                 weight=float(weights.get(agent.id, 1)))
            for seat, user_id in enumerate(humans, len(members) + 1):
                store.add_member(conn, panel_id, seat=seat, user_id=user_id, role="member",
                                 weight=float(weights.get(user_id, 1)))
            analytics.event(conn, "panel.session_started", "panel_sessions", panel_id, kind=kind,
                            archetype=kind_.slug, members=len(members) + len(humans))
            # last, in the same transaction: at the tenant's run cap the 429 takes the panel back too
            run_id = self.engine.create(slug=flow.SLUG, input={"panel_id": panel_id, "question": question},
                                        conn=conn)
            store.update(conn, panel_id, run_id=run_id)
        if run:
            self._drive(panel_id, lambda: self.engine.advance(run_id))
        return self.get(panel_id)

    def get(self, panel_id: str) -> dict:
        with self._tx(read_only=True) as conn:
            panel = store.panel(conn, panel_id)
            panel["members"] = [{k: m[k] for k in ("id", "agent_id", "agent_slug", "user_id", "label", "role",
                                                  "weight", "seat")} for m in store.members(conn, panel_id)]
            panel["contributions"] = store.contributions(conn, panel_id)
            panel["votes"] = store.votes(conn, panel_id)
            panel["syntheses"] = store.syntheses(conn, panel_id)
        return panel

    def list(self, limit: int = 50) -> list[dict]:
        with self._tx(read_only=True) as conn:
            return store.listing(conn, limit)

    def start(self, panel_id: str) -> dict:
        """Run a panel created with run=False, or continue one whose process stopped."""
        run_id = self._run_id(panel_id)
        pending = self.engine.get(run_id).status == "pending"
        self._drive(panel_id, lambda: self.engine.advance(run_id) if pending else resume(self.engine, run_id))
        return self.get(panel_id)

    def contribute(self, panel_id: str, content: str, *, position: str | None = None) -> dict:
        """A person's contribution (hybrid panels), with an optional vote, for the coming round."""
        with self._tx() as conn:
            status, done = store.lock(conn, panel_id)
            panel = store.panel(conn, panel_id)
            me = next((m for m in store.members(conn, panel_id) if m["user_id"] == self.caller.user_id), None)
            if me is None:
                raise Conflict("You do not sit on this panel.", hint="Only people seated on a hybrid panel contribute.")
            if status not in ("waiting_approval", "running", "pending"):
                raise Conflict(f"The panel is {status}; contributions are closed.")
            options = panel["settings"].get("options") or archetypes.DEFAULT_OPTIONS
            if position is not None and position not in options:
                raise InvalidInput(f"Unknown position '{position}'.", hint=f"Choose one of: {', '.join(options)}.")
            round_ = done + 1
            store.contribute(conn, panel_id, me["id"], round_, content,
                             stance=flow.stance_of(position, options), citations=[])
            if position is not None:
                store.vote(conn, panel_id, me["id"], round_, position, me["weight"], None, content[:500])
        return self.get(panel_id)

    def proceed(self, panel_id: str) -> dict:
        """After the people's turn of a hybrid panel: run the next round(s)."""
        run_id = self._run_id(panel_id)
        self._drive(panel_id, lambda: decide(self.engine, run_id, approved=True, decision="continue"))
        return self.get(panel_id)

    def cancel(self, panel_id: str) -> dict:
        run_id = self._run_id(panel_id)
        self._drive(panel_id, lambda: cancel_run(self.engine, run_id))
        return self.get(panel_id)

    def report(self, panel_id: str) -> dict:
        """The outcome: recommendation, strength, consensus per round, tally and every dissent, by phase."""
        with self._tx(read_only=True) as conn:
            panel = store.panel(conn, panel_id)
            members = store.members(conn, panel_id)
            last = panel["current_round"]
            outcome = flow.tally(panel, members, store.votes(conn, panel_id, last)) if last else None
            syntheses = store.syntheses(conn, panel_id)
        names = {m["id"]: m["label"] for m in members}
        run_id = panel["workflow_run_id"]
        steps = run_view(self.source, self.caller, run_id)["steps"] if run_id else []
        return {
            "panel_id": panel["id"], "kind": panel["kind"], "archetype": panel["archetype"],
            "question": panel["question"], "status": panel["status"], "threshold": panel["consensus_threshold"],
            "rounds": last, "recommendation": outcome and outcome.leader, "strength": outcome and outcome.strength,
            "consensus_level": outcome and outcome.level, "reached": outcome and outcome.reached,
            "quorum": outcome and outcome.quorum, "tally": outcome and outcome.tally,
            "chair": next((m["label"] for m in members if m["role"] == "chair"), None),
            "report": syntheses[-1]["recommendation"] if syntheses else None,
            "dissent": [{**d, "member": names.get(d["member_id"])} for d in (outcome.dissent if outcome else [])],
            "consensus_by_round": [{"round": s["round"], "level": s["consensus_level"], "strength": s["strength"],
                                    "reached": s["reached"]} for s in syntheses],
            "phases": [{"phase": PHASES.get(s["node"], s["node"]), "node": s["node"], "status": s["status"]}
                       for s in steps],
        }

    def _run_id(self, panel_id: str) -> str:
        with self._tx(read_only=True) as conn:
            return run_of(store.panel(conn, panel_id), "The panel has no run.")

    def _drive(self, panel_id: str, action) -> None:
        """Act on the panel's run; whatever happens, the panel then mirrors the run's status."""
        try:
            action()
        except ModelUnavailable as exc:
            exc.context["panel_id"] = panel_id  # the panel keeps its run, failed with the reason
            raise
        finally:
            run = self.engine.get(self._run_id(panel_id))
            with self._tx() as conn:
                store.lock(conn, panel_id)
                store.update(conn, panel_id, status=RUN_TO_PANEL[run.status])

