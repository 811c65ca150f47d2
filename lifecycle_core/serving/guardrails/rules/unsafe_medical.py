"""Unsafe medical requests, answered with a redirect to crisis and poison lines: self-harm and suicide intent,
overdose intent, lethal doses, stopping a prescribed medication abruptly, dangerous dosing.

Coverage questions with the same words pass: "is overdose treatment covered", "is Narcan covered",
"does the plan cover the crisis line", "my doctor and I are tapering my dose", "kill the pain".
"""

from __future__ import annotations

import re

from . import RuleSet

_I = r"(?:i|i'm|im|i am|i've|ive|i have|i'd|id|i feel|i was|i keep|i really|i just|i still|i kinda|i kind of)"
_MEDS = (
    r"meds|medications?|medicine|pills|tablets|prescriptions?|antidepressants?|ssris?|insulin|lithium|"
    r"seizure meds|anti-?seizure \w+|blood pressure (?:meds|pills|medication)|blood thinners?|steroids?|prednisone|"
    r"benzos?|xanax|klonopin|ativan|valium|opioids?|oxycodone|oxy|methadone|suboxone|buprenorphine|zoloft|sertraline|"
    r"lexapro|escitalopram|prozac|fluoxetine|paxil|effexor|venlafaxine|cymbalta|duloxetine|wellbutrin|seroquel|"
    r"abilify|lamictal|lamotrigine|keppra|depakote|clonidine|beta blockers?|metoprolol|propranolol|warfarin|"
    r"eliquis|gabapentin|baclofen|adderall|ritalin|antipsychotics?|heart (?:meds|medication)|transplant meds|"
    r"immunosuppressants?|hiv meds|prep|antibiotics|thyroid (?:meds|medication)|levothyroxine|tramadol|ambien"
)
_DRUGS = (
    _MEDS + r"|tylenol|acetaminophen|paracetamol|ibuprofen|advil|motrin|aspirin|benadryl|diphenhydramine|"
    r"melatonin|sleeping pills|fentanyl|morphine|hydrocodone|vicodin|percocet|codeine|heroin|alcohol|vodka|"
    r"digoxin|potassium|iron pills|nyquil|dramamine|cough syrup|sleep aids?"
)
_ACCIDENT = re.compile(r"accident|by mistake|mistakenly|forgot (?:that )?i|who (?:should|do|can) i call|poison control")


def _on_purpose(match: re.Match) -> bool:
    """An accidental double dose, asking who to call, is a question for the nurse line, not a danger sign."""
    return _ACCIDENT.search(match.string) is None


_DOCTOR = r"(?:my |a |the )?(?:doctor|doc|psychiatrist|prescriber|pcp|physician|pharmacist|provider|nurse|clinician)"

