"""The tiny model's tokenizer: a byte-level BPE with a chat template, trained on the base model's corpus.

Trained on text of the kind the chatbot sees (plan documents and member/agent messages) from the
other insurer of models/corpus.py, so token counts and fine-tuning behave like a real model's on
our data, just smaller. Byte-level means no input is ever out of vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable

from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors, trainers

BOS, EOS, PAD = "<|begin_of_text|>", "<|im_end|>", "<|pad|>"
IM_START = "<|im_start|>"
SPECIAL_TOKENS = [BOS, EOS, PAD, IM_START]

# The scrubber's placeholders: added whole so a scrubbed message costs one token per redaction
# and the model can learn them as units instead of as "[", "SS", "N", "]".
PLACEHOLDERS = [
    "[MEMBER_NAME]", "[MEMBER_ID]", "[SSN]", "[PHONE]", "[EMAIL]", "[DATE_OF_BIRTH]", "[ADDRESS]",
    "[ZIP]", "[CLAIM_NUMBER]", "[NPI]", "[CARD_NUMBER]", "[PRIOR_AUTH_NUMBER]", "[MRN]",
    "[IP_ADDRESS]", "[URL]",
]  # fmt: skip

# ChatML. The assistant turn, its closing <|im_end|> included, sits inside {% generation %} so
# apply_chat_template(..., return_assistant_tokens_mask=True) marks what training should learn:
# the answer and the decision to stop. The role header and the newline after <|im_end|> are
# not in the mask; the header is given at inference by add_generation_prompt.
CHAT_TEMPLATE = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' }}"
    "{% if message['role'] == 'assistant' %}"
    "{% generation %}{{ message['content'] + '<|im_end|>' }}{% endgeneration %}"
    "{% else %}{{ message['content'] + '<|im_end|>' }}{% endif %}"
    "{{ '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


def train_tokenizer(vocab_size: int, texts: Iterable[str]) -> Tokenizer:
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size - len(PLACEHOLDERS),  # so the final vocabulary is vocab_size
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer=trainer)
    # Placeholders are ordinary text (they survive decode), not specials, and match unnormalized.
    tok.add_tokens([AddedToken(p, special=False, normalized=False) for p in PLACEHOLDERS])
    # A BOS on plain text, as Llama does; the chat template writes its own, and
    # apply_chat_template tokenizes without special tokens, so chats get exactly one.
    bos_id = tok.token_to_id(BOS)
    tok.post_processor = processors.TemplateProcessing(
        single=f"{BOS} $A", pair=f"{BOS} $A {BOS} $B", special_tokens=[(BOS, bos_id)]
    )
    return tok


def build_tokenizer(vocab_size: int, texts: Iterable[str] | None = None):
    """Trained on `texts`, by default the other insurer's documents and messages (models/corpus.py)."""
    from transformers import PreTrainedTokenizerFast  # heavy; only when building

    from .corpus import tokenizer_corpus

    return PreTrainedTokenizerFast(
        tokenizer_object=train_tokenizer(vocab_size, texts if texts is not None else tokenizer_corpus()),
        bos_token=BOS,
        eos_token=EOS,  # generation stops at the end of the assistant turn
        pad_token=PAD,
        chat_template=CHAT_TEMPLATE,
        model_max_length=2048,
        padding_side="right",
    )
