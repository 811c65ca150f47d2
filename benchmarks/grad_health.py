"""Where the gradients of a randomly initialized Llama shape stop being finite (issue: the 8B run's LoRA
gradients were all NaN from the first backward pass, in transformers' own path too, with a finite loss).

    python benchmarks/grad_health.py --shape 8b --out benchmarks/results/grad_health_8b_h200.json

For the model as the throughput benchmark builds it (in memory, and after save_pretrained/from_pretrained),
it reports weights that look uninitialized (non-finite, zero spread, or far from the configured init),
the residual stream's size after each decoder layer, and, in backward order, the first modules whose
incoming or outgoing gradient holds a non-finite value; then whether the LoRA gradients are finite.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.train_throughput import LORA, SHAPES


def config_for(shape: str, pad_is_bos: bool = False):
    """The shape's config as the throughput benchmark builds it; pad_is_bos: with the special ids it had before
    (pad_token_id=0, which is this tokenizer's BOS), to show the fault."""
    from transformers import AutoTokenizer, LlamaConfig

    from benchmarks.train_throughput import special_ids
    from lifecycle_core.models import TINY, resolve_base_model

    ids = special_ids(AutoTokenizer.from_pretrained(resolve_base_model(TINY, tempfile.mkdtemp())))
    if pad_is_bos:
        ids = {"bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0}
    return LlamaConfig(max_position_embeddings=8192, rope_theta=500000.0, rms_norm_eps=1e-5, dtype="bfloat16",
                       **ids, **SHAPES[shape])  # fmt: skip


def build(shape: str, device: str, pad_is_bos: bool):
    from transformers import LlamaForCausalLM

    torch.manual_seed(0)
    with torch.device(device):
        return LlamaForCausalLM(config_for(shape, pad_is_bos)).to(torch.bfloat16)


def weight_report(model, init_std: float) -> dict:
    """Per parameter: non-finite count, std and max |w|; those that do not look like their init are listed."""
    odd, seen = [], 0
    for name, p in model.named_parameters():
        w = p.detach().float()
        nonfinite = int((~torch.isfinite(w)).sum())
        finite = w[torch.isfinite(w)]
        std = float(finite.std()) if finite.numel() > 1 else 0.0
        absmax = float(finite.abs().max()) if finite.numel() else float("nan")
        seen += 1
        is_norm = name.endswith("norm.weight")
        looks_wrong = (
            nonfinite
            or (is_norm and abs(float(finite.mean()) - 1) > 1e-3)
            or (not is_norm and (std < init_std / 4 or std > init_std * 4))
        )
        if looks_wrong:
            odd.append({"name": name, "nonfinite": nonfinite, "std": std, "absmax": absmax,
                        "mean": float(finite.mean()) if finite.numel() else None})  # fmt: skip
    return {"parameters": seen, "odd": odd[:40], "odd_count": len(odd)}


def watch(model) -> tuple[list, list, dict, list]:
    """Hooks on every module: (backward events where a gradient is non-finite, in backward order; the residual
    stream after each decoder layer; each module's largest forward output; the handles)."""
    events, residual, outputs, handles = [], [], {}, []
    for name, module in model.named_modules():
        if not name:
            continue

        def on_backward(mod, grad_input, grad_output, name=name):
            bad_out = any(g is not None and not torch.isfinite(g).all() for g in grad_output)
            bad_in = any(g is not None and not torch.isfinite(g).all() for g in grad_input)
            if (bad_out or bad_in) and len(events) < 25:
                peak = max((float(g.detach().abs().float().nan_to_num(0, 0, 0).max()) for g in grad_output
                            if g is not None), default=None)  # fmt: skip
                events.append({"module": name, "grad_output_nonfinite": bad_out, "grad_input_nonfinite": bad_in,
                               "grad_output_finite_absmax": peak})  # fmt: skip

        def on_forward(mod, args, output, name=name):
            hidden = output[0] if isinstance(output, tuple) else output
            if isinstance(hidden, torch.Tensor) and hidden.is_floating_point():
                outputs[name] = (float(hidden.detach().abs().float().nan_to_num(0, 0, 0).max()),
                                 bool(not torch.isfinite(hidden).all()), str(hidden.dtype))  # fmt: skip
                if re.search(r"\.layers\.\d+$", name):  # a decoder layer
                    residual.append({"layer": name, "absmax": outputs[name][0],
                                     "rms": float(hidden.detach().float().pow(2).mean().sqrt())})  # fmt: skip

        handles.append(module.register_full_backward_hook(on_backward))
        handles.append(module.register_forward_hook(on_forward))
    return events, residual, outputs, handles


def forward_summary(outputs: dict) -> dict:
    ranked = sorted(outputs.items(), key=lambda kv: -kv[1][0])
    return {"largest_outputs": [[n, v[0], v[2]] for n, v in ranked[:12]],
            "nonfinite_outputs": [n for n, v in outputs.items() if v[1]][:12]}  # fmt: skip


def backward_report(model, device: str, tokens: int, vocab: int) -> dict:
    events, residual, outputs, handles = watch(model)
    generator = torch.Generator(device="cpu").manual_seed(1)
    ids = torch.randint(3, vocab, (1, tokens), generator=generator).to(device)
    model.train()
    with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
        out = model(input_ids=ids, labels=ids)
    loss = out.loss
    logits = out.logits.detach()
    loss.backward()
    for h in handles:
        h.remove()
    lora = {n: p.grad for n, p in model.named_parameters() if p.requires_grad}
    bad = [n for n, g in lora.items() if g is None or not torch.isfinite(g).all()]
    return {
        "loss": float(loss),
        "logits_absmax": float(logits.abs().max()),
        "logits_dtype": str(logits.dtype),
        "residual_after_layer": residual[:: max(1, len(residual) // 8)] + residual[-1:],
        **forward_summary(outputs),
        "first_nonfinite_in_backward": events,
        "lora_parameters": len(lora),
        "lora_nonfinite": len(bad),
        "lora_nonfinite_examples": bad[:5],
        "lora_grad_norm": float(torch.stack([g.float().norm() for g in lora.values() if g is not None]).norm()),
    }


def with_lora(model):
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(r=LORA["r"], lora_alpha=LORA["alpha"], lora_dropout=LORA["dropout"],
                        target_modules=list(LORA["target_modules"]))  # fmt: skip
    return get_peft_model(model, config)


def training_report(base, device: str, steps: int, budget: int, cast_inputs: bool, attention: str) -> dict:
    """`steps` optimizer steps of our flat path (FlatCausalLM, varlen attention, fused AdamW at 2e-4 after a
    4-step warmup, clipping at 1.0) on the throughput benchmark's chat examples, watching each step."""
    from transformers import AutoTokenizer

    from benchmarks.train_throughput import make_examples
    from lifecycle_core.models import TINY, resolve_base_model
    from lifecycle_core.training.data import encode_all
    from lifecycle_core.training.model import FlatCausalLM
    from lifecycle_core.training.packed import ATTENTION_NAME, collate_flat, register_varlen_attention

    tokenizer = AutoTokenizer.from_pretrained(resolve_base_model(TINY, tempfile.mkdtemp()))
    encoded, _ = encode_all(tokenizer, make_examples(tokenizer, steps * 12, seed=0), 2048)
    batches, row, used = [], [], 0
    for i, doc in enumerate(encoded):  # greedy micro-batches of about `budget` tokens
        if used + len(doc) > budget and row:
            batches.append(collate_flat([row], encoded, 2048))
            row, used = [], 0
        row.append(i)
        used += len(doc)
    if attention == "varlen":
        register_varlen_attention()
        base.config._attn_implementation = ATTENTION_NAME
    else:
        base.config._attn_implementation = "sdpa"
    torch.manual_seed(0)
    peft_model = with_lora(base)
    for module in peft_model.modules():
        if hasattr(module, "cast_input_dtype_enabled"):
            module.cast_input_dtype_enabled = cast_inputs or device != "cuda"  # no autocast on a CPU
    model = FlatCausalLM(peft_model, 4096)
    params = [p for p in peft_model.parameters() if p.requires_grad]
    names = [n for n, p in peft_model.named_parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=2e-4, fused=device == "cuda")
    history = []
    first: dict = {}
    for step, batch in enumerate(batches[:steps]):
        watched = watch(peft_model) if step == 0 else None
        for group in optimizer.param_groups:
            group["lr"] = 2e-4 * min(1.0, (step + 1) / 5)
        batch = batch.to(torch.device(device))
        with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
            loss = model(batch.input_ids, batch.position_ids, batch.cu_seqlens, batch.loss_index, batch.targets,
                         batch.max_len)  # fmt: skip
        (loss / batch.label_tokens).backward()
        if watched is not None:
            events, residual, outputs, handles = watched
            for h in handles:
                h.remove()
            first = {"first_nonfinite_in_backward": events, "residual_after_layer": residual,
                     **forward_summary(outputs)}  # fmt: skip
            print(json.dumps(first, indent=1), flush=True)
        bad = [n for n, p in zip(names, params) if p.grad is not None and not torch.isfinite(p.grad).all()]
        norm = torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        lora_absmax = max(float(p.detach().abs().max()) for p in params)
        history.append({"step": step + 1, "loss": float(loss) / batch.label_tokens, "grad_norm": float(norm),
                        "nonfinite_grads": len(bad), "first_nonfinite": bad[:3], "lora_absmax": lora_absmax})  # fmt: skip
        print(history[-1], flush=True)
    peft_model.unload()
    return {"attention": attention, "cast_inputs": cast_inputs, "budget": budget, "first_step": first,
            "steps": history}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shape", default="8b", choices=sorted(SHAPES))
    parser.add_argument("--tokens", type=int, default=2048)
    parser.add_argument("--reload", action="store_true", help="also through save_pretrained/from_pretrained")
    parser.add_argument("--train-steps", type=int, default=0, help="then this many steps of our flat path")
    parser.add_argument("--budget", type=int, default=3400, help="tokens per micro-batch in --train-steps")
    parser.add_argument("--pad-is-bos", action="store_true", help="the special ids the benchmark had before")
    parser.add_argument("--out", type=Path)
    ns = parser.parse_args()
    device = "cuda" if torch.cuda.is_available() else "cpu"
    config = config_for(ns.shape, ns.pad_is_bos)
    result = {
        "shape": ns.shape,
        "pad_is_bos": ns.pad_is_bos,
        "tokens": ns.tokens,
        "init_std": config.initializer_range,
        "arms": {},
    }
    started = time.perf_counter()
    model = build(ns.shape, device, ns.pad_is_bos)
    arms = {"in_memory": model}
    if ns.reload:
        from transformers import LlamaForCausalLM

        folder = Path(tempfile.mkdtemp())
        model.save_pretrained(folder)
        arms["reloaded"] = LlamaForCausalLM.from_pretrained(folder, dtype=torch.bfloat16, device_map=device)
    for arm, base in arms.items():
        report = {"weights": weight_report(base, config.initializer_range)}
        peft_model = with_lora(base)
        report["backward"] = backward_report(peft_model, device, ns.tokens, config.vocab_size)
        result["arms"][arm] = report
        print(arm, json.dumps(report, indent=1)[:6000], flush=True)
        peft_model.unload()
        del peft_model
    if ns.train_steps:
        result["training"] = [
            training_report(model, device, ns.train_steps, ns.budget, cast, attention)
            for attention, cast in (("varlen", False), ("varlen", True), ("sdpa", False))
            if attention == "sdpa" or device == "cuda"
        ]
    result["seconds"] = time.perf_counter() - started
    if ns.out:
        ns.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
