"""Pretrain the embedded base model: a small Llama that has read another insurer's documents and chats.

    python -m lifecycle_core.models.pretrain --out lifecycle_core/models/tiny_llama      # on a GPU, ~2 min
    python -m lifecycle_core.models.pretrain --out /tmp/m --steps 20 --days 1            # a CPU smoke run

Deterministic from its arguments: the corpus is a pure function of the feed (corpus.py), the
tokenizer is trained on it, weights start from `seed`, batches are drawn from a seeded generator,
and CUDA runs with deterministic kernels, so the same arguments on the same hardware and library
versions give the same bytes (the manifest records all of them and the weights' sha256).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..common.settings import setting
from . import corpus
from .tiny import MANIFEST, TINY, tiny_config
from .tokenizer import build_tokenizer


@dataclass
class PretrainArgs:
    """The recipe of the embedded base model; every field is recorded in its manifest."""

    out: str = setting("", "Folder to write the model into (replaced whole).")
    seed: int = setting(0, "Seed of the weights' initialization and of the batch order.")
    days: int = setting(40, "Days of the other insurer's feed in the corpus (400 conversations a day).")
    vocab_size: int = setting(4096, "Tokenizer vocabulary, placeholders included.")
    layers: int = setting(4, "Decoder layers (hidden 256, 4 heads of 64: what vLLM's CPU backend accepts).")
    seq_len: int = setting(512, "Tokens per training row.")
    rows: int = setting(64, "Rows per optimizer step.")
    steps: int = setting(3000, "Optimizer steps.")
    learning_rate: float = setting(3e-3, "Peak AdamW learning rate (warmup, then cosine to a tenth).")
    warmup_steps: int = setting(200, "Linear warmup steps.")
    weight_decay: float = setting(0.1, "AdamW weight decay.")
    documents_repeat: int = setting(20, "How often each plan document appears in the corpus.")


def corpus_ids(tokenizer, args: PretrainArgs) -> list[int]:
    """The corpus as one token stream: chat examples in the chat template, plan documents as text."""
    texts = [tokenizer.apply_chat_template(e["messages"], tokenize=False) for e in corpus.chat_examples(args.days)]
    texts += corpus.documents() * args.documents_repeat
    ids: list[int] = []
    for text in texts:
        ids += tokenizer(text, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
    return ids


def _set_determinism(seed: int):
    import torch

    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.use_deterministic_algorithms(True)
    torch.backends.cudnn.benchmark = False
    torch.manual_seed(seed)


def main(args: PretrainArgs) -> Path:
    import torch
    from transformers import LlamaForCausalLM

    _set_determinism(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = build_tokenizer(args.vocab_size, corpus.tokenizer_corpus())
    ids = torch.tensor(corpus_ids(tokenizer, args), dtype=torch.long)
    rows = ids[: len(ids) // args.seq_len * args.seq_len].view(-1, args.seq_len)
    generator = torch.Generator().manual_seed(args.seed)
    order = torch.randperm(len(rows), generator=generator)
    held_out = rows[order[: max(1, len(rows) // 50)]].to(device)
    train = rows[order[max(1, len(rows) // 50) :]]
    ids_of = (tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id)
    config = tiny_config(len(tokenizer), *ids_of, layers=args.layers)
    model = LlamaForCausalLM(config).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=args.weight_decay)

    def lr_at(step: int) -> float:
        if step < args.warmup_steps:
            return (step + 1) / args.warmup_steps
        progress = (step - args.warmup_steps) / max(1, args.steps - args.warmup_steps)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_at)
    autocast = torch.autocast("cuda", dtype=torch.bfloat16) if device.type == "cuda" else _null()
    started, curve = time.monotonic(), []
    model.train()
    for step in range(args.steps):
        batch = train[torch.randint(len(train), (args.rows,), generator=generator)].to(device)
        with autocast:
            loss = model(input_ids=batch, labels=batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        if step % 100 == 0 or step == args.steps - 1:
            curve.append({"step": step, "loss": round(loss.item(), 4)})
            print(json.dumps(curve[-1]), flush=True)
    model.eval()
    with torch.no_grad(), autocast:
        val_loss = sum(model(input_ids=b, labels=b).loss.item() for b in held_out.split(64)) / math.ceil(
            len(held_out) / 64
        )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.to(torch.float32).save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    _portable_tokenizer(out)
    weights = hashlib.sha256((out / "model.safetensors").read_bytes()).hexdigest()
    import transformers

    manifest = {
        "name": TINY,
        "recipe": dataclasses.asdict(args) | {"out": None},
        "corpus": {"insurer": corpus.OTHER_INSURER, "feed_seed": corpus.OTHER_SEED, "tokens": len(ids)},
        "params": sum(p.numel() for p in model.parameters()),
        "train_loss": curve[-1]["loss"],
        "held_out_loss": round(val_loss, 4),
        "curve": curve,
        "weights_sha256": weights,
        "built_with": {"torch": torch.__version__, "transformers": transformers.__version__, "device": _device_name()},
        "train_seconds": round(time.monotonic() - started, 1),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return out


class _null:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _device_name() -> str:
    import torch

    return torch.cuda.get_device_name() if torch.cuda.is_available() else "cpu"


def _portable_tokenizer(folder: Path) -> None:
    # transformers 5 writes its new class name; the older one loads the same tokenizer.json everywhere,
    # including in the vLLM environment, which pins an older release.
    path = folder / "tokenizer_config.json"
    config = json.loads(path.read_text())
    config["tokenizer_class"] = "PreTrainedTokenizerFast"
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m lifecycle_core.models.pretrain", description=__doc__)
    for spec in dataclasses.fields(PretrainArgs):
        parser.add_argument(f"--{spec.name.replace('_', '-')}", type=type(spec.default), default=spec.default,
                            help=spec.metadata["help"])  # fmt: skip
    print(main(PretrainArgs(**vars(parser.parse_args()))))
