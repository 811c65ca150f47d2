"""What agents say, by intent. Good answers quote the member's real plan and claim numbers;
every "benefits.answer*" variant names the plan and its deductible (tests rely on that)."""

AGENT = {
    "verify": (
        "Thanks, {first}. Before I look into that, can you confirm your date of birth?",
        "Hi {first}, I can help with that. May I have your date of birth to verify your identity?",
        "Happy to help. For security, please verify your date of birth.",
        "Thank you for contacting Heartland Mutual. What is the date of birth on the account?",
        "I will take a look. Can you first confirm your date of birth?",
    ),
    "verified": (
        "Thank you, {first}, you're verified.",
        "Thanks, I have your account pulled up.",
        "Great, thank you.",
        "Thanks for confirming.",
        "Perfect, I see your account.",
    ),
    "deescalate": (
        "I understand this is frustrating, and I'm sorry for the trouble.",
        "I hear you, and I want to get this fixed for you.",
        "I'm sorry you've had this experience. Let's sort it out.",
        "I apologize for the hassle.",
    ),
    "benefits.answer": (
        "Under your {plan} plan, {svc} is a {copay} copay. Your individual deductible is {ded} and your out-of-pocket maximum is {oop}.",
        "With {plan}, you pay a {copay} copay for {svc}. Copays don't go toward the {ded} deductible, but they do count toward your {oop} out-of-pocket maximum.",
        "Good news: on {plan} {svc} has a flat {copay} copay. For things like imaging or surgery you pay the {ded} deductible first and then {coins} coinsurance.",
        "Your plan is {plan}. For {svc} your cost is {copay}. Your deductible is {ded} for you alone or {ded_fam} for the family.",
        "I see you're on {plan}. {svc_cap} will be {copay}. Your deductible is {ded}, and once you reach the {oop} out-of-pocket max, covered care is paid in full.",
    ),
    "benefits.answer_hdhp": (
        "On the {plan}, you pay the full allowed amount for {svc} until you meet your {ded} deductible. After that it's a {copay} copay, and you can pay with your HSA.",
        "Your {plan} is a high deductible plan: the {ded} deductible comes first, then {svc} is a {copay} copay. HSA funds can cover the cost tax-free.",
        "Yes, you can use your HSA. Under {plan}, {svc} counts toward your {ded} deductible; once it's met you pay a {copay} copay, and your out-of-pocket max is {oop}.",
    ),
    "benefits.fa_family": (
        "The family deductible on {plan} is {ded_fam} and the family out-of-pocket maximum is {oop_fam}.",
        "For the family it's a {ded_fam} deductible and a {oop_fam} out-of-pocket limit.",
    ),
    "benefits.fa_oop": (
        "Your individual out-of-pocket maximum is {oop}. After that, covered in-network care is paid at 100%.",
        "The most you pay in {year} is {oop} for yourself.",
    ),
    "benefits.fa_preventive": (
        "Yes, preventive care from an in-network provider is covered at no cost, and it doesn't count toward your deductible.",
        "Your annual physical is free as long as the doctor is in network.",
    ),
    "benefits.fa_rx": (
        "Generic drugs are {generic_copay}{after_ded} and preferred brands are {brand_copay} for a 30-day supply.",
        "You pay {generic_copay}{after_ded} for generics and {brand_copay} for preferred brand drugs.",
    ),
    "claim.paid": (
        "Claim {claim} for your {cpt_desc} on {sdate} with {prov} was paid. The provider billed {billed}, the allowed amount is {allowed}, we paid {paid}, and your share is {mr}.",
        "I see claim {claim} was processed and paid. Of the {allowed} allowed amount, the plan paid {paid} and you owe {mr}.",
        "That claim is paid. {prov} billed {billed} for the {cpt_desc} (procedure code {cpt}); after the network discount the allowed amount was {allowed}. Your responsibility is {mr}.",
    ),
    "claim.paid_to_deductible": (
        "Claim {claim} for your {cpt_desc} on {sdate} was processed. The allowed amount is {allowed}, and all of it went toward your deductible, so you owe {mr}.",
        "That claim was processed with no payment from the plan: the {allowed} allowed amount was applied to your {ded} deductible, so your share is {mr}.",
    ),
    "claim.denied": (
        "Claim {claim} for the {cpt_desc} on {sdate} (CPT {cpt}, diagnosis {icd}) was denied. The reason is {reason}.",
        "I'm sorry, that claim was denied: {reason}. The allowed amount was {allowed}, so that's what the provider can bill you.",
        'Claim {claim} shows as denied with the reason "{reason}".',
    ),
    "claim.pending": (
        "Claim {claim} was received on {rdate} and is still {status_text}. Most claims are finalized within 30 days.",
        "We got that claim on {rdate}. It's {status_text} right now, so there's nothing for you to pay yet.",
        "It's {status_text}. We received it from {prov} on {rdate}; you'll get an explanation of benefits once it's processed.",
    ),
    "basis.zero": ("Preventive care is covered in full, so you owe nothing.",),
    "basis.copay": (
        "Your part is the {copay_label} copay of {copay} under {plan}.",
        "That's your {copay} {copay_label} copay.",
    ),
    "basis.deductible": (
        "{deducted} of it went toward your {ded} deductible, and you pay {claim_coins} coinsurance on the rest.",
        "Your {ded} deductible wasn't met yet, so {deducted} counted toward it, plus {claim_coins} coinsurance.",
    ),
    "basis.copay_capped": ("The allowed amount of {allowed} is less than your {copay} copay, so you pay just {mr}.",),
    "basis.all_deductible": ("The full {mr} went toward your {ded} deductible, which hasn't been met yet this year.",),
    "basis.hdhp_copay": ("{deducted} went toward your {ded} deductible first, then your {copay} copay applied.",),
    "basis.coinsurance": ("Your deductible is already met, so you only pay your {claim_coins} coinsurance.",),
    "remedy.prior authorization required": (
        "Your provider can request the prior authorization now and resubmit the claim.",
        "Since {plan} requires prior authorization for this, ask {prov} to submit a retro authorization request.",
    ),
    "remedy.out of network": (
        "{prov} is not in the {plan} network. You can appeal within 180 days if no in-network provider was available.",
    ),
    "remedy.not medically necessary": (
        "You or your doctor can file an appeal with supporting records within 180 days.",
    ),
    "remedy.duplicate claim": ("The same service was billed twice; the original claim is the one being processed.",),
    "remedy.coverage terminated": (
        "Our records show a gap in coverage on that date. If that's a mistake, we can review your eligibility.",
    ),
    "claim.fa_appeal": (
        "Yes. You have 180 days from the denial to file an appeal, online or by mail. Include claim number {claim}.",
        "You can appeal within 180 days. I can mail you the form, or you can file it in the portal.",
    ),
    "claim.fa_when": (
        "Most claims finish within 30 days of receipt. We received this one on {rdate}.",
        "It should be done within 30 days from {rdate}. You'll get an EOB when it is.",
    ),
    "claim.fa_eob": (
        "Sure, I've sent the explanation of benefits for {claim} to {email}.",
        "Done. It's on its way to {email}.",
    ),
    "provider.found": (
        "{pname} ({spec}) in {pcity}, {pstate} is in network for {plan} and is accepting new patients. Their number is {pphone} and their NPI is {npi}.",
        "I found {pname}, {spec}, in {pcity}. They're in the {plan} network and taking new patients; you can reach them at {pphone}.",
        "A good option is {pname} in {pcity}, {pstate}. They're in network and accepting new patients. Phone: {pphone}.",
    ),
    "provider.cost": (
        "With your plan that visit is a {visit_copay} copay{after_ded}.",
        "Your copay there will be {visit_copay}{after_ded}.",
    ),
    "provider.referral": ("Since you're on an HMO, you'll need a referral from your primary care provider first.",),
    "provider.none": (
        "I'm not finding an in-network {spec_noun} accepting new patients right now. I can open a network exception request for you.",
    ),
    "provider.fa_npi_in": (
        "Yes, {pname2} (NPI {npi2}) is in network for {plan}.",
        "{pname2} is in network, so you're covered there.",
    ),
    "provider.fa_npi_out": (
        "No, {pname2} is not in the {plan} network, so {oon_text}.",
        "I checked NPI {npi2}: {pname2} is out of network for you, so {oon_text}.",
    ),
    "provider.fa_new": ("Yes, they're accepting new patients as of today's directory update.",),
    "provider.fa_email": ("Done, I've emailed a list of in-network providers to {email}.",),
    "pa.required": (
        "Yes. Under {plan}, {pa_svc} requires prior authorization. Your provider submits the request, and a decision usually comes within 5 business days.",
        "It does. {plan} requires prior authorization for {pa_svc}; without it the claim may be denied. Ask your doctor's office to send the request to us.",
    ),
    "pa.not_required": (
        "No, {pa_svc} doesn't need prior authorization under {plan}. Just make sure the provider is in network.",
        "Good news, {plan} doesn't require prior authorization for {pa_svc}.",
    ),
    "pa.fa_approved": (
        "Authorization {pa} is approved through {pa_date}.",
        "I see {pa}. It was approved and is valid until {pa_date}.",
    ),
    "pa.fa_pending": ("I see {pa}; it's still under clinical review. We'll send a decision by {pa_date}.",),
    "pa.fa_cost": (
        "It's subject to your {ded} deductible and then {coins} coinsurance.",
        "You'd pay toward your {ded} deductible first, then {coins} of the allowed amount.",
    ),
    "rx.generic": (
        "Good news: {drug} is a generic drug on your {plan} formulary, so a 30-day supply is {drug_copay}{after_ded}.",
        "Yes, {drug} is covered as a generic. You'll pay {drug_copay}{after_ded} per 30-day fill.",
    ),
    "rx.brand": (
        "Under {plan}, {drug} is a preferred brand drug. Your copay is {drug_copay}{after_ded} for 30 days.",
        "It's covered at the preferred brand tier: {drug_copay}{after_ded}. Generics on your plan are {generic_copay}.",
    ),
    "rx.specialty": (
        "That one is a specialty drug, so under {plan} {drug} needs prior authorization and is filled through our specialty pharmacy. You pay {coins} coinsurance after the {ded} deductible.",
    ),
    "rx.hdhp": (
        "Because {plan} is a high deductible plan, you pay the full negotiated price until the {ded} deductible is met; you can use your HSA card at the pharmacy.",
    ),
    "rx.fa_mail": ("Yes, mail order gives you a 90-day supply for {drug90}.",),
    "rx.fa_ship": ("I've set mail order delivery to that address. It will arrive in 5 to 7 days.",),
    "bill.in_network": (
        "For claim {claim}, the allowed amount is {allowed} and your responsibility is {mr}. Since {prov} is in network, they can't bill you the {balance} difference.",
        "Our records show you owe {mr} on claim {claim}; the plan paid {paid}. If the bill from {prov} is higher, ask them to rebill based on your explanation of benefits.",
    ),
    "bill.out_network": (
        "{prov} is out of network, so after the plan paid {paid} they may bill you the difference between {billed} and the {allowed} allowed amount.",
    ),
    "bill.denied": (
        "Claim {claim} was denied ({reason}), so the provider can bill you the allowed amount of {allowed}.",
    ),
    "bill.pending": (
        "Claim {claim} is still {status_text}, so please don't pay that bill yet. Once it's processed you'll only owe your share.",
    ),
    "bill.premium_done": (
        "Thank you. Your payment with the card ending in {card4} went through, and you'll get a confirmation at {email}.",
        "All set, I've applied the payment from the card ending in {card4}.",
        "Done, this month's payment is posted to the card ending in {card4}. There's a 30-day grace period if a future payment fails.",
    ),
    "x.contact_ok": (
        "Yes, I've confirmed that on your account.",
        "Thanks, I've noted that on your file.",
        "Got it, your contact information is up to date.",
    ),
    "x.portal_ok": (
        "I've reset your portal access. You'll get a verification code by text at {phone}.",
        "I've unlocked your account. Clear your browser cache and try again.",
    ),
    "x.ssn_ok": ("Thank you, but we don't need your full Social Security number. Please don't share it over chat.",),
    "close": (
        "You're welcome, {first}. Is there anything else I can help with today?",
        "Glad I could help. Have a great day!",
        "You're welcome. You will also get a summary of this conversation by email.",
        "Anytime. Take care, {first}.",
        "Happy to help. Thanks for being a Heartland Mutual member.",
    ),
    "poor.answer": (
        "I'm not really sure about that. You could check the plan documents on the portal.",
        "I don't have that information in front of me. You may want to call back later.",
        "That's handled by another department. I can't help with that here.",
        "I'm not able to see that right now. Please try the member portal.",
        "Hmm, I think it should be covered but I can't confirm. You'd have to check.",
        "Our system is slow today, you'll have to try again tomorrow.",
    ),
    "poor.followup": (
        "I'm not sure.",
        "I can't say.",
        "You'd have to ask your doctor's office about that.",
        "I don't know, sorry.",
        "Can you call back? I can't access that.",
    ),
    "poor.close": ("Okay.", "Anything else?", "Alright, bye.", "Ok thanks."),
}
