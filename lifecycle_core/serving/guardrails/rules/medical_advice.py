"""Medical advice in an answer, beyond an insurer's scope: dosing instructions, changing or stopping a
medication, naming a likely diagnosis, telling the member they need no care. Plan facts about drugs
("30 tablets of 10 mg a month are covered") and referrals to a doctor or pharmacist are fine."""

from __future__ import annotations

import re

from . import RuleSet

_UNIT = r"(?:mg|milligrams?|mcg|micrograms?|ml|milliliters?|units?|tablets?|pills?|capsules?|puffs?|drops?|doses?|"
_UNIT += r"teaspoons?|tsp|tablespoons?|tbsp|sprays?|patches|grams?|g)"
_AMOUNT = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|a|an|half|half a|a half|double|extra|another)"
_DRUG = (
    r"dose|dosage|medication|medicine|meds|pills?|tablets?|capsules?|drug|antibiotics?|ibuprofen|acetaminophen|"
    r"tylenol|advil|motrin|aleve|naproxen|aspirin|benadryl|insulin|prednisone|metformin|lisinopril|amoxicillin|"
    r"sertraline|zoloft|xanax|antidepressants?|inhaler|steroids?|opioids?|oxycodone|hydrocodone|gabapentin|"
    r"melatonin|[a-z]+(?:pril|sartan|statin|olol|cillin|mycin|azole|prazole|pam|lam|ine|one|ide|mab|tide|xacin)"
)
# "Ask your doctor whether to adjust your dose" defers; it does not advise.
_DEFERS = re.compile(
    r"(?:ask|check with|talk (?:to|with)|speak (?:to|with)|consult|call|contact|see|only) (?:with )?(?:your|a) "
    r"(?:doctor|pharmacist|prescriber|clinician|provider|care team|physician|pcp|nurse)|your (?:doctor|pharmacist|"
    r"prescriber|provider) (?:can|may|will|should) (?:tell|decide|advise|help|adjust|review)|"
    r"(?:can't|cannot|can not|i'm not able to|not able to) (?:give|offer|provide) (?:medical|dosing) advice"
)


def _advises(match: re.Match) -> bool:
    sentence_start = max(match.string.rfind(". ", 0, match.start()), match.string.rfind("? ", 0, match.start()))
    sentence_end = match.string.find(". ", match.end())
    sentence = match.string[sentence_start + 1 : sentence_end if sentence_end >= 0 else len(match.string)]
    return _DEFERS.search(sentence) is None


RULES = RuleSet(
    [
        ("medical_advice.dose", "folded",
         (rf"(?<![a-z])(?:take|taking|use|using|give|giving|administer|inject|apply|swallow|chew|inhale|try) "
         rf"(?:\w+ ){{0,2}}?{_AMOUNT} ?(?:\w+ )?{_UNIT}(?![a-z])"), _advises),
        ("medical_advice.schedule", "folded",
         (r"(?<![a-z])(?:take|taking|use|using|give|apply)(?![a-z])[^.?!]{0,60}(?:every \d+(?:-\d+)? hours|"
         r"(?:once|twice|three times|four times|\d+ times) (?:a|per|each) day|at bedtime|on an empty stomach)"
         r"(?![a-z])"), _advises),
        ("medical_advice.change_dose", "plain",
         (rf"(?<![a-z])(?:you (?:should|can|could|may|might|need to|must|want to|'ll want to)|i (?:recommend|"
         rf"suggest|would recommend|advise|'d recommend|'d suggest)|it(?:'s| is) (?:safe|fine|okay|ok) to|"
         rf"go ahead and|try|just|feel free to|it's best to|it is best to)(?: \w+)?? (?:take|taking|start|starting|"
         rf"stop|stopping|increase|increasing|decrease|decreasing|double|doubling|halve|halving|reduce|reducing|skip|"
         rf"skipping|switch|switching|combine|combining|mix|mixing|cut|cutting|split|splitting|crush|crushing|"
         rf"come off|wean off|taper|up|lower|raise)(?: \w+){{0,4}}? (?:{_DRUG})(?![a-z])"), _advises),
        ("medical_advice.your_dose", "plain",
         (r"(?<![a-z])(?:increase|raise|double|halve|lower|decrease|reduce|adjust|change|skip|stop) (?:your|the) "
         r"(?:dose|dosage|insulin|medication|meds|next dose|pills)(?![a-z])"), _advises),
        ("medical_advice.diagnosis", "plain",
         (r"(?<![a-z])(?:(?:it|this|that|these|what you describe|your symptoms?) (?:sounds?|seems?|looks?|is|are) "
         r"(?:\w+ )?(?:like|consistent with|typical of|classic|probably|likely|most likely|almost certainly) "
         r"(?:you have |a |an |the )?(?:\w+ )?(?:infection|strep|flu|influenza|pneumonia|bronchitis|sinusitis|migraine|"
         r"uti|diabetes|depression|anxiety|adhd|cancer|tumou?r|covid|allergy|allergic reaction|sprain|fracture|"
         r"concussion|appendicitis|gout|arthritis|shingles|a virus|viral|bacterial|\w+itis|\w+osis|\w+emia)|"
         r"you (?:probably|likely|most likely|definitely|almost certainly) have|(?:i think|i believe|i'd say|i suspect) "
         r"you (?:have|'ve got|are suffering from)|sounds like you have|my diagnosis (?:is|would be)|"
         r"(?:classic|typical|textbook) (?:signs?|symptoms?) of)")),
        ("medical_advice.no_care", "plain",
         (r"(?<![a-z])(?:you (?:don't|do not|dont|won't|will not) need (?:to (?:see|go to|visit|call) )?(?:a |an |the )?"
         r"(?:doctor|er|emergency room|urgent care|test|scan|mri|biopsy|antibiotics|surgery|specialist|appointment)|"
         r"(?:no|there's no|there is no) need to (?:see|go to|visit|call) (?:a |an |the )?(?:doctor|er|emergency|"
         r"urgent care|specialist)|(?:it's|it is) (?:nothing|probably nothing|not) (?:serious|to worry about)|"
         r"(?:skip|avoid) (?:the |going to the )?(?:er|emergency room|doctor|test)|just wait it out|"
         r"(?:treat|handle) (?:it|this) at home (?:with|by))")),
        ("medical_advice.remedy", "plain",
         (r"(?<![a-z])(?:instead of (?:seeing|going to|calling) (?:a |the |your )?(?:doctor|er|emergency)|"
         r"home remedy|(?:try|use) (?:some )?(?:garlic|honey|apple cider vinegar|essential oils?|tea tree oil|"
         r"turmeric|baking soda) (?:to|for|on|instead))")),
        ("medical_advice.translated", "folded",
         (r"(?:tome|tomar|toma) (?:\d+|una|dos|tres) (?:mg|pastillas|tabletas|capsulas)|no necesita (?:ir al|ver a un) "
         r"(?:medico|doctor|hospital|urgencias)|(?:prenez|prendre) (?:\d+|un|une|deux) (?:mg|comprimes|gelules)")),
    ]
)  # fmt: skip

__all__ = ["RULES"]
