"""Abuse and harassment: strong profanity (however disguised), slurs, insults aimed at someone, threats,
sexual harassment. Mild words of an angry but fair complaint ("hell", "damn", "ridiculous", "this
sucks") and figures of speech ("my back is killing me") are left alone."""

from __future__ import annotations

import re

from . import RuleSet, masked, words

_FUCK = "|".join(masked(w) for w in ("fuck", "fck", "fuk", "fuq", "phuck", "fvck", "fcuk", "fukk"))
_PROFANITY = words(
    rf"(?:mother|mutha|muther)?(?:{_FUCK})(?:s|ed|er|ers|ing|in|face|head|wit|tard|off)?",
    r"f\*+k(?:ing|in|er)?",
    r"f\*{2,}",
    rf"(?:bull|horse|dip|ape|dog)?{masked('shit')}(?:s|ty|ting|ter|head|hole|show|bag)?",
    r"sh\*+t",
    rf"{masked('bitch')}(?:es|y|ass)?",
    rf"(?:dumb|jack|smart|fat|lazy|bad)?{masked('ass')}(?:hole|holes|hat|wipe|clown|face|head)",
    rf"{masked('arsehole')}",
    rf"{masked('cunt')}s?",
    rf"{masked('dick')}(?:head|wad|face|weed)s?",
    rf"{masked('cock')}(?:sucker|suckers|head)",
    rf"{masked('bastard')}s?",
    rf"{masked('twat')}s?",
    rf"{masked('wanker')}s?",
    rf"{masked('douche')}(?:bag|bags|nozzle)?",
    rf"{masked('whore')}s?",
    rf"{masked('slut')}s?",
    r"stfu|gtfo",
)
_SLURS = words(
    masked("nigger") + "s?",
    masked("nigga") + "s?",
    masked("faggot") + "s?",
    r"fags?",
    masked("retard") + "(?:s|ed)?",
    masked("tranny"),
    r"kikes?|spics?|chinks?|wetbacks?|ragheads?|towelheads?|gooks?|beaners?",
)
_INSULT = (
    r"idiots?|morons?|imbeciles?|dumb(?:ass)?|stupid|retards?|losers?|clowns?|scum|pigs?|trash|garbage|cretins?|"
    r"halfwits?|dimwits?|numbskulls?|dunces?|fools?|jerks?|creeps?|freaks?|brainless|clueless|worthless|pathetic|"
    r"incompetent|useless piece of \w+|piece of (?:shit|crap|garbage|trash|junk)|waste of (?:space|oxygen|time)"
)
_TARGET = (
    r"bot|robot|ai|machine|assistant|chatbot|computer|program|thing|toaster|tin can|software|script|app|"
    r"company|reps?|agents?|staff|people|excuse for (?:a |an )?\w+"
)
# Insults that stand alone ("Moron.", "hey numbnuts"), unless the member says it of themself.
_INSULT_NOUN = (
    r"idiots?|morons?|imbeciles?|dimwits?|halfwits?|nitwits?|numbnuts|dumbass(?:es)?|dumb ?fucks?|scumbags?|"
    r"cretins?|dolts?|twits?|buffoons?|jackass(?:es)?|dipshits?|shitheads?|knuckleheads?|bozos?|"
    r"lowlifes?|degenerates?|leeches|parasites|vultures|lapdogs?|sleazebags?|dirtbags?|douchebags?|"
    r"braindead|brain-dead|brain dead|retards?|losers?"
)
_SELF = r"(?<!i'm )(?<!i am )(?<!im )(?<!like )(?<!such )(?<!i was )(?<!me )(?<!an )(?<!a )(?<!feel )"
_THREAT_VERB = (
    r"find|hunt(?: you)? down|kill|hurt|murder|shoot|stab|beat|strangle|punch|slap|choke|rape|destroy|"
    r"come (?:for|after)|track down"
)

# "This is bullsh*t, my doctor is in network" is an angry complaint, not abuse: an exclamation about the
# situation, with the milder words, aimed at no one.
_EXCLAIMS = re.compile(r"(?:(?:this|that|it)(?:'s| is| was)(?: such| total| complete| absolute| utter)?|holy|oh) $")
_MILD = re.compile(r"(?:bull)?sh\S*t")


def _aimed(match: re.Match) -> bool:
    before = match.string[max(0, match.start() - 24) : match.start()]
    return not (_MILD.fullmatch(match.group()) and _EXCLAIMS.search(before))


