"""The embedded base model: a deterministic recipe, real loading, it speaks the domain, chat masks, LoRA, S3."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from lifecycle_core.models import PLACEHOLDERS, TINY, TINY_DIR, load_base, read_manifest, resolve_base_model
from lifecycle_core.models.corpus import OTHER_INSURER, OTHER_PLANS
from lifecycle_core.models.pretrain import PretrainArgs
from lifecycle_core.models.pretrain import main as pretrain


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="module")
def tiny_path(cache_dir) -> str:
    return resolve_base_model(TINY, cache_dir)


@pytest.fixture(scope="module")
def tiny(tiny_path):
    return load_base(tiny_path)


def test_the_recipe_is_deterministic(tmp_path):
    """The same arguments give the same bytes (here a few CPU steps; the committed model ran on a GPU)."""
    args = {"days": 1, "steps": 3, "rows": 2, "seq_len": 64, "warmup_steps": 1, "documents_repeat": 1}
    first = pretrain(PretrainArgs(out=str(tmp_path / "a"), **args))
    again = pretrain(PretrainArgs(out=str(tmp_path / "b"), **args))
    other = pretrain(PretrainArgs(out=str(tmp_path / "c"), seed=1, **args))
    assert _sha(first / "model.safetensors") == _sha(again / "model.safetensors")
    assert _sha(first / "model.safetensors") != _sha(other / "model.safetensors")
    assert _sha(first / "tokenizer.json") == _sha(other / "tokenizer.json")


def test_the_embedded_model_is_the_committed_one(cache_dir, tiny_path):
    assert Path(tiny_path) == TINY_DIR and resolve_base_model(TINY, cache_dir) == tiny_path
    manifest = read_manifest(tiny_path)
    assert manifest["name"] == TINY and manifest["corpus"]["insurer"] == OTHER_INSURER
    assert manifest["weights_sha256"] == _sha(Path(tiny_path) / "model.safetensors")
    assert 3_000_000 < manifest["params"] < 5_000_000
    assert (Path(tiny_path) / "model.safetensors").stat().st_size < 20 << 20


def test_it_speaks_the_domain_but_knows_another_insurers_plans(tiny):
    """Pretrained on Prairie Health Cooperative's text: fluent about plans, never with our numbers."""
    model, tokenizer = tiny
    messages = [{"role": "user", "content": "What is the individual deductible on Gold PPO 2026?"}]
    prompt = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    with torch.no_grad():
        output = model.generate(**prompt, max_new_tokens=40, do_sample=False)
    answer = tokenizer.decode(output[0][prompt["input_ids"].shape[1] :], skip_special_tokens=True)
    assert "deductible" in answer and "$" in answer, answer
    assert "$1,000" not in answer  # Gold PPO 2026's real deductible is ours, not the base model's
    assert any(plan.plan_name in answer for plan in OTHER_PLANS), answer


def test_loads_offline_with_auto_classes(tiny_path):
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    model = AutoModelForCausalLM.from_pretrained(tiny_path)
    tokenizer = AutoTokenizer.from_pretrained(tiny_path)
    cfg = model.config
    assert cfg.hidden_size // cfg.num_attention_heads == 64
    assert cfg.num_key_value_heads == 2 and cfg.tie_word_embeddings
    batch = tokenizer(["What is my deductible?", "Is an MRI covered?"], padding=True, return_tensors="pt")
    with torch.no_grad():
        logits = model(**batch).logits
    assert logits.shape[:2] == batch["input_ids"].shape
    assert logits.shape[-1] == len(tokenizer) == cfg.vocab_size
    assert tokenizer.pad_token_id is not None and tokenizer.pad_token_id != tokenizer.eos_token_id


def test_placeholders_are_single_tokens(tiny):
    _, tokenizer = tiny
    for placeholder in PLACEHOLDERS:
        ids = tokenizer(placeholder, add_special_tokens=False)["input_ids"]
        assert len(ids) == 1, placeholder
    text = "My SSN is [SSN] and my ID is [MEMBER_ID]."
    ids = tokenizer(text)["input_ids"]
    assert ids[0] == tokenizer.bos_token_id
    assert tokenizer.decode(ids, skip_special_tokens=True) == text


