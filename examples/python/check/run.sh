#!/usr/bin/env bash
# Checks examples/python/crosspt_onnx.py end to end: a fixture's prompt is baked into an export by
# ./crosspt export-onnx, the example runs on the fixture's inputs, and its outputs are compared with what
# transformers computed (check.py). The graphs also go through onnx's checker when the onnx package is there.
#
# It uses the Python packages when $PYTHON (default python3) can import onnxruntime, tokenizers and numpy
# (pip install onnxruntime tokenizers numpy onnx). Otherwise it falls back to stand-ins in shims/ that hand the
# work to the Node.js packages onnxruntime-node (the same ONNX Runtime library) and tokenizers (the same Rust
# tokenizer), installed from the npm registry into a temporary folder. Not part of `mvn verify`.
#
#   examples/python/check/run.sh [FIXTURE_DIR]    (default testdata/fixtures/t5-tiny-relu)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixture=${1:-$root/testdata/fixtures/t5-tiny-relu}
export PYTHONDONTWRITEBYTECODE=1

if "$python" -c "import onnxruntime, tokenizers, numpy" 2>/dev/null; then
    path="$root/examples/python"
else
    echo "$python cannot import onnxruntime, tokenizers and numpy: using their Node.js packages instead" >&2
    (cd "$work" && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund --silent \
        onnxruntime-node@1.21.1 tokenizers@0.23.2)
    export NODE_PATH="$work/node_modules"
    path="$here/shims:$root/examples/python"
fi
"$python" "$here/check.py" prepare "$fixture" "$work/run"
"$root/crosspt" export-onnx --model "$fixture" --run "$work/run" --task fixture --out "$work/export"
PYTHONPATH="$path" "$python" "$here/check.py" verify "$fixture" "$work/export"
