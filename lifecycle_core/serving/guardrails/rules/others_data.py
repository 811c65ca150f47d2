"""Another person's data: someone else's claims, records, IDs or contact details, look-ups by name or member
ID, and bulk exports. A member asking about their own ID, claim or address passes, and so does a
coverage question about a family member ("does my plan cover my son's braces?"): what is asked for
is data about a person, not what the plan covers."""

from __future__ import annotations

import re

from ....pii.names import COMMON_WORDS, LEX_FIRST, LEX_LAST
from . import RuleSet, cjk, on_message

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


# A member who got someone else's data by mistake and wants it gone or reported asks for nothing.
_REPORTING = re.compile(
    r"\b(?:by mistake|by accident|accidentally|mistakenly|in error|wrongly sent|sent to me|came to (?:me|my)|"
    r"keep getting|i don'?t want (?:his|her|their)|not asking for|report (?:it|this|that)|want to report|"
    r"how do i (?:report|stop)|who do i (?:report|tell|contact))\b"
)


def _not_authorized(match: re.Match) -> bool:
    text = match.string
    return _AUTHORIZED.search(text) is None and _TRACKING.search(text) is None and _REPORTING.search(text) is None


# A coverage question about a relative ("¿qué medicamentos cubre el plan de mi esposo?") asks what the plan covers.
_COVERAGE = re.compile(
    r"cubre|cubren|cubiert[oa]s?|cobertura|cobre|cobrem|cobert[oa]s?|couvert|couverture|rembours|abgedeckt|"
    r"ubernimmt|ubernommen|deckt|copert[oa]|copre|coprono|copertura|报销|覆盖|保障范围|承保|対象|適用"
)


_not_about_coverage = on_message(
    lambda text: _AUTHORIZED.search(text) is None and _TRACKING.search(text) is None and _COVERAGE.search(text) is None
)


# "Can HR see which employees use mental health benefits?" asks about privacy, not for the data.
_PRIVACY_QUESTION = re.compile(
    r"(?:can|will|does|do|could|would|is) (?:hr|my (?:employer|boss|manager|company)|the company|they|employers?|"
    r"anyone|it) (?:see|know|find out|tell|access|learn|allowed)|privacy|confidential"
)

