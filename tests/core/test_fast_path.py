"""The fast training path computes the reference's function: flat rows, varlen attention, chunked loss."""

from __future__ import annotations

from datetime import date

import orjson
import pytest
import torch
import torch.nn.functional as F

from lifecycle_core.feed import FeedConfig, iter_source_lines, plan_documents
from lifecycle_core.finetune import DatasetConfig, build_dataset
from lifecycle_core.models import TINY, load_base, resolve_base_model
from lifecycle_core.pii import PiiScrubber
from lifecycle_core.training import build_args
from lifecycle_core.training.data import IGNORE, collate, encode_all, epoch_batches
from lifecycle_core.training.losses import linear_cross_entropy
from lifecycle_core.training.model import FlatCausalLM, add_lora, flat_loss, token_loss
from lifecycle_core.training.packed import ATTENTION_NAME, collate_flat, register_varlen_attention
from lifecycle_core.training.schedule import plan_steps


@pytest.fixture(scope="module")
def examples():
    rows = []
    for line in iter_source_lines(FeedConfig(conversations_per_day=120), date(2026, 5, 2), "conversations"):
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError:
            continue
        if isinstance(rec, dict):
            rows.append({**rec, "partition_date": date(2026, 5, 2), "member_key": "k" + str(rec.pop("member_id", ""))})
    built = build_dataset(rows, plan_documents(FeedConfig(), date(2026, 5, 2)), PiiScrubber(), DatasetConfig())
    return built.examples["train"][:40]


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    return resolve_base_model(TINY, tmp_path_factory.mktemp("models"))


def lora_pair(path, dropout: float = 0.0):
    """The same base + LoRA init twice: one on transformers' SDPA (reference), one on our attention."""
    args = build_args(
        {"data": {"store_uri": "file:///x", "dataset_version": "v"}, "lora": {"dropout": dropout, "alpha": 64}}
    )
    models = []
    for attention in ("sdpa", register_varlen_attention()):
        base, tokenizer = load_base(path, attn_implementation=attention)
        base.config.use_cache = False
        torch.manual_seed(0)
        peft_model = add_lora(base, args)
        with torch.no_grad():  # LoRA B starts at zero; give it weight so the adapter path is exercised
            for name, p in peft_model.named_parameters():
                if "lora_B" in name:
                    p.copy_(torch.randn(p.shape, generator=torch.Generator().manual_seed(hash(name) % 2**31)) * 0.02)
        models.append(peft_model)
    return models[0], models[1], tokenizer


def test_collate_flat_marks_documents_and_next_token_labels(path, examples):
    _, tokenizer = load_base(path)
    encoded, _ = encode_all(tokenizer, examples[:3], max_seq_len=1024)
    flat = collate_flat([[0, 1], [2]], encoded, max_len=1024)
    lengths = [len(e) for e in encoded]
    assert flat.cu_seqlens.tolist() == [0, lengths[0], lengths[0] + lengths[1], sum(lengths)]
    assert flat.input_ids.shape == (1, sum(lengths))
    assert flat.position_ids[0, lengths[0]].item() == 0 and flat.position_ids[0, -1].item() == lengths[2] - 1
    labels = [lab for e in encoded for lab in e.labels]
    want = [i for i in range(len(labels) - 1) if labels[i + 1] != IGNORE]
    assert flat.loss_index.tolist() == want
    assert flat.targets.tolist() == [labels[i + 1] for i in want]
    starts = set(flat.cu_seqlens.tolist()[:-1])
    assert not any(i + 1 in starts for i in want)  # no loss across a document boundary
    assert flat.label_tokens == sum(e.n_labels for e in encoded)


@pytest.mark.parametrize("dtype,tol", [(torch.float32, 1e-5), (torch.bfloat16, 2e-2)])
def test_linear_cross_entropy_matches_full_logits(dtype, tol):
    g = torch.Generator().manual_seed(1)
    hidden = torch.randn(37, 16, generator=g).to(dtype).requires_grad_()
    weight = (torch.randn(101, 16, generator=g) * 0.5).to(dtype).requires_grad_()
    targets = torch.randint(0, 101, (37,), generator=g)
    loss = linear_cross_entropy(hidden, weight, targets, chunk=8, compile_chunks=False)
    (loss * 0.5).backward()
    h2, w2 = hidden.detach().float().requires_grad_(), weight.detach().float().requires_grad_()
    ref = F.cross_entropy(h2 @ w2.t(), targets, reduction="sum")
    (ref * 0.5).backward()
    assert torch.allclose(loss.float(), ref, rtol=tol)
    for got, want in ((hidden.grad, h2.grad), (weight.grad, w2.grad)):
        rel = (got.float() - want).norm() / want.norm()
        assert rel < tol, rel


