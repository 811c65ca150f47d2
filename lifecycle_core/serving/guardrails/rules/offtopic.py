"""Harmful requests off the insurer's topic: insurance and document fraud, weapons, illegal drugs, hacking,
stalking. What a member may well ask passes: reporting fraud, disputing a bill, "my account was
hacked", gunshot-wound ER coverage, addiction treatment coverage."""

from __future__ import annotations

from . import RuleSet

# Asking for help to do it: how-to, "help me", "write me", "I want to"...
_HOW = (
    r"(?:how (?:can|do|could|would|should|to|might) (?:i |we |you |one |someone )?|help me |teach me (?:how )?(?:to )?|"
    r"show me how (?:to )?|tell me how (?:to )?|explain how (?:to )?|steps to |guide (?:me )?(?:to|on|for) |"
    r"(?:can|could|would|will) you (?:help me )?|i (?:want|need|would like|wanna|plan|am going|'m going) to |"
    r"is it possible to |what(?:'s| is) the (?:best|easiest|fastest|safest) way to |best way to |ways to |"
    r"walk me through (?:how to )?|explain (?:how )?(?:to )?|any tips (?:on|for) |what's the trick (?:to|for) |"
    r"write (?:me )?|make me |create (?:me )?|generate |draft |give me (?:a |an |some )?(?:way|script|code|template|"
    r"guide|tutorial|instructions|steps) (?:to |for )?|let's |where (?:can|do|could) i )"
)
_DOCUMENT = (
    r"receipts?|invoices?|claims?|doctor'?s? notes?|sick notes?|medical (?:records?|notes?|certificates?|bills?)|"
    r"prescriptions?|scripts?|bills?|eobs?|explanation of benefits|(?:insurance |id |member )?cards?|documents?|"
    r"paperwork|signatures?|diagnos(?:is|es)|records?|referrals?|prior auth(?:orization)?s?|itemized bills?|"
    r"lab results?|test results?|proof of (?:insurance|income|residency|address)|pay ?stubs?|w-?2s?|disability forms?"
)

