"""Checks crosspt_onnx.py against the outputs transformers computed for a test fixture.

    check.py prepare FIXTURE RUN_DIR   writes RUN_DIR/composed-prompts.safetensors with the fixture's prompt
    check.py verify FIXTURE EXPORT_DIR runs the example on the fixture's inputs and compares

verify compares the example's token ids, teacher-forced logits (relative 1e-4, as verify-backbone), greedy ids
(exact) and rank-classification scores (1e-3) with the fixture's input_ids, logits_prompted, generated_ids and the
label log-probabilities, runs the README's two-sessions snippet as written, and (when the onnx package is
installed) runs both graphs through onnx.checker with full shape inference; it exits 1 when any check fails.
"""

import json
import os
import struct
import sys

import numpy as np

_DTYPES = {"F32": np.float32, "I64": np.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        out[name] = np.frombuffer(data[start:end], dtype=_DTYPES[info["dtype"]]).reshape(info["shape"])
    return out


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        blob = np.ascontiguousarray(array, dtype=np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    encoded = json.dumps(header).encode()
    encoded += b" " * (-len(encoded) % 8)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)) + encoded + b"".join(blobs))


def prepare(fixture, run_dir):
    prompt = read_safetensors(os.path.join(fixture, "expected.safetensors"))["prompt"]
    write_safetensors(os.path.join(run_dir, "composed-prompts.safetensors"), {"task/fixture": prompt})


def verify(fixture, export_dir):
    import crosspt_onnx

    ref = read_safetensors(os.path.join(fixture, "expected.safetensors"))
    with open(os.path.join(fixture, "expected.json"), encoding="utf-8") as f:
        texts = json.load(f)
    inputs, targets = texts["inputs"], texts["targets"]
    import onnxruntime

    print("onnxruntime " + getattr(onnxruntime, "__version__", "(Node.js stand-in, shims/)"))
    model = crosspt_onnx.ExportedT5(export_dir)
    checks = []
    try:
        import onnx

        for graph in (model.meta["encoder"], model.meta["decoder"]):
            onnx.checker.check_model(os.path.join(export_dir, graph), full_check=True)
        checks.append(("onnx checker", True, f"onnx {onnx.__version__}: both graphs valid, shapes inferred"))
    except ImportError:
        print("onnx not installed: graphs not run through onnx.checker")

    batch = model.tokenizer.encode_batch(inputs)
    ids = np.array([e.ids for e in batch])
    mask = np.array([e.attention_mask for e in batch])
    checks.append(("input_ids", np.array_equal(ids, ref["input_ids"]) and np.array_equal(mask, ref["attention_mask"]),
                   "identical" if np.array_equal(ids, ref["input_ids"]) else f"{ids} vs {ref['input_ids']}"))

    logits = model.teacher_forced_logits(inputs, targets)
    want = ref["logits_prompted"]
    rel = float(np.max(np.abs(logits - want) / np.maximum(1.0, np.abs(want)))) if logits.shape == want.shape else 1e9
    checks.append(("logits_prompted", rel <= 1e-4, f"max rel diff {rel:.2e} {list(logits.shape)}"))

    new_tokens = ref["generated_ids"].shape[1] - 1
    generated = model.generate_ids(inputs, new_tokens)
    checks.append(("generated_ids", np.array_equal(generated, ref["generated_ids"]),
                   f"{generated.tolist()} vs {ref['generated_ids'].tolist()}"))

    chosen, scores = model.classify(inputs, targets)
    log_probs = crosspt_onnx.log_softmax(want)
    worst = 0.0
    for row, labels in enumerate(ref["labels"]):
        kept = labels[labels != -100]
        expected = log_probs[row, np.arange(len(kept)), kept].sum()
        worst = max(worst, abs(scores[row, row] - expected))
    checks.append(("classify scores", worst <= 1e-3, f"max |diff| {worst:.2e}; chose {chosen}"))
    checks.append(("generate text", isinstance(model.generate(inputs, new_tokens)[0], str), "decodes"))

    snippet = readme_snippet(ids, mask, export_dir)
    checks.append(("README snippet", np.array_equal(snippet[:, :new_tokens + 1], ref["generated_ids"]),
                   f"{snippet[:, :new_tokens + 1].tolist()}"))

    for name, ok, note in checks:
        print(f"{name:17} {'pass' if ok else 'FAIL'}  {note}")
    failed = [name for name, ok, _ in checks if not ok]
    print("PASS" if not failed else "FAIL: " + ", ".join(failed))
    return 1 if failed else 0


def readme_snippet(ids, attention, export_dir):
    """Runs the README's two-sessions snippet as written, in a directory where its export path exists."""
    import tempfile

    import onnxruntime as ort

    readme = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    start = text.index("```python", text.index("The core of it is two sessions")) + len("```python")
    code = text[start:text.index("```", start)]
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as work:
        os.symlink(os.path.abspath(export_dir), os.path.join(work, "animal-onnx"))
        os.chdir(work)
        try:
            scope = {"np": np, "ort": ort, "ids": ids.astype(np.int64), "attention": attention.astype(np.int64)}
            exec(code, scope)
        finally:
            os.chdir(here)
    return scope["out"]


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("prepare", "verify"):
        sys.exit(__doc__)
    if sys.argv[1] == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(verify(sys.argv[2], sys.argv[3]))
