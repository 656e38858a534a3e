"""The one small interface every embedding model implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence

from vital.knowledge.chunking import approx_tokens


class Embedder(ABC):
    """Turns texts into unit vectors. `provider`, `name` and `dimensions` identify its
    embedding_models row: vectors of different models are never compared."""

    provider: str                      # embedding_models.provider: local | openai_compatible
    name: str                          # embedding_models.name
    dimensions: int
    max_input_tokens: int | None = None
    semantic: bool = True              # False only for the hashing fallback

    @abstractmethod
    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors for documents (chunks), in input order."""

    def embed_query(self, text: str) -> list[float]:
        return self.embed([text])[0]

    def count_tokens(self, text: str) -> int:
        return approx_tokens(text)

    @property
    def settings(self) -> dict:
        """Non-secret settings recorded on the model's row."""
        return {}

    @property
    def label(self) -> str:
        return f"{self.name} ({self.provider}, {self.dimensions} dims)"

    def describe(self) -> dict:
        """What search results and job reports say about the model."""
        return {"provider": self.provider, "name": self.name, "dimensions": self.dimensions,
                "semantic": self.semantic}


def vector_literal(vector: Sequence[float]) -> str:
    """pgvector's text form; used for COPY and for query parameters (no adapter registration needed)."""
    return "[" + ",".join(format(float(x), ".7g") for x in vector) + "]"
