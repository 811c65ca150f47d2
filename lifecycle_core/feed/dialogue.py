"""Topic content: the facts each topic quotes (from the member's plan, claims and the provider
directory) and which intents the member and agent go through."""

from __future__ import annotations

from datetime import date, timedelta

from .claims import Claim
from .config import FeedConfig
from .ids import make_card, make_prior_auth
from .members import Member
from .plans import usd
from .providers import PRIMARY_CARE_SPECIALTIES, SPECIALTIES, network_index, provider_population
from .rng import between, pick
from .values import fmt_date

BENEFIT_SERVICES = (  # (member's words, agent's words, copay key)
    ("see a specialist", "a specialist visit", "specialist"),
    ("go to urgent care", "an urgent care visit", "urgent_care"),
    ("go to the emergency room", "an ER visit", "emergency_room"),
    ("see a therapist", "a mental health visit", "mental_health"),
    ("see my primary care doctor when I'm sick", "a primary care visit", "primary_care"),
    ("see a dermatologist", "a specialist visit", "specialist"),
    ("see a counselor for anxiety", "a mental health visit", "mental_health"),
)
COPAY_LABELS = {
    "primary_care": "primary care",
    "specialist": "specialist",
    "urgent_care": "urgent care",
    "emergency_room": "emergency room",
    "mental_health": "mental health",
}
SPECIALTY_WORDS = {  # specialty -> (with article, noun)
    "Family Medicine": ("a family doctor", "family doctor"),
    "Cardiology": ("a cardiologist", "cardiologist"),
    "Dermatology": ("a dermatologist", "dermatologist"),
    "Orthopedic Surgery": ("an orthopedic surgeon", "orthopedic surgeon"),
    "Psychiatry": ("a psychiatrist", "psychiatrist"),
    "Physical Therapy": ("a physical therapist", "physical therapist"),
    "Radiology": ("an imaging center", "imaging center"),
    "Endocrinology": ("an endocrinologist", "endocrinologist"),
    "Gastroenterology": ("a gastroenterologist", "gastroenterologist"),
    "Pediatrics": ("a pediatrician", "pediatrician"),
}
PA_SERVICES = (  # (plan prior-auth item or None, member's words)
    ("MRI", "an MRI"),
    ("CT scan", "a CT scan"),
    ("inpatient admission", "a hospital stay for surgery"),
    ("physical therapy after 12 visits", "more than 12 physical therapy visits"),
    ("sleep study", "a sleep study"),
    ("genetic testing", "genetic testing"),
    ("specialty drugs", "a specialty medication"),
    (None, "a colonoscopy"),
    (None, "an X-ray"),
    (None, "allergy testing"),
)
DRUGS = (
    ("metformin", "generic"),
    ("lisinopril", "generic"),
    ("atorvastatin", "generic"),
    ("sertraline", "generic"),
    ("levothyroxine", "generic"),
    ("amlodipine", "generic"),
    ("omeprazole", "generic"),
    ("Eliquis", "brand"),
    ("Jardiance", "brand"),
    ("Xarelto", "brand"),
    ("Trulicity", "brand"),
    ("Symbicort", "brand"),
    ("Entresto", "brand"),
    ("Humira", "specialty"),
    ("Dupixent", "specialty"),
    ("Stelara", "specialty"),
)
_OON_TEXT = {
    "HMO": "you'd pay the full cost except in an emergency",
    "EPO": "you'd pay the full cost except in an emergency",
    "PPO": "you'd pay higher out-of-network coinsurance and could be balance billed",
}


class Ctx:
    """What a topic builder may read and fill: values for templates go into `v`."""

    __slots__ = ("claim", "config", "day", "member", "plan", "rnd", "v")

    def __init__(self, config: FeedConfig, day: date, rnd, v: dict, member: Member, claim: Claim | None):
        self.config, self.day, self.rnd, self.v, self.member, self.plan, self.claim = (
            config,
            day,
            rnd,
            v,
            member,
            member.plan,
            claim,
        )


# A builder returns (member request intents, agent answer intents, [(member intent, agent intent)] follow-ups).
Script = tuple[list[str], list[str], list[tuple[str, str]]]


def benefits(c: Ctx) -> Script:
    ask, label, key = pick(c.rnd, BENEFIT_SERVICES)
    c.v.update(svc_ask=ask, svc=label, svc_cap=label[0].upper() + label[1:], copay=usd(c.plan.copay(key)))
    hdhp = c.plan.hdhp
    request = "benefits.ask_hdhp" if hdhp and c.rnd() < 0.7 else "benefits.ask"
    answer = "benefits.answer_hdhp" if hdhp else "benefits.answer"
    return (
        [request],
        [answer],
        [
            ("benefits.fu_family", "benefits.fa_family"),
            ("benefits.fu_oop", "benefits.fa_oop"),
            ("benefits.fu_preventive", "benefits.fa_preventive"),
            ("benefits.fu_rx", "benefits.fa_rx"),
        ],
    )


def _claim_values(c: Ctx) -> str:
    """The intent explaining the member's share of the claim (the claim's own fields are
    formatted lazily, see values.Values), after adding the copay it mentions."""
    claim, v, plan = c.claim, c.v, c.plan
    mr_cents = round(claim.record["member_responsibility"] * 100)
    if claim.copay_key:
        copay = plan.copay(claim.copay_key)
        v.update(copay=usd(copay), copay_label=COPAY_LABELS[claim.copay_key])
        if claim.deductible_cents:
            return "basis.all_deductible" if claim.deductible_cents == mr_cents else "basis.hdhp_copay"
        return "basis.copay_capped" if mr_cents < round(copay * 100) else "basis.copay"
    if mr_cents == 0:
        return "basis.zero"
    if claim.deductible_cents == mr_cents:
        return "basis.all_deductible"
    return "basis.deductible" if claim.deductible_cents else "basis.coinsurance"