# Someone pretending to be the insurer's own staff or systems to get a bulk read-out.
_PRETEXT = (
    r"(?:i'm|i am|im|this is|we're|we are|calling from|writing from|as (?:an?|the)|from the|on the|i work (?:in|for|on))"
    r" (?:\w+ ){0,3}?(?:it|i\.t\.|tech support|help ?desk|sysadmin|system admin(?:istrator)?|database admin(?:istrator)?|"
    r"dba|backup|data recovery|disaster recovery|auditors?|audit|auditing|compliance|security|infosec|engineering|"
    r"devops|vendor|contractor|developers?|data (?:team|migration)|migration team|eligibility team|corporate|"
    r"head office|your (?:own )?(?:staff|team|company|employer))(?![a-z])"
)
_EVERY = r"(?:every|all|each|the entire|the whole|the full|the complete|everyone's|everybody's)(?!(?: of)? (?:my|our|mine)\b)"
_STORE = (
    r"records?|rows?|entries|entry|members?|subscribers?|enrollees?|files?|data|tables?|database|roster|eligibility|"
    r"member (?:file|list|data)|accounts?|profiles?|policyholders"
)
# The data of another member in the languages members write in: an ask, the data, and a person who is not the
# caller. A child is left out (a parent's own minor child is theirs to ask about).
_ES_PERSON = (
    r"(?:ex ?)?(?:espos[oa]|marido|mujer|novi[oa]|pareja|vecin[oa]|jef[ea]|emplead[oa]s?|trabajador(?:es|as)?|"
    r"companer[oa]s?(?: de trabajo)?|suegr[oa]|herman[oa]|cunad[oa]|madre|padre|mama|papa|amig[oa]|exnovi[oa]|"
    r"exmarido|exesposa|exmujer|colega|inquilin[oa]|tio|tia|prim[oa])"
)
_ES_DATA = (
    r"recetas?|medicamentos?|medicinas?|medicacion|pastillas|diagnosticos?|historial(?: medico| clinico)?|"
    r"expedientes?|reclam(?:o|os|aciones)|resultados|enfermedad(?:es)?|direccion|telefonos?|numeros? de telefono|"
    r"numero de (?:miembro|afiliado|seguro)|condicion(?:es)?|tratamientos?|citas|consultas|visitas"
)
_ES_ASK = (
    r"dame|deme|dime|digame|muestrame|muestreme|ensename|mandame|enviame|envieme|necesito|quiero (?:ver|saber|conocer|"
    r"tener)|(?:me )?(?:puedes?|podrias?|podria) (?:decir|dar|mostrar|enviar|mandar|buscar|ver|revisar|consultar)(?:me)?|"
    r"busca(?:me)?|revisa|consulta|cuales? (?:son|es)|que|cuales|quiero"
)
_FR_PERSON = (
    r"(?:ex-?)?(?:femme|mari|epoux|epouse|conjoint|conjointe|copain|copine|compagne|compagnon|voisin|voisine|patron|"
    r"patronne|employes?|employees?|salaries?|collegues?|belle-mere|beau-pere|frere|soeur|mere|pere|ami|amie|"
    r"locataire|oncle|tante|cousin|cousine)"
)
_FR_DATA = (
    r"ordonnances?|medicaments?|traitements?|diagnostics?|dossier(?: medical)?|antecedents|remboursements|"
    r"resultats|maladies?|adresse|telephone|numero(?: de telephone| d'adherent| de securite sociale)?|consultations|"
    r"prescriptions?|soins"
)
_FR_ASK = (
    r"donne(?:z)?(?:-moi)?|dis(?:-moi)?|dites(?:-moi)?|montre(?:z)?(?:-moi)?|envoie(?:z)?(?:-moi)?|je veux (?:voir|savoir|"
    r"connaitre|avoir)|je voudrais (?:voir|savoir|connaitre|avoir)|(?:pouvez|peux)(?:-vous|-tu| vous| tu)? (?:me )?"
    r"(?:donner|dire|montrer|envoyer|trouver|verifier|consulter)|quels? sont|quelles? sont|quel est|quelle est|"
    r"quels|quelles|cherche(?:z)?|verifie(?:z)?"
)
_DE_PERSON = (
    r"(?:ex-?)?(?:frau|mann|ehefrau|ehemann|ehemaligen|partner(?:in)?|freund(?:in)?|nachbar(?:in|n)?|chef(?:in)?|"
    r"mitarbeiter(?:in|innen|n)?|angestellten?|kolleg(?:e|en|in)|schwiegermutter|schwiegervater|bruder|schwester|"
    r"mutter|vaters?|mieter(?:in)?|onkel|tante|cousine?|ex)(?:es|s|n|en)?"
)
_DE_DATA = (
    r"rezepte?|medikamente?n?|diagnosen?|krankengeschichte|krankenakte|akte|befunde?|behandlungen?|"
    r"erkrankungen?|krankheiten|adresse|telefonnummer|versichertennummer|leistungen|abrechnungen|arztbesuche"
)
_DE_ASK = (
    r"zeig(?:e|en)?(?: sie)?(?: mir)?|gib(?: mir)?|geben sie(?: mir)?|sag(?:en sie)?(?: mir)?|nenne?(?:n sie)?(?: mir)?|"
    r"schick(?:en sie)?(?: mir)?|ich (?:will|mochte|brauche|muss) (?:\w+ )?(?:sehen|wissen|haben)|ich brauche|"
    r"welche|was (?:fur|sind|ist)|konnen sie(?: mir)?|kannst du(?: mir)?"
)
_IT_PERSON = (
    r"(?:ex )?(?:moglie|marito|compagn[oa]|fidanzat[oa]|vicin[oa]|capo|dipendenti|dipendente|impiegat[io]|"
    r"collegh[ie]|collega|suocer[oa]|fratello|sorella|madre|padre|amic[oa]|amici|inquilin[oa]|zi[oa]|cugin[oa])"
)
_IT_DATA = (
    r"prescrizioni|ricette|ricetta|farmaci|medicine|medicinali|diagnosi|cartella clinica|storia clinica|esami|"
    r"risultati|malattie|indirizzo|numero di telefono|telefono|terapie|cure|visite"
)
_IT_ASK = (
    r"dammi|mi dia|dimmi|mi dica|mostrami|mi mostri|mandami|inviami|voglio (?:vedere|sapere|conoscere|avere)|"
    r"vorrei (?:vedere|sapere|conoscere|avere)|(?:puoi|potresti|puo|potrebbe) (?:dirmi|darmi|mostrarmi|inviarmi|"
    r"cercare|controllare)|quali sono|qual e|quali|che"
)
_PT_PERSON = (
    r"(?:ex-?)?(?:mulher|marido|espos[oa]|namorad[oa]|companheir[oa]|vizinh[oa]|chefe|patrao|funcionari[oa]s?|"
    r"empregad[oa]s?|colegas?(?: de trabalho)?|sogr[oa]|irma|irmao|mae|pai|amig[oa]|inquilin[oa]|ti[oa]|prim[oa])"
)
_PT_DATA = (
    r"receitas?|remedios?|medicamentos?|diagnosticos?|historico(?: medico| de consultas)?|prontuario|exames|"
    r"resultados|doencas?|endereco|telefone|numero de telefone|consultas|tratamentos?|carteirinha"
)
_PT_ASK = (
    r"me (?:da|de|diga|diz|mostra|mostre|manda|mande|passa|passe)|quero (?:ver|saber|conhecer|ter)|preciso(?: de| do| da)?|"
    r"(?:pode|poderia|consegue)s? (?:me )?(?:dizer|dar|mostrar|mandar|enviar|ver|checar|verificar|procurar)|"
    r"quais (?:sao|os|as)|qual (?:e|o|a)|quais|que"
)
_ZH_PERSON = (
    r"前妻|前夫|老婆|老公|妻子|丈夫|太太|媳妇|男朋友|女朋友|男友|女友|前男友|前女友|邻居|同事|老板|上司|员工|雇员|职员|下属|"
    r"婆婆|公公|岳母|岳父|哥哥|姐姐|弟弟|妹妹|朋友|室友|房客"
)
_ZH_DATA = r"处方(?:药)?|诊断(?:结果|书)?|病历|病史|用药|药物|吃的药|检查结果|化验结果|理赔(?:记录)?|就诊记录|地址|电话(?:号码)?|病情"
_ZH_ASK = r"告诉我|给我(?:看|发|查)?|帮我(?:查|看|找)|查(?:一下|询|查)?|显示|提供|发给我|列出|我想(?:知道|看|要)|我要(?:看|知道)"
_MEMBERS_ZIP = (
    r"(?:lista|listado|todos los|todas las|liste|tous les|toutes les|alle|tutti gli|tutte le|elenco|todos os|todas as)"
    r"(?: \w+){0,3}? (?:miembros|afiliados|asegurados|socios|pacientes|clientes|membres|adherents|assures|patients|"
    r"clients|mitglieder|versicherten|versicherte|patienten|kunden|membri|iscritti|assicurati|pazienti|clienti|membros|"
    r"associados|segurados|beneficiarios)(?: \w+){0,10}? (?:codigo postal|zip|telefonos?|numeros de telefono|"
    r"direcciones|diagnosticos?|code postal|telephones?|numeros de telephone|adresses|diagnostics?|postleitzahl|plz|"
    r"telefonnummern|adressen|diagnosen|cap|codice postale|numeri di telefono|indirizzi|telefoni|cep|telefones|"
    r"enderecos|emails|correos|e-mails)(?![a-z])"
)

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
         r"everybody's)(?!(?: of)? (?:my|our)\b)(?: of)?(?: the| your)? (?:\w+ )?(?:members?|patients?|customers?|subscribers?|enrollees?|"
         r"users?|people|claims|records|database|member list|roster|ssns?|social security numbers|addresses|"
         r"phone numbers|emails|email addresses|member ids|dates of birth|data|policyholders)(?![a-z])"
         # ...unless they are the caller's own: "all the claims on my family plan"
         r"(?! (?:on|under|in|for|from) (?:my|our) (?:\w+ )?(?:plan|policy|account|coverage|household)(?![a-z]))"
         r"(?! (?:you |that you )?(?:hold|have|keep|store)?(?: on file)? ?(?:about|on|of|for) me(?![a-z]))")),
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
        # A card or wallet someone found: whose it is, where the owner lives.
        ("others_data.found_card", "plain",
         (r"(?<![a-z])(?:found|picked up|came across|have|got|someone (?:left|dropped)|somebody (?:left|dropped)) "
         r"(?:a |an |this |someone's |somebody's |some (?:guy|lady|woman|man)'s |a stranger's )?(?:\w+ )?(?:insurance "
         r"|member |id |health |medical |pharmacy )*(?:card|id|wallet|badge)(?![a-z])(?:[^?!]{0,80}?)(?:whose (?:is|card|id)|"
         r"who (?:it|this|that) (?:belongs|is for)|who (?:does it|this|that|owns)|who (?:owns|is) (?:it|this|the)|"
         r"(?:their|his|her|the owner'?s?|the person'?s) (?:home )?(?:address|phone|number|name|contact)|"
         r"where (?:do|does|they|he|she|the owner|this person) (?:they |he |she )?lives?|find (?:them|him|her|the owner))")),
        # Pretexting as the insurer's IT, a backup restore or an auditor to get every record read out.
        ("others_data.pretext_bulk", "plain",
         (rf"(?<![a-z]){_PRETEXT}(?:[^?!]{{0,120}}?)(?:print|dump|export|list|output|send|show|give|read|pull|provide|"
         rf"restore|copy|email|upload|paste|display|return)(?: me| us| out| back)? (?:\w+ ){{0,3}}?{_EVERY}(?: of)?"
         rf"(?: the| your)? (?:\w+ ){{0,2}}?(?:{_STORE})(?![a-z])")),
        ("others_data.bulk_store", "plain",
         (rf"(?<![a-z])(?:print|dump|export|list|output|send|show|give|read|pull|copy|email|paste|display|read out) "
         rf"(?:me |us |out )?(?:{_EVERY}) (?:\w+ )?(?:record|row|entry|entrie|line|member|name)s? (?:in|from|of|on) "
         rf"(?:the |your |this )?(?:\w+ )?(?:eligibility|member(?:ship)?|enrollment|claims?|subscriber|patient|customer|"
         rf"pharmacy)(?: \w+)? (?:file|database|db|table|list|roster|system|feed|extract|export|spreadsheet)(?![a-z])")),
        # "give me the member list", however spelled.
        ("others_data.member_list", "plain",
         (r"(?<![a-z])(?:give|send|show|email|export|dump|download|share|get|pull|print|hand over|leak|need|want) "
         r"(?:me |us )?(?:the |your |a |that |ur |da |this )?(?:full |whole |entire |complete |current |latest )?"
         r"(?:member|membership|subscriber|patient|enrollee|customer|policyholder|insured)s?(?:'s)? "
         r"(?:list|lists|roster|database|db|directory|spreadsheet|table|file|dump|export|csv|emails|phone numbers|"
         r"addresses|contact list)(?![a-z])")),
        # Employers, HR, schools and brokers asking which of their people have a diagnosis.
        ("others_data.employees_health", "plain",
         (r"(?<![a-z])(?:which|what|who|list|how many|find|tell me|show me|name|names of|identify|flag)(?: of)? "
         r"(?:my |our |the |his |her |their )?(?:\w+ )?(?:employees|staff(?: members)?|workers|teachers|nurses|students|"
         r"team members|coworkers|co-workers|colleagues|drivers|tenants|residents|reports|hires|applicants|candidates|"
         r"people on (?:my|our) (?:team|staff|payroll))(?: [\w']+){0,4}? (?:have|has|had|are|is|were|was|got|filed|take|"
         r"takes|took|use|used|been|with|on|get|gets)(?: \w+){0,4}? (?:diagnos\w*|cancer|hiv|aids|diabet\w*|"
         r"depress\w*|anxiety|pregnan\w*|mental[- ]health|disabilit\w*|insulin|adhd|antidepressants?|psych\w*|"
         r"std|stds|hepatitis|conditions?|substance|rehab|addiction|opioids?|chronic|illness\w*|sick|medical (?:leave|"
         r"claims?|conditions?)|health (?:claims?|conditions?|issues|problems)|therapy|counseling|prescriptions?|meds|"
         r"medications?|claims)(?![a-z])(?!.{0,40}\b(?:covered|eligible|qualify|allowed|enroll\w*|sign up)\b)"),
         on_message(lambda text: _PRIVACY_QUESTION.search(text) is None)),
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
        # The same in other languages: an ask, the data and another person (or a list of members with contacts).
        ("others_data.es", "folded",
         (rf"(?<![a-z])(?:{_ES_ASK}) (?:\w+ ){{0,4}}?(?:{_ES_DATA}) (?:\w+ ){{0,3}}?(?:de|del|que (?:toma|tiene|usa|recibe)|"
         rf"que|tiene|toma) (?:mi |mis |su |sus |la |el |los |las |tu |mi ex ?)?(?:\w+ )?{_ES_PERSON}(?![a-z])|"
         rf"(?:que|cuales?) (?:\w+ )?(?:{_ES_PERSON}) (?:\w+ ){{0,4}}?(?:tienen?|toman?|usan?) (?:\w+ ){{0,3}}?"
         rf"(?:diagnostico|cancer|vih|diabetes|depresion|embaraz\w+|antidepresivos|recetas|enfermedad\w*)"),
         _not_about_coverage),
        ("others_data.fr", "folded",
         (rf"(?<![a-z])(?:{_FR_ASK}) (?:\w+[ '-]){{0,4}}?(?:{_FR_DATA}) (?:\w+[ '-]){{0,3}}?(?:de|du|d'|qu[e'] ?(?:prend|a)|que|qu')"
         rf" ?(?:mon |ma |mes |son |sa |ses |la |le |l'|mon ex-?|ma ex-?)?(?:\w+ )?{_FR_PERSON}(?![a-z])|"
         rf"(?:quels?|quelles?) (?:\w+ )?{_FR_PERSON} (?:\w+ ){{0,3}}?(?:ont|a|sont|prennent|prend) (?:\w+ ){{0,3}}?"
         rf"(?:diagnostic|cancer|vih|diabete|depression|enceinte|antidepresseurs|ordonnances|maladie)"),
         _not_about_coverage),
        ("others_data.de", "folded",
         (rf"(?<![a-z])(?:{_DE_ASK}) (?:\w+ ){{0,4}}?(?:{_DE_DATA}) (?:\w+ ){{0,3}}?(?:meiner|meines|meinem|meine|mein|"
         rf"seiner|seines|ihrer|ihres|der|des|von (?:meiner|meinem|meinen|der|dem|den)|hat|nimmt|haben|nehmen)"
         rf"(?: \w+)? {_DE_PERSON}(?![a-z])|welche (?:\w+ )?{_DE_PERSON} (?:\w+ ){{0,3}}?(?:haben|hat|nehmen|nimmt|sind|ist)"
         rf" (?:\w+ ){{0,3}}?(?:diagnose|krebs|hiv|diabetes|depression\w*|schwanger|antidepressiva|rezepte|krankheit\w*)|"
         rf"(?:export\w*|gib|zeig\w*|schick\w*|send\w*|druck\w*|liste) (?:\w+ ){{0,3}}?(?:alle )?(?:mitglieder|versicherten|"
         rf"patienten|kunden)(?:daten|liste|datenbank)"),
         _not_about_coverage),
        ("others_data.it", "folded",
         (rf"(?<![a-z])(?:{_IT_ASK}) (?:\w+ ){{0,4}}?(?:{_IT_DATA}) (?:\w+ ){{0,3}}?(?:di|del|della|dei|delle|prende|ha|che)"
         rf" (?:mio |mia |miei |mie |suo |sua |il |la |l'|lo )?(?:\w+ )?{_IT_PERSON}(?![a-z])|"
         rf"quali (?:\w+ )?{_IT_PERSON} (?:\w+ ){{0,3}}?(?:hanno|ha|prendono|sono) (?:\w+ ){{0,3}}?(?:diagnosi|cancro|"
         rf"tumore|hiv|diabete|depressione|incinta|antidepressivi|ricette|malattie)"),
         _not_about_coverage),
        ("others_data.pt", "folded",
         (rf"(?<![a-z])(?:{_PT_ASK}) (?:\w+ ){{0,4}}?(?:{_PT_DATA}) (?:\w+ ){{0,3}}?(?:de|do|da|dos|das|que (?:\w+ )?toma|que|a|o)"
         rf" (?:meu |minha |meus |minhas |seu |sua |o |a |ex-?)?(?:\w+ )?{_PT_PERSON}(?![a-z])|"
         rf"quais (?:\w+ )?{_PT_PERSON} (?:\w+ ){{0,3}}?(?:tem|tomam|estao|sao|usam) (?:\w+ ){{0,3}}?(?:diagnostico|"
         rf"cancer|hiv|diabetes|depressao|gravidas?|antidepressivos|receitas|doencas?)"),
         _not_about_coverage),
        ("others_data.zh", "lower",
         cjk(rf"(?:{_ZH_ASK})(?:一下)?[^。？！?!]{{0,8}}?(?:我|他|她)?(?:的)?(?:{_ZH_PERSON})(?:的)?[^。？！?!]{{0,6}}?(?:{_ZH_DATA})|"
         rf"把(?:我|他|她)?(?:的)?(?:{_ZH_PERSON})(?:的)?[^。？！?!]{{0,6}}?(?:{_ZH_DATA})[^。？！?!]{{0,6}}?(?:发给我|给我|告诉我|"
         rf"拿给我|调出来|找出来|打印)|"
         rf"(?:哪些|哪个|哪位|有多少)(?:员工|雇员|职员|会员|成员|同事|病人|人)[^。？！?!]{{0,8}}?(?:患有|得了|在吃|被诊断|确诊|怀孕|"
         rf"有(?:病|癌症|艾滋|抑郁|糖尿病|精神|心理)|在用(?:药|抗抑郁))|"
         rf"(?:给我|列出|导出|发给我|提供|告诉我)[^。？！?!]{{0,4}}?(?:所有|全部)(?:会员|成员|客户|病人)[^。？！?!]{{0,12}}?"
         rf"(?:电话|地址|邮编|诊断|名单)"),
         _not_about_coverage),
        ("others_data.ja", "lower",
         cjk(r"(?:元妻|元夫|妻|夫|彼女|彼氏|同僚|上司|部下|従業員|社員|隣人|隣の人)の(?:処方(?:箋)?|診断(?:結果)?|病歴|カルテ|薬|"
         r"住所|電話番号|検査結果)(?:を|について)?(?:教えて|見せて|送って|調べて|知りたい)|"
         r"(?:どの|何人の)(?:従業員|社員)が[^。？?]{0,10}?(?:病気|診断|妊娠|うつ|がん|癌|hiv|精神|障害|薬)"),
         _not_about_coverage),
        ("others_data.members_by_place", "folded", _MEMBERS_ZIP),
    ]
)  # fmt: skip

__all__ = ["RULES"]