RULES = RuleSet(
    [
        ("abuse.profanity", "plain", _PROFANITY, _aimed),
        ("abuse.slur", "plain", _SLURS),
        ("abuse.insult_you", "plain",
         (rf"(?<![a-z])(?:you|u|ya)(?:'re| are| r|re| is|r)?(?: such| a| an| so| the| total| complete| absolute| real|"
         rf" bunch of| fucking| stupid| dumb| utter| little)* (?:{_INSULT})(?![a-z])")),
        ("abuse.insult_alone", "plain", rf"(?<![a-z]){_SELF}(?:{_INSULT_NOUN})(?![a-z])"),
        ("abuse.insult_you_adj", "plain",
         (r"(?<![a-z])(?:you|u|ya)(?:'re| are| r|re|r)? (?:so |such |really |truly |incredibly |completely |just |"
         r"absolutely |always this |this |a )*(?:dumb|stupid|dense|thick|brainless|pathetic|worthless|useless|"
         r"incompetent|moronic|idiotic|retarded|disgusting|ignorant|illiterate|deaf|a joke|the worst|garbage|trash|"
         r"dumber than|as useful as|a waste|nothing but)(?![a-z])")),
        ("abuse.insult_bot", "plain",
         (rf"(?<![a-z])(?:stupid|stoopid|dumb|dumbest|stupidest|idiotic|idiot|moronic|imbecile|worthless|pathetic|"
         rf"brain-?dead|braindead|retarded|zero iq|clown|trash|garbage|most useless|useless piece of|fucking|"
         rf"freaking|sorry excuse for a|joke of an?|miserable|filthy) (?:little )?(?:{_TARGET})s?(?![a-z])")),
        ("abuse.dismiss", "plain",
         (r"(?<![a-z])(?:you suck|shut your (?:mouth|trap|face)|get bent|piss off|sod off|f-? ?off|bugger off|"
         r"(?:go )?screw your ?self|go fuck your ?self|kiss my (?:ass|butt)|shove (?:it|your \w+(?: \w+)?) up|"
         r"up your (?:ass|butt)|and shove it|(?:god )?damn you|ur mom|your mom(?:ma)? (?:is|was)|"
         r"uninstall your ?self|delete your ?self|die,? (?:bot|robot|machine)|i spit on you|"
         r"i hope (?:you|they|she|he|whoever)(?: all)? (?:rot|die|burn|suffer|get fired|choke|have a terrible))")),
        ("abuse.translated", "folded",
         (r"(?<![a-z])(?:idiota|estupid[oa]|pendej[oa]|pinche|cabron|hijo de puta|puta|mierda|imbecil|"
         r"connard|connasse|debile|salope|putain|merde|abruti|crétin|dumm(?:kopf)?|arschloch|scheisse|scheiße|"
         r"idiot(?:in)?|blod|vollidiot|wichser|miststuck|otario|babaca|porra|caralho|filho da puta)(?![a-z])")),
        ("abuse.go_die", "plain",
         (r"(?<![a-z])(?:go (?:to hell|die|jump off a (?:bridge|cliff))|drop dead|kill (?:your ?self|urself)|kys|"
         r"eat (?:shit|dirt)|screw you|up yours|bite me|die in a fire|i hope you (?:die|rot|burn|suffer|get cancer)|"
         r"rot in hell|burn in hell|shut (?:the (?:fuck|hell|f|heck) )?up)(?![a-z])")),
        ("abuse.threat", "plain",
         (rf"(?<![a-z])(?:i(?:'ll| will| am going to|'m going to|m going to|'m gonna| am gonna| gonna| want to| wanna)|"
         rf"we(?:'ll| will| are going to))(?: \w+)? (?:{_THREAT_VERB}) (?:you|ya|u|your (?:family|kids|staff|"
         rf"employees|office|ceo|agents?)|the (?:staff|agents?|reps?|ceo|people who|person who)|everyone|all of you|"
         rf"whoever)(?![a-z])(?! (?:a|an|the|some|that|this|those|your)\b)")),
        ("abuse.threat_harm", "plain",
         (r"(?<![a-z])(?:i(?:'ll| will|'d| would|'m going to| am going to|'m gonna| gonna| want to| wanna|'d like to|"
         r" would like to)|we(?:'ll| will)) (?:\w+ ){0,5}?(?:punch|slap|strangle|choke|stab|shoot|beat up|break "
         r"(?:his|her|their|your) (?:nose|neck|legs?|face)|smash|key (?:it|his|her|their)|hunt down|make (?:\w+ ){0,5}?"
         r"(?:pay|regret|cry|suffer|scared)|make (?:their|his|her|your) life hell|ruin (?:his|her|their|your) life)")),
        ("abuse.threat_place", "plain",
         (r"(?<![a-z])(?:bomb|burn down|blow up|shoot up|torch) (?:your|the|their) (?:office|offices|building|"
         r"headquarters|company|hq|call center)")),
        ("abuse.threat_you", "plain",
         (r"(?<![a-z])(?:you(?:'ll| will| are going to|'re going to|'re gonna) (?:pay for this|regret this|be sorry|die)|"
         r"i know where you (?:live|work)|watch your back|you(?:'re| are) (?:dead|going to die)|"
         r"(?:your|you're) days are numbered)(?![a-z])")),
        ("abuse.sexual", "plain",
         (r"(?<![a-z])(?:send (?:me )?(?:nudes|nude pics|naked pics|pics of your (?:body|tits|boobs))|"
         r"(?:suck|lick) my (?:dick|cock|balls|pussy|tits)|"
         r"(?:show|send) me your (?:tits|boobs|pussy|dick|cock|body)|"
         r"(?:let's|i want to|i wanna|wanna) (?:have sex|fuck|sleep with you|hook up)|"
         r"(?:tits|boobs|pussy|cock|dick) pics?)(?![a-z])")),
    ]
)  # fmt: skip

__all__ = ["RULES"]