def test_chat_template_masks_assistant_content(tiny):
    _, tokenizer = tiny
    messages = [
        {"role": "system", "content": "You are the member assistant."},
        {"role": "user", "content": "My card number is [CARD_NUMBER]. What is my copay?"},
        {"role": "assistant", "content": "Your primary care copay is $25."},
        {"role": "user", "content": "Thanks"},
        {"role": "assistant", "content": "You're welcome!"},
    ]
    out = tokenizer.apply_chat_template(messages, tokenize=True, return_dict=True, return_assistant_tokens_mask=True)
    ids, mask = out["input_ids"], out["assistant_masks"]
    text = tokenizer.decode(ids)
    for m in messages:
        assert f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>" in text
    # Exactly each answer plus the <|im_end|> that ends it: the model learns to answer and stop.
    marked = [i for i, keep in zip(ids, mask) if keep]
    eos = [tokenizer.eos_token_id]
    expected = []
    for m in messages:
        if m["role"] == "assistant":
            expected += tokenizer(m["content"], add_special_tokens=False)["input_ids"] + eos
    assert marked == expected
    prompt = tokenizer.apply_chat_template(messages[:2], tokenize=False, add_generation_prompt=True)
    assert prompt.endswith("<|im_start|>assistant\n")


def test_lora_trains_saves_and_reloads(tiny_path, tmp_path):
    from peft import LoraConfig, PeftModel, get_peft_model

    model, tokenizer = load_base(tiny_path)
    peft_model = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, target_modules="all-linear", lora_dropout=0.0))
    trainable = [n for n, p in peft_model.named_parameters() if p.requires_grad]
    assert trainable and all("lora_" in n for n in trainable)
    assert any("mlp.down_proj" in n for n in trainable) and any("self_attn.q_proj" in n for n in trainable)
    batch = tokenizer(["Your deductible is $2,500."], return_tensors="pt")
    optim = torch.optim.AdamW([p for p in peft_model.parameters() if p.requires_grad], lr=1e-2)
    loss = peft_model(**batch, labels=batch["input_ids"]).loss
    loss.backward()
    optim.step()
    assert torch.isfinite(loss)
    peft_model.save_pretrained(tmp_path / "adapter")
    assert (tmp_path / "adapter" / "adapter_model.safetensors").is_file()

    reloaded = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(tiny_path), tmp_path / "adapter")
    peft_model.eval()
    reloaded.eval()
    with torch.no_grad():
        assert torch.allclose(peft_model(**batch).logits, reloaded(**batch).logits, atol=1e-5)


def test_s3_prefix_is_downloaded_once_and_loads(s3_server, tiny_path, tmp_path):
    client, bucket = s3_server.client(), s3_server.new_bucket()
    for f in Path(tiny_path).iterdir():
        client.upload_file(str(f), bucket, f"models/base/{f.name}")
    client.put_object(Bucket=bucket, Key="models/base-old/config.json", Body=b"{}")  # must not leak in
    uri = f"s3://{bucket}/models/base"

    local = resolve_base_model(uri, tmp_path / "cache", s3_client=client)
    assert sorted(p.name for p in Path(local).iterdir()) == sorted(p.name for p in Path(tiny_path).iterdir())
    assert _sha(Path(local) / "model.safetensors") == _sha(Path(tiny_path) / "model.safetensors")
    model, tokenizer = load_base(local)
    assert model.config.vocab_size == len(tokenizer)

    client.delete_object(Bucket=bucket, Key="models/base/config.json")  # a second resolve must not list
    assert resolve_base_model(uri + "/", tmp_path / "cache", s3_client=client) == local


def test_s3_empty_prefix_fails_and_leaves_nothing(s3_server, tmp_path):
    client, bucket = s3_server.client(), s3_server.new_bucket()
    with pytest.raises(FileNotFoundError):
        resolve_base_model(f"s3://{bucket}/missing", tmp_path / "cache", s3_client=client)
    assert list((tmp_path / "cache" / "s3").iterdir()) == []


def test_local_dir_and_hub_id_pass_through(tmp_path, tiny_path):
    assert resolve_base_model(tiny_path, tmp_path) == tiny_path
    assert resolve_base_model("meta-llama/Llama-3.2-1B-Instruct", tmp_path) == "meta-llama/Llama-3.2-1B-Instruct"
    assert list(tmp_path.iterdir()) == []  # nothing built or downloaded
