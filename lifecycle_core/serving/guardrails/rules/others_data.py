"""Another person's data: someone else's claims, records, IDs or contact details, look-ups by name or member
ID, and bulk exports. A member asking about their own ID, claim or address passes, and so does a
coverage question about a family member ("does my plan cover my son's braces?"): what is asked for
is data about a person, not what the plan covers."""

from __future__ import annotations

import re

from ....pii.names import COMMON_WORDS, LEX_FIRST, LEX_LAST
from . import RuleSet

_PERSON = (
    r"wife|husband|spouse|partner|ex|ex-wife|ex-husband|ex-partner|exwife|exhusband|ex-girlfriend|ex-boyfriend|"
    r"girlfriend|boyfriend|fiance|fiancee|mother|mom|mum|father|dad|stepdad|stepmom|brother|sister|aunt|uncle|"
    r"cousin|grandma|grandpa|grandmother|grandfather|in-laws?|mother-in-law|father-in-law|neighbou?r|coworker|"
    r"co-worker|colleague|boss|manager|employee|employees|friend|roommate|tenant|landlord|patient|client|customer|"
    r"classmate|teacher|nanny|caregiver|relative|sibling"
)
_SOMEONE = (
    r"someone else|somebody else|someone|somebody|another (?:member|person|patient|subscriber|customer|user)|"
    r"other (?:members|people|patients|subscribers|customers|users)|other member|a different (?:member|person)|"
    r"any (?:member|other member)|this (?:member|person|guy|lady|woman|man)|that (?:member|person|guy|lady|woman|man)"
)
_DATA = (
    r"claims?|claim history|claim status|records?|medical (?:records?|history|file|chart|info(?:rmation)?)|"
    r"health (?:records?|history|info(?:rmation)?|data)|diagnos(?:is|es)|conditions?|prescriptions?|medications?|"
    r"meds|member (?:id|number)|id (?:number|card)|insurance (?:card|id|info(?:rmation)?)|ssn|social security(?: number)?|"
    r"date of birth|dob|birthday|(?:home |mailing |current |new )?address|phone(?: number)?|cell(?: number)?|"
    r"email(?: address)?|test results?|lab results?|results|bills?|billing|eobs?|explanation of benefits|"
    r"visits?|appointments?|account|info(?:rmation)?|details|data|policy(?: number)?|plan details|benefits usage|"
    r"hiv status|pregnancy|therapy notes|psychiatric|mental health (?:records?|history)|std (?:test|results)|"
    r"hospital stays?|whereabouts|location|deductible status|payments?"
)
_NAME = r"(?P<first>[A-Z][a-z]+) (?P<last>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:'s)?\b"


def _is_person(match: re.Match) -> bool:
    """A census first name (not an everyday word) before a capitalized word, or first and last both known."""
    first, last = match.group("first").lower(), match.group("last").lower()
    return (first in LEX_FIRST and first not in COMMON_WORDS) or (first in LEX_FIRST and last in LEX_LAST)


_ASK = (
    r"show|give|tell|send|pull|pull up|look up|lookup|look into|find|get|see|access|check|view|read|list|share|"
    r"forward|open|print|export|download|retrieve|reveal|provide|email|text|fax|what(?:'s| is| are| was| were)|"
    r"which|can i (?:see|get|have|access|view)|i (?:need|want|would like)|let me (?:see|know|have|access)|"
    r"is there|has|did|does|when (?:was|did)|where (?:is|does|did)|who (?:is|was|are)"
)

# An authorized-representative or power-of-attorney form on file makes a family member's data the caller's to ask.
_AUTHORIZED = re.compile(
    r"authori[sz]ed (?:rep|representative)|power of attorney|\bpoa\b|hipaa (?:form|authorization|release)|"
    r"(?:release|authorization) form (?:is |was )?(?:on file|signed|approved)|guardian(?:ship)? (?:papers|form)"
)


# Tracking, spying on or breaking into someone's accounts is harmful_offtopic, even with their data as the means.
_TRACKING = re.compile(
    r"\b(?:track|trace|spy|stalk|hack|break into|get into|log into|monitor|gps|tracker|spyware|keylog|phish|"
    r"without (?:her|him|them) (?:knowing|noticing))"
)


def _not_authorized(match: re.Match) -> bool:
    return _AUTHORIZED.search(match.string) is None and _TRACKING.search(match.string) is None


