"""Harmful requests off the insurer's topic: insurance and document fraud, weapons, illegal drugs, hacking,
stalking. What a member may well ask passes: reporting fraud, disputing a bill, "my account was
hacked", gunshot-wound ER coverage, addiction treatment coverage."""

from __future__ import annotations

import re

from . import RuleSet, cjk, on_message

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

# A report, a dispute or an honest mistake is not fraud: "I was billed twice by mistake", "how do I report upcoding".
_HONEST = re.compile(
    r"by mistake|mistaken|accident(?:al)?ly|in error|an error|wrong (?:date|code|amount)|incorrect|typo|report|reporting|"
    r"suspect|dispute|refund|pay (?:it )?back|return the|overpaid|overpayment|was i|were we|did (?:they|my|the)"
)


_not_honest = on_message(lambda text: _HONEST.search(text) is None)


# What the member would gain: a message that says so is no report, whatever else it says.
_GAIN = re.compile(
    r"bigger payout|(?:more|extra) money|(?:so|to get) (?:they|you|the insurer|insurance|the plan|it)(?:'ll| will| would)? "
    r"(?:pay|cover|reimburse)\b|for (?:a |the )?(?:payout|check)|get paid"
)


_for_gain = on_message(lambda text: _HONEST.search(text) is None or _GAIN.search(text) is not None)


# Coverage that may rightly start earlier: a newborn or adopted child, a hire date, an employer's or the plan's error.
_LEGIT_RETRO = re.compile(
    r"newborn|baby|birth|adopt\w*|hire date|start date at|qualifying (?:life )?event|special enrollment|reinstat\w*|"
    r"retroactiv\w*|(?:hr|employer|your|the plan'?s?|payroll)(?:'s)? (?:error|mistake)|prior auth\w*"
)

# Keeping both payouts, or not being found out: what makes a second claim for one bill fraud.
_KEEP_BOTH = re.compile(
    r"keep|pocket|both (?:payouts|payments|checks|reimbursements)|twice|double|without (?:telling|them|either|"
    r"anyone|getting)|don't tell|not tell|won't (?:know|notice|find out|catch)|find out|notice|catch|flag|get away|"
    r"from both|by both|two payouts|extra money|profit"
)
# Which chemicals never to mix is a safety question.
_SAFETY = re.compile(r"never|avoid|shouldn't|should not|safe(?:ly)? (?:to|store)|accident|by mistake|what not to")

_CODE = (
    r"codes?|cpt|billing codes?|diagnosis codes?|icd(?:-?10)?(?: codes?)?|procedure codes?|modifiers?|dx codes?|"
    r"hcpcs(?: codes?)?|billing"
)
_PAYS_MORE = (
    r"pays? (?:out )?(?:more|the most|higher|extra|better|double|bigger)|gets? (?:paid|covered|approved|reimbursed) "
    r"(?:more|as|even)|(?:is|are) (?:paid|covered|reimbursed) as|gets? (?:me|us|him|her|them) (?:more|paid more)|"
    r"looks? like|(?:bill|code|charge) (?:it |them |this )?(?:higher|more|as)|more money|bigger (?:payout|"
    r"reimbursement|check)|higher (?:payout|reimbursement|rate|level)|max(?:imize)? (?:the )?(?:payout|reimbursement)"
)
_NOT_COVERED = (
    r"massage|spa|facials?|cosmetic|botox|teeth whitening|whitening|tummy tuck|liposuction|lipo|nose job|rhinoplasty|"
    r"breast (?:augmentation|implants?|lift)|gym(?: membership)?|personal train(?:er|ing)|yoga|vacation|dog'?s?|cat'?s?|"
    r"pet'?s?|vet(?: visit)?|hair removal|laser hair|weight loss (?:spa|retreat)|day spa"
)
_COVERED_AS = (
    r"physical therapy|pt|medically necessary|medical necessity|hernia repair|migraine (?:treatment|therapy)|"
    r"reconstructive|rehab(?:ilitation)?|a medical (?:visit|procedure|treatment)|deviated septum|breathing problems?|"
    r"my own (?:doctor'?s? )?visit|an? (?:office )?visit|occupational therapy|chiropractic|something (?:covered|medical)"
)
_FRAUD_VERB = (
    r"bill|billed|billing|code|coded|coding|claim|claimed|submit|submitted|file|filed|pass(?:ed)? off|disguise|"
    r"disguised|label|labell?ed|list|listed|write(?: it)? up|written up|run|ran|put (?:it )?(?:down|through)|"
    r"get (?:it |\w+ )?(?:paid|covered|reimbursed)|make (?:it |\w+ )?look"
)
_OPIOIDS = (
    r"opioids?|oxy\w*|percs?|percocets?|vicodin|hydrocodone|norco|dilaudid|xanax|benzos?|adderall|vyvanse|ritalin|"
    r"painkillers|pain ?killers|pain meds|pain pills|narcotics|morphine|fentanyl|tramadol|codeine|ketamine|valium|"
    r"klonopin|ambien|a (?:prescription|script) for \w+|more pills|stronger (?:meds|pills|painkillers)|controlled \w+|"
    r"stimulants?|muscle relaxers|soma|gabapentin|lyrica|suboxone|phentermine"
)
_STREET = (
    r"mdma|mda|ecstasy|molly|meth|methamphetamine|amphetamines?|fentanyl|carfentanil|lsd|dmt|ghb|ketamine|pcp|heroin|"
    r"cocaine|crack|mescaline|psilocybin|nitazenes?|crystal meth|speed|krokodil|desomorphine|bath salts|mephedrone"
)
_PILL_NAMES = r"percs?|percocets?|xanax(?: bars)?|bars|oxys?|oxycodone|m30s?|blues|roxys?|adderall|norcos?|vicodin|pills|tablets|tabs"
_GUN = (
    r"guns?|firearms?|pistols?|rifles?|handguns?|ar-?15s?|ars|ak-?47s?|aks|glocks?|weapons?|lowers?|receivers?|"
    r"shotguns?|revolvers?|frames?|uppers?"
)
_PERSON = (
    r"neighbou?rs?|ex|ex-wife|ex-husband|exwife|exhusband|ex-girlfriend|ex-boyfriend|girlfriend|boyfriend|gf|bf|wife|"
    r"husband|partner|spouse|boss|coworker|co-worker|roommate|landlord|teacher|classmate|sister|brother|mom|dad|"
    r"someone|somebody|someone else|other people|people|hospital|clinic|school|company|employer|office|building|"
    r"apartment|hotel|cafe|coffee shop|starbucks|library|insurer|insurance company|doctor|pharmacy|bank|next door|"
    r"daughter'?s? boyfriend|son'?s? girlfriend"
)
_DEVICE = (
    r"wifi|wi-fi|wireless|network|router|cameras?|webcams?|security cameras?|ring(?: camera| doorbell)?|doorbell|nest|"
    r"baby monitor|smart \w+|phone|iphone|android|laptop|computer|pc|mac|email|e-mail|gmail|outlook|instagram|ig|"
    r"facebook|fb|snapchat|snap|tiktok|whatsapp|twitter|accounts?|icloud|passwords?|texts|messages|dms|car|tesla|"
    r"alarm|lock|smart lock|system|systems|portal|servers?|database|ehr|epic|cloud|google (?:account|drive)|bank account|"
    r"venmo|paypal|cash ?app|voicemail"
)

