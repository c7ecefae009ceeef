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
  OUT_DIR/tiny-whisper/ a Whisper-layout speech recogniser (WhisperForConditionalGeneration, English-only):
                       config.json, generation_config.json, preprocessor_config.json (WhisperFeatureExtractor),
                       tokenizer.json (byte-level BPE with Whisper's special and 1501 timestamp tokens),
                       tokenizer_config.json, onnx/encoder_model.onnx (input_features -> last_hidden_state),
                       onnx/decoder_model_merged.onnx (input_ids, encoder_hidden_states, use_cache_branch,
                       past_key_values.0.{decoder,encoder}.{key,value} -> logits, present.*).

The Whisper model is not random where it matters: its decoder is a small state machine that reads its
own KV cache and the encoder's loudness channel, so it says " sound" from the first to the last loud
20-ms frame of each 30-s window (<|start|> sound <|end|>) and nothing for silence (see build_whisper).
Random weights give nonsense text: the other models check loading, templates, preprocessing, the image-token
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


# ---------------------------------------------------------------- Whisper

WHISPER_D_MODEL = 8
WHISPER_HEAD_DIM = 4  # one attention head; KV-cache shapes need fixed head counts and sizes
WHISPER_FRAMES = 3000  # mel frames in a 30-s window (hop 160 at 16 kHz)
WHISPER_POSITIONS = 1500  # encoder positions (the convolution halves the frames)
WHISPER_TIMESTAMPS = 1501  # <|0.00|> ... <|30.00|> in 0.02-s steps
WHISPER_WORDS = [" sound"]  # what the model says over loud audio
WHISPER_SPECIALS = [
    "<|endoftext|>", "<|startoftranscript|>", "<|translate|>", "<|transcribe|>",
    "<|startoflm|>", "<|startofprev|>", "<|nocaptions|>", "<|notimestamps|>",
]


def byte_level_alphabet():
    """GPT-2's byte-to-unicode table (printable bytes map to themselves, the rest above U+0100)."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1)) + list(range(ord("\u00ae"), ord("\u00ff") + 1))
    codes = list(printable)
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            codes.append(256 + extra)
            extra += 1
    table = dict(zip(printable, codes))
    return [chr(table[byte]) for byte in range(256)]


def whisper_vocabulary():
    """Byte tokens, then each word built by merges, then the specials, then the timestamps (always last)."""
    alphabet = byte_level_alphabet()
    tokens = list(alphabet)
    merges = []
    for word in WHISPER_WORDS:
        encoded = "".join(alphabet[byte] for byte in word.encode("utf-8"))
        for end in range(2, len(encoded) + 1):
            merges.append(f"{encoded[: end - 1]} {encoded[end - 1]}")
            if encoded[:end] not in tokens:
                tokens.append(encoded[:end])
    words = [tokens.index("".join(alphabet[byte] for byte in word.encode("utf-8"))) for word in WHISPER_WORDS]
    first_special = len(tokens)
    tokens += WHISPER_SPECIALS
    tokens += [f"<|{index * 0.02:.2f}|>" for index in range(WHISPER_TIMESTAMPS)]
    ids = {name: first_special + index for index, name in enumerate(WHISPER_SPECIALS)}
    return tokens, merges, words, ids


def whisper_tokenizer_json(tokens, merges, first_special):
    added = [
        {
            "id": index,
            "content": tokens[index],
            "single_word": False,
            "lstrip": False,
            "rstrip": False,
            "normalized": False,
            # timestamps are added tokens but not special, as in Whisper's own tokenizer: the ASR decoder
            # reads them as times, and treats special ones (language, task) differently
            "special": index < first_special + len(WHISPER_SPECIALS),
        }
        for index in range(first_special, len(tokens))
    ]
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": byte_level,
        "post_processor": byte_level,
        "decoder": byte_level,
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": "",
            "end_of_word_suffix": "",
            "fuse_unk": False,
            "byte_fallback": False,
            "vocab": {token: index for index, token in enumerate(tokens[:first_special])},
            "merges": merges,
        },
    }


def build_whisper(out):
    """Whisper whose decoder is a state machine over its KV cache and the encoder's loudness channel.

    Encoder: channel 0 of last_hidden_state is the loudest mel bin of each pair of frames (Whisper's
    log-mel is normalised so that > 0 means a power above 1e-4); the other channels are a random strided
    convolution, as a real encoder would compute. Decoder, per step, from the last token and the cache:
      <|startoftranscript|>  -> the timestamp of the first loud frame (the earliest wins; 0.00 in silence)
      a timestamp, 1st one   -> " sound" when any frame is loud, else <|endoftext|>
      " sound"               -> the timestamp just after the last loud frame
      anything else          -> <|endoftext|>
    "1st one" is read from the self-attention cache (value channel 0 marks timestamps, so the sum over
    past_key_values.0.decoder.value counts them) and loudness from the cross-attention cache
    (past_key_values.0.encoder.value channel 0), filled on the first step and passed back afterwards
    (use_cache_branch picks, as in optimum's merged decoders), so a broken cache changes the output.
    Its cross attention (the alignment head) puts " sound" on the loud frames, for word timestamps.
    """
    rng = np.random.default_rng(SEED + 2)
    tokens, merges, words, ids = whisper_vocabulary()
    vocab_size = len(tokens)
    first_special = ids["<|endoftext|>"]
    eos, sot, no_timestamps = ids["<|endoftext|>"], ids["<|startoftranscript|>"], ids["<|notimestamps|>"]
    timestamp_begin = no_timestamps + 1
    assert timestamp_begin + WHISPER_TIMESTAMPS == vocab_size
    word = words[0]
    d, hd = WHISPER_D_MODEL, WHISPER_HEAD_DIM

    # encoder: input_features [B, 80, 3000] -> last_hidden_state [B, 1500, d]
    g = Graph(rng)
    loudest = g.op("ReduceMax", ["input_features"], axes=[1], keepdims=0)
    pairs = g.op("Reshape", [loudest, g.const([0, WHISPER_POSITIONS, 2])])
    level = g.op("ReduceMax", [pairs], axes=[2], keepdims=1)
    conv = g.op("Conv", ["input_features", g.weight((d - 1, 80, 2), 0.05)], kernel_shape=[2], strides=[2])
    features = g.op("Transpose", [g.op("Tanh", [conv])], perm=[0, 2, 1])
    g.op("Concat", [level, features], "last_hidden_state", axis=2)
    g.save(
        os.path.join(out, "onnx", "encoder_model.onnx"),
        "whisper_encoder",
        [tensor("input_features", TensorProto.FLOAT, ["batch_size", 80, WHISPER_FRAMES])],
        [tensor("last_hidden_state", TensorProto.FLOAT, ["batch_size", WHISPER_POSITIONS, d])],
    )

    # decoder_model_merged
    g = Graph(rng)
    kv = lambda name, length: tensor(name, TensorProto.FLOAT, ["batch_size", 1, length, hd])
    inputs = [
        tensor("input_ids", TensorProto.INT64, ["batch_size", "decoder_sequence_length"]),
        tensor("encoder_hidden_states", TensorProto.FLOAT, ["batch_size", "encoder_sequence_length_out", d]),
        kv("past_key_values.0.decoder.key", "past_decoder_sequence_length"),
        kv("past_key_values.0.decoder.value", "past_decoder_sequence_length"),
        kv("past_key_values.0.encoder.key", "encoder_sequence_length_out"),
        kv("past_key_values.0.encoder.value", "encoder_sequence_length_out"),
        tensor("use_cache_branch", TensorProto.BOOL, [1]),
    ]
    outputs = [
        tensor("logits", TensorProto.FLOAT, ["batch_size", "decoder_sequence_length", vocab_size]),
        kv("present.0.decoder.key", "present_decoder_sequence_length"),
        kv("present.0.decoder.value", "present_decoder_sequence_length"),
        kv("present.0.encoder.key", "encoder_sequence_length_out"),
        kv("present.0.encoder.value", "encoder_sequence_length_out"),
    ]

    # cross-attention keys and values: computed from the encoder on the first step, reused afterwards
    def projection():
        weight = (rng.standard_normal((d, hd)) * 0.3).astype(np.float32)
        weight[:, 0] = 0.0
        weight[0, 0] = 1.0  # channel 0 carries the loudness through unchanged
        name = g.name("w")
        g.initializers.append(numpy_helper.from_array(weight, name))
        return name

    key_weight, value_weight = projection(), projection()
    computed = helper.make_graph(
        [
            helper.make_node("MatMul", ["encoder_hidden_states", key_weight], ["cross_key_flat"]),
            helper.make_node("Unsqueeze", ["cross_key_flat", g.const([1])], ["cross_key"]),
            helper.make_node("MatMul", ["encoder_hidden_states", value_weight], ["cross_value_flat"]),
            helper.make_node("Unsqueeze", ["cross_value_flat", g.const([1])], ["cross_value"]),
        ],
        "compute_cross_cache", [], [kv("cross_key", "encoder_sequence_length_out"), kv("cross_value", "encoder_sequence_length_out")],
    )
    reused = helper.make_graph(
        [
            helper.make_node("Identity", ["past_key_values.0.encoder.key"], ["past_cross_key"]),
            helper.make_node("Identity", ["past_key_values.0.encoder.value"], ["past_cross_value"]),
        ],
        "reuse_cross_cache", [], [kv("past_cross_key", "encoder_sequence_length_out"), kv("past_cross_value", "encoder_sequence_length_out")],
    )
    g.nodes.append(helper.make_node(
        "If", [g.op("Squeeze", ["use_cache_branch", g.const([0])])],
        ["present.0.encoder.key", "present.0.encoder.value"], then_branch=reused, else_branch=computed,
    ))

    # self-attention cache: value channel 0 marks timestamp tokens
    is_timestamp = (np.arange(vocab_size) >= timestamp_begin).astype(np.float32)
    key_table = (rng.standard_normal((vocab_size, hd)) * 0.3).astype(np.float32)
    value_table = (rng.standard_normal((vocab_size, hd)) * 0.3).astype(np.float32)
    value_table[:, 0] = is_timestamp
    for kind, table in (("key", key_table), ("value", value_table)):
        new = g.op("Unsqueeze", [g.op("Gather", [g.const(table, np.float32), "input_ids"], axis=0), g.const([1])])
        g.op("Concat", [f"past_key_values.0.decoder.{kind}", new], f"present.0.decoder.{kind}", axis=2)
    marks = g.op("Slice", ["present.0.decoder.value", g.const([0]), g.const([1]), g.const([3])])
    count = g.op("ReduceSum", [marks, g.const([1, 2, 3])], keepdims=0)  # [B]
    first_timestamp = g.op("Cast", [g.op("Equal", [count, g.const(1.0, np.float32)])], to=TensorProto.FLOAT)
    first_timestamp = g.op("Unsqueeze", [first_timestamp, g.const([1])])  # [B, 1]

    # loudness per encoder position from the cross-attention cache: [B, T]
    level = g.op("Slice", ["present.0.encoder.value", g.const([0]), g.const([1]), g.const([3])])
    level = g.op("Reshape", [level, g.const([0, -1])])
    loud = g.op("Sigmoid", [g.op("Mul", [level, g.const(20.0, np.float32)])])
    any_loud = g.op("ReduceMax", [loud], axes=[1], keepdims=1)  # [B, 1]
    steps = g.const(np.arange(WHISPER_TIMESTAMPS) * 0.01, np.float32)
    start_scores = g.op("Sub", [g.op("Mul", [g.op("Pad", [loud, g.const([0, 0, 0, 1])]), g.const(20.0, np.float32)]), steps])
    end_scores = g.op("Add", [g.op("Mul", [g.op("Pad", [loud, g.const([0, 1, 0, 0])]), g.const(20.0, np.float32)]), steps])
    text_floor = g.const(-100.0, np.float32)
    start_row = g.op("Pad", [start_scores, g.const([0, timestamp_begin, 0, 0]), text_floor])  # [B, V]
    end_row = g.op("Pad", [end_scores, g.const([0, timestamp_begin, 0, 0]), text_floor])
    word_vector = np.zeros(vocab_size, dtype=np.float32)
    word_vector[word] = 30.0
    eos_half = np.zeros(vocab_size, dtype=np.float32)
    eos_half[eos] = 15.0
    word_row = g.op("Add", [g.op("Mul", [any_loud, g.const(word_vector, np.float32)]), g.const(eos_half, np.float32)])
    eos_row = np.zeros(vocab_size, dtype=np.float32)
    eos_row[eos] = 30.0

    # which row each position takes, from its token (and the timestamp count)
    def indicator(selected):
        table = np.zeros(vocab_size, dtype=np.float32)
        table[selected] = 1.0
        return g.op("Gather", [g.const(table, np.float32), "input_ids"], axis=0)  # [B, S]

    take_start = indicator([sot])
    take_end = indicator([word])
    take_word = g.op("Mul", [indicator(list(range(timestamp_begin, vocab_size))), first_timestamp])
    take_eos = g.op("Sub", [g.op("Sub", [g.op("Sub", [g.const(1.0, np.float32), take_start]), take_end]), take_word])
    # cross_attentions.0 [B, 1, S, T], for word timestamps (alignment head [0, 0]): the first timestamp
    # attends to the quiet frames before the sound, " sound" to the loud frames, the closing timestamp to
    # the quiet frames after, everything else a constant outside [0, 1] (so no frame has equal rows, which
    # would make the z-scores transformers.js takes across tokens divide by zero).
    quiet = g.op("Sub", [g.const(1.0, np.float32), loud])
    heard = g.op("Min", [g.op("CumSum", [loud, g.const(1)]), g.const(1.0, np.float32)])  # a loud frame so far
    profiles = [
        (take_word, g.op("Mul", [quiet, g.op("Sub", [g.const(1.0, np.float32), heard])])),
        (take_end, loud),
        (g.op("Sub", [indicator(list(range(timestamp_begin, vocab_size))), take_word]), g.op("Mul", [quiet, heard])),
    ]
    taken = None
    attention = None
    for take, profile in profiles:
        term = g.op("Mul", [g.op("Unsqueeze", [take, g.const([2])]), g.op("Unsqueeze", [profile, g.const([1])])])
        attention = term if attention is None else g.op("Add", [attention, term])
        taken = take if taken is None else g.op("Add", [taken, take])
    rest = g.op("Mul", [g.op("Sub", [g.const(1.0, np.float32), taken]), g.const(-1.0, np.float32)])
    attention = g.op("Add", [attention, g.op("Unsqueeze", [rest, g.const([2])])])
    g.op("Unsqueeze", [attention, g.const([1])], "cross_attentions.0")
    outputs.append(tensor("cross_attentions.0", TensorProto.FLOAT, ["batch_size", 1, "decoder_sequence_length", "encoder_sequence_length_out"]))

    # logits [B, S, V] = sum over rows of take [B, S, 1] x row [B, 1, V] (the EOS row is one [V] for all)
    rows = [
        (take_start, g.op("Unsqueeze", [start_row, g.const([1])])),
        (take_end, g.op("Unsqueeze", [end_row, g.const([1])])),
        (take_word, g.op("Unsqueeze", [word_row, g.const([1])])),
        (take_eos, g.const(eos_row, np.float32)),
    ]
    terms = [g.op("Mul", [g.op("Unsqueeze", [take, g.const([2])]), row]) for take, row in rows]
    total = terms[0]
    for term in terms[1:]:
        total = g.op("Add", [total, term])
    g.op("Identity", [total], "logits")
    g.save(os.path.join(out, "onnx", "decoder_model_merged.onnx"), "whisper_decoder_merged", inputs, outputs)

    write_json(os.path.join(out, "config.json"), {
        "architectures": ["WhisperForConditionalGeneration"],
        "model_type": "whisper",
        "d_model": d,
        "encoder_layers": 1,
        "decoder_layers": 1,
        "encoder_attention_heads": 1,
        "decoder_attention_heads": 1,
        "encoder_ffn_dim": 4 * d,
        "decoder_ffn_dim": 4 * d,
        "num_mel_bins": 80,
        "max_source_positions": WHISPER_POSITIONS,
        "max_target_positions": 448,
        "vocab_size": vocab_size,
        "is_encoder_decoder": True,
        "use_cache": True,
        "bos_token_id": eos,
        "eos_token_id": eos,
        "pad_token_id": eos,
        "decoder_start_token_id": sot,
        "median_filter_width": 7,
        "begin_suppress_tokens": [tokens.index("\u0120"), eos],
        "transformers_version": "4.46.0",
    })
    write_json(os.path.join(out, "generation_config.json"), {
        "bos_token_id": eos,
        "eos_token_id": eos,
        "pad_token_id": eos,
        "decoder_start_token_id": sot,
        "no_timestamps_token_id": no_timestamps,
        "prev_sot_token_id": ids["<|startofprev|>"],
        "is_multilingual": False,
        "max_initial_timestamp_index": 50,
        "max_length": 448,
        "return_timestamps": False,
        "forced_decoder_ids": [[1, no_timestamps]],
        "begin_suppress_tokens": [tokens.index("\u0120"), eos],
        # a few byte tokens the model must never say, as Whisper's own list does for symbols
        "suppress_tokens": [tokens.index(char) for char in "#()*+/<=>@[\\]^_`{|}~"],
        "alignment_heads": [[0, 0]],
        "transformers_version": "4.46.0",
    })
    write_json(os.path.join(out, "preprocessor_config.json"), {
        "feature_extractor_type": "WhisperFeatureExtractor",
        "processor_class": "WhisperProcessor",
        "feature_size": 80,
        "sampling_rate": 16000,
        "hop_length": 160,
        "chunk_length": 30,
        "n_fft": 400,
        "n_samples": 480000,
        "nb_max_frames": WHISPER_FRAMES,
        "padding_side": "right",
        "padding_value": 0.0,
        "return_attention_mask": False,
    })
    write_json(os.path.join(out, "tokenizer.json"), whisper_tokenizer_json(tokens, merges, first_special))
    write_json(os.path.join(out, "tokenizer_config.json"), {
        "tokenizer_class": "WhisperTokenizer",
        "model_max_length": 1024,
        "bos_token": "<|endoftext|>",
        "eos_token": "<|endoftext|>",
        "unk_token": "<|endoftext|>",
        "pad_token": "<|endoftext|>",
        "add_prefix_space": False,
        "errors": "replace",
        "clean_up_tokenization_spaces": True,
    })


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: /usr/bin/python3 scripts/build-tiny-models.py OUT_DIR\n")
        return 2
    out = argv[1]
    vocab = vocabulary()
    build_llava(os.path.join(out, "tiny-llava"), vocab)
    build_clip(os.path.join(out, "tiny-clip"), vocab)
    build_whisper(os.path.join(out, "tiny-whisper"))
    print(json.dumps({"llava": os.path.join(out, "tiny-llava"), "clip": os.path.join(out, "tiny-clip"), "whisper": os.path.join(out, "tiny-whisper"), "vocab": len(vocab)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