def test_linear_cross_entropy_of_no_rows_is_zero_and_differentiable():
    hidden = torch.zeros(0, 8, requires_grad=True)
    loss = linear_cross_entropy(hidden, torch.randn(11, 8), torch.zeros(0, dtype=torch.long))
    loss.backward()
    assert loss.item() == 0.0 and hidden.grad.shape == (0, 8)


def test_flat_path_loss_and_gradients_equal_the_reference(path, examples):
    """Same LoRA init, same examples: loss and every LoRA gradient agree with transformers' own path."""
    reference, fast, tokenizer = lora_pair(path)
    encoded, _ = encode_all(tokenizer, examples[:10], max_seq_len=1024)
    rows = [[0, 1, 2], [3, 4], [5, 6, 7, 8, 9]]
    ref_loss = sum(token_loss(reference, collate([row], encoded, tokenizer.pad_token_id), False) for row in rows)
    ref_loss.backward()
    flat_model = FlatCausalLM(fast, loss_chunk=64)
    fast_loss = flat_loss(flat_model, collate_flat(rows, encoded, max_len=1024), False)
    fast_loss.backward()
    assert fast.get_base_model().config._attn_implementation == ATTENTION_NAME
    torch.testing.assert_close(fast_loss, ref_loss, rtol=1e-5, atol=1e-3)
    ref_grads = {n: p.grad for n, p in reference.named_parameters() if p.requires_grad}
    fast_grads = {n: p.grad for n, p in fast.named_parameters() if p.requires_grad}
    assert ref_grads.keys() == fast_grads.keys() and len(ref_grads) == 4 * 7 * 2
    for name, grad in ref_grads.items():
        rel = (fast_grads[name] - grad).norm() / grad.norm().clamp(min=1e-12)
        assert rel < 1e-4, (name, float(rel))


def test_flat_plan_fills_micro_batches_up_to_the_token_budget(path, examples):
    _, tokenizer = load_base(path)
    encoded, _ = encode_all(tokenizer, examples, max_seq_len=1024)
    args = build_args(
        {
            "data": {"store_uri": "file:///x", "dataset_version": "v", "max_seq_len": 1024},
            "train": {"tokens_per_batch": 2048, "epochs": 1},
        }
    )
    steps = plan_steps(encoded, args, world_size=1)
    sizes = [sum(len(encoded[i]) for row in s.micro_batches[0] for i in row) for s in steps]
    assert max(sizes) <= 2048
    used = sorted(i for s in steps for row in s.micro_batches[0] for i in row)
    assert len(used) == len(set(used))  # each example at most once per epoch
    # best-fit packing wastes little: all but the last few micro-batches are nearly full
    assert sorted(sizes)[len(sizes) // 2] > 0.9 * 2048
    assert epoch_batches(encoded, 2048, 2048, True, seed=None) == epoch_batches(encoded, 2048, 2048, True, seed=None)


def test_fast_and_reference_paths_train_the_same_adapter_on_the_same_batches(path, examples, tmp_path):
    """With rows of the same capacity both paths see identical micro-batches: the whole training
    curve, not one step, must then agree (dropout off, so no random stream differs)."""
    from lifecycle_core.finetune import write_jsonl_splits
    from lifecycle_core.store import LocalObjectStore
    from lifecycle_core.training.train import main

    write_jsonl_splits(
        LocalObjectStore(tmp_path / "store"), "v1", {"train": examples[:30], "validation": examples[30:40]}
    )
    curves = {}
    for attention in ("hf", "varlen"):
        args = build_args(
            {
                "model": {"base_model": path},
                "data": {"store_uri": (tmp_path / "store").as_uri(), "dataset_version": "v1", "max_seq_len": 1024},
                "lora": {"dropout": 0.0, "alpha": 64},
                "train": {
                    "attention": attention,
                    "tokens_per_batch": 1024,
                    "max_steps": 12,
                    "learning_rate": 3e-3,
                    "eval_every": 6,
                    "log_every": 6,
                    "output_key": f"adapters/{attention}",
                },
            }
        )
        metrics = main(args)
        assert metrics["attention"] == attention
        curves[attention] = [(p["train_loss"], p["val_loss"]) for p in metrics["curve"]]
    hf, varlen = curves["hf"], curves["varlen"]
    assert len(hf) == len(varlen) == 12
    for (train_a, val_a), (train_b, val_b) in zip(hf, varlen, strict=True):
        assert abs(train_a - train_b) < 1e-3 * train_a
        assert (val_a is None) == (val_b is None) and (val_a is None or abs(val_a - val_b) < 1e-3 * val_a)
    assert hf[-1][0] < hf[0][0]  # and it is a run that learns, not two flat lines
