"""The training entrypoint on a CUDA GPU in bf16 (run on the device machine: `pytest -m gpu --noconftest tests/gpu`).

Self-contained (no conftest): the GPU machine has torch and transformers but not the S3 test stack.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import orjson
import pytest
import torch

from lifecycle_core.feed import FeedConfig, iter_source_lines, plan_documents
from lifecycle_core.finetune import DatasetConfig, build_dataset, read_jsonl_split, write_jsonl_splits
from lifecycle_core.pii import PiiScrubber, Roster
from lifecycle_core.store import LocalObjectStore
from lifecycle_core.training import build_args
from lifecycle_core.training.train import main

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU"),
]


def write_jsonl_dataset(root, days: int = 6) -> str:
    """A real dataset from the synthetic feed, written as the JSONL splits the trainer reads."""
    feed = FeedConfig(conversations_per_day=300, member_population=600)
    first = date(2026, 4, 1)
    conversations, members = [], []
    for offset in range(days):
        day = first + timedelta(days=offset)
        for source, sink in (("conversations", conversations), ("members", members)):
            for line in iter_source_lines(feed, day, source):
                try:
                    sink.append(orjson.loads(line))
                except orjson.JSONDecodeError:
                    continue
    scrubber = PiiScrubber(Roster.from_rows(m for m in members if isinstance(m, dict)))
    built = build_dataset(conversations, plan_documents(feed, first), scrubber, DatasetConfig())
    write_jsonl_splits(LocalObjectStore(root), built.version, built.examples)
    return built.version


def test_bf16_lora_training_on_gpu(tmp_path):
    version = write_jsonl_dataset(tmp_path / "store")
    args = build_args(
        {
            "model": {"base_model": "tiny-llama", "cache_dir": str(tmp_path / "models")},
            "data": {"store_uri": (tmp_path / "store").as_uri(), "dataset_version": version, "max_seq_len": 1024},
            "lora": {"alpha": 64},
            "train": {
                "max_steps": 200,
                "learning_rate": 3e-3,
                "tokens_per_batch": 16384,
                "eval_every": 50,
                "bf16": "auto",
            },
        }
    )
    metrics = main(args)
    print(json.dumps({k: v for k, v in metrics.items() if k != "curve"}, default=str))
    assert metrics["bf16"] is True
    assert metrics["adapter_val_loss"] < 0.8 * metrics["base_val_loss"]
    assert metrics["tokens_per_s"] > 0


def rel(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a.float() - b.float()).norm() / b.float().norm().clamp(min=1e-12))


@pytest.mark.parametrize("dim", [64, 128])
@pytest.mark.parametrize("bound", [2048, 1024])
def test_varlen_kernel_matches_per_document_attention_with_gqa(dim, bound):
    from lifecycle_core.training.packed import _per_document_sdpa, register_varlen_attention, varlen_attention_forward

    register_varlen_attention()
    g = torch.Generator(device="cuda").manual_seed(0)
    lengths = [1, 17, 300, 64, 1000, 5]
    cu = torch.tensor([0, *torch.tensor(lengths).cumsum(0).tolist()], dtype=torch.int32, device="cuda")
    total, heads, kv_heads = sum(lengths), 8, 2
    q = torch.randn(1, heads, total, dim, device="cuda", generator=g, dtype=torch.bfloat16, requires_grad=True)
    k = torch.randn(1, kv_heads, total, dim, device="cuda", generator=g, dtype=torch.bfloat16, requires_grad=True)
    v = torch.randn(1, kv_heads, total, dim, device="cuda", generator=g, dtype=torch.bfloat16, requires_grad=True)
    out, _ = varlen_attention_forward(None, q, k, v, None, scaling=dim**-0.5, cu_seq_lens_q=cu, max_length_q=bound)
    grad = torch.randn_like(out)
    out.backward(grad)
    q32, k32, v32 = (t.detach().float().requires_grad_() for t in (q, k, v))
    ref = _per_document_sdpa(
        q32.transpose(1, 2)[0], k32.transpose(1, 2)[0], v32.transpose(1, 2)[0], cu.cpu(), heads // kv_heads, dim**-0.5
    ).unsqueeze(0)
    ref.backward(grad.float())
    assert rel(out, ref) < 1e-2
    for got, want in ((q.grad, q32.grad), (k.grad, k32.grad), (v.grad, v32.grad)):
        assert torch.isfinite(got).all()
        assert rel(got, want) < 2e-2


def test_compiled_fast_path_matches_the_reference_in_bf16(tmp_path):
    """The CUDA fast path (varlen kernel, compiled layers, compiled chunked loss) against
    transformers' own attention and loss on the same examples, same LoRA weights."""
    from lifecycle_core.models import TINY, load_base, resolve_base_model
    from lifecycle_core.training.data import collate, encode_all
    from lifecycle_core.training.model import FlatCausalLM, add_lora, compile_layers, flat_loss, token_loss
    from lifecycle_core.training.packed import collate_flat, register_varlen_attention

    version = write_jsonl_dataset(tmp_path / "store", days=1)
    store = LocalObjectStore(tmp_path / "store")
    examples = read_jsonl_split(store, version, "train")[:24]
    path = resolve_base_model(TINY, tmp_path / "models")
    args = build_args({"data": {"store_uri": "file:///x", "dataset_version": "v"}, "lora": {"dropout": 0.0}})
    grads, losses = [], []
    for attention in ("sdpa", register_varlen_attention()):
        base, tokenizer = load_base(
            path, dtype=torch.bfloat16, device=torch.device("cuda"), attn_implementation=attention
        )
        base.config.use_cache = False
        torch.manual_seed(0)
        peft_model = add_lora(base, args, autocast=True).cuda()
        with torch.no_grad():
            for name, p in peft_model.named_parameters():
                if "lora_B" in name:
                    p.normal_(0, 0.02, generator=torch.Generator(device="cuda").manual_seed(len(name)))
        encoded, _ = encode_all(tokenizer, examples, 1024)
        rows = [list(range(8)), list(range(8, 16)), list(range(16, 24))]
        if attention == "sdpa":
            loss = sum(
                token_loss(peft_model, {k: v.cuda() for k, v in collate([r], encoded, 0).items()}, True) for r in rows
            )
        else:
            assert compile_layers(peft_model) == 4
            flat = FlatCausalLM(peft_model, loss_chunk=256, compile_loss=True)
            loss = sum(flat_loss(flat, collate_flat([r], encoded, 1024).to(torch.device("cuda")), True) for r in rows)
        loss.backward()
        losses.append(loss.detach())
        grads.append({n: p.grad for n, p in peft_model.named_parameters() if p.requires_grad})
    assert rel(losses[1], losses[0]) < 5e-3
    worst = max(rel(grads[1][n], g) for n, g in grads[0].items())
    assert worst < 5e-2, worst
