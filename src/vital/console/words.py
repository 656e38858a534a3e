"""What an answer's metadata means, in words a reader understands: confidence, the "not in your
documents" state, and why the system chose an agent."""

from __future__ import annotations

from typing import Any


def confidence(metadata: dict[str, Any], cited: int) -> dict[str, str]:
    """{'level': high|moderate|low|none, 'text': ...} from the answer's verification."""
    retrieval = metadata.get("retrieval") or {}
    if cited == 0 and not retrieval.get("passages"):
        return {"level": "none", "text": "Not in your documents: nothing in the knowledge base answers this "
                                         "question. Add documents on the topic, or rephrase it."}
    value = float(metadata.get("confidence") or 0.0)
    verification = metadata.get("verification") or {}
    claims, supported = verification.get("claims"), verification.get("supported")
    basis = (f"{supported} of {claims} statements are backed by the cited passages" if claims
             else "based on how well the cited passages match the question")
    if value >= 0.75:
        return {"level": "high", "text": f"High confidence — {basis}."}
    if value >= 0.4:
        return {"level": "moderate", "text": f"Moderate confidence — {basis}; check the citations."}
    if cited == 0:
        return {"level": "none", "text": "Not in your documents: the passages found do not answer this question."}
    return {"level": "low", "text": f"Low confidence — {basis}; read the cited passages before relying on it."}


def why_agent(metadata: dict[str, Any]) -> dict[str, Any] | None:
    """Mode 2: the chosen agent, the question's words it matched, and the runners-up."""
    selection = metadata.get("agent_selection")
    if not selection or not selection.get("candidates"):
        return None
    candidates = selection["candidates"]
    chosen = next((c for c in candidates if c.get("agent_id") == selection.get("chosen")), candidates[0])
    words = sorted({w for found in (chosen.get("matched") or {}).values() for w in found})
    return {"name": chosen.get("name"), "score": chosen.get("score"), "words": words,
            "fallback": bool(selection.get("fallback")),
            "others": [{"name": c.get("name"), "score": c.get("score")} for c in candidates if c is not chosen][:4]}