# Harmful requests in the languages members write in: a risky verb and its object, never a word alone.
_TRANSLATED = [
    (
        "harmful_offtopic.es",
        "folded",
        (
            r"(?<![a-z])(?:(?:como (?:puedo |se |podria )?|quiero |necesito |ayudame a |dime como |me (?:puedes|podrias) )"
            r"(?:\w+ ){0,2}?(?:hacer|hago|crear|creo|falsificar|falsifico|conseguir|consigo|obtener|fabricar|inventar|"
            r"presentar|escribir)(?: \w+){0,3}? (?:una |un |unos |unas )?(?:\w+ )?(?:nota medica|receta(?: medica)?|"
            r"certificado(?: medico)?|justificante(?: medico)?|factura|recibo|reclamo|reclamacion|incapacidad|constancia|"
            r"documento|firma|accidente|lesion)(?: \w+){0,2}? (?:fals[oa]s?|fake|trucha)|(?:falsificar|falsifico|falsifique)"
            r" (?:\w+ ){0,2}?(?:nota|receta|certificado|factura|recibo|firma|documento|justificante|incapacidad)|"
            r"(?:necesito|quiero|hazme|dame|consigueme) (?:una |un )(?:nota medica|receta|certificado medico|justificante|"
            r"factura|recibo) fals[oa]|(?:arma|pistola|rifle|fusil|escopeta)s? (?:\w+ ){0,4}?sin (?:registro|numero de serie|"
            r"licencia|papeles|permiso|antecedentes)|(?:arma|pistola|bomba|explosivo)s? (?:casera|casero|caseras|hechiza)|"
            r"(?:hacer|fabricar|construir|armar) (?:\w+ ){0,2}?(?:una |un )?(?:bomba|explosivo|arma|pistola|silenciador)|"
            r"(?:comprar|compro|conseguir|consigo|vender|vendo|cocinar|cocina|cocino|hacer|hace|hago|fabricar|sintetizar|"
            r"preparar|prepara)(?: \w+){0,2}? (?:metanfetamina|cocaina|heroina|"
            r"fentanilo|crack|mdma|extasis|lsd|oxicodona sin receta|pastillas sin receta|drogas)|"
            r"(?:hackear|hackeo|hackeo|piratear|entrar (?:a|en)|acceder a|espiar|rastrear|rastreo|localizar|vigilar)"
            r" (?:\w+ ){0,3}?(?:cuenta|correo|celular|telefono|movil|whatsapp|facebook|instagram|camaras?|wifi|red|mensajes)"
            r"(?: \w+){0,4}? (?:de (?:mi|su|la|el|otra|otro|alguien|mis)|ajen[oa]|sin que (?:se )?(?:de cuenta|entere|sepa))|"
            r"(?:rastreo|rastrear|espiar|vigilar|localizar) (?:a |el |la )?(?:\w+ )?(?:de )?(?:mi |su )?(?:novia|novio|"
            r"espos[oa]|ex|pareja|marido|mujer)|(?:veneno|sustancia)s? (?:que )?(?:no (?:se )?(?:detecte|detectan|aparece|"
            r"aparezca)))"
        ),
    ),
    (
        "harmful_offtopic.fr",
        "folded",
        (
            r"(?<![a-z])(?:(?:comment|je veux|j'ai besoin d'?|aide-moi a|peux-tu|pouvez-vous|je voudrais)(?:[ '-]\w+){0,4}?"
            r"[ '](?:un |une |des )?(?:faux|fausse|fausses|bidon) (?:\w+ )?(?:ordonnances?|certificats?(?: medica(?:l|ux))?|"
            r"arrets? (?:de travail|maladie)|factures?|feuilles? de soins|attestations?|accidents?|declarations?|"
            r"justificatifs?|cartes? vitales?|cartes?|notes?|dossiers?|signatures?|recus)|"
            r"(?:falsifier|falsifie|contrefaire|imiter) (?:\w+[ '-]){0,2}?(?:une |un |l'|la |le |mon |ma |des )?(?:ordonnance|"
            r"certificat|facture|signature|document|arret|attestation|feuille de soins)|"
            r"(?:arme|pistolet|fusil|carabine)s?(?: a feu)? (?:\w+ ){0,4}?sans (?:permis|numero de serie|papiers|"
            r"enregistrement|autorisation)|(?:fabriquer|construire|faire) (?:\w+[ '-]){0,2}?(?:une |un )?(?:arme|bombe|"
            r"silencieux|explosif|pistolet)|bombe artisanale|(?:acheter|obtenir|trouver|vendre|fabriquer|produire)(?: \w+){0,2}?"
            r" (?:de la |de l'|du |des )?(?:cocaine|heroine|meth|methamphetamine|fentanyl|mdma|ecstasy|lsd|crack|drogues?)|"
            r"(?:pirater|hacker|espionner|pister|localiser|suivre|surveiller)(?: \w+){0,2}? (?:le |la |les |l'|son |sa |ses |"
            r"mon |ma |mes )?(?:compte|telephone|portable|sms|messages|mails|camera|wifi|reseau|facebook|instagram|whatsapp|"
            r"mari|femme|copine|copain|ex)|poison (?:indetectable|qui ne (?:se )?(?:voit|detecte)))"
        ),
    ),
    (
        "harmful_offtopic.de",
        "lower",
        (
            r"(?<!\w)(?:(?:fälsch\w*|faelsch\w*|gefälscht\w*|gefaelscht\w*|gefakte?n?|fake)(?: \w+){0,3}? (?:ärztliches |arztliches )?"
            r"(?:attest|krankmeldung|krankschreibung|rezept|rechnung|quittung|bescheinigung|unterschrift|arztbrief|dokument|"
            r"versichertenkarte|gesundheitskarte|au)|(?:attest|krankmeldung|krankschreibung|rezept|rechnung|unterschrift)"
            r"(?: \w+){0,2}? fälschen|(?:waffe|pistole|gewehr|schusswaffe)n? (?:\w+ ){0,4}?ohne (?:seriennummer|waffenschein|"
            r"registrierung|papiere|erlaubnis)|(?:baue|bauen|baut|basteln|herstellen|mache) (?:ich |man )?(?:\w+ ){0,2}?"
            r"(?:eine |einen )?(?:bombe|waffe|sprengsatz|pistole|schalldämpfer|schalldampfer)|(?:kokain|heroin|crystal|meth|"
            r"fentanyl|mdma|ecstasy|lsd|drogen)(?: \w+){0,3}? (?:kaufen|bestellen|herstellen|kochen|verkaufen)|"
            r"(?:handy|konto|e-mail|whatsapp|kamera|wlan|facebook|instagram|nachrichten)(?: \w+){0,3}? (?:hacken|knacken|"
            r"ausspionieren|heimlich (?:orten|überwachen|mitlesen|lesen))|(?:heimlich|unbemerkt) (?:orten|überwachen|"
            r"ausspionieren|tracken))"
        ),
    ),
    (
        "harmful_offtopic.it",
        "folded",
        (
            r"(?<![a-z])(?:(?:pistola|fucile|arma|armi|pistole|revolver)(?: da fuoco)? (?:\w+ ){0,5}?senza (?:numero di serie|"
            r"matricola|porto d'armi|licenza|registrazione|documenti)|(?:pistola|arma|fucile|bomba) (?:fatta in casa|"
            r"artigianale|rudimentale|non rintracciabile|fantasma|stampata in 3d)|(?:costruire|fabbricare|fare|stampare) "
            r"(?:\w+ ){0,2}?(?:una |un )?(?:pistola|arma|bomba|fucile|silenziatore|esplosivo)|"
            r"(?:come (?:posso |si )?|voglio |ho bisogno di |fammi |scrivimi |puoi )(?:\w+ ){0,2}?(?:fare|creare|falsificare|"
            r"ottenere|scrivere)(?: \w+){0,3}? (?:un |una )?(?:certificato(?: medico)?|ricetta|fattura|ricevuta|nota|firma|"
            r"impegnativa|referto)(?: \w+)? (?:fals[oa]|finto|finta)|falsificare (?:\w+ ){0,2}?(?:certificato|ricetta|"
            r"fattura|firma|ricevuta|referto)|(?:comprare|vendere|cucinare|produrre|sintetizzare)(?: \w+){0,2}? (?:cocaina|"
            r"eroina|metanfetamina|fentanyl|mdma|ecstasy|lsd|droga)|(?:hackerare|hackare|spiare|rintracciare|localizzare)"
            r"(?: \w+){0,3}? (?:account|telefono|cellulare|email|whatsapp|telecamer[ae]|wifi|messaggi|moglie|marito|ex))"
        ),
    ),
    (
        "harmful_offtopic.pt",
        "folded",
        (
            r"(?<![a-z])(?:(?:como (?:faco|fazer|faz|crio|criar|falsificar|falsifico|consigo|conseguir|arrumo|arrumar)|quero|"
            r"preciso de|me (?:faz|faca|arruma)|faz(?:-me)?|cria|escreve)(?: \w+){0,4}? (?:um |uma )?(?:atestado(?: medico)?|"
            r"receita(?: medica)?|nota fiscal|nota|recibo|laudo|declaracao|pedido medico|carteirinha|assinatura)"
            r"(?: \w+){0,2}? (?:falso|falsa|fake|frio|fria)|falsificar (?:\w+ ){0,2}?(?:atestado|receita|laudo|recibo|nota|"
            r"assinatura|carteirinha)|(?:arma|pistola|revolver|fuzil|espingarda)s? (?:\w+ ){0,4}?sem (?:registro|numero de "
            r"serie|papelada|porte|licenca)|(?:fazer|fabricar|construir|montar) (?:\w+ ){0,2}?(?:uma |um )?(?:arma|bomba|"
            r"explosivo|pistola|silenciador)|(?:bomba|arma) caseira|(?:comprar|vender|fazer|cozinhar|plantar)(?: \w+){0,2}? "
            r"(?:cocaina|heroina|metanfetamina|fentanil|crack|mdma|ecstasy|lsd|maconha|drogas)|(?:hackear|invadir|espionar|"
            r"rastrear|clonar)(?: \w+){0,3}? (?:conta|celular|telefone|whatsapp|email|instagram|facebook|cameras?|wifi|"
            r"mensagens)|(?:descobrir|saber) onde (?:minha |meu )?(?:ex|namorad[oa]|espos[oa]|mulher|marido) (?:mora|esta))"
        ),
    ),
    (
        "harmful_offtopic.zh",
        "lower",
        cjk(
            r"(?:伪造|假造|造假|做假|仿造|做一?[张份个]?假的?|弄一?[张份个]?假的?|开一?[张份个]?假的?)(?:的)?(?:一[张份个])?"
            r"(?:医生|医院|医疗|病假|诊断|就诊)?(?:证明|病假条|假条|诊断书|处方|病历|收据|发票|账单|保险卡|签名)|"
            r"(?:没有|无|不带|去掉|磨掉)(?:序列号|编号|登记)的?(?:枪|手枪|步枪|武器)|(?:自制|制作|制造|做|造|组装)(?:一[把个支颗])?"
            r"(?:枪|手枪|炸弹|爆炸物|消音器|土枪)|(?:怎么|如何)(?:制作|做|造|合成|提炼)(?:冰毒|摇头丸|海洛因|可卡因|芬太尼|毒品|"
            r"炸弹|枪)|(?:黑进|入侵|破解|盗取|偷看)(?:我)?(?:邻居|前妻|前夫|老婆|老公|女朋友|男朋友|别人|他人)?的?(?:wifi|无线|网络|"
            r"摄像头|监控|手机|账号|邮箱|微信)|验尸(?:时)?(?:查|检测)不出(?:来)?的?毒|查不出来的毒"
        ),
    ),
    (
        "harmful_offtopic.ja",
        "lower",
        cjk(
            r"(?:偽造|偽の|ニセの|にせの|偽物の)(?:医師の)?(?:診断書|証明書|処方箋|領収書|請求書|保険証)|"
            r"(?:診断書|証明書|処方箋|領収書)を(?:偽造|捏造)|(?:銃|拳銃|爆弾)(?:の)?(?:作り方|を作る|を自作)|"
            r"シリアル番号のない銃|(?:覚醒剤|MDMA|mdma|麻薬)(?:の)?(?:作り方|を作る|合成)"
        ),
    ),
]

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
         r"adderall without (?:a )?prescription|weed (?:online|illegally)|narcotics)(?![a-z])(?! test)"  # test strips
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
        # Upcoding: which code makes the plan pay more; a visit billed at a higher level.
        ("harmful_offtopic.upcoding", "plain",
         (rf"(?<![a-z])(?:(?:which|what|best|right|magic|higher|correct)(?: \w+){{0,2}}? (?:{_CODE})(?: \w+){{0,6}}? "
         rf"(?:so|to|that|and|for) (?:\w+ ){{0,6}}?(?:{_PAYS_MORE})|"
         rf"(?:bump|upgrade|change|switch|bill|code|raise|push|upcode)(?: \w+){{0,3}}? (?:99\d{{3}}|level [1-4]|"
         rf"a level [1-4])s?(?: \w+){{0,3}}? (?:to|as|into|up to) (?:an? )?(?:99\d{{3}}|level [45]|higher level)|"
         rf"(?:{_HOW})(?:\w+ ){{0,3}}?bill (?:every|each|all|the|my|our|a) (?:\w+ )?(?:visits?|sessions?|appointments?)"
         rf" (?:as (?:a |an )?(?:level 5|higher|99215|two|longer|separate|\d+)|for (?:more|longer|\d+ minutes))|"
         rf"(?:more|longer|higher) than (?:he|she|they|i|we|the (?:\w+ )?) (?:actually|really) (?:did|do|does|provided|"
         rf"spent|performed))(?![a-z])"),
         _not_honest),
        ("harmful_offtopic.upcoding", "folded",
         (r"(?<![a-z])(?:bill|code|charge) (?:for )?(?:\d+|sixty|forty|ninety)[- ]?(?:minute|min) (?:\w+ )?(?:sessions?|"
         r"visits?|appointments?)(?: \w+){0,3}? (?:when|but|though|while|if) (?:i|we|he|she|they) (?:only|actually|really)"
         r"(?![a-z])"),
         _not_honest),
        # Something the plan doesn't cover (massage, a spa, cosmetic work) billed as something it does.
        ("harmful_offtopic.miscode_service", "plain",
         (rf"(?<![a-z])(?:(?:{_FRAUD_VERB})(?: \w+){{0,5}}? (?:{_NOT_COVERED})s?(?: \w+){{0,5}}? (?:as|like|as if (?:it|they) "
         rf"(?:was|were)|to look like|into|under) (?:a |an |my |the )?(?:\w+ )?(?:{_COVERED_AS})|"
         rf"(?:{_NOT_COVERED})s?(?: \w+){{0,5}}? (?:billed|coded|claimed|submitted|filed|passed off|disguised|written up|"
         rf"listed|labell?ed|get(?:s|ting)? (?:it |them )?(?:paid|covered|reimbursed)|gets? (?:paid|covered|reimbursed)|"
         rf"look like)(?: \w+){{0,2}}? (?:as |like |as if it (?:was|were) )?(?:a |an |my |the )?(?:\w+ )?(?:{_COVERED_AS}))"
         rf"(?![a-z])"),
         _not_honest),
        # The same bill to two plans, keeping both payouts; the same claim filed twice.
        ("harmful_offtopic.double_dip", "plain",
         (r"(?<![a-z])(?:(?:submit|send|file|bill|claim|give|turn in|put in|send in)(?: \w+){0,4}? (?:the )?(?:same|one|a|"
         r"this|that|my) (?:\w+ ){0,2}?(?:bill|claim|receipt|invoice|eob|expense|visit|surgery|procedure)s?(?: \w+){0,4}? "
         r"(?:to|with|from|under|on|through) (?:both|two|2|each|multiple|several|different|my two|both of my) "
         r"(?:[\w']+ ){0,4}?(?:plans?|insurers?|insurances?|insurance companies|companies|policies|carriers?|fsas?|hsas?|"
         r"accounts?)|(?:paid|reimbursed|payouts?|paychecks?|checks?|payments?|money) (?:from|by) both(?: \w+){0,3}?|"
         r"(?:collect|get paid|get reimbursed|be reimbursed|get money) (?:\w+ ){0,3}?(?:from|by) (?:both|two|each)"
         r"(?: \w+){0,2}? (?:plans|insurers|insurances|insurance companies|companies|policies|carriers|of them|you guys)|"
         rf"(?:{_HOW}|so (?:that )?(?:it|they|i|we|you) )(?:\w+ ){{0,4}}?(?:pays? (?:out )?twice|gets? paid (?:for it )?"
         r"twice|get reimbursed twice|collect (?:twice|double)|double[- ]dip\w*)|"
         r"(?:file|submit|send|bill|claim) (?:the same|a|one|this|my) (?:\w+ )?(?:claim|bill|"
         r"receipt|invoice|visit)s? (?:twice|two times|again with|double|with different dates))(?![a-z])"),
         on_message(lambda text: _HONEST.search(text) is None and _KEEP_BOTH.search(text) is not None)),
        # Backdating paperwork, or dates changed, so a lapse or an earlier start doesn't show.
        ("harmful_offtopic.backdate", "plain",
         (r"(?<![a-z])(?:(?:backdat\w*|back-dat\w*|back dat\w*|predat\w*|(?:change|changing|alter|altering|edit|editing|"
         r"fake|faking|fudge|fudging|move|moving|put an earlier|write an earlier|use an earlier|make)(?: \w+){0,3}? "
         r"(?:date|dates|postmark|timestamp|date of service|service dates?|effective date|start date|signature date)s?"
         r"(?: (?:on|of|in))?)(?: \w+){0,3}? (?:paperwork|forms?|applications?|enrollment(?: forms?)?|documents?|receipts?|"
         r"bills?|invoices?|signatures?|letters?|claims?|payments?|checks?|cancell?ations?|terminations?|pay ?stubs?|"
         r"records?|coverage|policy|premium payments?|reinstatement)|make (?:it|this|that|them|the (?:\w+ ){0,2}?|my "
         r"(?:\w+ ){0,2}?)(?:look|seem|appear|show)(?: \w+)?(?: like| as (?:if|though))? (?:\w+ ){0,4}?(?:paid (?:on time|"
         r"before)|was (?:covered|active|paid)|had coverage|were covered|enrolled (?:before|earlier)|on time|before (?:the |"
         r"my )?(?:lapse|coverage|policy)|happened at work|an accident|(?:was|were) (?:injured|hurt) at work))(?![a-z])"),
         on_message(lambda text: _HONEST.search(text) is None and _LEGIT_RETRO.search(text) is None)),
        # A made-up story for the claims team: an invented accident, an excuse for the adjuster.
        ("harmful_offtopic.false_story", "plain",
         (r"(?<![a-z])(?:(?:make up|invent|fabricate|cook up|concoct|think up|dream up|fake|come up with)(?: \w+){0,4}? "
         r"(?:a |an |some )?(?:\w+ ){0,2}?(?:story|stories|excuse|excuses|explanation|account|narrative|reason|"
         r"accident|injury|injuries|alibi|details|backstory|version)(?![a-z])(?: \w+){0,8}? (?:claims?|adjusters?|"
         r"insur\w+|the plan|workers'? comp|accident|injur\w+|pay|cover|approve|payout|you guys|investigators?)|"
         r"(?:believable|convincing|plausible|fake|false|fictional|made-up|bogus|phony|good) (?:cover )?(?:story|excuse|"
         r"explanation|account|narrative|lie|alibi|backstory)(?: \w+){0,8}? (?:claims?|adjusters?|insur\w+|the plan|"
         r"workers'? comp|accident|injur\w+|pay(?:s|out)?|cover|approve)|"
         r"excuse (?:\w+ ){0,3}?(?:to (?:tell|give)|for) (?:the |my )?(?:insur\w+|claims? \w+|adjusters?|plan|you)|"
         r"(?:claim|report|say|tell (?:them|the \w+|you))(?: \w+){0,8}? (?:but|even though|when|although) (?:it|i|he|she|"
         r"they|that) (?:wasn't|isn't|didn't|never|wasnt|didnt|hasn't|haven't) (?:really |actually )?(?:stolen|happen|"
         r"happened|hurt|injured|broken|damaged|at work|an accident))(?![a-z])"),
         _for_gain),
        # A doctor's note, letter or certificate written by the assistant "from" a clinician.
        ("harmful_offtopic.doctor_note", "plain",
         (r"(?<![a-z])(?:(?:^|[.!?,:;]\s*|(?:can|could|would|will) (?:you|u) (?:please |pls |just )?|please |pls |plz |"
         r"just |help me |i (?:need|want) (?:you|u) to |make me |write me |get me |go ahead and )(?:write|make|create|"
         r"generate|draft|produce|type|give me|print|do|compose|put together|whip up|forge|fake)(?: me| up| out)?"
         r"(?: a| an| the| some)? (?:\w+ ){0,3}?(?:doctor'?s?|dr'?s?|doc'?s?|physician'?s?|medical|sick|hospital|clinic|"
         r"surgeon'?s?|psychiatrist'?s?|therapist'?s?|nurse'?s?|work|school|return to work|excuse|jury duty|"
         r"discharge)(?: \w+){0,2}? (?:notes?|letters?|excuses?|certificates?|slips?|statements?|forms?|papers?|"
         r"summar(?:y|ies)|prescriptions?|scripts?)(?![a-z])(?: \w+){0,8}? (?:saying|that says|stating|that states|says|"
         r"to say|showing|that shows|claiming|certifying|confirming|with (?:a |the |his |her )?(?:\w+ )?(?:signature|"
         r"letterhead|logo|stamp)|signed|from)|"
         r"(?:write|make|create|generate|draft|produce|type|compose|give me)(?: me| up)?(?: a| an| the| some)? (?:\w+ ){0,3}?"
         r"(?:notes?|letters?|excuse|certificate|statement|slip) (?:from|by|signed by|on behalf of|as if (?:from|it was "
         r"from|written by)|pretending to be|supposedly from|in the name of) (?:my |a |an |the |dr\.? ?|doctor )?(?:\w+ )?"
         r"(?:doctor|dr|doc|physician|surgeon|psychiatrist|therapist|nurse|clinic|hospital|provider|pcp|dentist|"
         r"specialist|employer|boss|psychologist|md|np|oncologist|cardiologist)|"
         r"(?:letter|note|appeal) (?:\w+ ){0,3}?pretending to be (?:my |a |the )?(?:\w+ )?(?:doctor|dr|physician|surgeon|"
         r"employer)|(?:real|legit|authentic|official|genuine)(?:-| )?looking (?:\w+ ){0,2}?(?:signature|letterhead|note|"
         r"stamp|logo|document|receipt|bill|card|prescription|script|certificate|discharge \w+|lab report|eob)|"
         r"(?:convincing|believable|realistic|passable) (?:\w+ ){0,2}?(?:doctor'?s? note|sick note|receipt|invoice|"
         r"prescription|certificate|id card|insurance card|eob|lab report|pay ?stub|w-?2|discharge (?:paper|summary)|"
         r"ambulance bill|medical record|signature|letterhead)s?)(?![a-z])")),
        # Making street drugs: synthesis routes, precursors, cooking.
        ("harmful_offtopic.drug_synthesis", "plain",
         (rf"(?<![a-z])(?:(?:synthesi[sz]\w*|synth|route|recipe|precursors?|reagents?|cook|cooking|manufactur\w*|make|"
         rf"making|produce|producing|extract|extracting|step[- ]by[- ]step|lab setup|yield|brew|brewing)(?: \w+){{0,4}}? "
         rf"(?:of |for |to make |to produce |to cook )?(?:some |pure |homemade |my own |your own )?(?:{_STREET})|"
         rf"(?:{_STREET})(?: \w+){{0,4}}? (?:synthesi[sz]\w*|is (?:made|cooked|produced|manufactured)|recipe|precursors?|"
         rf"from (?:safrole|sassafras|pseudoephedrine|ephedrine|p2p|phenylacetone|piperonal|cold medicine)|"
         rf"birch reduction|reductive amination)|safrole|sassafras oil|pseudoephedrine (?:reduction|extraction|to meth)|"
         rf"red phosphorus|phenyl-?2-?propanone|shake and bake|one[- ]pot (?:meth|method))(?![a-z])"
         rf"(?!.{{0,40}}(?:addiction|treatment|rehab|covered|coverage|recovery|detox|program|psychosis|overdose))")),
        # Pressing counterfeit pills that look like Percocet or Xanax.
        ("harmful_offtopic.pill_press", "plain",
         (rf"(?<![a-z])(?:pill press(?:es)?|pill die|tablet press|(?:press|pressing|stamp|stamping)(?: \w+){{0,3}}? "
         rf"(?:my |our |your |some )?(?:own )?(?:\w+ )?(?:{_PILL_NAMES})|(?:make|press|buy|order|get|sell|produce|"
         rf"manufacture|stamp|source|score|find)(?: me)?(?: some| a batch of| my own| \w+){{0,2}}? (?:fake|counterfeit|"
         rf"pressed|knockoff|bootleg|homemade) (?:\w+ )?(?:{_PILL_NAMES})|(?:{_PILL_NAMES})(?: \w+){{0,3}}? (?:that|to|"
         rf"which) (?:look|looks|pass|passes) (?:like|as|for) (?:real|brand|legit|pharmacy|genuine|actual))(?![a-z])")),
        # Faking symptoms or shopping for doctors to get opioids and other controlled drugs.
        ("harmful_offtopic.drug_seeking", "plain",
         (rf"(?<![a-z])(?:what (?:should|do|can|could) i (?:say|tell)(?: to)? (?:the |my |a |an )?(?:doctor|dr|doc|er|physician|"
         rf"dentist|nurse|urgent care|pharmacist)(?: \w+){{0,3}}? (?:to get|so (?:they|he|she)(?:'ll| will)? (?:give|"
         rf"prescribe|write))(?: me)? (?:more |stronger |some |a |real )?(?:{_OPIOIDS})|"
         rf"(?:which|what)(?: \w+){{0,2}}? (?:symptoms?|pain|injur\w+|conditions?|complaints?|things?|"
         rf"story|words|diagnos[ie]s) (?:\w+ ){{0,4}}?(?:fake|faking|pretend|exaggerate|claim|say|tell|complain about|"
         rf"mention|describe|act out)(?: \w+){{0,6}}? (?:to get|so (?:i|they|he|she|the \w+)(?:'ll| will| can)? (?:get|"
         rf"give|prescribe|write)|for) (?:\w+ ){{0,3}}?(?:{_OPIOIDS})|(?:fake|faking|feign|feigning|pretend to have|"
         rf"exaggerate|exaggerating|act out|make up) (?:\w+ ){{0,3}}?(?:symptoms?|pain|back pain|migraines?|adhd|anxiety|"
         rf"panic attacks|injury|kidney stones?|a condition|sciatica|seizures|insomnia)(?: \w+){{0,6}}? (?:to get|so "
         rf"(?:i|the doctor|they|he|she)|for) (?:\w+ ){{0,3}}?(?:{_OPIOIDS})|(?:{_HOW}|trick to |tips? (?:for|on) )"
         rf"(?:\w+ ){{0,3}}?doctor[- ]shop\w*|doctor[- ]shop\w* (?:\w+ ){{0,6}}?(?:without|so (?:i|the)|to get|and fill)|"
         rf"get (?:my |a |the |an )?(?:\w+ )?(?:doctor|dr|pcp|er|physician|psychiatrist|dentist) to (?:prescribe|give|write)"
         rf"(?: me)? (?:\w+ ){{0,3}}?(?:more|extra|stronger|{_OPIOIDS})(?: \w+){{0,6}}? (?:than i (?:need|use)|to sell|"
         rf"so i can (?:sell|get high|take more)|even though i (?:don't|do not)))(?![a-z])")),
        # Poisons that don't show up in an autopsy or a tox screen; a death made to look natural.
        ("harmful_offtopic.poison_undetected", "plain",
         (r"(?<![a-z])(?:(?:poisons?|toxins?|substances?|drugs?|chemicals?|something|what|meds?|medications?|plants?)"
         r"\b(?:[^.?!]{0,60}?)(?:(?:won't|doesn't|does not|will not|wouldn't|don't|can't|cannot|wont|dont|doesnt|cant|"
         r"not|never) (?:show up|show|be detected|be found|be traced|detected|appear|leave (?:a )?traces?|turn up)|"
         r"undetectable|untraceable|hard(?:est)? to (?:detect|trace|find)|leaves? no traces?)[^.?!]{0,40}?(?:autops(?:y|ies)|"
         r"tox(?:icology)? (?:screens?|reports?|tests?)|coroner|medical examiner|blood tests?|post-?mortem)|"
         r"(?:make|making) (?:someone|somebody|a person|his|her|their|my (?:\w+ )?(?:husband|wife|boss|neighbou?r|ex|"
         r"father|mother|dad|mom|partner|roommate))(?:'s)? (?:death|murder|overdose|poisoning) (?:look|seem|appear) "
         r"(?:like )?(?:an? )?(?:accident\w*|natural|suicide|overdose|heart attack)|(?:poison|poisoning) (?:\w+ ){0,4}?"
         r"(?:slowly|over (?:a few )?(?:weeks|months|time)|so (?:the )?doctors (?:think|won't)|natural causes))(?![a-z])")),
        # Breaking into someone else's wifi, cameras, phone or accounts (h@ck: the normalizer undoes the leet).
        ("harmful_offtopic.hack_target", "plain",
         (rf"(?<![a-z])(?:(?:hack|crack|break into|get into|get in to|spy on|tap into|take over|hijack|brute[- ]?force|"
         rf"jailbreak|clone|sim[- ]swap|intercept|mirror|piggyback on|steal)(?: into)? (?:my |the |a |our |this |that |"
         rf"some |their |his |her )?(?:\w+ ){{0,2}}?(?:{_PERSON})(?:'s|s'|s)? (?:\w+ ){{0,2}}?(?:{_DEVICE})(?![a-z])"
         rf"(?!.{{0,40}}(?:was|got|been|were) (?:hacked|stolen|compromised))|"
         rf"(?:wifi|wi-fi|network|cameras?|router)(?: password)?(?: that| which)? (?:i|we) (?:don't|do not) own|"
         rf"(?:free|steal|stealing) (?:\w+ )?(?:neighbou?rs?'?s?) (?:wifi|wi-fi|internet|network))")),
        # Guns without a serial number, homemade, converted to full auto.
        ("harmful_offtopic.gun_untraceable", "plain",
         (rf"(?<![a-z])(?:(?:{_GUN})(?: \w+){{0,5}}? (?:with (?:no|out (?:a|any))|without (?:a |any )?|no|minus the) "
         rf"(?:serial(?: numbers?)?|serial#|serials|background checks?|registration|paperwork)|(?:untraceable|unserialized|"
         rf"unregistered|serial-?less|ghost|unmarked) (?:{_GUN})|80 ?% (?:lowers?|receivers?|frames?)|(?:remove|file off|"
         rf"grind off|scratch off|erase|obliterate|sand off|drill out)(?: \w+){{0,3}}? serial (?:numbers?|#)|"
         rf"glock switch(?:es)?|auto ?sears?|drop[- ]in auto sears?|solvent trap (?:\w+ ){{0,3}}?(?:suppressors?|silencers?)|"
         rf"(?:home-?made|diy|homemade|home-?built|3d[- ]printed|printed) (?:{_GUN}|suppressors?|silencers?)|"
         rf"(?:convert|converting|turn|turning|make|making|modify|modifying)(?: \w+){{0,4}}? (?:to|into) (?:a )?"
         rf"(?:full[- ]?auto(?:matic)?|fully automatic|select[- ]fire|machine gun))(?![a-z])")),
        # Household chemicals mixed into a toxic gas (to hurt someone, or oneself: unsafe_medical.gas_self comes first).
        ("harmful_offtopic.toxic_gas", "plain",
         (r"(?<![a-z])(?:household chemicals|cleaning (?:products|chemicals|supplies)|bleach|ammonia|drain cleaner|"
         r"pool chemicals?|chemicals)(?: \w+){0,6}? (?:make|makes|create|creates|produce|produces|give off|gives off|"
         r"release|releases|to (?:make|create|get|produce)|mixed together make|combine into) (?:a |an |the )?(?:\w+ )?"
         r"(?:toxic|poison(?:ous)?|deadly|lethal|chlorine|mustard|killing|dangerous) (?:gas|fumes|cloud|vapou?rs?)(?![a-z])"),
         on_message(lambda text: _HONEST.search(text) is None and _SAFETY.search(text) is None)),
        ("harmful_offtopic.spyware", "plain",
         (r"(?<![a-z])(?:install|put|hide|plant|place|attach|slip|sneak) (?:a |an |some )?(?:\w+ )?(?:tracker|"
         r"tracking (?:app|device|software)|gps (?:tracker|device)|air ?tag|spyware|stalkerware|hidden camera|"
         r"keylogger|listening device|bug) (?:on|in|into|under) (?:her|his|their|my (?:\w+ )?(?:wife|husband|ex|"
         r"girlfriend|boyfriend|partner|neighbou?r|coworker|roommate)|someone)(?![a-z])|"
         r"(?:read|see|access|check) (?:her|his|their|my (?:wife|husband|ex|girlfriend|boyfriend|partner)(?:'s|s)) "
         r"(?:texts|messages|emails|dms|whatsapp|phone) without (?:her|him|them) (?:knowing|noticing|permission)")),
    ]
    + _TRANSLATED
)  # fmt: skip

__all__ = ["RULES"]
