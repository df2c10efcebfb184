// One request on stdin, one JSON answer on stdout: runs an ONNX graph with onnxruntime-node, or tokenizes with
// Hugging Face's tokenizers (Node binding of the same Rust library Python's `tokenizers` wraps). Used by the
// Python shims in shims/, so that crosspt_onnx.py can be checked where PyPI is out of reach.
const fs = require('fs');

async function run(req) {
  const ort = require('onnxruntime-node');
  const session = await ort.InferenceSession.create(req.model, { executionProviders: ['cpu'] });
  const feeds = {};
  for (const [name, t] of Object.entries(req.feeds)) {
    const data = t.dtype === 'int64' ? BigInt64Array.from(t.data, BigInt) : Float32Array.from(t.data);
    feeds[name] = new ort.Tensor(t.dtype, data, t.shape);
  }
  // no names asked for: every output, in the graph's order (as Python's session.run(None, feeds))
  const names = req.outputs || session.outputNames;
  const out = await session.run(feeds, names);
  return {
    outputs: names.map((name) => {
      const t = out[name];
      return { dtype: t.type, shape: t.dims, data: Array.from(t.data, (v) => Number(v)) };
    }),
  };
}

async function tokenize(req) {
  const { Tokenizer } = require('tokenizers');
  const tokenizer = Tokenizer.fromFile(req.path);
  if (req.padding) {
    tokenizer.setPadding(req.padding);
  }
  if (req.truncation) {
    tokenizer.setTruncation(req.truncation);
  }
  if (req.op === 'decode') {
    return { text: await tokenizer.decode(req.ids, req.skipSpecialTokens) };
  }
  const encodings = await tokenizer.encodeBatch(req.texts);
  return { encodings: encodings.map((e) => ({ ids: e.getIds(), attention_mask: e.getAttentionMask() })) };
}

const req = JSON.parse(fs.readFileSync(0, 'utf8'));
(req.op === 'run' ? run(req) : tokenize(req))
  .then((answer) => process.stdout.write(JSON.stringify(answer)))
  .catch((e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
    process.exit(1);
  });