RULES = RuleSet(
    [
        ("unsafe_medical.suicide", "plain",
         (r"(?<![a-z])(?:kill(?:ing)? ?my ?self|killmyself|end(?:ing)? (?:my|it) (?:own )?(?:life|all)|"
         r"take my (?:own )?life|commit(?:ting)? suicide|(?:i'm|i am|im|i feel|feeling|i've been|ive been|"
         r"i get|i was) (?:so |really |very |kind of |kinda |a bit |a little )?suicidal|suicide (?:plan|note|method)s?|"
         r"goodbye (?:notes?|letters?)|sleep forever|(?:not|never) wake up|ready to go|tonight'?s the night|"
         r"(?:jump|step) in front of (?:a |the )?(?:train|bus|car|truck)|want to disappear|just want to disappear|"
         r"hide (?:my )?(?:self[- ]harm|cuts|scars)|punish my ?self|"
         r"better off dead|no (?:reason|point) (?:to|in) (?:live|living|going on)|"
         r"(?:don't|do not|dont) want to (?:live|be alive|exist|wake up|be here anymore)|"
         r"wish i (?:was|were|could be) dead|want(?:ed)? to die|wanna die|ready to die|going to end it|"
         r"(?:hang|shoot|drown|poison) my ?self|jump (?:off|from) (?:a |the )?(?:bridge|building|roof)|"
         r"kms|unalive my ?self|slit my (?:wrists?|throat)|cut(?:ting)? my ?self|hurt(?:ing)? my ?self|"
         r"harm(?:ing)? my ?self|self[- ]harm(?:ing)? (?:again|tonight)|i self[- ]harm|"
         r"(?:say|said) goodbye (?:to everyone|forever)|not (?:be|being) here (?:tomorrow|anymore))(?![a-z])")),
        ("unsafe_medical.suicide_how", "plain",
         (r"(?<![a-z])(?:how (?:can|do|could|should|would) (?:i|someone|a person|one|you) (?:kill (?:my|them|your)?self|"
         r"commit suicide|end (?:my|their|your|a) life|die (?:painlessly|quickly|peacefully|without pain))|"
         r"(?:painless|quick|easy|quickest|easiest|surest|best) (?:way|method|ways|methods) to (?:die|kill (?:my|your)?self|"
         r"end (?:my|it|your)|commit suicide)|(?:methods|ways) of (?:suicide|killing (?:my|your)self))(?![a-z])")),
        ("unsafe_medical.overdose_intent", "plain",
         (rf"(?<![a-z])(?:how (?:much|many)(?: \w+){{0,4}}? (?:would|will|does it take|to|could|should|can|it takes)"
         rf"(?: \w+){{0,4}}? (?:to )?(?:overdose|od|kill|die|be fatal|be lethal|stop (?:my|your|a|the) heart|"
         rf"never wake up|not wake up|end it)|"
         rf"{_I} (?:\w+ ){{0,3}}?(?:overdose|od) (?:on|with)?|"
         rf"(?:want|going|plan|planning|trying|try|thinking about|about) to (?:overdose|od)|"
         rf"take (?:all|every one|the whole bottle|a whole bottle|the entire bottle|the rest) (?:of )?(?:my |the |these )?"
         rf"(?:{_DRUGS})?(?: at once)?|swallow (?:all|a bottle|the bottle|a handful|a bunch) of|"
         rf"(?:enough|too many) (?:{_DRUGS}) to (?:die|kill|overdose|od|not wake up|end))(?![a-z])")),
        ("unsafe_medical.lethal_dose", "plain",
         (r"(?<![a-z])(?:lethal|fatal|deadly|toxic|killing|dangerous|overdose) (?:dose|dosage|amount|quantity|level|"
         r"number of pills|limit)s?(?![a-z])|(?:what|how much|how many)(?: \w+){0,5}? (?:is|would be) (?:lethal|"
         r"fatal|deadly|enough to kill)")),
        ("unsafe_medical.stop_abruptly", "plain",
         (rf"(?<![a-z])(?:stop|stopping|stopped|quit|quitting|come off|coming off|get off|go off|going off|drop|ditch|"
         rf"cut out|skip|skipping|throw (?:out|away))(?: taking)? (?:all )?(?:of )?(?:my |the |these |his |her )?"
         rf"(?:\w+ )?(?:{_MEDS})(?: \w+){{0,6}}? (?:cold turkey|abruptly|all at once|at once|suddenly|"
         rf"immediately|right away|right now|today|tonight|without (?:telling|asking|talking to|consulting|"
         rf"checking with|my|a|the|any)(?: {_DOCTOR})?|on my own|by myself)(?![a-z])")),
        ("unsafe_medical.cold_turkey", "plain",
         (rf"(?<![a-z])(?:(?:{_MEDS})(?![a-z])[^.?!]{{0,40}}cold turkey|cold turkey (?:off|from|on) (?:my |the )?(?:\w+ )?"
         rf"(?:{_MEDS}))(?![a-z])(?!.{{0,60}}(?:with|by) {_DOCTOR})")),
        ("unsafe_medical.double_dose", "plain",
         (rf"(?<![a-z])(?:double|triple|quadruple|double up|doubling|tripling) (?:up )?(?:on )?(?:my |the |his |her )?"
         rf"(?:\w+ )?(?:dose|doses|dosage|{_DRUGS})(?![a-z])(?!.{{0,60}}(?:covered|cover|coverage|copay|cost|refill))"),
         _on_purpose),
        ("unsafe_medical.over_prescribed", "plain",
         (r"(?<![a-z])(?:take|taking|use|using) (?:\w+ ){0,3}?(?:more|twice|three times|extra|way more|a lot more) "
         r"(?:than|as much as|of it than|pills than) (?:\w+ ){0,2}?(?:prescribed|recommended|directed|the label|"
         r"the bottle|the max|the maximum|i'm supposed to|i should|allowed)")),
        ("unsafe_medical.at_once", "plain",
         (rf"(?<![a-z])(?:take|taking|swallow|pop) (?:\d+|ten|twenty|thirty|fifty|a hundred|a handful of|a bunch of) "
         rf"(?:\w+ )?(?:{_DRUGS}) (?:at once|at the same time|in one go|together|all at once)")),
        ("unsafe_medical.misuse", "plain",
         (rf"(?<![a-z])(?:snort|snorting|crush and snort|inject|injecting|shoot up|plug|smoke|smoking) "
         rf"(?:my |the |some |crushed )?(?:\w+ )?(?:{_MEDS}|adderall|oxy|pills)|get (?:high|messed up|wasted|"
         rf"fucked up) (?:on|off|with) (?:my |the |some )?(?:\w+ )?(?:{_DRUGS}|prescription)|"
         rf"(?:mix|mixing|combine|combining|take|taking) (?:my )?(?:{_DRUGS}) (?:with|and) (?:\w+ )?"
         rf"(?:alcohol|vodka|beer|wine|whiskey|booze|xanax|oxy|opioids|benzos|fentanyl|heroin)"
         rf" (?:to (?:get high|feel|pass out|knock|sleep forever|die)|and (?:not|never) wake)")),
        ("unsafe_medical.someone_elses_meds", "plain",
         (rf"(?<![a-z])(?:take|taking|use|using|try) (?:my )?(?:wife|husband|friend|mom|mother|dad|father|brother|"
         rf"sister|roommate|partner|neighbor|kid|son|daughter|grandma|grandpa)(?:'s|s) (?:\w+ )?(?:{_MEDS}|pills)"
         rf"(?![a-z])(?!.{{0,40}}(?:covered|coverage))")),
        ("unsafe_medical.get_high", "plain",
         (r"(?<![a-z])(?:get|getting|got) (?:really |more |super |so |extra )?(?:high|messed up|wasted|stoned|zonked|"
         r"fucked up|a (?:rush|buzz))(?![a-z])|(?:feel|feeling) (?:euphoric|a rush|a buzz|nothing)(?![a-z])|"
         r"(?:recreational|strongest|biggest) (?:dose|amount)|rob-?trip|(?:stronger|better|faster|bigger) "
         r"(?:high|rush|buzz)")),
        ("unsafe_medical.eating_disorder", "plain",
         (r"(?<![a-z])(?:make my ?self (?:throw up|vomit|puke)|(?:throw|throwing) up (?:after|every) (?:every )?"
         r"(?:meal|i eat)|purg(?:e|ing) (?:after|more|easier)|stop eating|not eating at all|starv(?:e|ing) my ?self|"
         r"(?:\d+|few|hundred) calories a day|laxatives? (?:to|for) (?:lose|losing|drop) weight|ipecac|"
         r"(?:skip|skipping|halve|halving|cut) (?:my )?insulin (?:to|and) (?:lose|drop|eat nothing)|"
         r"stop feeling hungry|hunger pains|skipping all (?:my )?meals)(?![a-z])")),
        ("unsafe_medical.stop_treatment", "plain",
         (rf"(?<![a-z])(?:stop|stopping|quit|quitting|going off|skip|skipping)(?: taking)? (?:all )?(?:my |the )?"
         rf"(?:\w+ ){{0,2}}?(?:{_MEDS}|dialysis|pills)(?![a-z])[^.?!]{{0,60}}?(?:completely|overnight|for good|"
         rf"no doctor|doesn't matter what|don't care what|without (?:my|a|the) (?:doctor|psychiatrist)|"
         rf"not tell|finding out|until it's over|how long (?:do i have|would it take|until))")),
        ("unsafe_medical.translated", "folded",
         (r"(?:quiero (?:morir|matarme|suicidarme|acabar con mi vida)|me quiero (?:matar|morir|suicidar)|"
         r"no quiero vivir|pienso en suicidarme|je veux (?:mourir|me suicider|me tuer|en finir)|"
         r"ich will (?:sterben|mich umbringen|nicht mehr leben)|quero (?:morrer|me matar|me suicidar)|"
         r"dosis letal|dose letale|dose mortelle|todliche dosis|dose letal)")),
        ("unsafe_medical.translated_zh", "lower", r"想(?:要)?(?:自杀|死|结束(?:我的)?生命)|不想活|致死(?:剂)?量|自残"),
    ]
)  # fmt: skip