def claim_status(c: Ctx) -> Script:
    basis = _claim_values(c)
    status = c.claim.record["status"]
    follow = [("claim.fu_eob", "claim.fa_eob")]
    if status == "paid":
        to_deductible = c.claim.record["paid_amount"] == 0 and basis == "basis.all_deductible"
        answer = ["claim.paid_to_deductible" if to_deductible else "claim.paid"]
        if c.claim.record["member_responsibility"] > 0:
            follow.append(("claim.fu_why", basis))
    elif status == "denied":
        answer = ["claim.denied", "remedy." + c.claim.record["denial_reason"]]
        follow.append(("claim.fu_appeal", "claim.fa_appeal"))
    else:
        answer = ["claim.pending"]
        follow.append(("claim.fu_when", "claim.fa_when"))
    return ["claim.ask"], answer, follow


def find_provider(c: Ctx) -> Script:
    rnd, v, plan = c.rnd, c.v, c.plan
    size = c.config.provider_population
    population = provider_population(c.config.seed, size)
    spec = pick(rnd, SPECIALTIES)
    want, noun = SPECIALTY_WORDS[spec]
    v.update(spec_want=want, spec_noun=noun, spec_lc=spec.lower(), oon_text=_OON_TEXT[plan.plan_type])
    other = pick(rnd, population)  # the provider the member asks about by NPI
    v.update(npi2=other.npi, pname2=other.provider_name)
    follow = [
        ("provider.fu_npi", "provider.fa_npi_in" if other.in_network(plan.plan_id) else "provider.fa_npi_out"),
        ("provider.fu_email", "provider.fa_email"),
    ]
    index = network_index(c.config.seed, size)
    candidates = (
        index.accepting_in_state.get((plan.plan_id, spec, c.member.state))  # nearby first
        or index.accepting.get((plan.plan_id, spec))
    )
    if not candidates:
        return ["provider.ask"], ["provider.none"], follow
    p = population[pick(rnd, candidates)]
    primary = spec in PRIMARY_CARE_SPECIALTIES
    key = "primary_care" if primary else ("mental_health" if spec == "Psychiatry" else "specialist")
    v.update(
        pname=p.provider_name,
        spec=spec,
        pcity=p.city,
        pstate=p.state,
        pphone=p.phone,
        npi=p.npi,
        visit_copay=usd(plan.copay(key)),
    )
    answer = ["provider.found", "provider.cost"]
    if plan.plan_type == "HMO" and not primary:
        answer.append("provider.referral")
    return ["provider.ask"], answer, follow + [("provider.fu_new", "provider.fa_new")]


def prior_auth(c: Ctx) -> Script:
    item, words = pick(c.rnd, PA_SERVICES)
    c.v["pa_svc"] = words
    follow = [("pa.fu_cost", "pa.fa_cost")]
    if item not in c.plan.prior_auth_required:
        return ["pa.ask"], ["pa.not_required"], follow
    c.v.update(pa=make_prior_auth(c.rnd), pa_date=fmt_date(c.day + timedelta(days=between(c.rnd, 20, 90)), 1))
    follow.append(("pa.fu_number", "pa.fa_approved" if c.rnd() < 0.6 else "pa.fa_pending"))
    return ["pa.ask"], ["pa.required"], follow


def pharmacy(c: Ctx) -> Script:
    drug, tier = pick(c.rnd, DRUGS)
    copay = c.plan.copay("brand_rx" if tier == "brand" else "generic_rx")
    c.v.update(drug=drug, drug_copay=usd(copay), drug90=usd(copay * 2))
    request = "rx.ask_hdhp" if c.plan.hdhp and c.rnd() < 0.6 else "rx.ask"
    answer = ["rx." + tier] + (["rx.hdhp"] if c.plan.hdhp else [])
    follow = [("rx.fu_ship", "rx.fa_ship")]
    if tier != "specialty":
        follow.append(("rx.fu_mail", "rx.fa_mail"))
    return [request], answer, follow


def billing(c: Ctx) -> Script:
    digits, shown = make_card(c.rnd)
    c.v.update(card=shown, card4=digits[-4:])
    premium = ("bill.premium", "bill.premium_done")
    if c.claim is None or c.rnd() < 0.3:
        return (
            ["bill.premium"],
            ["bill.premium_done"],
            [("benefits.fu_oop", "benefits.fa_oop"), ("benefits.fu_rx", "benefits.fa_rx")],
        )
    _claim_values(c)
    r = c.claim.record
    if r["status"] == "paid":
        in_net = c.claim.provider.in_network(c.plan.plan_id)
        answer = ["bill.in_network" if in_net else "bill.out_network"]
    elif r["status"] == "denied":
        answer = ["bill.denied", "remedy." + r["denial_reason"]]
    else:
        answer = ["bill.pending"]
    return ["bill.claim"], answer, [premium, ("claim.fu_eob", "claim.fa_eob")]


TOPIC_BUILDERS = {
    "benefits": benefits,
    "claim_status": claim_status,
    "find_provider": find_provider,
    "prior_auth": prior_auth,
    "pharmacy": pharmacy,
    "billing": billing,
}


def generic_followups(c: Ctx) -> list[tuple[str, str]]:
    """Side requests any conversation may drift into; they carry contact details, URLs and IPs."""
    extras = [("x.contact", "x.contact_ok"), ("x.portal", "x.portal_ok")]
    if c.rnd() < 0.15:
        extras.append(("x.ssn", "x.ssn_ok"))
    return extras
