#!/usr/bin/python3
"""Builds tiny, randomly initialised models that transformers.js loads, for reelm's tests.

Usage: /usr/bin/python3 scripts/build-tiny-models.py OUT_DIR

Writes, deterministically (fixed seed; the same script gives the same bytes):
  OUT_DIR/tiny-llava/  a LLaVA-layout vision-language model (LlavaForConditionalGeneration):
                       config.json, generation_config.json, preprocessor_config.json (LlavaProcessor),
                       processor_config.json, tokenizer.json (hand-written WordPiece), tokenizer_config.json
                       (with a chat template), onnx/vision_encoder.onnx, onnx/embed_tokens.onnx,
                       onnx/decoder_model_merged.onnx (with KV-cache inputs and outputs).
  OUT_DIR/tiny-clip/   a CLIP-shaped embedder (CLIPVisionModelWithProjection, CLIPTextModelWithProjection):
                       config.json, preprocessor_config.json, tokenizer.json, tokenizer_config.json,
                       onnx/vision_model.onnx (pixel_values -> image_embeds),
                       onnx/text_model.onnx (input_ids, attention_mask -> text_embeds).

Random weights give nonsense text: the models check loading, templates, preprocessing, the image-token
merge, the KV-cache loop and decoding, never answer quality. Every file is well under 1 MB.

Needs Debian's python3-onnx and python3-numpy (`apt-get install -y python3-onnx python3-numpy`).
See /work/shared/notes/transformers-js-tiny-vlm.md for the facts this layout rests on.
"""

import json
import os
import string
import sys

try:
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
except ImportError as error:  # pragma: no cover - environment check
    sys.stderr.write(
        f"build-tiny-models.py: {error}.\n"
        "Install the Debian packages and run with /usr/bin/python3:\n"
        "  apt-get install -y python3-onnx python3-numpy\n"
        "  /usr/bin/python3 scripts/build-tiny-models.py OUT_DIR\n"
    )
    sys.exit(3)

SEED = 20240611
OPSET = 14
IR_VERSION = 7

# ---------------------------------------------------------------- tokenizer

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "<s>", "</s>", "<image>"]
PAD, UNK, BOS, EOS, IMAGE = range(len(SPECIAL_TOKENS))

# Words the prompts and tests use; anything else is spelled out with letter pieces (never [UNK] for ASCII).
WORDS = """
user assistant system you are reelm a an the of in on at to and or is it this that what when where who how
which why does do did frame frames image images video from time times each follows text gives its order
chronological answer question describe happens seconds second hours minutes duration first last after
before between during show shows see seen dog cat car person people red blue green ball jump jumps
photo picture untrusted data instructions never only
""".split()


def vocabulary():
    pieces = list(SPECIAL_TOKENS)
    seen = set(pieces)

    def add(token):
        if token not in seen:
            seen.add(token)
            pieces.append(token)

    for char in string.ascii_lowercase + string.digits:
        add(char)
        add("##" + char)
    for char in string.punctuation:
        add(char)
    for word in WORDS:
        add(word)
    return pieces


def tokenizer_json(vocab):
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": index,
                "content": token,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": False,
                "special": True,
            }
            for index, token in enumerate(SPECIAL_TOKENS)
        ],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None,
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {
            "type": "WordPiece",
            "unk_token": "[UNK]",
            "continuing_subword_prefix": "##",
            "max_input_chars_per_word": 100,
            "vocab": {token: index for index, token in enumerate(vocab)},
        },
    }


LLAVA_CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ message['role'] | upper }}: "
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'image' %}<image>{% else %}{{ part['text'] }}{% endif %}"
    "{% if not loop.last %} {% endif %}"
    "{% endfor %}{% endif %}{{ '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}ASSISTANT:{% endif %}"
)


def tokenizer_config(tokenizer_class, chat_template=None):
    config = {
        "tokenizer_class": tokenizer_class,
        "model_max_length": 4096,
        "pad_token": "[PAD]",
        "unk_token": "[UNK]",
        "bos_token": "<s>",
        "eos_token": "</s>",
        "clean_up_tokenization_spaces": True,
        "added_tokens_decoder": {
            str(index): {"content": token, "special": True, "normalized": False, "lstrip": False, "rstrip": False, "single_word": False}
            for index, token in enumerate(SPECIAL_TOKENS)
        },
    }
    if chat_template is not None:
        config["chat_template"] = chat_template
    return config


