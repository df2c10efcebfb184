"""Stand-in for the part of Python's onnxruntime that crosspt_onnx.py uses, backed by onnxruntime-node (the same
ONNX Runtime C++ library) through bridge.js. Only for checking the example where PyPI cannot be reached."""

import numpy as np

from _bridge import call

_DTYPES = {np.dtype(np.float32): "float32", np.dtype(np.int64): "int64"}


class InferenceSession:
    def __init__(self, path, providers=None):
        self._path = str(path)

    def run(self, output_names, input_feed):
        feeds = {}
        for name, array in input_feed.items():
            if array.dtype not in _DTYPES:
                raise TypeError(f"input {name}: dtype {array.dtype}; the graphs take float32 and int64")
            feeds[name] = {"dtype": _DTYPES[array.dtype], "shape": list(array.shape),
                           "data": array.reshape(-1).tolist()}
        answer = call({"op": "run", "model": self._path, "feeds": feeds,
                       "outputs": list(output_names) if output_names else None})
        return [np.array(t["data"], dtype=t["dtype"]).reshape(t["shape"]) for t in answer["outputs"]]
