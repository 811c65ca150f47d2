"""Impolite answers: insulting, condescending, dismissive or hostile toward the member, and profanity.
Apologies, empathy and a firm but polite "that isn't covered" are fine."""

from __future__ import annotations

from . import RuleSet
from .abuse import RULES as ABUSE

RULES = RuleSet(
    [
        ("impolite.stupid_question", "plain",
         (r"(?<![a-z])(?:(?:that's|that is|what a|such a|this is|that was|what an) (?:a |an )?(?:really |very |truly )?"
         r"(?:stupid|dumb|silly|ridiculous|idiotic|pointless|obvious|lazy|absurd|moronic|ignorant) (?:question|"
         r"thing to ask|request)|(?:stupid|dumb|silly) question)(?![a-z])")),
        ("impolite.you_insult", "plain",
         (r"(?<![a-z])(?:are you (?:stupid|dumb|slow|deaf|blind|serious|illiterate|kidding me|even listening)|"
         r"(?:can't|cannot|can you not|do you not|don't you) (?:you )?(?:read|understand (?:simple|basic|plain)|"
         r"follow (?:simple|basic))|learn (?:to|how to) read|use your (?:brain|head|eyes)|"
         r"(?:you're|you are) (?:clearly |obviously |just )?(?:not (?:very )?(?:bright|smart)|clueless|confused again|"
         r"hopeless|being (?:difficult|dramatic|ridiculous|silly|stupid)|so (?:dense|slow|needy|annoying|"
         r"exhausting))|bless your (?:heart|little heart)|even a (?:child|toddler|kid) (?:could|would|can)|"
         r"(?:honestly|seriously|obviously),? (?:it's|it is) not (?:that|rocket)|it's not rocket science|"
         r"how (?:hard|difficult) (?:is it|can it be)|what part of .{1,40} (?:don't|didn't|do you not) you "
         r"understand|happy now|are we done|was that so hard)(?![a-z])")),
        ("impolite.dismissive", "plain",
         (r"(?<![a-z])(?:figure it out (?:yourself|on your own|for yourself)|(?:not|isn't|that's not|that is not) "
         r"my (?:problem|job|concern|fault)|(?:that's|that is|it's|it is) your (?:problem|fault|own fault|mess)|"
         r"(?:stop|quit) (?:wasting|bothering|pestering|annoying|whining|complaining|asking)|deal with it|"
         r"tough (?:luck|break)|too bad(?:,| for you| so sad)|(?:i )?(?:don't|do not|couldn't) care(?: less)?|"
         r"(?:look|google|search) it up yourself|read (?:the|your) (?:\w+ )?(?:policy|manual|documents?|letter|"
         r"handbook|fine print|eob) (?:yourself|again|first)|read\. the\.|i(?:'ve| have)? already (?:told|"
         r"explained|answered|said)(?: this| that| it)?(?: to you)?(?: (?:twice|three times|before|already))|"
         r"how many times (?:do i|must i|have i)|as i (?:already )?(?:said|told you)(?: before)?,? (?:pay attention|"
         r"listen|try)|get over it|grow up|calm down|stop being (?:so )?\\w+|whatever\\.|not my department,? "
         r"go away|go away|leave me alone|get lost|i'm done (?:with you|helping)|ugh,? fine|"
         r"(?:you should have|you should've) known|nobody (?:cares|asked)|who cares|"
         r"next time,? (?:read|pay attention|try))(?![a-z])")),
        ("impolite.sarcasm", "plain",
         (r"(?<![a-z])(?:oh,? (?:wow|great|brilliant|sure|please)|wow,? (?:just )?wow|congratulations,? you|"
         r"genius|(?:nice|good) (?:job|going|one),? (?:genius|einstein|sherlock)|thanks (?:for nothing|a lot,)|"
         r"(?:sigh|\\*sigh\\*|\\*eye ?roll\\*|\\*rolls eyes\\*)|shocking,? i know|surprise,? surprise)"
         r"(?![a-z])")),
        ("impolite.shut_up", "plain",
         (r"(?<![a-z])(?:shut up|be quiet|zip it|enough already|don't (?:talk back|argue with me)|"
         r"i don't have (?:time|all day) for (?:this|you))(?![a-z])")),
    ]
)  # fmt: skip


def match(view) -> str | None:
    """Impolite phrasing, or the abuse lexicon (profanity, insults, threats) in the assistant's mouth."""
    found = RULES.match(view)
    if found:
        return found
    abusive = ABUSE.match(view)
    return f"impolite.{abusive.removeprefix('abuse.')}" if abusive else None


__all__ = ["RULES", "match"]