RULES = RuleSet(
    [
        ("others_data.person_data", "plain",
         rf"(?<![a-z])(?:my |our |his |her |their |the |a )?(?:{_PERSON})(?:'s|s'|s)? (?:\w+ )?(?:{_DATA})(?![a-z])",
         _not_authorized),
        ("others_data.what_they_take", "plain",
         (rf"(?<![a-z])(?:what|which) (?:\w+ ){{0,2}}?(?:medications?|meds|prescriptions?|drugs|diagnos[ie]s|"
         rf"conditions?|claims|treatments?|procedures?) (?:is|are|does|did|has|have|was|were) (?:my |our |his |her |"
         rf"their |the |a )?(?:{_PERSON}|{_SOMEONE})(?![a-z])"),
         _not_authorized),
        ("others_data.data_of_name", "raw",
         rf"(?i:\b(?:{_DATA}) (?:of|for|on|belonging to|on file for|about)(?: member| patient| subscriber)?) {_NAME}",
         _is_person),
        ("others_data.someone_data", "plain",
         rf"(?<![a-z])(?:{_SOMEONE})(?:'s|s'|s)? (?:\w+ )?(?:{_DATA})(?![a-z])",
         _not_authorized),
        ("others_data.data_of_person", "plain",
         (rf"(?<![a-z])(?:{_DATA}) (?:of|for|belonging to|on file for|about) (?:my |our |the |a |this |that )?"
         rf"(?:{_PERSON}|{_SOMEONE}|member (?:named|called)|(?:member|subscriber|patient|person) (?:id )?[a-z]*\d{{5,}})"
         rf"(?![a-z])"),
         _not_authorized),
        ("others_data.bulk", "plain",
         (r"(?<![a-z])(?:list|export|dump|download|extract|scrape|give me|show me|send me|pull|print|email me|"
         r"share|compile|get me|provide|output|display|query|select) (?:\w+ ){0,3}?(?:all|every|each|the entire|"
         r"the full|the whole|a list of|a spreadsheet of|a csv of|the complete|bulk|all the|all of the|everyone's|"
         r"everybody's)(?: of)?(?: the| your)? (?:\w+ )?(?:members?|patients?|customers?|subscribers?|enrollees?|"
         r"users?|people|claims|records|database|member list|roster|ssns?|social security numbers|addresses|"
         r"phone numbers|emails|email addresses|member ids|dates of birth|data|policyholders)(?![a-z])")),
        ("others_data.bulk_who", "plain",
         (r"(?<![a-z])(?:which|what|who|list|how many|find|show me|tell me) (?:other )?(?:members|patients|people|"
         r"subscribers|customers|enrollees|policyholders|users)(?: in| on| at| from| near| with| who| that| living"
         r"| named| have| has| had| got| were)(?![a-z])(?!.{0,40}\b(?:covered|eligible|qualify|allowed|able)\b)")),
        ("others_data.everyone", "plain",
         (r"(?<![a-z])(?:everyone|everybody|all members|all the members|all patients|all customers|all people|"
         r"anyone|anybody|other members|other people)(?: who| that| with| in| on| named)? (?:\w+ ){0,5}?"
         r"(?:has|have|had|is|are|was|were|lives?|uses?|got|filed|with|named) (?:\w+ ){0,4}?(?:hiv|aids|cancer|"
         r"diabetes|depression|a claim|claims|an abortion|std|stds|hepatitis|addiction|schizophrenia|bipolar|"
         r"dementia|prescriptions?|opioids?|address|zip|same doctor)(?![a-z])")),
        ("others_data.database", "plain",
         (r"(?<![a-z])(?:select \* from|select .{1,40} from (?:members|claims|patients|users)|dump (?:the |your )?"
         r"(?:database|db|tables?|member table)|(?:member|patient|claims|customer) (?:database|db|table|roster)"
         r"|access (?:to )?(?:the |your )?(?:database|member records|backend|admin panel))")),
        ("others_data.lookup_name", "raw",
         (r"(?i:\b(?:look up|lookup|search for|pull up|find|check on|search|locate|get me|tell me about|give me)"
         r"(?: the)?(?: member| subscriber| patient| person| account| records?| file| info(?:rmation)?| details)?"
         rf"(?: for| on| of| named| called)?)\s+{_NAME}"),
         _is_person),
        ("others_data.lookup_id", "folded",
         (r"(?<![a-z])(?:(?:look up|lookup|pull up|find|check|search)(?: the)? (?:member|subscriber|patient|person|"
         r"account)|who (?:is|owns|has)|whose|name (?:on|for|of|behind)|"
         r"address (?:on|for|of)|details (?:of|for|on)|info(?:rmation)? (?:on|for|about)|claims (?:for|of|on)|"
         r"records? (?:for|of)|phone (?:number )?(?:for|of|on)|email (?:for|of|on)|dob (?:for|of)|"
         r"belongs? to|registered to)(?: the)?(?: member| subscriber| patient| account| policy| id| member id)*"
         r"(?: number| #| no\.?)?\s*(?:hm\d{6,}|[a-z]{0,3}\d{7,12})\b")),
        ("others_data.whose_id", "folded",
         (r"(?:hm\d{6,}|\b[a-z]{2,3}\d{7,12})\b(?:[^.?!]{0,40}?)(?:belongs? to|whose|who (?:is|owns|has)|owner|"
         r"name on it|name (?:on|for) it|registered to|which member)")),
        ("others_data.their_info", "plain",
         (r"(?<![a-z])(?:(?:give|tell|show|send|share) me (?:his|her|their)|(?:his|her|their) (?:home )?"
         r"(?:address|phone number|ssn|social security|date of birth|member id|medical records|diagnosis|"
         r"claims history|prescriptions)) (?:\w+ )?(?:address|number|ssn|social|birth|id|records|diagnosis|claims|"
         r"history|prescriptions|info|details)?")),
        ("others_data.pretend_other", "plain",
         r"(?<![a-z])(?:i(?:'m| am) (?:calling|asking|writing) (?:for|on behalf of) (?:my |a )?(?:" + _PERSON + r")"
         r"(?:.{0,60}?)(?:claims?|records?|diagnos\w+|prescriptions?|address|ssn|member id|results)|"
         r"pretend (?:i am|i'm|to be) (?:my |a )?(?:" + _PERSON + r"|another member|someone else)|"
         r"log (?:me )?in as|switch (?:to )?(?:the )?account (?:of|for)|access (?:my |the )?(?:" + _PERSON + r")'s account)"),
    ]
)  # fmt: skip

__all__ = ["RULES"]
