"""Any OpenAI-compatible /embeddings endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp, TEI)."""

from __future__ import annotations

from typing import Sequence

from vital.errors import ConfigError, VitalError
from vital.knowledge.embeddings.base import Embedder


class EmbeddingServiceError(VitalError):
    code = "embedding_unavailable"
    status = 503


class OpenAICompatible(Embedder):
    provider = "openai_compatible"

    def __init__(self, model: str, base_url: str, api_key: str | None, dimensions: int | None = None, *,
                 batch_size: int = 64, timeout: float = 60.0):
        # The SDK is imported here and in _call, not for a cycle: it takes ~0.5 s to import, and only a
        # deployment configured for an OpenAI-compatible endpoint needs it.
        from openai import OpenAI

        self.name = model
        self.base_url = base_url.rstrip("/")
        self.batch_size = batch_size
        self._request_dimensions = dimensions
        # Local servers often need no key, but the SDK insists on one.
        self._client = OpenAI(base_url=self.base_url, api_key=api_key or "not-needed", timeout=timeout,
                              max_retries=2)
        self.dimensions = dimensions or len(self._call(["dimension probe"])[0])

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            out.extend(self._call(list(texts[i:i + self.batch_size])))
        return out

    def _call(self, batch: list[str]) -> list[list[float]]:
        import openai  # lazily, as in __init__: only for its exception types

        extra = {"dimensions": self._request_dimensions} if self._request_dimensions else {}
        try:
            response = self._client.embeddings.create(model=self.name, input=batch, encoding_format="float",
                                                      **extra)
        except openai.AuthenticationError as exc:
            raise ConfigError(f"The embeddings endpoint {self.base_url} refused the API key.",
                              hint="Set VITAL_EMBEDDING_API_KEY (or OPENAI_API_KEY).") from exc
        except openai.APIConnectionError as exc:
            raise EmbeddingServiceError(f"The embeddings endpoint {self.base_url} is unreachable.",
                                        hint="Check VITAL_EMBEDDING_BASE_URL.") from exc
        except openai.APIError as exc:
            raise EmbeddingServiceError(f"The embeddings endpoint {self.base_url} failed: {exc}") from exc
        vectors = [d.embedding for d in sorted(response.data, key=lambda d: d.index)]
        if len(vectors) != len(batch):
            raise EmbeddingServiceError(f"{self.base_url} returned {len(vectors)} vectors for {len(batch)} texts.")
        return vectors

    @property
    def settings(self) -> dict:
        settings = {"base_url": self.base_url}
        if self._request_dimensions:
            settings["request_dimensions"] = self._request_dimensions
        return settings
