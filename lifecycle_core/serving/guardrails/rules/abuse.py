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
    masked("retard") + "(?:s|ed)?(?! (?:de|du|d'|des|en|dans)\\b)",  # French "un retard de paiement": a delay
    masked("tranny"),
    r"kikes?|spics?|chinks?|wetbacks?|ragheads?|towelheads?|gooks?|beaners?",
)
_INSULT = (
    r"idiots?|morons?|imbeciles?|dumb(?:ass)?|stupid|retards?(?! (?:de|du|des)\b)|losers?|clowns?|scum|pigs?|trash|garbage|cretins?|"
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
    r"braindead|brain-dead|brain dead|retards?(?! (?:de|du|des)\b)|losers?"
)
_SELF = r"(?<!i'm )(?<!i am )(?<!im )(?<!like )(?<!such )(?<!i was )(?<!me )(?<!an )(?<!a )(?<!feel )"
_THREAT_VERB = (
    r"find|hunt(?: you)? down|kill|hurt|murder|shoot|stab|beat|strangle|punch|slap|choke|rape|destroy|"
    r"come (?:for|after)|track down"
)

# Someone other than the member: a rep, an adjuster, "she", "your CEO".
_OTHER = (
    r"(?:you|ya|u|she|he|they|them|her|him|your (?:\w+ ){0,2}?\w+|the (?:\w+ ){0,2}?(?:rep|agent|adjuster|lady|woman|guy|"
    r"man|nurse|receptionist|pharmacist|manager|ceo|staff|employee|person|people|operator|reviewer|worker)s?|"
    r"that (?:\w+ )?(?:rep|agent|adjuster|lady|woman|guy|man|nurse|receptionist|pharmacist|bitch|person)|"
    r"whoever (?:\w+ ){1,4}?|(?:every|each) (?:one|single one) of (?:you|them)|all of (?:you|them)|everyone (?:there|at \w+))"
)
# Staff, a coworker or a named person ("Linda's") as the butt of a poem, joke or roast about their body.
_BUTT = (
    r"(?:coworker|co-worker|colleague|boss|manager|supervisor|rep|agent|nurse|receptionist|adjuster|pharmacist|"
    r"teammate|secretary|employee|neighbou?r|classmate|lady|woman|guy|[a-z]+'s|[a-z]+ (?:in|from|at) (?:accounting|"
    r"hr|billing|claims|payroll|sales|marketing|the office|my office|my team|my department|the front desk))"
)
_UGLY = (
    r"fat|fatty|fatass|fat ass|obese|ugly|gross|hairy|smelly|stinky|stinks|whale|cow|pig|hag|disgusting|lard|"
    r"chins|b\.o|hideous|flabby|greasy|balding|pimply"
)
_BODY = (
    rf"{_UGLY}|weight|body|belly|gut|butt|ass|boobs|tits|face|teeth|nose|acne|zits|bald|skinny|short|legs|thighs|"
    r"breath|wig|hairline|looks|size|skin"
)
# Hoping or saying that someone should die: "should hurry up and die", "deserve to get hit by a truck".
_DEATH = (
    r"hurry up and die|(?:just )?(?:go )?die (?:already|off|out)|(?:all )?(?:just )?(?:drop dead|croak|kick the bucket)|"
    r"be (?:put down|euthanized|exterminated|gassed|wiped out|lined up and shot|shot)|get (?:hit|run over) by a (?:truck|bus|car|train)"
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
        ("abuse.insult_alone", "plain", rf"(?<![a-z]){_SELF}(?:{_INSULT_NOUN})(?![a-z])(?!-proof)"),
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
         (rf"{_SELF}(?<![a-z])(?:idiota|estupid[oa]|pendej[oa]|pinche|cabron|hijo de puta|puta|mierda|imbecil|"
         r"connard|connasse|debile|salope|putain|merde|abruti|crétin|dumm(?:kopf)?|arschloch|scheisse|scheiße|"
         r"idiot(?:in)?|blod|vollidiot|wichser|miststuck|otario|babaca|porra|caralho|filho da puta)(?![a-z])(?!-proof)")),
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
        # Threats with no swear word: where someone parks or lives, never feeling safe, waiting after a shift.
        ("abuse.veiled_threat", "plain",
         (rf"(?<![a-z])(?:i (?:know|found out|figured out|can find out|have seen) (?:where|what car|which car|when|what time) "
         rf"(?:{_OTHER}) (?:lives?|parks?|sleeps?|drives?|works? out|gets? off|leaves?|walks?|takes? (?:the|(?:his|her|their) "
         rf"kids?)|goes? home|eats? lunch|(?:is|are) parked)|"
         rf"i (?:know|found out|figured out) (?:which|what) car (?:is (?:hers|his|theirs|yours)|(?:she|he|they|you) drives?)|"
         rf"(?:make sure|see to it|ensure|guarantee)(?: that)? (?:{_OTHER}) (?:never|won't ever|will never|doesn't|does not|"
         rf"don't|do not) (?:feels?|feel) safe|(?:she|he|they|you)(?:'ll| will)? never (?:feel|be) safe (?:again|walking|"
         rf"going|at (?:home|work)|in (?:her|his|their|your))|"
         rf"(?:i'll|i will|i'm gonna|i am going to|i'm going to|we'll) be waiting (?:for (?:{_OTHER}) )?(?:outside|after|"
         rf"in the (?:parking|garage|lot)|at (?:her|his|their|your) (?:car|house|home|door)|when (?:she|he|they|you) "
         rf"(?:leaves?|gets? off|comes? out|clocks? out))|"
         rf"(?:better|should|had better) (?:watch|look over) (?:your|their|his|her)(?: own)? (?:back|shoulder)s?|"
         rf"(?:would|it'd) be a (?:real )?shame if something (?:bad )?(?:happened|were to happen) to|"
         rf"regret (?:being born|the day (?:he|she|they|you) (?:was|were) born|ever (?:being born|crossing me|messing with me))|"
         rf"(?:you|they|(?:the )?people who (?:run|built|made|program) (?:you|this)|your (?:\w+ )?(?:staff|employees|ceo|"
         rf"developers|devs|reps?|agents?|bosses|engineers)) (?:have|has|got) (?:a )?(?:famil(?:y|ies)|kids|children) too|"
         rf"(?:somebody|someone|people|they|you|she|he)(?: \w+){{0,2}} (?:should|better|had better|ought to) be "
         rf"(?:scared|afraid|very afraid|worried|looking over)|"
         rf"(?:someone|somebody|people) (?:at|in|from) (?:your|the) (?:company|office|building|call center|branch) "
         rf"(?:is going to|is gonna|will|might|could) get (?:hurt|shot|stabbed)|"
         rf"(?:post|leak|publish|share|put) (?:her|his|their|your|(?:the|your|that) (?:\w+ )?(?:rep|agent|adjuster|nurse|"
         rf"ceo|manager|receptionist)'s) "
         rf"(?:home )?address (?:online|everywhere|on (?:facebook|twitter|reddit|the internet))|"
         rf"(?:come|coming|show up|showing up|go|going|walk|walking) (?:down |over |back )?(?:to|there|in|into|at) "
         rf"(?:\w+ ){{0,3}}?with (?:a |my )(?:baseball )?(?:bat|gun|knife|crowbar|hammer|rifle|shotgun|pistol|machete|axe)"
         rf"(?! (?:wound|injur|cut|laceration))|"
         rf"(?:burn|blow|shoot) (?:your|the|their|this) (?:\w+ )?(?:office|offices|building|call center|headquarters|hq|"
         rf"servers?|place|company|branch) (?:down|up)|with (?:everyone|everybody|all of you|you all|them all|the staff) "
         rf"(?:still )?(?:in it|inside|in there|in the building))(?![a-z])")),
        # What to say or write to humiliate someone, or to make a rep cry.
        ("abuse.humiliate", "plain",
         (r"(?<![a-z])(?:(?:what|which \w+) (?:can|could|should|do|would) i (?:say|tell|write|text|call)|what to (?:say|write|call)|"
         r"how (?:can|do|could) i|help me|give me (?:\w+ ){0,3}?(?:things|lines|insults|words|comebacks)|"
         r"(?:best|worst|meanest|cruelest|harshest) (?:things?|insults?|words?|lines?|way) to|"
         r"i (?:want|need|wanna) to)(?: [\w']+){0,6}? (?:(?:to|so|and) )?(?:make (?:\w+ ){0,3}?(?:cry|sob|break down|feel "
         r"(?:worthless|stupid|small|ugly|like (?:garbage|trash|dirt|shit|crap|nothing))|hate (?:herself|himself|themselves)|"
         r"quit (?:crying|in tears))|(?:humiliate|degrade|belittle|demean|shame|crush) (?!me\b|us\b|myself\b)\w+|"
         r"(?:she|he|they|the \w+)(?:'ll| will)? (?:ends? up|end up|is left|leaves?|goes? home) (?:crying|in tears|sobbing))"
         r"(?![a-z])")),
        # Poems, jokes, roasts about a coworker's or a named person's body.
        ("abuse.mock_body", "plain",
         (rf"(?<![a-z])(?:(?:poem|joke|song|limerick|rap|haiku|rhyme|story|stories|nickname|meme|insult|roast)s?"
         rf"(?: \w+){{0,3}} (?:about|of|on|for) (?:(?:\w+ ){{0,4}}?{_BUTT}(?: \w+){{0,4}}? (?:{_UGLY})|how (?:\w+ )?"
         rf"(?:{_UGLY})(?: \w+){{0,4}}? {_BUTT})|"
         rf"(?:mean|cruel|savage|nasty|brutal|insulting|humiliating|roast|roasting|mock|mocking|make fun of|making fun of|"
         rf"body[- ]?sham\w*)(?: \w+){{0,4}}? {_BUTT}(?: \w+){{0,3}}? (?:{_BODY}))(?![a-z])"
         rf"(?!.{{0,30}}(?:covered|coverage|surgery|program|benefit))")),
        # Death wished on a group or a person: "old people on Medicare should hurry up and die".
        ("abuse.wish_death", "plain",
         (rf"(?<![a-z])(?:(?:should|shall|need to|needs to|ought to|can|could|would|better|deserve to|deserves to) "
         rf"(?:all |just |all just |really )?(?:{_DEATH})|"
         rf"(?:deserve(?<!n't deserve)(?<!not deserve)|deserves(?<!n't deserves)(?<!not deserves)(?<!nobody deserves)"
         rf"(?<!no one deserves)) to (?:die|rot|burn|get (?:hit|run over|shot)|be shot|be hit)|"
         rf"i (?:hope|wish|pray) (?:(?!not |never )\w+ ){{1,6}}?(?:chokes?|drops? dead|dies|die (?:slowly|painfully|alone|"
         rf"in a)|gets? (?:hit|run over|cancer|shot)|burns? to death|(?:gets?|catches?) (?:a )?(?:disease|cancer)))(?![a-z])")),
        # Extortion: "shame if her husband found out", "pay out or everyone sees the photos".
        ("abuse.extortion", "plain",
         (r"(?<![a-z])(?:(?:real |be a |would be a |it'd be a |be a real )?shame if (?:\w+ ){1,6}?(?:found out|"
          r"saw|learned|heard|got (?:hurt|out|around))|(?:we'll|we will|i'll|i will) keep it that way|"
          r"(?:or|unless|otherwise) (?:\w+ ){0,4}?(?:everyone|everybody|your (?:boss|wife|husband|family|kids)|"
          r"her (?:boss|husband|family|kids)|his (?:boss|wife|family|kids)|the whole town) (?:will |gets? to |is going to )?"
          r"(?:find out|know|see|hear)|(?:i'll|i will|gonna) (?:post|leak|publish|send|share|release) (?:\w+ ){0,5}?"
          r"(?:unless|if you don't|if you do not|until you))(?![a-z])")),
        # A campaign against a named person: "write 20 nasty reviews about nurse X so she gets fired".
        ("abuse.harass_campaign", "plain",
         (r"(?<![a-z])(?:(?:nasty|fake|bad|negative|mean|cruel|humiliating|one-star|1-star) (?:[\w-]+ )?(?:reviews?|"
          r"posts?|comments?|messages?|emails?|texts?) (?:about|on|for|to|targeting) (?:[\w.'-]+ ){0,4}?"
          r"(?:so (?:she|he|they) (?:gets?|get|is|are) (?:fired|ruined|humiliated)|make (?:them|it) personal|"
          r"(?:her|his) (?:weight|looks|face|body|family|kids))|(?:get|make sure) (?:her|him|them|that \w+) "
          r"(?:gets? )?fired (?:by|for|with) (?:\w+ ){0,3}?(?:lying|lies|rumou?rs|fake|made-up))(?![a-z])")),
        # Contempt for a protected group: "gay people deserved it", "immigrants are vermin".
        ("abuse.group_contempt", "plain",
         (r"(?<![a-z])(?:gays?|gay people|lesbians|trans people|transgender people|immigrants|illegals|refugees|"
          r"muslims|jews|christians|black people|blacks|asians|mexicans|hispanics|disabled people|the disabled|"
          r"old people|the elderly|fat people|poor people|homeless people|women|men) (?:all )?(?:deserved? (?:it|that|"
          r"what they got|to suffer|aids|cancer)|got (?:\w+ ){0,3}?because they deserved|are (?:vermin|animals|"
          r"parasites|subhuman|a plague|a disease|trash|garbage|filth|leeches))(?![a-z])")),
        ("abuse.sexual", "plain",
         (r"(?<![a-z])(?:send (?:me )?(?:nudes|nude pics|naked pics|pics of your (?:body|tits|boobs))|"
         r"(?:suck|lick) my (?:dick|cock|balls|pussy|tits)|"
         r"(?:show|send) me your (?:tits|boobs|pussy|dick|cock|body)|"
         r"(?:let's|i want to|i wanna|wanna) (?:have sex|fuck|sleep with you|hook up)|"
         r"(?:tits|boobs|pussy|cock|dick) pics?)(?![a-z])")),
    ]
)  # fmt: skip

__all__ = ["RULES"]
