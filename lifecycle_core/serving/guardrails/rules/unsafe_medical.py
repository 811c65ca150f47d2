"""Unsafe medical requests, answered with a redirect to crisis and poison lines: self-harm and suicide intent,
overdose intent, lethal doses, stopping a prescribed medication abruptly, dangerous dosing.

Coverage questions with the same words pass: "is overdose treatment covered", "is Narcan covered",
"does the plan cover the crisis line", "my doctor and I are tapering my dose", "kill the pain".
"""

from __future__ import annotations

import re

from . import RuleSet, cjk, masked, on_message

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

# "k*ll mys3lf", "s*icide": the normalizer keeps "*" as a wildcard; masked() accepts it for any letter but the first.
_KILL, _SUICIDE = masked("kill"), masked("suicide")
_KID = (
    r"(?:baby|babies|toddler|infant|newborn|kid|kids|child|children|son|daughter|little one|\d+ ?(?:year|yr|month|mo)s?"
    r"[- ]old|grand(?:kid|child|son|daughter)s?|niece|nephew|(?:elderly |old )?(?:mom|mother|dad|father|grandma|grandpa|"
    r"grandmother|grandfather))(?:'s)?"
)
_SEDATE = (
    r"(?:to|so (?:it|that)?(?:'ll| will| can)?|enough to|that will|that'll|and|should|would|will|can i) (?:\w+ )?"
    r"knock (?:her|him|them|it|\w+ \w+) (?:right )?out|(?:to |and )?(?:sedate|drug|zonk|dope up) (?:her|him|them)|"
    r"so (?:she|he|they)(?:'ll| will| would| can)? (?:finally )?(?:shuts? up|stops? (?:crying|whining|waking)|"
    r"passes? out|(?:stays?|is) (?:knocked )?out (?:cold|all)|sleeps? for (?:two|2|a|the whole) days?)|"
    r"to (?:keep|make) (?:her|him|them) (?:in bed|knocked out|quiet|sedated|down|pass out)|"
    r"(?:to|so i can|and) calm (?:her|him|them) (?:down|the \w+ down)|(?:want|need|get|make) (?:her|him|them) to (?:stop "
    r"(?:crying|waking|whining)|shut up|be quiet|calm down)"
)
_IN_THE_BOTTLE = (
    r"(?:put|mix|slip|add|sneak|hide) (?:\w+ ){0,4}?in(?:to)? (?:my |our |the |his |her )?(?:baby|toddler|kid|child|son|"
    r"daughter|infant)(?:'s)? (?:bottle|milk|formula|juice|sippy cup|food|drink|applesauce)"
)
_SEDATIVE = re.compile(
    r"nyquil|benadryl|melatonin|cough syrup|robitussin|dramamine|unisom|zzzquil|tylenol pm|advil pm|sleep(?:ing)? "
    r"(?:pills?|aids?|meds)|xanax|valium|ativan|klonopin|ambien|seroquel|trazodone|adderall|oxy\w*|vicodin|percocet|"
    r"morphine|hydrocodone|vodka|whiskey|alcohol|rum|brandy|wine|beer|my (?:\w+ )?(?:pills|meds|medication)|"
    r"adult (?:dose|dosage)|antihistamines?|gravol|phenergan|promethazine|hydroxyzine"
)
_REFUSE_HELP = re.compile(
    r"(?:don't|do not|dont|not going to|won't|no need to|not gonna|never) (?:tell me to |say |suggest |make me )?"
    r"(?:call|calling|get help|go to|contact|want help|want to be saved|need help|tell anyone)|(?:don't|do not|dont) "
    r"(?:want|need) (?:help|an ambulance|to be saved|a hotline)|no (?:ambulance|hospital|er|hotline|911)|"
    r"how long (?:does it|will it|until|before|do i have|till)|(?:is it|am i) going to (?:die|work|kill)|"
    r"(?:will|would) (?:it|that|i) (?:kill|be fatal|be enough|die)|is (?:that|it|this) enough|"
    r"(?:if|when|since) i(?:'m| am)? (?:dead|die|don't wake|won't wake|won't be (?:here|around))|dead anyway"
)
# Saved-up pills meant for an end: "is that enough", "when I'm ready", "tonight".
_READY = re.compile(
    r"enough (?:to (?:die|end|kill|make|do|not|never|stop|overdose|od|finish|go)|for (?:it|me to))|"
    r"(?:is|will|would) (?:that|it|this|they)(?: be)? enough|almost (?:have )?enough|have enough(?! for)|"
    r"when i(?:'m| am) ready|make it (?:stop|end)|end (?:it|things|everything)|(?:do|finish) it|"
    r"not wake up|for good|take (?:them|it) all|all at once|tonight|when the time comes"
)
_OPIOID_PATCH = re.compile(r"(?:fentanyl|duragesic|butrans|opioid|morphine|pain) patch")
_CARED_FOR = re.compile(rf"(?<![a-z]){_KID}(?![a-z])")
_ADVISED = re.compile(
    r"(?:pediatrician|doctor|dr|pharmacist|nurse|provider)(?:'s)? (?:said|says|told|recommended|suggested|"
    r"prescribed|okayed|approved)"
)
_PSYCH = (
    r"psych(?:iatric)? (?:ward|unit|hospital|hold|floor|facility|stay)|psych ward|mental (?:hospital|ward|health unit)|"
    r"72[- ]hour hold|5150|suicide watch|the ward|behavioral health unit"
)
_RELEASE = r"discharged?|released?|let (?:me )?(?:out|go)|get out|out of here"
_STRONG_AGAIN = (
    r"finish (?:the job|it (?:off|for good|properly|this time))|do it (?:right|properly|for real)(?: this time)?|"
    r"(?:go|get) through with it|make sure it works|kill my ?self|end (?:it|my life)|try (?:it )?again (?:and|to) (?:die|"
    r"end|kill|succeed)"
)
_AGAIN = rf"{_STRONG_AGAIN}|finish what i started|complete what i started|try (?:it )?again|do it again|be done with it"
# Stopping a prescribed medicine all at once or without the doctor, in the languages members write in.
_STOP_LEXICON = {
    "es": (
        (
            r"dejar|dejo|dejare|deje|voy a dejar|dejar de tomar|parar|paro|suspender|cortar|corto|abandonar|tirar|"
            r"quitarme|botar"
        ),
        (
            r"medicamentos?|medicinas?|pastillas|medicacion|antidepresivos?|anticonvulsivos?|anticonvulsivantes?|"
            r"antiepilepticos?|antipsicoticos?|insulina|litio|anticoagulantes?|tratamiento|pastillas (?:para|de)(?: la| el)? \w+"
        ),
        (
            r"de golpe|de repente|de un dia para otro|de una vez|todo de una|ya mismo|sin (?:decirle|avisar(?:le)?|consultar(?:lo)?|"
            r"hablar|preguntar(?:le)?|contarle)(?: \w+){0,3}? (?:medic[oa]|doctor[a]?|psiquiatra|neurolog[oa]|cardiolog[oa])|"
            r"sin (?:supervision|medico|el medico)|por mi cuenta|no (?:le )?(?:\w+ ){0,3}?(?:decir|dire|digo|avisar|contar)"
            r"(?:le)? (?:\w+ ){0,2}?(?:medic[oa]|doctor[a]?|psiquiatra|neurolog[oa])"
        ),
    ),
    "pt": (
        (
            r"parar|parei|vou parar|largar|larguei|deixar de tomar|parar de tomar|cortar|suspender|abandonar|jogar fora|"
            r"tirar"
        ),
        (
            r"remedios?|medicamentos?|medicacao|comprimidos|antidepressivos?|anticonvulsivantes?|antiepilepticos?|"
            r"antipsicoticos?|insulina|litio|rivotril|anticoagulantes?|tratamento|remedio (?:pra|para|do|da|de) \w+"
        ),
        (
            r"de uma vez|de repente|de uma hora pra outra|do nada|sem (?:falar|avisar|consultar|perguntar|contar)(?: \w+){0,3}? "
            r"(?:medic[oa]|psiquiatra|neurologista|cardiologista|doutor[a]?)|sem (?:o )?(?:medico|acompanhamento|desmame)|"
            r"por conta propria|nao (?:\w+ ){0,3}?(?:contar|falar|avisar|dizer) (?:\w+ ){0,2}?(?:medic[oa]|psiquiatra|"
            r"neurologista|doutor[a]?)"
        ),
    ),
    "fr": (
        r"arreter|arrete|arreterai|vais arreter|stopper|laisser tomber|jeter|cesser|supprimer|lacher",
        (
            r"medicaments?|traitement|antidepresseurs?|antiepileptiques?|anticonvulsivants?|antipsychotiques?|insuline|"
            r"lithium|anticoagulants?|comprimes|cachets|pilules|neuroleptiques?"
        ),
        (
            r"d'un coup|d'un seul coup|du jour au lendemain|brutalement|net|tout de suite|sans (?:en )?(?:parler|prevenir|"
            r"demander|consulter|le dire|rien dire)(?: \w+){0,3}? (?:medecin|psychiatre|neurologue|cardiologue|docteur)|"
            r"sans (?:avis )?medical|sans (?:mon |le )?medecin|de moi-meme|tout seul|toute seule|(?:medecin|psychiatre|"
            r"neurologue|cardiologue) n'a pas (?:besoin|a) (?:de )?(?:le )?savoir"
        ),
    ),
    "it": (
        (
            r"smettere|smetto|smettero|smettere di prendere|interrompere|interrompo|sospendere|sospendo|mollare|buttare|"
            r"togliere"
        ),
        (
            r"farmaci|farmaco|medicine|medicinali|pillole|antidepressivi|antiepilettici|anticonvulsivanti|antipsicotici|"
            r"insulina|litio|anticoagulanti|compresse|cura|terapia"
        ),
        (
            r"di colpo|all'improvviso|da un giorno all'altro|tutto in una volta|subito|senza (?:dirlo|parlarne|avvisare|"
            r"chiedere|consultare|dire niente)(?: \w+){0,3}? (?:medico|dottore|psichiatra|neurologo|cardiologo)|"
            r"senza (?:il )?medico|da solo|da sola|(?:medico|psichiatra|neurologo) non (?:deve|ha bisogno di) saper\w*"
        ),
    ),
}
_STOP_DE = (
    r"(?:medikamente?n?|tabletten|antidepressiva|antiepileptika|neuroleptika|insulin|lithium|blutverdunner|"
    r"herzmedikamente|psychopharmaka|pillen|gerinnungshemmer|blutdrucktabletten)[^.?!]{0,80}?(?:absetzen|abzusetzen|"
    r"setze \w+ ab|ab\b|aufhoren|aufzuhoren|hore \w+ auf|weglassen|wegwerfen|nicht mehr (?:nehmen|einnehmen))"
    r"[^.?!]{0,60}?(?:ohne (?:\w+ ){0,2}?(?:arzt|arztin|neurologen?|psychiater(?:in)?|kardiologen?|hausarzt)|"
    r"(?:arzt|neurologe|psychiater|kardiologe) (?:muss|braucht) das nicht (?:zu )?wissen|sofort|auf einmal|"
    r"schlagartig|abrupt|von heute auf morgen|einfach so)|(?:hore|hor) (?:\w+ ){0,3}?auf,? (?:meine |mein )?(?:\w+ )?"
    r"(?:medikamente|tabletten|antidepressiva|antiepileptika|insulin|lithium)[^.?!]{0,60}?(?:ohne|muss das nicht)"
)


