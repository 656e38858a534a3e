"""Vectors already computed, by (model, text): re-seeding or resetting does not embed the library again.

One file per model in the cache folder (VITAL_VECTOR_CACHE_DIR, default <data dir>/cache/vectors):
a JSON object from the sha256 of the embedded text to its float32 vector in base64. A corrupt or
foreign file is ignored (the vectors are computed again); writes go through a temporary file and a
rename, so concurrent seeders never read half a file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import tempfile
from array import array
from pathlib import Path
from typing import Callable, Sequence

Embed = Callable[[Sequence[str]], list[list[float]]]


def cache_file(folder: Path, provider: str, model: str, dimensions: int) -> Path:
    """The model's file in the cache folder."""
    return folder / (re.sub(r"[^A-Za-z0-9._-]+", "_", f"{provider}-{model}-{dimensions}d") + ".json")


class VectorCache:
    def __init__(self, folder: Path, provider: str, model: str, dimensions: int):
        self.path, self.dimensions = cache_file(folder, provider, model, dimensions), dimensions
        self._vectors: dict[str, str] = self._read()
        self._added = 0
        self.hits = 0

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def embed(self, texts: Sequence[str], embed: Embed) -> list[list[float]]:
        """Vectors for texts: cached ones as stored, the rest from embed (in one call) and then cached."""
        keys = [hashlib.sha256(t.encode()).hexdigest() for t in texts]
        found = {k: v for k in keys if (v := self._vector(k)) is not None}
        missing = [i for i, k in enumerate(keys) if k not in found]
        self.hits += len(texts) - len(missing)
        if missing:
            for i, vector in zip(missing, embed([texts[i] for i in missing])):
                found[keys[i]] = vector
                self._vectors[keys[i]] = base64.b64encode(array("f", vector).tobytes()).decode()
                self._added += 1
        return [found[k] for k in keys]

    def known(self, texts: Sequence[str]) -> list[list[float] | None]:
        """The cached vector of each text, or None: nothing is computed or added."""
        return [self._vector(hashlib.sha256(t.encode()).hexdigest()) for t in texts]

    def _vector(self, key: str) -> list[float] | None:
        raw = self._vectors.get(key)
        if raw is None:
            return None
        try:
            vector = array("f", base64.b64decode(raw)).tolist()
        except ValueError:
            return None
        return vector if len(vector) == self.dimensions else None

    def save(self) -> None:
        """Write the file if vectors were added (best effort: a read-only data dir only costs time)."""
        if not self._added:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            merged = {**self._read(), **self._vectors}  # keep what another seeder wrote meanwhile
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".vectors-")
            with os.fdopen(fd, "w") as f:
                json.dump(merged, f)
            os.replace(tmp, self.path)
        except OSError:
            return
        self._added = 0
