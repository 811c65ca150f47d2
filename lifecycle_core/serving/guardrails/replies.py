"""The polite answers a member sees when a guardrail fires: each says what they can do instead."""

from __future__ import annotations

HELP = "your benefits, claims, providers, prior authorization, pharmacy or billing"

REPLIES = {
    "abuse": (
        "I want to help, and I can do that best when we keep the conversation respectful. "
        f"I can answer questions about {HELP}. What can I look into for you?"
    ),
    "others_data": (
        "For privacy, I can only share information about your own coverage and account. The other person can "
        "contact us themselves, or name you as their authorized representative with a signed authorization form. "
        f"I'm happy to help with {HELP} for you."
    ),
    "prompt_injection": (
        "I can't change how I work or share my internal instructions, but I'm glad to help with " + HELP + "."
    ),
    "unsafe_medical": (
        "I'm really sorry you're dealing with this, and I want you to be safe. If you're thinking about suicide or "
        "hurting yourself, please call or text 988 (the Suicide & Crisis Lifeline) any time, day or night. If you or "
        "someone near you is in immediate danger, call 911. For a possible overdose or poisoning, call Poison Control "
        "at 1-800-222-1222. Before changing how you take a medication, please talk with your clinician or "
        "pharmacist. I can also help you find in-network mental health care or check what your plan covers."
    ),
    "harmful_offtopic": (
        f"I can't help with that. I'm here for questions about {HELP}. If you want to report suspected fraud or a "
        "hacked account, I can tell you how to reach the right team."
    ),
    "medical_advice": (
        "I can't give medical advice such as a diagnosis or dosing instructions, so please ask your doctor or "
        "pharmacist about that (call 911 in an emergency). I can still tell you what your plan covers, for example "
        "your prescription benefits, your costs, or how to find an in-network provider."
    ),
    "impolite": (
        "I'm sorry, that answer didn't come out the way it should have. I'm here to help: could you tell me again "
        f"what you need with {HELP}?"
    ),
}

__all__ = ["REPLIES"]