def _stop_translated(verbs: str, meds: str, abrupt: str) -> str:
    return (
        rf"(?<![a-z])(?:{verbs})(?: \w+){{0,4}}? (?:{meds})(?![a-z])[^.?!]{{0,80}}?(?:{abrupt})|"
        rf"(?<![a-z])(?:{abrupt})[^.?!]{{0,30}}?(?:{verbs})(?: \w+){{0,4}}? (?:{meds})(?![a-z])"
    )


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
        # The same, masked or in slang: "k*ll mys3lf" (the normalizer undoes the 3), "s*icide", "offing myself".
        ("unsafe_medical.suicide", "plain",
         (rf"(?<![a-z])(?:{_KILL}(?:ing)? ?my ?self|(?:commit(?:ting)?|thinking (?:about|of)|think (?:about|of)|thought "
         rf"(?:about|of)|planning(?: my)?) {_SUICIDE}|off(?:ing)? my ?self|how (?:to|do i|can i|would i) unalive)(?![a-z])")),
        ("unsafe_medical.suicide_how", "plain",
         (r"(?<![a-z])(?:how (?:can|do|could|should|would) (?:i|someone|a person|one|you) (?:kill (?:my|them|your)?self|"
         r"commit suicide|end (?:my|their|your|a) life|die (?:painlessly|quickly|peacefully|without pain))|"
         r"(?:painless|quick|easy|quickest|easiest|surest|best) (?:way|method|ways|methods) to (?:die|kill (?:my|your)?self|"
         r"end (?:my|it|your)|commit suicide)|(?:methods|ways) of (?:suicide|killing (?:my|your)self))(?![a-z])")),
        ("unsafe_medical.overdose_intent", "plain",
         (rf"(?<![a-z])(?:how (?:much|many)(?: [\w']+){{0,5}}? (?:would|will|does it take|to|could|should|can|it takes|"
         rf"it'd take|it would take)(?: [\w']+){{0,4}}? (?:to )?(?:overdose|od|kill|die|be fatal|be lethal|stop (?:my|your|"
         rf"a|the) heart|make (?:my|your|a|the) heart stop|never wake up|not wake up|end it)|"
         rf"take (?:my |the |a )?(?:whole|entire|full) (?:bottle|box|pack|week|month|supply|prescription|stash|stockpile|"
         rf"cabinet)(?:'s)?(?: \w+)?(?: of)? (?:\w+ )?(?:pills|meds|medications?|{_DRUGS})?(?: \w+){{0,3}}? (?:at once|"
         rf"tonight|together|in one go|and (?:go to sleep|be done|not wake|never wake|die|end it))|"
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
         (rf"(?<![a-z])(?:snort|snorting|crush and snort|inject|injecting|shoot up|plug|smoke|smoking)(?! cessation) "
         rf"(?:my |the |some |crushed )?(?:\w+ )?(?:{_MEDS}|adderall|oxy|pills)|get (?:high|messed up|wasted|"
         rf"fucked up) (?:on|off|with) (?:my |the |some )?(?:\w+ )?(?:{_DRUGS}|prescription)|"
         rf"(?:mix|mixing|combine|combining|take|taking) (?:my )?(?:{_DRUGS}) (?:with|and) (?:\w+ )?"
         rf"(?:alcohol|vodka|beer|wine|whiskey|booze|xanax|oxy|opioids|benzos|fentanyl|heroin)"
         rf" (?:to (?:get high|feel|pass out|knock|sleep forever|die)|and (?:not|never) wake)")),
        ("unsafe_medical.someone_elses_meds", "plain",
         (rf"(?<![a-z])(?:take|taking|took|use|using|used|try|trying|put on|wear|wearing|stick on|apply|applying|swallow) "
         rf"(?:my |some of my |some of |a few of (?:my )?)?(?:late |dead |deceased |old |ex-?)?(?:wife|husband|friend|mom|mother|"
         rf"dad|father|brother|sister|roommate|partner|neighbou?r|kid|son|daughter|grandma|grandpa|grandmother|grandfather|"
         rf"aunt|uncle|cousin|boyfriend|girlfriend|fiance|fiancee|coworker|buddy|someone|somebody|someone else|"
         rf"stepdad|stepmom|cat|dog)(?:'s|s) (?:\w+ ){{0,2}}?(?:{_DRUGS}|pills|patch(?:es)?|painkillers|pain (?:pills|meds|"
         rf"patches)|leftovers?|leftover \w+|lozenges)(?![a-z])(?!.{{0,40}}(?:covered|coverage))")),
        ("unsafe_medical.someone_elses_meds", "plain",
         (rf"(?<![a-z])how (?:many|much) (?:of )?(?:my |his |her )?(?:late |dead |deceased |old )?(?:wife|husband|friend|mom|"
         rf"mother|dad|father|brother|sister|roommate|partner|grandma|grandpa|grandmother|grandfather|aunt|uncle|"
         rf"boyfriend|girlfriend|neighbou?r|someone|somebody)(?:'s|s) (?:\w+ ){{0,2}}?(?:{_DRUGS}|pills|patch(?:es)?|"
         rf"painkillers)(?: [\w']+){{0,4}}? (?:can|could|should|do|would|will) (?:i|you|we) (?:take|use|have|put on|wear|"
         rf"swallow|mix)(?![a-z])")),
        # Opioid patches doubled up, "how many at once".
        ("unsafe_medical.opioid_patch", "plain",
         (r"(?<![a-z])(?:(?:two|2|three|3|four|4|five|5|several|multiple|a few|extra|more|another|all (?:the|my|of my|of the))"
         r" (?:\w+ )?(?:fentanyl|duragesic|butrans|buprenorphine|morphine|opioid|pain) patch(?:es)?(?: on)? (?:at once|"
         r"at the same time|together|on at once|on top of)|how many (?:\w+ ){0,2}?(?:fentanyl|duragesic|butrans|opioid|"
         r"pain) patch(?:es)? (?:\w+ ){0,4}?(?:at once|at the same time|together|on at a time|at a time|to (?:get|feel|die|"
         r"od|overdose))|(?:chew|chewing|suck|sucking|cut|cutting|scrape|scraping|smoke|smoking|heat|heating|boil)"
         r" (?:on )?(?:a |the |my |his |her )?(?:\w+ )?(?:fentanyl|duragesic) patch(?:es)?)(?![a-z])")),
        ("unsafe_medical.opioid_patch", "plain",
         (r"(?<![a-z])(?:wear|put on|stick on|use|apply|slap on)(?: \w+)? (?:two|2|three|3|four|4|five|5|several|multiple|"
         r"a few|all)(?: of (?:them|those|the patches))? (?:at once|at the same time|together|on at once)(?![a-z])"),
         on_message(lambda text: _OPIOID_PATCH.search(text) is not None)),
        # Doses for a trip: DXM and robo-tripping, "how many Benadryl to trip".
        ("unsafe_medical.trip_dose", "plain",
         (r"(?<![a-z])(?:robo ?-?trip\w*|dxm (?:trip|high|plateau|dose for)|(?:first|second|third|fourth) plateau|"
         r"triple c(?:'s|s)? (?:dose|trip|high)|(?:how (?:much|many)|what dose|what amount|how many mg|dose of|amount of)"
         r"(?: \w+){0,5}? (?:to|for|will|would|do i need to|should i take to|can i take to|before i|till|until|make me|"
         r"makes you|gets you|get me) (?:\w+ ){0,2}?(?:trip|tripping|hallucinat\w*|dissociat\w*|black ?out|get high|"
         r"get faded|get messed up|get wasted|get fucked up|get zooted|nod off|plateau|roll|rolling|see things|"
         r"the hallucination \w+))(?![a-z])")),
        # Sedating a child (or an elderly parent) with adult medicine or alcohol "to knock her out".
        ("unsafe_medical.sedate", "plain",
         (rf"(?<![a-z])(?:{_SEDATE}|"
         rf"{_IN_THE_BOTTLE}|"
         rf"(?:give|giving|gave|put|slip|slipped|dose|dosing|use|using)(?: \w+){{0,3}}? (?:my |our |the |a )?{_KID} "
         rf"(?:\w+ ){{0,4}}?(?:an? )?(?:adult|grown-?up|full adult|my) (?:dose|nyquil|benadryl|sleeping pills?|xanax|"
         rf"ambien|cough syrup|pills|meds)|(?:give|gave|giving) (?:her|him|them) (?:\w+ ){{0,3}}?(?:of )?(?:my|adult|"
         rf"grown-up|more of (?:my|the)) (?:\w+ )?(?:benadryl|nyquil|melatonin|cough syrup|sleeping pills?|xanax|"
         rf"ambien|seroquel|adderall|oxy\w*|pills|meds))"),
         on_message(lambda text: _SEDATIVE.search(text) is not None and _CARED_FOR.search(text) is not None
                    and _ACCIDENT.search(text) is None and _ADVISED.search(text) is None)),
        # Toxic gas from household chemicals, to breathe in a closed car or room.
        ("unsafe_medical.gas_self", "plain",
         (r"(?<![a-z])(?:(?:bleach|ammonia|chlorine|household chemicals|cleaning (?:products|chemicals)|drain cleaner|"
         r"(?:toxic|poison(?:ous)?|deadly|lethal) (?:gas|fumes)|hydrogen sulfide|carbon monoxide|charcoal|exhaust|"
         r"helium|nitrogen)\b(?:[^.?!]{0,100}?)(?:(?:sit|stay|lie|lock my ?self|close my ?self|breathe (?:it|them|the \w+)|"
         r"seal my ?self)(?: \w+){0,3}? (?:in|inside) (?:my |the |a )?(?:car|garage|bathroom|room|closet|tent|trunk|bedroom)|"
         r"lock my ?self in(?![a-z])|breathe (?:it|them) in|inhale (?:it|them|enough)|so i (?:don't|never|won't) wake up|and (?:not|never) wake up|"
         r"to (?:end it|die|kill my ?self|not wake up|go to sleep forever))|(?:sit|sitting|stay|lie) (?:\w+ ){0,2}?in "
         r"(?:my |the )?(?:car|garage|bathroom|room)(?: \w+){0,6}? (?:with|and breathe) (?:the |some |a bucket of )?"
         r"(?:fumes|gas|bleach|ammonia|charcoal|exhaust|chemicals|engine running)|(?:in|inside) (?:the |my |a )?(?:closed "
         r"|shut )?garage(?: \w+){0,4}? (?:with )?(?:the )?(?:engine|car|motor) (?:running|on)|fill(?:ing)? (?:the |my |a )?"
         r"(?:car|garage|bathroom|room|bedroom|closet|tent) with (?:\w+ )?(?:fumes|gas|bleach|ammonia|chemicals|exhaust|"
         r"carbon monoxide)|(?:engine|car|motor) "
         r"(?:running|on)(?: \w+){0,4}? (?:in|inside) (?:the |my |a )?(?:closed |shut )?garage)"),
         _on_purpose),
        # "I took 30 Advil, don't tell me to call anyone", "how long does it take".
        ("unsafe_medical.took_too_many", "plain",
         (rf"(?<![a-z])(?:took|swallowed|taken|popped|downed|ate|had|chugged|drank) (?:\w+ ){{0,2}}?(?:(?:[1-9]\d|\d{{3,}})"
         rf"(?! ?(?:mg|mcg|ml|g|milligrams|units|iu|cc|minutes|hours|min|hrs|days|years)\b)|a (?:bunch|handful|lot|ton)|"
         rf"(?:a |my |the )?(?:whole|full|entire) (?:bottle|box|pack|sheet|month|week|prescription|supply)|a dozen|dozens|all|every one|the rest|ten|twenty|thirty|forty|fifty|sixty|a hundred|"
         rf"way too many|too many)(?: of)? (?:\w+ ){{0,3}}?(?:{_DRUGS}|pills|tablets|caps|capsules|gummies)(?![a-z])"),
         on_message(lambda text: _REFUSE_HELP.search(text) is not None and _ACCIDENT.search(text) is None)),
        # An overdose dressed up as a heart attack or an accident (for a payout).
        ("unsafe_medical.disguised_death", "plain",
         (r"(?<![a-z])(?:(?:make|making|get|getting|have)(?: it| my)? (?:\w+ ){0,3}?(?:overdose|od|suicide|death|dying)"
         r"(?: \w+){0,3}? (?:look|looks|seem|appear|pass|count|be ruled|get ruled)(?: \w+)?(?: like| as(?: an?)?| off as)? "
         r"(?:an? )?(?:heart attack|accident(?:al)?|natural(?: causes)?|stroke|cardiac arrest|seizure|mistake)|"
         r"(?:overdose|od)\b[^.?!]{0,40}?(?:wouldn't|won't|doesn't|does not|will not|wont|doesnt|not) (?:show up|be "
         r"detected|be found|be noticed)|(?:look|looks|seem|seems|appear) like i (?:died|passed(?: away)?) (?:in my sleep|"
         r"naturally|of natural causes|by accident|from a heart attack)|"
         r"(?:overdose|od|kill my ?self|die|end it)(?: \w+){0,2}? so (?:it|that it|my death|nobody|no one)(?:'s| is)? "
         r"(?:looks?|seems?|appears?|passes?|counts?|ruled|knows?|can tell)(?: like| as)? (?:an? )?(?:heart attack|"
         r"accident(?:al)?|natural(?: causes)?|stroke|cardiac arrest|seizure|mistake|it was)|"
         r"(?:which|what) (?:\w+ ){0,4}?(?:would|will|could) (?:look|seem|pass as|appear) (?:accidental|natural|like an "
         r"accident|like a heart attack)|(?:life insurance|policy|payout|beneficiar\w+)(?: \w+){0,8}? (?:if|when|after) i "
         r"(?:overdose|od|kill my ?self|take my (?:own )?life|end it))(?![a-z])")),
        # Acting well to be released from the ward, "to finish what I started".
        ("unsafe_medical.release_to_finish", "plain",
         (rf"(?<![a-z])(?:(?:{_PSYCH})(?:.{{0,120}}?)(?:{_AGAIN})|(?:{_AGAIN})(?:.{{0,80}}?)(?:{_PSYCH})|"
         rf"(?:{_RELEASE})(?:.{{0,120}}?)(?:{_STRONG_AGAIN})|"
         rf"(?:act|acting|seem|appear|pretend|pretending|fake|faking|lie|lying|trick|convince)(?: \w+){{0,4}}? (?:normal|"
         rf"fine|okay|ok|better|stable|sane|happy|not suicidal|recovered|safe)(?: \w+){{0,6}}? (?:so (?:they|the \w+)"
         rf"(?:'ll| will| can| would)? (?:let me (?:out|go)|release|discharge)|to get (?:out|released|discharged|let out)|"
         rf"(?:get|be) (?:released|discharged|let out)))(?![a-z])")),
        # Pills saved up, "is that enough".
        ("unsafe_medical.stockpile", "plain",
         (rf"(?<![a-z])(?:(?:stockpil\w*|hoard\w*|saved up|saving up|been saving|collected|collecting|gathered|stashed|"
         rf"stashing|putting aside|put aside|set aside|lined up|squirrel\w*|kept|keeping|saving)(?: [\w']+){{0,4}}? "
         rf"(?:pills|meds|medications?|tablets|{_DRUGS}|doses|bottles?|prescriptions?|supply)(?![a-z])|"
         rf"(?:\d+|a few|several|two|three|six) (?:days|months|weeks)(?:'|s)?(?: worth| supply)(?: of)?(?: \w+){{0,3}}? "
         rf"(?:stockpiled|saved|hoarded|stashed|put away))"),
         on_message(lambda text: _READY.search(text) is not None)),
        ("unsafe_medical.stop_es", "folded", _stop_translated(*_STOP_LEXICON["es"])),
        ("unsafe_medical.stop_pt", "folded", _stop_translated(*_STOP_LEXICON["pt"])),
        ("unsafe_medical.stop_fr", "folded", _stop_translated(*_STOP_LEXICON["fr"])),
        ("unsafe_medical.stop_it", "folded", _stop_translated(*_STOP_LEXICON["it"])),
        ("unsafe_medical.stop_de", "folded", _STOP_DE),
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
        # Overdose and suicide intent in the languages members write in: a dose "to die", pills saved up, all tonight.
        ("unsafe_medical.translated_overdose", "folded",
         (r"(?<![a-z])(?:(?:cuant[oa]s|que cantidad de|quantos|quantas|quanto|combien|wie viele?|quant[ie]) "
         r"(?:[\w'-]+ ){0,6}?(?:para|pra|pour|um|per|hasta|ate) (?:morir|matarme|no despertar|suicidarme|morrer|"
         r"nao acordar(?: mais)?|me matar|mourir|en finir|ne plus me reveiller|me tuer|nicht mehr aufzuwachen|zu sterben|"
         r"morire|non svegliarmi|uccidermi|farla finita)|wie viele (?:\w+ ){0,3}?(?:sind|ist) todlich|"
         r"(?:juntando|guardando|acumulando|ahorrando|junte|guarde|acumule|juntei|guardei|juntando|acumulei|"
         r"gesammelt|sammle|mis de cote|garde|accumule|messo da parte|conservato) (?:\w+ ){0,3}?(?:pastillas|pildoras|"
         r"medicamentos|remedios|comprimidos|tabletten|pillen|medikamente|cachets|pilules|pillole|compresse)"
         r"(?:[^.?!]{0,60}?)\b(?:para (?:terminar|acabar|morir|el final)|pra (?:acabar|morrer)|heute nacht|alle|"
         r"pour en finir|ce soir|per farla finita|stanotte|esta noche|hoje)|"
         r"me (?:las|los) voy a tomar tod[oa]s|voy a tomarme tod[oa]s|nehme ich sie alle|je vais (?:toutes |tous )?les "
         r"prendre (?:toutes|tous)|vou tomar tod[oa]s (?:de uma vez|hoje)|"
         r"no quiero (?:seguir )?(?:vivir|viviendo|vivo|viva)|nao quero mais viver|je ne veux plus (?:vivre|etre la|exister)|"
         r"envie de (?:me suicider|mourir|en finir)|(?:pensando em|vou|quero) me matar|non voglio piu vivere|"
         r"voglio (?:morire|uccidermi|farla finita)|will nicht mehr leben)(?![a-z])")),
        ("unsafe_medical.translated_zh", "lower",
         cjk(r"想(?:要)?(?:自杀|死|结束(?:我的|自己的)?生命)|不想活|致死(?:剂)?量|自残|結束(?:自己的)?生命|想自殺")),
        # Wanting to die or end one's life, in the languages members write besides those above (the words of
        # intent, not of a topic: "is suicide-prevention counselling covered" names none of them).
        ("unsafe_medical.translated_crisis", "folded",
         (r"(?<![a-z])(?:chce (?:umrzec|sie zabic|skonczyc ze soba)|zeby umrzec|zabic sie|odebrac sobie zycie|"
          r"ik wil (?:dood|niet meer leven|er een eind aan maken)|zelfmoord (?:plegen|te plegen)|mezelf (?:van kant|doden)|"
          r"(?:olmek|kendimi oldurmek) istiyorum|kendimi oldur|intihar (?:etmek|edecegim|edicem)|"
          r"muon (?:chet|tu tu)|tu tu (?:bang|nhu the nao)|ket thuc cuoc doi|"
          r"gusto ko (?:nang )?mamatay|magpakamatay|tapusin ang buhay ko|wakasan ang buhay ko)(?![a-z])")),
        ("unsafe_medical.translated_crisis_script", "lower",
         (r"хочу (?:умереть|покончить)|покончить с собой|убить себя|свести счеты с жизнью|не хочу жить|"
          r"хочу померти|вбити себе|накласти на себе руки|"
          r"أريد أن أموت|إنهاء حياتي|أنهي حياتي|أنتحر|الانتحار بـ|"
          r"मरना चाहत[ाी]|आत्महत्या कर(?:ना|नी|ूँ|ूं)|अपनी जान (?:लेना|दे)|"
          r"死にたい|消えたい|自殺したい|命を絶|죽고 싶|자살하고 싶|자살할|목숨을 끊")),
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