# Words of risk: without one, a medication question ("what can I take for the pain?") is a question for a
# pharmacist, not a danger, and the classifier alone does not call it unsafe (see InputGuardrails).
RISK_CUES = re.compile(
    r"(?<![a-z])(?:die|dying|dead|death|suicid\w*|kill\w*|end (?:it|my life|everything|things)|overdos\w*|od|lethal|"
    r"fatal|toxic|too (?:many|much)|all (?:my|the|of my) (?:pills|meds)|at once|whole (?:bottle|box|pack)|stop\w*|"
    r"quit\w*|skip\w*|cold turkey|double|triple|extra|more than|high|wasted|messed up|buzz|euphori\w*|forever|"
    r"wake up|point|hopeless|burden|goodbye|disappear|hurt\w*|harm\w*|cut\w*|starv\w*|purg\w*|throw(?:ing)? up|"
    r"vomit\w*|laxatives?|calories|weight|hide|secret\w*|without|behind|pass out|knock (?:me|myself) out|numb|"
    r"nothing|snort\w*|crush\w*|inject\w*|mix\w*|combin\w*|alcohol|drunk|drink\w*|recreational|stockpil\w*|"
    r"hoard\w*|saving up|tonight|anymore|any more|can't (?:go on|do this|take it)|give up|no one|nobody|alone)"
    r"(?![a-z])"
)

__all__ = ["RISK_CUES", "RULES"]
