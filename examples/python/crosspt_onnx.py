"""Run a prompt-tuned T5 exported by crosspt with Python's onnxruntime: no Java, no PyTorch.

Export a task's trained prompt baked into the encoder, then classify or generate:

    ./crosspt export-onnx --model MODEL --run RUN_DIR --task sst2 --out sst2-onnx
    pip install onnxruntime tokenizers numpy
    python examples/python/crosspt_onnx.py sst2-onnx "sst2 sentence: a gripping film" --labels positive negative
    python examples/python/crosspt_onnx.py sst2-onnx "sst2 sentence: a gripping film" --generate 8

Inputs must be formatted as in training (task prefix, field names); `./crosspt data inspect` shows them.
The export directory holds encoder.onnx, decoder.onnx, tokenizer.json and crosspt-onnx.json (special token ids,
prompt length, input names, and the input truncation training used, when the run's manifest recorded it). Each input is encoded once; candidates and decoding steps reuse the encoder output.
"""

import argparse
import json
import os
import sys

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


class ExportedT5:
    """The encoder and decoder graphs of one export directory, with its tokenizer."""

    def __init__(self, export_dir):
        metadata = os.path.join(export_dir, "crosspt-onnx.json")
        if not os.path.isfile(metadata):
            raise ValueError(metadata + ": missing; is " + export_dir + " a directory ./crosspt export-onnx wrote?")
        with open(metadata, encoding="utf-8") as f:
            self.meta = json.load(f)
        if self.meta.get("format") != "crosspt-onnx-t5/1":
            raise ValueError(metadata + ": format " + repr(self.meta.get("format")) + ", expected 'crosspt-onnx-t5/1'")
        tokenizer = os.path.join(export_dir, "tokenizer.json")
        if not os.path.isfile(tokenizer):
            raise ValueError(tokenizer + ": missing (the checkpoint had none to copy); put the model's "
                             "tokenizer.json there")
        if self.meta["encoder_inputs"][0] != "input_ids":
            raise ValueError(export_dir + ": its encoder takes inputs_embeds (no prompt baked in); "
                             "export with --run RUN_DIR --task T to feed plain token ids")
        providers = ["CPUExecutionProvider"]
        self.encoder = ort.InferenceSession(os.path.join(export_dir, self.meta["encoder"]), providers=providers)
        self.decoder = ort.InferenceSession(os.path.join(export_dir, self.meta["decoder"]), providers=providers)
        self.tokenizer = Tokenizer.from_file(tokenizer)
        self.tokenizer.enable_padding(pad_id=self.meta["pad_token_id"], pad_token="<pad>")
        if self.meta.get("max_input_tokens"):
            # cut inputs as training did: the first max-1 tokens, then </s>
            self.tokenizer.enable_truncation(max_length=self.meta["max_input_tokens"])

    def encode(self, texts):
        """Token ids (</s> appended by the tokenizer), then the encoder: hidden states and their mask,
        both covering the baked-in prompt too."""
        batch = self.tokenizer.encode_batch(list(texts))
        feeds = {
            "input_ids": np.array([e.ids for e in batch], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in batch], dtype=np.int64),
        }
        hidden, mask = self.encoder.run(["encoder_hidden", "encoder_attention_mask"], feeds)
        return hidden, mask

    def logits(self, hidden, mask, decoder_input_ids):
        """Decoder logits [batch, length, vocab] for the given decoder inputs."""
        feeds = {"encoder_hidden": hidden, "encoder_attention_mask": mask, "decoder_input_ids": decoder_input_ids}
        return self.decoder.run(["logits"], feeds)[0]

    def teacher_forced_logits(self, texts, targets):
        """Logits of each target given its text, as in training (targets padded with the pad id)."""
        hidden, mask = self.encode(texts)
        encoded = [self.tokenizer.encode(t).ids for t in targets]
        labels = np.full((len(encoded), max(len(ids) for ids in encoded)), self.meta["pad_token_id"], dtype=np.int64)
        for row, ids in enumerate(encoded):
            labels[row, :len(ids)] = ids
        return self.logits(hidden, mask, shift_right(labels, self.meta["decoder_start_token_id"]))

    def classify(self, texts, labels):
        """Rank classification: each text gets the label whose tokens (</s> included) are most probable.
        Returns the chosen labels and the [texts, labels] summed log-probabilities."""
        hidden, mask = self.encode(texts)
        scores = np.zeros((len(texts), len(labels)))
        for column, label in enumerate(labels):
            ids = np.array(self.tokenizer.encode(label).ids, dtype=np.int64)
            target = np.tile(ids, (len(texts), 1))
            log_probs = log_softmax(self.logits(hidden, mask, shift_right(target, self.meta["decoder_start_token_id"])))
            scores[:, column] = np.take_along_axis(log_probs, target[:, :, None], axis=2).sum(axis=(1, 2))
        return [labels[i] for i in scores.argmax(axis=1)], scores

    def generate_ids(self, texts, max_new_tokens):
        """Greedy decoding as transformers' generate(do_sample=False): the start token, then one argmax token per
        step; finished rows continue with pad; stops once every row has produced </s>."""
        hidden, mask = self.encode(texts)
        eos, pad = self.meta["eos_token_id"], self.meta["pad_token_id"]
        ids = np.full((len(texts), 1), self.meta["decoder_start_token_id"], dtype=np.int64)
        finished = np.zeros(len(texts), dtype=bool)
        for _ in range(max_new_tokens):
            step = self.logits(hidden, mask, ids)[:, -1].argmax(axis=-1)
            step = np.where(finished, pad, step)
            ids = np.concatenate([ids, step[:, None]], axis=1)
            finished |= step == eos
            if finished.all():
                break
        return ids

    def generate(self, texts, max_new_tokens=16):
        """Greedy decoding, as text."""
        return [self.tokenizer.decode(row[1:].tolist(), skip_special_tokens=True)
                for row in self.generate_ids(texts, max_new_tokens)]


def shift_right(labels, start):
    """Decoder inputs for teacher forcing: the start token, then the labels without their last position."""
    return np.concatenate([np.full((labels.shape[0], 1), start, dtype=np.int64), labels[:, :-1]], axis=1)


def log_softmax(logits):
    x = logits.astype(np.float64)
    x = x - x.max(axis=-1, keepdims=True)
    return x - np.log(np.exp(x).sum(axis=-1, keepdims=True))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export_dir", help="a directory written by ./crosspt export-onnx --run RUN_DIR --task T")
    parser.add_argument("texts", nargs="+", help="inputs, formatted as in training")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--labels", nargs="+", help="rank-classify among these label texts")
    group.add_argument("--generate", type=int, metavar="N", help="greedy-decode up to N new tokens")
    args = parser.parse_args()
    try:
        model = ExportedT5(args.export_dir)
    except ValueError as e:
        sys.exit("crosspt_onnx: " + str(e))  # one line, exit status 1
    if args.labels:
        chosen, scores = model.classify(args.texts, args.labels)
        for text, label, row in zip(args.texts, chosen, scores):
            print(f"{label}\t{text}\t" + " ".join(f"{s:.4f}" for s in row))
    else:
        for text, output in zip(args.texts, model.generate(args.texts, args.generate)):
            print(f"{output}\t{text}")


if __name__ == "__main__":
    main()
