"""Stand-in for the part of Python's `tokenizers` that crosspt_onnx.py uses, backed by the Node binding of the same
Rust library through bridge.js. Only for checking the example where PyPI cannot be reached."""

from _bridge import call


class Encoding:
    def __init__(self, ids, attention_mask):
        self.ids = ids
        self.attention_mask = attention_mask


class Tokenizer:
    def __init__(self, path):
        self._path = str(path)
        self._padding = None
        self._truncation = None

    @staticmethod
    def from_file(path):
        return Tokenizer(path)

    def enable_padding(self, pad_id=0, pad_token="[PAD]"):
        self._padding = {"padId": pad_id, "padToken": pad_token}

    def enable_truncation(self, max_length):
        self._truncation = max_length

    def encode_batch(self, texts):
        answer = call({"op": "encode", "path": self._path, "padding": self._padding,
                       "truncation": self._truncation, "texts": list(texts)})
        return [Encoding(e["ids"], e["attention_mask"]) for e in answer["encodings"]]

    def encode(self, text):
        return self.encode_batch([text])[0]

    def decode(self, ids, skip_special_tokens=True):
        return call({"op": "decode", "path": self._path, "ids": list(ids),
                     "skipSpecialTokens": skip_special_tokens})["text"]