# ---------------------------------------------------------------- onnx helpers


class Graph:
    def __init__(self, rng):
        self.rng = rng
        self.nodes = []
        self.initializers = []
        self.counter = 0

    def name(self, prefix):
        self.counter += 1
        return f"{prefix}_{self.counter}"

    def weight(self, shape, scale=0.5):
        name = self.name("w")
        values = (self.rng.standard_normal(shape) * scale).astype(np.float32)
        self.initializers.append(numpy_helper.from_array(values, name))
        return name

    def const(self, values, dtype=np.int64):
        name = self.name("c")
        self.initializers.append(numpy_helper.from_array(np.asarray(values, dtype=dtype), name))
        return name

    def op(self, op_type, inputs, output=None, **attributes):
        output = output or self.name(op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [output], **attributes))
        return output

    def save(self, path, name, inputs, outputs):
        graph = helper.make_graph(self.nodes, name, inputs, outputs, self.initializers)
        model = helper.make_model(
            graph,
            opset_imports=[helper.make_opsetid("", OPSET)],
            producer_name="reelm-build-tiny-models",
        )
        model.ir_version = IR_VERSION
        onnx.checker.check_model(model)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(model.SerializeToString())


def tensor(name, elem_type, shape):
    return helper.make_tensor_value_info(name, elem_type, shape)


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, indent=2, sort_keys=True)
        handle.write("\n")


# ---------------------------------------------------------------- LLaVA

HIDDEN = 32
KV_HEADS = 2
HEAD_DIM = HIDDEN // KV_HEADS
LAYERS = 1
IMAGE_SIZE = 32
PATCH = 8  # (32 / 8)^2 = 16 image tokens per image