RULES = RuleSet(
    [
        ("harmful_offtopic.fraud_document", "plain",
         (rf"(?:(?<![a-z])(?:{_HOW})(?:\w+ ){{0,3}}?|(?:^|[.!?,:]\s*)(?:please |pls |just |now |then |quickly )?)(?:fake|faked|faking|forge|forged|forging|falsify|falsified|fabricate|fabricated|counterfeit|"
         rf"doctor(?:ed)?|photoshop(?:ped)?|backdate|backdated|alter|altered|edit|forgery of|phony|bogus|made-up|"
         rf"make up|fraudulent)(?: (?:a|an|the|my|some|this|that|these))? (?:\w+ )?(?:{_DOCUMENT})(?![a-z])")),
        ("harmful_offtopic.fraud_claim", "plain",
         (rf"(?<![a-z])(?:{_HOW})(?:\w+ ){{0,4}}?(?:submit|file|send|bill|charge|claim|get reimbursed|get paid|"
         rf"collect)(?: \w+){{0,5}}? (?:for )?(?:services?|treatments?|visits?|procedures?|things?|something|"
         rf"care|therapy|appointments?|equipment)(?: \w+){{0,3}}? (?:(?:i|we|they|he|she|that|which) )?(?:never|"
         rf"didn't|did not|was not|wasn't|weren't|were not|not) (?:got|get|received?|provided|rendered|done|"
         rf"happen(?:ed)?|performed|used|need(?:ed)?|actually)")),
        ("harmful_offtopic.fraud_general", "plain",
         (rf"(?<![a-z])(?:{_HOW})(?:\w+ ){{0,3}}?(?:commit|get away with|pull off|do|run|with) (?:some |an? )?"
         r"(?:insurance |medical |medicare |medicaid |billing |health care |healthcare |claims? )?(?:fraud|scam)|"
         r"get away with (?:some |an? )?(?:insurance |medical |billing |claims? )?(?:fraud|scam)|"
         r"(?:scam|cheat|defraud|rip off|trick|fool) (?:the|my|your|our) (?:insurance|insurer|plan|company|"
         r"system|claims? (?:process|department|adjuster)|adjuster)|"
         rf"(?:{_HOW})(?:\w+ ){{0,3}}?(?:upcod(?:e|es|ed|ing)|unbundl(?:e|ing)|double bill|stage (?:an? )?(?:accident|"
         rf"injury|fall|crash))|(?:duplicate|double) bill(?:ing)? on purpose|"
         r"(?:lie|lying|lied) (?:on|about|in) (?:my |the |our )?(?:claim|application|enrollment|form|income|"
         r"pre-?existing|smoking status|address|household)|"
         r"(?:without|avoid|so (?:i|they|we) don't) (?:getting |get )?(?:caught|detected|flagged|noticed|audited)")),
        ("harmful_offtopic.identity_misuse", "plain",
         (r"(?<![a-z])(?:use|using|borrow|share) (?:my |a |someone's |someone else's |another (?:member|person)'s |"
         r"(?:my )?(?:friend|cousin|brother|sister|neighbor|roommate|coworker)(?:'s|s) )(?:insurance card|member id|"
         r"insurance|id card|coverage) (?:for|to (?:get|cover|pay for)) (?:my |his |her |their )?(?:\w+ )?"
         r"(?:friend|cousin|brother|sister|neighbor|roommate|coworker|uncle|aunt|girlfriend|boyfriend|someone)|"
         r"pretend (?:to be|i am|i'm) (?:my |a |the )?(?:\w+ )?(?:to get|so i can get|for) (?:their|his|her) "
         r"(?:benefits|coverage|prescriptions?|meds)")),
        ("harmful_offtopic.weapon", "plain",
         (r"(?<![a-z])(?:make|build|assemble|3d[- ]?print|print|manufacture|create|construct|cook up|rig|wire|"
         r"put together|convert|modify|mix) (?:\w+ ){0,3}?(?:bombs?|pipe bombs?|explosives?|ieds?|molotovs?|"
         r"molotov cocktails?|grenades?|ghost guns?|untraceable (?:guns?|firearms?)|silencers?|suppressors?|"
         r"napalm|poison gas|nerve (?:agent|gas)|ricin|sarin|anthrax|thermite|detonators?|tannerite|"
         r"(?:full[- ]?auto|automatic)(?: rifle| weapon)?|auto sear|bump stock|zip guns?|guns?|firearms?|rifles?|"
         r"ar-?15s?|weapons?|chlorine gas|mustard gas|dirty bomb)(?![a-z])(?!.{0,30}(?:covered|coverage|injur|wound))")),
        ("harmful_offtopic.weapon_get", "plain",
         (r"(?<![a-z])(?:buy|get|obtain|acquire|purchase) (?:a |an )?(?:gun|firearm|pistol|rifle|weapon|ammo|"
         r"ammunition)s? (?:without (?:a )?(?:background check|license|permit|id|paperwork)|illegally|"
         r"untraceable|off the books|on the dark ?web|with no (?:background check|paperwork))|"
         r"(?:poison|kill|shoot|stab) (?:someone|somebody|a person|my (?:\w+ )?(?:wife|husband|boss|neighbou?r|ex|"
         r"coworker|family|parents?|mom|dad|mother|father|brother|sister|roommate))(?![a-z])")),
        ("harmful_offtopic.drugs", "plain",
         (r"(?<![a-z])(?:buy|get|score|cook|make|synthesi[sz]e|produce|grow|order|purchase|sell|smuggle|source|"
         r"find|deal|traffic|extract|manufacture)(?: \w+){0,2}? (?:meth|methamphetamine|crystal meth|cocaine|coke|"
         r"crack|heroin|fentanyl|lsd|acid tabs|mdma|ecstasy|molly|shrooms|psilocybin|ketamine|pcp|ghb|dmt|"
         r"black tar|speed|drugs|street drugs|illegal drugs|oxy(?:contin|codone)? (?:without|with no) (?:a )?"
         r"(?:prescription|script)|pills without (?:a )?(?:prescription|script)|xanax without (?:a )?prescription|"
         r"adderall without (?:a )?prescription|weed (?:online|illegally)|narcotics)(?![a-z])"
         r"(?!.{0,40}(?:addiction|treatment|rehab|covered|coverage|recovery|detox|program))")),
        ("harmful_offtopic.drug_source", "plain",
         (r"(?<![a-z])(?:dark ?web (?:market|vendor|drugs|site|link)|drug dealer near|plug for (?:drugs|pills|coke|"
         r"weed)|cut (?:cocaine|heroin|fentanyl)|(?:cook|recipe for|synthesis of) (?:meth|crack|fentanyl|lsd|mdma)|"
         r"pass a drug test (?:with|by|using)|fake (?:urine|pee)|beat a drug test)")),
        ("harmful_offtopic.hacking", "plain",
         (r"(?<![a-z])(?:hack(?:ing)? into|break into|get into|log into|access|crack|bypass|brute[- ]?force) "
         r"(?:\w+ ){0,3}?(?:someone|somebody|my (?:\w+ )?(?:ex|wife|husband|boss|neighbou?r|girlfriend|boyfriend|"
         r"partner|coworker)|an?|the|your|his|her|their|other (?:members|people)|another)(?:'s|s)? (?:\w+ )?"
         r"(?:accounts?|emails?|phones?|computers?|websites?|servers?|databases?|network|wifi|systems?|portal|"
         r"icloud|instagram|facebook|snapchat|passwords?|records)(?![a-z])(?!.{0,40}(?:was|got|been) hacked)")),
        ("harmful_offtopic.hack_how", "plain",
         (rf"(?<![a-z])(?:{_HOW})(?:\w+ ){{0,3}}?(?:hack|hacking|phish|phishing|dox|doxx|ddos|keylog|spoof|"
         rf"exploit|crack|steal)(?![a-z])(?!.{{0,30}}(?:was|got|been) (?:hacked|phished|stolen))")),
        ("harmful_offtopic.malware", "plain",
         (r"(?<![a-z])(?:write|create|make|code|build|develop|program|generate|send|deploy|spread|give me) "
         r"(?:\w+ ){0,3}?(?:malware|virus|ransomware|keylogger|trojan|worm|botnet|exploit|phishing (?:email|page|"
         r"site|kit|link|text|message)|spyware|stalkerware|rootkit|credential stealer|info ?stealer|sql injection|"
         r"ddos (?:attack|script|tool)|zero-?day|backdoor|reverse shell|payload)s?(?![a-z])")),
        ("harmful_offtopic.steal", "plain",
         (r"(?<![a-z])(?:steal|stealing|phish|phishing for|harvest|skim|clone) (?:\w+ ){0,3}?(?:passwords?|"
         r"credentials|logins?|credit cards?|card numbers|identit(?:y|ies)|ssns?|social security numbers|"
         r"member ids|bank (?:info|details|accounts?)|data|medical records|accounts?)(?![a-z])")),
        ("harmful_offtopic.stalking", "plain",
         (r"(?<![a-z])(?:track|trace|locate|find|follow|spy on|monitor|watch|stalk|keep tabs on|tail|geolocate|"
         r"find out where) (?:\w+ ){0,2}?(?:my )?(?:ex|ex-wife|ex-husband|ex-girlfriend|ex-boyfriend|exwife|exhusband|"
         r"wife|husband|girlfriend|boyfriend|partner|spouse|neighbou?r|coworker|crush|someone|somebody|a (?:girl|guy|"
         r"woman|man|person)|this (?:girl|guy|woman|man|person)|that (?:girl|guy|woman|man|person)|her|him|them)"
         r"(?:'s|s)? (?:\w+ )?(?:location|phone|whereabouts|movements|messages|texts|car|every move|gps|"
         r"where (?:she|he|they) (?:lives?|is|are|goes|go|works?|sleeps?)|home|house|address|without (?:her|him|"
         r"them) knowing)(?![a-z])")),
        ("harmful_offtopic.stalking_where", "plain",
         (r"(?<![a-z])(?:find out|figure out|learn|discover|tell me) where (?:my )?(?:ex|ex-wife|ex-husband|"
         r"ex-girlfriend|ex-boyfriend|she|he|they|this (?:girl|guy|person|woman|man)|that (?:girl|guy|person|woman|"
         r"man)|someone|my (?:crush|neighbou?r|coworker|therapist|doctor|nurse)) (?:lives?|works?|is staying|"
         r"moved|sleeps?|is now|goes)(?![a-z])")),
        ("harmful_offtopic.spyware", "plain",
         (r"(?<![a-z])(?:install|put|hide|plant|place|attach|slip|sneak) (?:a |an |some )?(?:\w+ )?(?:tracker|"
         r"tracking (?:app|device|software)|gps (?:tracker|device)|air ?tag|spyware|stalkerware|hidden camera|"
         r"keylogger|listening device|bug) (?:on|in|into|under) (?:her|his|their|my (?:\w+ )?(?:wife|husband|ex|"
         r"girlfriend|boyfriend|partner|neighbou?r|coworker|roommate)|someone)(?![a-z])|"
         r"(?:read|see|access|check) (?:her|his|their|my (?:wife|husband|ex|girlfriend|boyfriend|partner)(?:'s|s)) "
         r"(?:texts|messages|emails|dms|whatsapp|phone) without (?:her|him|them) (?:knowing|noticing|permission)")),
    ]
)  # fmt: skip

__all__ = ["RULES"]
