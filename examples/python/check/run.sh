#!/usr/bin/env bash
# Checks examples/python/crosspt_onnx.py end to end where PyPI is out of reach: a fixture's prompt is baked into
# an export by ./crosspt export-onnx, then the example runs unchanged with stand-ins for onnxruntime and tokenizers
# that hand the work to their Node.js packages (onnxruntime-node: the same ONNX Runtime library as Python's wheel;
# tokenizers: the same Rust tokenizer), and its outputs are compared with what transformers computed.
# Needs python3 with numpy, node and the npm registry. Not part of `mvn verify`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixture=${1:-$root/testdata/fixtures/t5-tiny-relu}

(cd "$work" && npm init -y >/dev/null && npm install --ignore-scripts --no-audit --no-fund --silent \
    onnxruntime-node@1.21.1 tokenizers@0.23.2)
PYTHONDONTWRITEBYTECODE=1 python3 "$here/check.py" prepare "$fixture" "$work/run"
"$root/crosspt" export-onnx --model "$fixture" --run "$work/run" --task fixture --out "$work/export"
PYTHONDONTWRITEBYTECODE=1 NODE_PATH="$work/node_modules" PYTHONPATH="$here/shims:$root/examples/python" \
    python3 "$here/check.py" verify "$fixture" "$work/export"
