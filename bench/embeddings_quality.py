"""Retrieval quality and speed of each local embedder on the platform library (run by hand).

    PYTHONPATH=src .venv/bin/python bench/embeddings_quality.py [--threads 2] [--out report.json]

Every answerable question in src/vital/library/questions/*.toml is a query whose target is its
`document`. The 94 library documents are parsed and chunked with the project's own parser and
chunker (MiniLM word pieces, the ingestion defaults: 200 tokens, 40 overlap) and held in memory;
each candidate embeds every chunk and every query, documents are ranked by their best chunk's
cosine, and MRR and hit@5 are reported per candidate with chunks/s (embed only, all chunks).
Candidates: the hashing fallback, MiniLM fp32 on torch (if vital[local-embeddings] is installed),
MiniLM fp32 and int8 on onnxruntime on the model's full 256 word pieces, the default int8 on the first
128 (EMBEDDED_TOKENS), and a static table distilled from the int8 model (each
vocabulary token through the model once; a text is the mean of its tokens' vectors).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import tomllib
from pathlib import Path

import numpy as np

from vital.knowledge.chunking import chunk
from vital.knowledge.embeddings.local import Hashing, minilm_installed
from vital.knowledge.embeddings.minilm_onnx import EMBEDDED_TOKENS, MAX_TOKENS, MiniLMOnnx
from vital.knowledge.parse import parse

LIBRARY = Path(__file__).resolve().parents[1] / "src" / "vital" / "library"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def library_documents() -> dict[str, str]:
    """slug -> Markdown body (the TOML front matter between the +++ lines dropped)."""
    docs = {}
    for path in sorted((LIBRARY / "documents").glob("*/*.md")):
        text = path.read_text()
        docs[path.stem] = re.sub(r"\A\+\+\+\n.*?\n\+\+\+\n", "", text, flags=re.S)
    return docs


def library_questions(docs: dict[str, str]) -> list[tuple[str, str]]:
    questions = []
    for path in sorted((LIBRARY / "questions").glob("*.toml")):
        for q in tomllib.loads(path.read_text()).get("question", []):
            if not q.get("decline") and q.get("document") in docs:
                questions.append((q["text"], q["document"]))
    return questions


class Static:
    """A static table distilled from a transformer: the pooled output for [CLS] token [SEP], per token."""

    def __init__(self, model: MiniLMOnnx, batch: int = 1024):
        self.name, self.model = f"static({model.name})", model
        vocab = model._tokenizer.get_vocab_size()
        started = time.perf_counter()
        table = np.zeros((vocab, model.dimensions), np.float32)
        for start in range(0, vocab, batch):
            ids = np.arange(start, min(vocab, start + batch), dtype=np.int64)
            tokens = np.stack([np.full_like(ids, 101), ids, np.full_like(ids, 102)], axis=1)
            table[ids] = model._session.run(None, {"input_ids": tokens, "attention_mask": np.ones_like(tokens),
                                                   "token_type_ids": np.zeros_like(tokens)})[0]
            if start // batch % 5 == 0:
                log(f"  distilling {start}/{vocab}")
        self.distill_seconds = time.perf_counter() - started
        # Frequent word pieces (low ids in the WordPiece vocabulary) say less about a text: weight by log rank.
        self.table = table * np.log1p(np.arange(vocab, dtype=np.float32))[:, None] / np.log1p(vocab)

    def embed(self, texts):
        out = np.zeros((len(texts), self.table.shape[1]), np.float32)
        for i, enc in enumerate(self.model._counter.encode_batch(list(texts), add_special_tokens=False)):
            if enc.ids:
                out[i] = self.table[enc.ids].mean(0)
        out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-12
        return out


def evaluate(name, embed, chunks, owners, questions) -> dict:
    started = time.perf_counter()
    vectors = np.asarray(embed([c for c in chunks]), np.float32)
    seconds = time.perf_counter() - started
    queries = np.asarray(embed([q for q, _ in questions]), np.float32)
    ranks = []
    for scores, (_, target) in zip(queries @ vectors.T, questions):
        seen: list[str] = []
        for i in np.argsort(-scores):
            if owners[i] not in seen:
                seen.append(owners[i])
                if owners[i] == target:
                    break
        ranks.append(len(seen))
    result = {"candidate": name, "mrr": round(float(np.mean([1 / r for r in ranks])), 4),
              "hit@5": round(float(np.mean([r <= 5 for r in ranks])), 4),
              "chunks_per_s": round(len(chunks) / seconds, 1), "ranks": ranks}
    log(f"{name}: MRR {result['mrr']}  hit@5 {result['hit@5']}  {result['chunks_per_s']} chunks/s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2, help="CPU threads per model (0 = all cores).")
    parser.add_argument("--data-dir", type=Path, default=Path(".vital"), help="Where converted models are cached.")
    parser.add_argument("--out", type=Path, help="Where to write the JSON report.")
    args = parser.parse_args()
    docs = library_documents()
    questions = library_questions(docs)
    log("converting/loading the ONNX models (the first run converts them: ~15 s)")
    int8 = MiniLMOnnx(args.data_dir, quantized=True, threads=args.threads)
    fp32 = MiniLMOnnx(args.data_dir, quantized=False, threads=args.threads, embedded_tokens=MAX_TOKENS)
    int8_full = MiniLMOnnx(args.data_dir, quantized=True, threads=args.threads, embedded_tokens=MAX_TOKENS)
    chunks, owners = [], []
    for slug, body in docs.items():
        for c in chunk(parse(f"{slug}.md", body.encode()), int8.count_tokens):
            chunks.append(c.text)
            owners.append(slug)
    tokens = float(np.mean([int8.count_tokens(c) for c in chunks]))
    log(f"{len(docs)} documents, {len(chunks)} chunks (mean {tokens:.0f} word pieces), {len(questions)} queries")
    candidates = [("hashing", Hashing().embed)]
    if minilm_installed():
        from vital.knowledge.embeddings.local import MiniLM

        candidates.append(("MiniLM fp32 (torch)", MiniLM(threads=args.threads).embed))
    candidates += [(f"MiniLM fp32 (onnx, {MAX_TOKENS})", fp32.embed), (f"MiniLM int8 (onnx, {MAX_TOKENS})", int8_full.embed),
                   (f"MiniLM int8 (onnx, {EMBEDDED_TOKENS}: default)", int8.embed)]
    results = []
    for name, embed in candidates:
        log(f"embedding {len(chunks)} chunks with {name}")
        results.append(evaluate(name, embed, chunks, owners, questions))
    log("distilling a static table from the int8 model")
    static = Static(int8)
    log(f"  distilled in {static.distill_seconds:.0f} s")
    results.append(evaluate(static.name, static.embed, chunks, owners, questions))
    print(f"{'candidate':<28} {'MRR':>6} {'hit@5':>6} {'chunks/s':>9}")
    for r in results:
        print(f"{r['candidate']:<28} {r['mrr']:>6.3f} {r['hit@5']:>6.3f} {r['chunks_per_s']:>9.1f}")
    report = {"documents": len(docs), "chunks": len(chunks), "mean_tokens": round(tokens), "queries": len(questions),
              "threads": args.threads, "results": results}
    if args.out:
        args.out.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