def build_llava(out, vocab):
    rng = np.random.default_rng(SEED)
    vocab_size = len(vocab)

    # vision_encoder: pixel_values [N,3,H,W] -> image_features [N, tokens, HIDDEN] (projector folded in)
    g = Graph(rng)
    conv = g.op("Conv", ["pixel_values", g.weight((HIDDEN, 3, PATCH, PATCH), 0.1)], kernel_shape=[PATCH, PATCH], strides=[PATCH, PATCH])
    flat = g.op("Reshape", [conv, g.const([0, HIDDEN, -1])])
    g.op("Transpose", [flat], "image_features", perm=[0, 2, 1])
    g.save(
        os.path.join(out, "onnx", "vision_encoder.onnx"),
        "vision_encoder",
        [tensor("pixel_values", TensorProto.FLOAT, ["batch_size", 3, "height", "width"])],
        [tensor("image_features", TensorProto.FLOAT, ["batch_size", "image_tokens", HIDDEN])],
    )

    # embed_tokens: input_ids [B,S] -> inputs_embeds [B,S,HIDDEN]
    embeddings = (rng.standard_normal((vocab_size, HIDDEN)) * 0.5).astype(np.float32)
    g = Graph(rng)
    g.initializers.append(numpy_helper.from_array(embeddings, "embed_table"))
    g.op("Gather", ["embed_table", "input_ids"], "inputs_embeds", axis=0)
    g.save(
        os.path.join(out, "onnx", "embed_tokens.onnx"),
        "embed_tokens",
        [tensor("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"])],
        [tensor("inputs_embeds", TensorProto.FLOAT, ["batch_size", "sequence_length", HIDDEN])],
    )

    # decoder_model_merged: one attention layer with a KV cache, sinusoidal positions, masked softmax.
    g = Graph(rng)
    positions = g.op("Cast", ["position_ids"], to=TensorProto.FLOAT)
    positions = g.op("Unsqueeze", [positions, g.const([2])])
    frequencies = g.const(1.0 / (10000 ** (np.arange(HIDDEN) / HIDDEN)), np.float32)
    x = g.op("Add", ["inputs_embeds", g.op("Mul", [g.op("Sin", [g.op("Mul", [positions, frequencies])]), g.const(3.0, np.float32)])])
    # additive mask [B,1,1,T]: 0 where attention_mask is 1, -1e4 where it is 0
    mask = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    mask = g.op("Mul", [g.op("Sub", [mask, g.const(1.0, np.float32)]), g.const(1e4, np.float32)])
    mask = g.op("Unsqueeze", [mask, g.const([1, 2])])
    inputs = [
        tensor("inputs_embeds", TensorProto.FLOAT, ["batch_size", "sequence_length", HIDDEN]),
        tensor("attention_mask", TensorProto.INT64, ["batch_size", "total_sequence_length"]),
        tensor("position_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
    ]
    outputs = [tensor("logits", TensorProto.FLOAT, ["batch_size", "sequence_length", vocab_size])]
    split = g.const([0, 0, KV_HEADS, HEAD_DIM])
    for layer in range(LAYERS):
        def heads(weight):
            projected = g.op("MatMul", [x, weight])
            return g.op("Transpose", [g.op("Reshape", [projected, split])], perm=[0, 2, 1, 3])

        q = heads(g.weight((HIDDEN, HIDDEN), 0.3))
        k = heads(g.weight((HIDDEN, HIDDEN), 0.3))
        v = heads(g.weight((HIDDEN, HIDDEN), 0.3))
        for kind, new in (("key", k), ("value", v)):
            inputs.append(tensor(f"past_key_values.{layer}.{kind}", TensorProto.FLOAT, ["batch_size", KV_HEADS, "past_sequence_length", HEAD_DIM]))
            outputs.append(tensor(f"present.{layer}.{kind}", TensorProto.FLOAT, ["batch_size", KV_HEADS, "total_sequence_length", HEAD_DIM]))
            g.op("Concat", [f"past_key_values.{layer}.{kind}", new], f"present.{layer}.{kind}", axis=2)
        scores = g.op("MatMul", [q, g.op("Transpose", [f"present.{layer}.key"], perm=[0, 1, 3, 2])])
        scores = g.op("Add", [g.op("Mul", [scores, g.const(1.0 / np.sqrt(HEAD_DIM), np.float32)]), mask])
        attended = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), f"present.{layer}.value"])
        merged = g.op("Reshape", [g.op("Transpose", [attended], perm=[0, 2, 1, 3]), g.const([0, 0, HIDDEN])])
        x = g.op("Add", [x, g.op("MatMul", [merged, g.weight((HIDDEN, HIDDEN), 0.3)])])
    # lm head; special tokens are pushed far down so greedy decoding always emits max_new_tokens words
    bias = np.zeros(vocab_size, dtype=np.float32)
    bias[: len(SPECIAL_TOKENS)] = -1e4
    logits = g.op("MatMul", [x, g.weight((HIDDEN, vocab_size), 1.0)])
    g.op("Add", [logits, g.const(bias, np.float32)], "logits")
    g.save(os.path.join(out, "onnx", "decoder_model_merged.onnx"), "decoder_model_merged", inputs, outputs)

    write_json(os.path.join(out, "config.json"), {
        "architectures": ["LlavaForConditionalGeneration"],
        "model_type": "llava",
        "image_token_index": IMAGE,
        "projector_hidden_act": "gelu",
        "vision_feature_layer": -2,
        "vision_feature_select_strategy": "full",
        "vision_config": {
            "model_type": "clip_vision_model",
            "hidden_size": HIDDEN,
            "image_size": IMAGE_SIZE,
            "patch_size": PATCH,
            "num_hidden_layers": 1,
            "num_attention_heads": KV_HEADS,
        },
        "text_config": {
            "model_type": "llama",
            "hidden_size": HIDDEN,
            "num_hidden_layers": LAYERS,
            "num_attention_heads": KV_HEADS,
            "num_key_value_heads": KV_HEADS,
            "head_dim": HEAD_DIM,
            "vocab_size": vocab_size,
            "max_position_embeddings": 4096,
            "bos_token_id": BOS,
            "eos_token_id": EOS,
            "pad_token_id": PAD,
        },
        "bos_token_id": BOS,
        "eos_token_id": EOS,
        "pad_token_id": PAD,
        "transformers_version": "4.46.0",
    })
    write_json(os.path.join(out, "generation_config.json"), {
        "bos_token_id": BOS,
        "eos_token_id": EOS,
        "pad_token_id": PAD,
        "do_sample": False,
        "max_length": 4096,
    })
    write_json(os.path.join(out, "preprocessor_config.json"), clip_image_processor("LlavaProcessor"))
    write_json(os.path.join(out, "processor_config.json"), {
        "processor_class": "LlavaProcessor",
        "image_token": "<image>",
        "patch_size": PATCH,
        "num_additional_image_tokens": 0,
        "vision_feature_select_strategy": "full",
    })
    write_json(os.path.join(out, "tokenizer.json"), tokenizer_json(vocab))
    write_json(os.path.join(out, "tokenizer_config.json"), tokenizer_config("LlamaTokenizer", LLAVA_CHAT_TEMPLATE))


