"""`POST /api/v1/embeddings`: OpenAI's embeddings request and response, made by the model the
tenant's vectors are searched with, so that a client can make the query vector it passes to
`.rpc('match_documents', ...)` (docs/api.md, "Remote procedure calls")."""

from __future__ import annotations

import base64
import struct
from typing import Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from vital.api import service_calls as svc
from vital.api.auth import authenticate
from vital.db.tenant import tenant_transaction
from vital.errors import InvalidInput
from vital.knowledge import embeddings
from vital.tenancy import Caller

router = APIRouter(tags=["knowledge"])

MAX_INPUTS = 64            # texts in one request
MAX_INPUT_CHARS = 8000     # characters in one text (about what the models read; they truncate the rest)


class EmbeddingsBody(BaseModel):
    input: str | list[str] = Field(description=f"A text or up to {MAX_INPUTS} texts, each at most "
                                               f"{MAX_INPUT_CHARS} characters.")
    model: str | None = Field(None, description="The model's name (omit it for the tenant's).")
    encoding_format: Literal["float", "base64"] = Field("float", description="float, or base64 of float32 "
                                                                              "little-endian (OpenAI's clients).")
    dimensions: int | None = Field(None, description="Must be the model's dimensions when given.")
    user: str | None = None


@router.post("/api/v1/embeddings", summary="Embed texts with the tenant's model (OpenAI's request and response)")
async def create_embeddings(body: EmbeddingsBody, request: Request, caller: Caller = Depends(authenticate)) -> dict:
    texts = [body.input] if isinstance(body.input, str) else body.input
    _check(texts)
    pool, settings = svc.source(request, caller), svc.settings(request)

    def run() -> dict:
        with tenant_transaction(pool, caller, read_only=True) as conn:
            usable, _ = embeddings.searchable(conn, settings)
        embedder = _choose(usable, body.model) if usable or body.model else embeddings.current(settings)
        if body.dimensions is not None and body.dimensions != embedder.dimensions:
            raise InvalidInput(f"{embedder.name} makes {embedder.dimensions}-dimension vectors, not {body.dimensions}.",
                               hint="Omit dimensions, or give the model's.")
        vectors = [embedder.embed_query(t) for t in texts]
        tokens = sum(embedder.count_tokens(t) for t in texts)
        return {"object": "list", "model": embedder.name, "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
                "data": [{"object": "embedding", "index": i, "embedding": _encode(v, body.encoding_format)}
                         for i, v in enumerate(vectors)]}
    return await svc.call(run)


def _check(texts: list[str]) -> None:
    if not texts:
        raise InvalidInput("input is an empty list: nothing to embed.", hint='Send {"input": "some text"}.')
    if len(texts) > MAX_INPUTS:
        raise InvalidInput(f"input has {len(texts)} texts; at most {MAX_INPUTS} are embedded in one request.",
                           hint="Split them over several requests.")
    for i, text in enumerate(texts):
        if not text.strip():
            raise InvalidInput(f"input[{i}] is empty.", hint="Every text needs some words.")
        if len(text) > MAX_INPUT_CHARS:
            raise InvalidInput(f"input[{i}] has {len(text)} characters; at most {MAX_INPUT_CHARS} are embedded.",
                               hint="Embed a shorter query; documents are chunked by ingestion instead.")


def _choose(usable: list, name: str | None):
    """The tenant's model (its own before the platform's, as search orders them), or the one named."""
    if name is None:
        return usable[0][1]
    for model, embedder in usable:
        if name in (model.name, embedder.name):
            return embedder
    raise InvalidInput(f"No embedding model named {name!r} here.",
                       hint=f"Models: {', '.join(m.name for m, _ in usable) or 'none yet'}; or omit model.")


def _encode(vector: list[float], encoding: str) -> list[float] | str:
    if encoding == "base64":
        return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()
    return vector