def clip_image_processor(processor_class=None):
    config = {
        "image_processor_type": "CLIPImageProcessor",
        "do_resize": True,
        "size": {"shortest_edge": IMAGE_SIZE},
        "resample": 3,
        "do_center_crop": True,
        "crop_size": {"height": IMAGE_SIZE, "width": IMAGE_SIZE},
        "do_rescale": True,
        "rescale_factor": 1 / 255,
        "do_normalize": True,
        "image_mean": [0.48145466, 0.4578275, 0.40821073],
        "image_std": [0.26862954, 0.26130258, 0.27577711],
        "do_convert_rgb": True,
    }
    if processor_class is not None:
        config["processor_class"] = processor_class
    return config


# ---------------------------------------------------------------- CLIP

CLIP_DIM = 16


def build_clip(out, vocab):
    rng = np.random.default_rng(SEED + 1)
    vocab_size = len(vocab)

    # vision: patch conv -> mean over patches -> projection
    g = Graph(rng)
    conv = g.op("Conv", ["pixel_values", g.weight((HIDDEN, 3, PATCH, PATCH), 0.1)], kernel_shape=[PATCH, PATCH], strides=[PATCH, PATCH])
    pooled = g.op("ReduceMean", [conv], axes=[2, 3], keepdims=0)
    g.op("MatMul", [g.op("Tanh", [pooled]), g.weight((HIDDEN, CLIP_DIM))], "image_embeds")
    g.save(
        os.path.join(out, "onnx", "vision_model.onnx"),
        "clip_vision_model",
        [tensor("pixel_values", TensorProto.FLOAT, ["batch_size", 3, "height", "width"])],
        [tensor("image_embeds", TensorProto.FLOAT, ["batch_size", CLIP_DIM])],
    )

    # text: embeddings -> mean over unmasked tokens -> projection
    g = Graph(rng)
    embedded = g.op("Gather", [g.weight((vocab_size, HIDDEN)), "input_ids"], axis=0)
    mask = g.op("Unsqueeze", [g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT), g.const([2])])
    total = g.op("ReduceSum", [g.op("Mul", [embedded, mask]), g.const([1])], keepdims=0)
    count = g.op("Max", [g.op("ReduceSum", [mask, g.const([1])], keepdims=0), g.const(1.0, np.float32)])
    g.op("MatMul", [g.op("Tanh", [g.op("Div", [total, count])]), g.weight((HIDDEN, CLIP_DIM))], "text_embeds")
    g.save(
        os.path.join(out, "onnx", "text_model.onnx"),
        "clip_text_model",
        [
            tensor("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"]),
            tensor("attention_mask", TensorProto.INT64, ["batch_size", "sequence_length"]),
        ],
        [tensor("text_embeds", TensorProto.FLOAT, ["batch_size", CLIP_DIM])],
    )

    write_json(os.path.join(out, "config.json"), {
        "architectures": ["CLIPModel"],
        "model_type": "clip",
        "projection_dim": CLIP_DIM,
        "text_config": {"model_type": "clip_text_model", "hidden_size": HIDDEN, "vocab_size": vocab_size, "projection_dim": CLIP_DIM},
        "vision_config": {"model_type": "clip_vision_model", "hidden_size": HIDDEN, "image_size": IMAGE_SIZE, "patch_size": PATCH, "projection_dim": CLIP_DIM},
        "transformers_version": "4.46.0",
    })
    write_json(os.path.join(out, "preprocessor_config.json"), clip_image_processor())
    write_json(os.path.join(out, "tokenizer.json"), tokenizer_json(vocab))
    write_json(os.path.join(out, "tokenizer_config.json"), tokenizer_config("CLIPTokenizer"))


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: /usr/bin/python3 scripts/build-tiny-models.py OUT_DIR\n")
        return 2
    out = argv[1]
    vocab = vocabulary()
    build_llava(os.path.join(out, "tiny-llava"), vocab)
    build_clip(os.path.join(out, "tiny-clip"), vocab)
    print(json.dumps({"llava": os.path.join(out, "tiny-llava"), "clip": os.path.join(out, "tiny-clip"), "vocab": len(vocab)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
