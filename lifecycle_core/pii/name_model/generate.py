"""Synthetic training sentences: member and agent support messages with labelled person names (PER) and
street addresses (ADDR), and many look-alikes that are not names (facilities, plans, drugs, cities,
everyday words that are also names).

Messages are built from segments (text, label) so labels keep exact character offsets through casing,
punctuation and typo noise. Frames are split into train and dev families by index, so the dev set is
made of frames the model never trained on.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import ClassVar

from .lexicon import Lexicon

Segment = tuple[str, str | None]  # (text, "PER" | "ADDR" | None)


@dataclass
class Example:
    text: str
    spans: list[tuple[int, int, str]]  # (start, end, "PER" | "ADDR")


def _lines(s: str) -> list[str]:
    return [line.strip() for line in s.strip().splitlines() if line.strip()]


# Origins of names and how often they come up (Faker locales grouped by language; "census" is the US list).
ORIGIN_WEIGHTS = {
    "census": 4.0, "en": 1.5, "es": 2.5, "pt": 1.0, "pl": 1.0, "vi": 1.0, "yo": 1.0, "tw": 0.8, "ig": 0.6,
    "ha": 0.4, "en_NG": 0.5, "zu": 0.5, "sw": 0.6, "en_KE": 0.6, "de": 1.0, "fr": 1.0, "it": 1.0, "tr": 0.8,
    "hu": 0.6, "cs": 0.5, "sk": 0.5, "ro": 0.6, "en_IN": 1.5, "en_PK": 0.6, "ga": 0.4, "en_IE": 0.5,
    "ja": 0.8, "zh": 0.8, "nl": 0.6, "da": 0.3, "no": 0.3, "sv": 0.3, "fi": 0.3, "is": 0.2, "id": 0.5,
    "hr": 0.4, "sl": 0.3, "az": 0.3, "uz": 0.3, "lt": 0.3, "lv": 0.3, "et": 0.3, "extra": 1.5,
}  # fmt: skip

HONORIFICS = ["Mr.", "Mrs.", "Ms.", "Miss", "Mr", "Mrs", "Ms", "mr", "mrs", "ms", "mr.", "ms.", "Mx."]
DOCTORS = ["Dr.", "Dr", "dr", "dr.", "Doctor", "doctor", "DR"]
RELATIVES = _lines("""
wife
husband
son
daughter
mom
mother
dad
father
brother
sister
grandson
granddaughter
grandma
grandmother
grandpa
aunt
uncle
niece
nephew
spouse
partner
fiance
stepson
stepdaughter
baby
little girl
little boy
oldest
youngest
mother in law
dependent
kid
""")
CLINICIAN_ROLES = _lines("""
nurse
therapist
case manager
pharmacist
care coordinator
physical therapist
counselor
midwife
nurse practitioner
social worker
""")
SUFFIXES = ["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", "jr", "sr"]
PARTICLE_SURNAMES = [
    "van der {L}", "Van der {L}", "van {L}", "Van {L}", "de la {L}", "De La {L}", "del {L}", "Del {L}", "da {L}",
    "dos {L}", "di {L}", "Di {L}", "De {L}", "O'{L}", "Mc{L}", "Mac{L}", "Al-{L}", "al-{L}", "El-{L}", "St. {L}",
    "Le {L}", "von {L}", "bin {L}",
]  # fmt: skip
FACILITY_PATTERNS = _lines("""
{L} Memorial Hospital
{F} {L} Medical Center
{L} Medical Center
St. {F}'s Hospital
St. {F}
Saint {F} Hospital
St {F}'s
{L} Family Pharmacy
{L} Pharmacy
{L} Clinic
{L}-{L2} Health
{L} & {L2} Orthopedics
{L} Regional Medical Center
{F} {L} Cancer Institute
{L} Labs
{L} Urgent Care
{L} Pediatrics
{L} Eye Center
{L} Dental Group
{L} Health System
{F} Garden Pharmacy
{CITY} General Hospital
{CITY} Children's Hospital
{L} Drugs
{L} Physicians Group
{L} Heart Institute
{L} Rehab Center
{L} Imaging
""")
BRANDS = _lines("""
Walgreens
CVS
Rite Aid
Kroger pharmacy
Costco pharmacy
Walmart pharmacy
Mayo Clinic
Cleveland Clinic
Johns Hopkins Hospital
Johns Hopkins
Cedars-Sinai
Kaiser Permanente
Mount Sinai
Baylor Scott & White
Sutter Health
Providence
Ascension
Banner Health
Intermountain
Geisinger
Quest Diagnostics
LabCorp
Optum Rx
Express Scripts
CVS Caremark
GoodRx
Teladoc
MinuteClinic
Duke Health
Emory
Vanderbilt
Dana-Farber
Memorial Sloan Kettering
Henry Ford Hospital
Barnes-Jewish
Ochsner
Scripps
Brigham and Women's
Mass General
Rose Garden Pharmacy
Mark Twain Medical Center
St. Jude
Lenox Hill
Shriners
Piedmont
Atrium Health
Advocate Aurora
Hackensack Meridian
Northwell
Wellstar
Parkland
Ronald McDonald House
Kessler Institute
""")
INSURERS = _lines("""
Humana
Aetna
Cigna
Anthem
Molina
UnitedHealthcare
Blue Cross
Blue Shield
Medicare
Medicaid
Tricare
Oscar
Ambetter
Kaiser
Highmark
Wellcare
""")
PLANS = _lines("""
Gold PPO
Silver HMO 2000
Bronze Saver
Advantage Plus
Medicare Advantage
Essential Care 500
Premier Choice
Platinum Select
Liberty Select
Harmony HMO
Summit PPO
Heritage Gold
Victory Basic
Horizon Silver
Freedom Flex
Evergreen Plan
Grace Premier
Jordan Valley EPO
""")
DRUGS = _lines("""
metformin
lisinopril
atorvastatin
Ozempic
Humira
Eliquis
Jardiance
Xarelto
Adderall
Zoloft
Lexapro
insulin glargine
gabapentin
amoxicillin
Trulicity
Wegovy
Mounjaro
Synthroid
prednisone
albuterol
Advair
Januvia
Lantus
Victoza
Dupixent
Enbrel
Keytruda
""")
CITIES = _lines("""
Austin
Jackson
Madison
Lincoln
Charlotte
Raleigh
Florence
Eugene
Tyler
Marion
Elizabeth
Savannah
Orlando
Phoenix
Dallas
Houston
Columbus
Denver
Augusta
Helena
Victoria
Tampa
Boise
Fresno
Tulsa
Omaha
Dayton
Toledo
Spokane
Richmond
Springfield
Franklin
Clinton
Georgetown
Salem
Chester
Warren
Troy
Aurora
San Antonio
Los Angeles
St. Louis
Fort Worth
El Paso
Grand Rapids
Sioux Falls
Little Rock
Baton Rouge
Des Moines
Cedar Rapids
Mount Vernon
Ann Arbor
""")
STATES = _lines("""
TX|Texas
OH|Ohio
CA|California
FL|Florida
NY|New York
GA|Georgia
NC|North Carolina
PA|Pennsylvania
IL|Illinois
MI|Michigan
AZ|Arizona
WA|Washington
VA|Virginia
IN|Indiana
MO|Missouri
TN|Tennessee
WI|Wisconsin
MN|Minnesota
CO|Colorado
AL|Alabama
KY|Kentucky
OR|Oregon
OK|Oklahoma
LA|Louisiana
NM|New Mexico
ME|Maine
""")
STREET_WORDS = _lines("""
Main
Oak
Maple
Pine
Cedar
Elm
Washington
Lake
Hill
Park
Church
Walnut
Sunset
Highland
Ridge
Mill
River
Spring
Meadow
Forest
Valley
Cherry
Willow
Dogwood
Magnolia
Peachtree
Broad
Market
Union
Center
Jefferson
Lincoln
Franklin
Madison
Johnson
1st
2nd
3rd
4th
5th
12th
21st
42nd
Old Mill
Country Club
Martin Luther King Jr
MLK
Cesar Chavez
County Road 12
State Route 9
Rolling Hills
Quail Run
""")
STREET_TYPES = _lines("""
St
St.
Street
Ave
Ave.
Avenue
Rd
Road
Blvd
Boulevard
Ln
Lane
Dr
Drive
Ct
Court
Pl
Way
Ter
Cir
Circle
Pkwy
Hwy
Trl
Loop
Pike
""")
UNITS = ["Apt {n}", "apt {n}", "Apt. {n}{a}", "#{n}", "# {n}", "Unit {n}", "unit {a}", "Ste {n}", "Suite {n}",
         "Apt {a}", "Bldg {n}", "Lot {n}", "apartment {n}", "Fl {n}", "Rm {n}"]  # fmt: skip
AGENT_COMPANIES = ["Heartland Mutual", "member services", "Member Services", "the claims team", "HealthFirst",
                   "customer care", "the pharmacy desk", "Heartland", "benefits support"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "monday", "friday", "tuesday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "jan", "feb", "march", "april", "may", "june", "aug", "sept", "oct", "nov"]  # fmt: skip

# ---- frames. Slots: {NAME} full name, {FIRST} first name, {LAST} surname, {REV} "LAST, FIRST",
# {HON} honorific, {DOC} clinician ("Dr. Okafor"), {REL} relative word, {ADDR} street address,
# {FAC} facility, {INS} insurer, {PLAN}, {DRUG}, {CITY}, {STATE}, {DATE}, {NUM}, {ID}, {PHONE}, {MONTH},
# {DAY}, {CO} support team, {ANY} any name form.
OPENERS = _lines("""
hi
hello
hey
hi there,
good morning,
good afternoon
hello,
Hi {FIRST},
Hi {FIRST}!
hi {FIRST}
hey {FIRST}
Hello {FIRST},
Dear {HON} {LAST},
Dear {NAME},
Dear {FIRST},
Hello {HON} {LAST},
Good morning {FIRST},
Good afternoon {HON} {LAST},
{FIRST} here.
{FIRST} here,
this is {NAME}.
this is {FIRST}
Hi, this is {NAME}
Hi, my name is {NAME}.
my name is {NAME}
My name is {FIRST} and
Name: {NAME}
name: {REV}
Member: {REV}
Patient name: {NAME}
Hello, I'm {NAME}
im {FIRST}
hi its {FIRST} again
Greetings,
To whom it may concern,
Hi team,
Hey guys,
yo
Good evening,
Hi all,
Hello again,
Dear Sir or Madam,
Morning!
Hey there!
Hi, quick question.
Hello support,
URGENT:
Re: my claim
Question about billing
""")
# Left and right contexts of a name mention, combined freely ("i spoke with {FIRST} yesterday").
MENTION_LEFT = _lines("""
i spoke with
I talked to
talked w/
your rep
the agent
ask
tell
please have
cc
per
from
for
with
and
called
named
my {REL}
my {REL},
our {REL}
her {REL}
his {REL}
the patient,
member
patient
I'm helping
I'm the guardian of
on behalf of
this message is for
can you call
I emailed
I left a message for
forwarding this to
according to
me and
along with
including
except
""")
MENTION_RIGHT = _lines("""
yesterday
said it was fine
called me
is on my plan
was denied
has a new card
needs a refill
wants to know why
's claim
's prescription
's appointment
(my {REL})
, my {REL},
and I
today
on monday
about the bill
at the front desk
from billing
again
last week
back
this morning
asap
about this
twice
at {PHONE}
is covered right?
too
was very rude
was super helpful
just turned 26
and her kids
and the kids
said to call
""")
CLOSERS_EXTRA = _lines("""
Best,
Kind regards
Thanks a lot!!
Cheers!
Sincerely,\nA frustrated member
thank you for your time
have a good one
""")
AGENT_OPENERS = _lines("""
Hi {FIRST}, thanks for reaching out.
Hello {HON} {LAST}, thank you for contacting {CO}.
Good afternoon {FIRST}, my name is {FIRST} and I'll be helping you today.
Hi {FIRST}, this is {FIRST} with {CO}.
Thanks for your patience, {FIRST}.
Hello {NAME}, I'm {FIRST} from {CO}.
Hi {HON} {LAST},
Thank you {FIRST}!
Welcome back, {FIRST}.
Hi {FIRST} - I can help with that.
Dear {HON} {LAST}, thank you for your message.
Hello, you're chatting with {FIRST} from {CO}.
""")
CLOSERS = (
    _lines("""
thanks
thanks!
thank you
thx
ty
thanks so much {FIRST}!
thank you {FIRST}
thanks {FIRST}
Regards,\\n{NAME}
Regards,\\n{FIRST}
Sincerely,\\n{NAME}
Sincerely, {NAME}
- {FIRST}
-{FIRST}
-- {NAME}
cheers, {FIRST}
Best,\\n{FIRST}
best, {FIRST}
Thanks,\\n{NAME}\\nMember ID {ID}
{NAME}\\n{PHONE}
thanks again
appreciate it
Thank you for your help.
Respectfully,\\n{HON} {NAME}
Warm regards, {NAME}
Thx {FIRST}
ok bye
""")
    + CLOSERS_EXTRA
)
AGENT_CLOSERS = _lines("""
Best regards,\\n{FIRST}\\n{CO}
- {FIRST}, {CO}
Thanks, {FIRST}
Have a great day, {FIRST}!
Take care {HON} {LAST}.
Sincerely,\\n{NAME}, Member Advocate
{FIRST} | {CO}
Is there anything else I can help with today, {FIRST}?
Regards, {FIRST}
""")
BODIES = _lines("""
I'm calling about a claim for my {REL} {FIRST}.
my {REL} {FIRST} needs a refill on {DRUG}
my {REL}'s name is {NAME}
Can you check the claim status for {NAME}?
can u check claim for {NAME} pls
I need to add my {REL}, {NAME}, to my plan.
The member is {NAME}, date of birth {DATE}.
{REV} is the name on the card
the card says {NAME} but it should be {NAME}
please update my address to {ADDR}
my new address is {ADDR}
send the card to {ADDR}
I moved to {ADDR} last {MONTH}
mail it to {ADDR} please
Address on file: {ADDR}
we live at {ADDR}
can you ship it to {ADDR}?
{DOC}'s office says the prior auth is still pending
{DOC} referred me to {FAC}
saw {DOC} at {FAC} on {DAY}
my pcp is {DOC} and she is in network right?
Is {DOC} in network?
the nurse, {FIRST}, told me to call you
I spoke with {FIRST} yesterday and she said it was approved
your agent {FIRST} said the claim was fixed
I talked to someone named {FIRST} on {DAY}
{FIRST} from billing was very helpful
my {REL} {NAME} was seen at {FAC}
{NAME} is my {REL} and i am her caregiver
I'm calling on behalf of my {REL} {NAME}
my {REL} {FIRST} and my {REL} {FIRST} both need new cards
ask for {HON} {LAST} at the front desk
{HON} {LAST} called me back about the denial
her {CLINROLE}, {NAME}, faxed the forms
The {CLINROLE} {FIRST} said I need a referral.
it's spelled {SPELLED}
my last name is {LAST}, first name {FIRST}
last name {LAST} first {FIRST}
the policy holder is {NAME}
subscriber: {NAME}
{NAME} - member id {ID}
{NAME} {ID}
patient: {REV}
hi is this {FIRST}?
thank you so much {FIRST} you were a huge help
can i speak to {FIRST} again
Why was my claim denied? {DOC} said it was medically necessary.
{FIRST} and I both have the {PLAN} plan
my {REL} ({FIRST}) has an appointment with {DOC} on {MONTH} {NUM}
i need a new id card for {FIRST}
is {DRUG} covered for my {REL} {FIRST}
{NAME} called earlier about this
{ANY}'s claim from {MONTH} {NUM} is still open
please cancel the appointment for {ANY}
I am writing on behalf of {NAME}, my {REL}.
I'm {FIRST}'s {REL}, can I get info on her claim?
the doctor is {DOC} at {FAC} in {CITY}
{DOC} and {DOC} are both listed as out of network
sent from {NAME}'s phone
this is for {ANY}
Claim for {ANY} was denied twice
referral from {DOC} to {DOC}
{NAME}, {ADDR}
""")
NEGATIVE_BODIES = _lines("""
will this be covered under my plan?
may I ask about the grace period for my premium?
can you mark this as urgent
I got a bill for ${NUM} from {FAC}
my appointment is {MONTH} {NUM}th
the april 3rd appointment was moved
it's sunny in {CITY} today so i'm going out
we had a frank discussion about costs with the doctor
I switched from {INS} to you in {MONTH}
{FAC} sent me a bill I don't understand
is {DRUG} covered under the {PLAN} plan?
I picked up my {DRUG} at {FAC}
{FAC} says my insurance is inactive
my prescription was transferred to {FAC}
does {PLAN} cover visits to {FAC}?
I was at {FAC} in {CITY} last week
{INS} used to cover this
the bill says I owe $ {NUM}
I will call back tomorrow
you may need a prior authorization
hope you can help
I hope this gets fixed soon
the grace period ends on {MONTH} {NUM}
please mark the claim as resolved
my kidney stone surgery was at {FAC}
x-ray and lab work were done at {FAC}
we drove 40 miles to {FAC}
there's a long wait at {FAC} urgent care
i have a king size problem with this bill lol
the price of {DRUG} went up
it was a rich experience dealing with this
my copay was $ {NUM} at {FAC}
I live in {CITY}, {STATE}
we're moving to {CITY} in {MONTH}
can I see a specialist in {CITY}?
do you have providers near {CITY}?
the case number is {ID}
please rush this, my {DRUG} runs out {DAY}
{FAC} is out of network?
will the {PLAN} plan cover {DRUG}
my {REL} has {PLAN} too
what does {INS} charge for this
i was told by member services to call {FAC}
I'm so frustrated, this is the third time I'm calling!!!
my card hasn't arrived yet
the EOB from {MONTH} shows a balance of ${NUM}
why did my premium go up
I need a new card
what's my deductible
how do i find an in network dentist
is urgent care covered
we went to the ER at {FAC} on {DAY}
the doctor at {FAC} wants an MRI
the pharmacy at {FAC} said the claim was rejected
Baylor Scott & White billed me twice
I used GoodRx instead
can I get a 90 day supply of {DRUG}
my {REL} was born at {FAC} in {MONTH}
I have a follow up with cardiology on {DAY}
the summer hours at the clinic are short
the physician assistant said to call
the ward nurse called me
I'll park in the garage and come in
it was just a rose bush in the photo lol
send me a copy of the bill please
the amber alert went off during my call lol
he's a good guy, the pharmacist
the ID card shows {PLAN}
the hunter green form? the white one?
i'm at 123 over 80 blood pressure now
my member id is {ID}
call me at {PHONE}
Can someone from billing call me back?
the address on file is wrong
please update my address
the claim was for {NUM} dollars
I need to change my PCP
it is sunny and hot here
is it sunny there today
he was frank with me about the cost
she is hopeful the appeal works
it is what it is
that is fine by me
is {INS} better than {INS}
my doctor was very frank
this is {INS} right?
this is urgent
this is ridiculous
my name is on the account
the name on the card is wrong
what name is on the claim
""")
SPELLINGS = ["{L-spaced}", "{L-dashed}"]

_SLOT = re.compile(r"\{([A-Z]+)\}")


class Generator:
    def __init__(self, lex: Lexicon, seed: int, split: str = "train", name_pool: set[str] | None = None):
        """split: "train" or "dev" (disjoint frame families). name_pool: if given, names whose every token
        is in this set are preferred at rate 0.5 (the dev set's names the lexicon lacks)."""
        self.rng = random.Random(seed)
        self.split = split
        self.origins: list[str] = []
        self.weights: list[float] = []
        self.first: dict[str, list[str]] = {}
        self.last: dict[str, list[str]] = {}
        for origin in lex.names["first"]:
            group = self._group(origin)
            firsts = [n for n in lex.names["first"][origin] if " " not in n or group == "ga"]
            lasts = lex.names["last"].get(origin, [])
            if not firsts or not lasts:
                continue
            self.origins.append(origin)
            w = ORIGIN_WEIGHTS.get(group, 0.3)
            self.weights.append(w / sum(self._group(o) == group for o in lex.names["first"] if o in lex.names["last"]))
            self.first[origin] = firsts
            self.last[origin] = lasts
        self.all_last = sorted({n for v in self.last.values() for n in v})
        self.all_first = sorted({n for v in self.first.values() for n in v})
        self.pool_first = self.pool_last = None
        if name_pool is not None:
            from .lexicon import _tokens, fold

            def pooled(names):
                return [n for n in names if all(fold(t) in name_pool for t in _tokens(n))] or None

            self.pool_first = pooled(self.all_first)
            self.pool_last = pooled(self.all_last)

        def pick(frames: list[str]) -> list[str]:
            keep = [f for i, f in enumerate(frames) if (i % 5 == 3) == (split == "dev")]
            return keep or frames

        self.openers = pick(OPENERS)
        self.agent_openers = pick(AGENT_OPENERS)
        self.closers = pick(CLOSERS)
        self.agent_closers = pick(AGENT_CLOSERS)
        self.bodies = pick(BODIES)
        self.neg_bodies = pick(NEGATIVE_BODIES)
        self.mention_left = pick(MENTION_LEFT)
        self.mention_right = pick(MENTION_RIGHT)
        self.facility_patterns = pick(FACILITY_PATTERNS)
        self.brands = BRANDS if split == "train" else pick(BRANDS)

    @staticmethod
    def _group(origin: str) -> str:
        if origin in ("en_NG", "en_KE", "en_IN", "en_PK", "en_IE"):
            return origin
        return origin.split("_")[0]

    # ---- names
    def _origin(self) -> str:
        return self.rng.choices(self.origins, self.weights)[0]

    def first_name(self, origin: str | None = None) -> str:
        if self.pool_first and self.rng.random() < 0.5:
            return self.rng.choice(self.pool_first)
        return self.rng.choice(self.first[origin or self._origin()])

    def last_name(self, origin: str | None = None) -> str:
        if self.pool_last and self.rng.random() < 0.5:
            return self.rng.choice(self.pool_last)
        r = self.rng.random()
        base = self.rng.choice(self.last[origin or self._origin()])
        if r < 0.07:
            return f"{base}-{self.rng.choice(self.last[origin or self._origin()])}"
        if r < 0.12 and " " not in base:
            return self.rng.choice(PARTICLE_SURNAMES).format(L=base)
        return base

    def full_name(self) -> list[Segment]:
        rng = self.rng
        o = self._origin()
        first, last = self.first_name(o), self.last_name(o)
        r = rng.random()
        if r < 0.45:
            text = f"{first} {last}"
        elif r < 0.55:
            text = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}{rng.choice(['.', '', '.'])} {last}"
        elif r < 0.62:
            text = f"{first} {self.first_name(o)} {last}"
        elif r < 0.69:
            text = f"{first} {last}{rng.choice([' ', ', ', ' '])}{rng.choice(SUFFIXES)}"
        elif r < 0.74:
            text = f"{first[0]}{rng.choice(['.', '', '. '])} {last}".replace("  ", " ")
        elif r < 0.77:
            a, b = rng.sample("ABCDEJKLMRST", 2)
            text = f"{rng.choice([f'{a}.{b}.', f'{a}{b}', f'{a}. {b}.'])} {last}"
        elif r < 0.81:
            text = f"{first} {last} {self.last_name(o)}"
        elif r < 0.84:
            text = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last} {rng.choice(['III', 'Jr.', 'II', 'Sr.'])}"
        elif r < 0.87 and o.startswith("vi"):
            text = f"{last} {first}"
        else:
            text = f"{first} {last}"
        return [(text, "PER")]

    def rev_name(self) -> list[Segment]:
        o = self._origin()
        last, first = self.last_name(o), self.first_name(o)
        if self.rng.random() < 0.5:
            last, first = last.upper(), first.upper()
        sep = self.rng.choice([", ", ",", " , ", ", "])
        extra = f" {self.rng.choice('ABCDEJKLMRST')}." if self.rng.random() < 0.2 else ""
        return [(f"{last}{sep}{first}{extra}", "PER")]

    def any_name(self) -> list[Segment]:
        r = self.rng.random()
        if r < 0.5:
            return self.full_name()
        if r < 0.75:
            return [(self.first_name(), "PER")]
        if r < 0.9:
            return [(self.rng.choice(HONORIFICS) + " ", None), (self.last_name(), "PER")]
        return self.rev_name()

    def doctor(self) -> list[Segment]:
        r = self.rng.random()
        title = self.rng.choice(DOCTORS) + " "
        if r < 0.6:
            return [(title, None), (self.last_name(), "PER")]
        if r < 0.85:
            return [(title, None), *self.full_name()]
        return [*self.full_name(), (self.rng.choice([", MD", " MD", ", DO", " NP", ", PA-C"]), None)]

    # ---- addresses
    def address(self) -> list[Segment]:
        rng = self.rng
        r = rng.random()
        num = str(rng.choice([rng.randint(1, 99), rng.randint(100, 9999), rng.randint(10000, 99999)]))
        if r < 0.12:
            street = rng.choice(["PO Box", "P.O. Box", "po box", "P O Box", "Post Office Box", "POB", "box"])
            street += f" {rng.randint(1, 99999)}"
        elif r < 0.18:
            street = rng.choice(["RR {a} Box {b}", "Rural Route {a}", "rr {a} box {b}", "HC {a} Box {b}",
                                 "Route {a} Box {b}"]).format(a=rng.randint(1, 9), b=rng.randint(1, 999))  # fmt: skip
        else:
            name = rng.choice(STREET_WORDS) if rng.random() < 0.7 else rng.choice(self.all_last)
            parts = [num]
            if rng.random() < 0.15:
                parts.append(rng.choice(["N", "S", "E", "W", "North", "South", "N.", "NE", "SW"]))
            parts.append(name)
            if rng.random() < 0.93:
                parts.append(rng.choice(STREET_TYPES))
            if rng.random() < 0.06:
                parts.append(rng.choice(["NE", "NW", "SE", "SW", "E"]))
            street = " ".join(parts)
            if rng.random() < 0.25:
                unit = rng.choice(UNITS).format(n=rng.randint(1, 450), a=rng.choice("ABCDEF"))
                street += rng.choice([" ", ", "]) + unit
        out: list[Segment] = []
        r2 = rng.random()
        if r2 < 0.55:
            abbr, full = rng.choice(STATES).split("|")
            state = abbr if rng.random() < 0.65 else full
            sep = rng.choice([", ", " ", ", "])
            text = f"{street}{sep}{rng.choice(CITIES)}{rng.choice([', ', ' ', ', '])}{state}"
        elif r2 < 0.7:
            text = f"{street}{rng.choice([', ', ' '])}{rng.choice(CITIES)}"
        else:
            text = street
        out.append((text, "ADDR"))
        if rng.random() < 0.4:
            z = f"{rng.randint(10000, 99999)}"
            out.append((" " + z + (f"-{rng.randint(1000, 9999)}" if rng.random() < 0.1 else ""), None))
        return out

    # ---- other slots
    def facility(self) -> str:
        rng = self.rng
        if rng.random() < 0.45:
            return rng.choice(self.brands)
        pat = rng.choice(self.facility_patterns)
        return pat.format(
            F=self.first_name(), L=self.last_name(), L2=self.last_name(), CITY=rng.choice(CITIES)
        ).replace("St. St.", "St.")

    def spelled(self) -> list[Segment]:
        name = self.last_name() if self.rng.random() < 0.6 else self.first_name()
        letters = [c for c in name.upper() if c.isalpha()]
        sep = self.rng.choice([" ", "-", " - ", ""])
        if sep == "":
            return [(name, "PER")]
        return [(name, "PER"), (" " + sep.join(letters), None)] if self.rng.random() < 0.5 else [(name, "PER")]

    def fill(self, slot: str) -> list[Segment]:
        rng = self.rng
        if slot == "NAME":
            return self.full_name()
        if slot == "FIRST":
            return [(self.first_name(), "PER")]
        if slot == "LAST":
            return [(self.last_name(), "PER")]
        if slot == "REV":
            return self.rev_name()
        if slot == "ANY":
            return self.any_name()
        if slot == "DOC":
            return self.doctor()
        if slot == "ADDR":
            return self.address()
        if slot == "SPELLED":
            return self.spelled()
        simple = {
            "HON": lambda: rng.choice(HONORIFICS),
            "REL": lambda: rng.choice(RELATIVES),
            "CLINROLE": lambda: rng.choice(CLINICIAN_ROLES),
            "FAC": self.facility,
            "INS": lambda: rng.choice(INSURERS),
            "PLAN": lambda: rng.choice(PLANS),
            "DRUG": lambda: rng.choice(DRUGS),
            "CITY": lambda: rng.choice(CITIES),
            "STATE": lambda: rng.choice(STATES).split("|")[rng.random() < 0.5],
            "DATE": lambda: f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(1940, 2020)}",
            "NUM": lambda: str(rng.randint(1, 30)) if rng.random() < 0.6 else str(rng.randint(31, 2000)),
            "ID": lambda: rng.choice(["HM", "W", "XJ", ""]) + str(rng.randint(10**7, 10**9)),
            "PHONE": lambda: f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
            "MONTH": lambda: rng.choice(MONTHS),
            "DAY": lambda: rng.choice(DAYS),
            "CO": lambda: rng.choice(AGENT_COMPANIES),
        }
        return [(simple[slot](), None)]

    def render(self, frame: str) -> list[Segment]:
        out: list[Segment] = []
        pos = 0
        frame = frame.replace("\\n", "\n")
        for m in _SLOT.finditer(frame):
            if m.start() > pos:
                out.append((frame[pos : m.start()], None))
            out += self.fill(m.group(1))
            pos = m.end()
        if pos < len(frame):
            out.append((frame[pos:], None))
        return out

    def mention(self) -> list[Segment]:
        rng = self.rng
        slot = rng.choice(["{FIRST}", "{FIRST}", "{NAME}", "{ANY}", "{DOC}", "{HON} {LAST}"])
        left = rng.choice(self.mention_left) + " " if rng.random() < 0.85 else ""
        right = rng.choice(self.mention_right) if rng.random() < 0.85 else ""
        if right and not right.startswith(("'", ",")):
            right = " " + right
        frame = left + slot + right
        if rng.random() < 0.3:
            frame = frame + " " + rng.choice(self.neg_bodies)
        elif rng.random() < 0.2:
            frame = rng.choice(self.neg_bodies) + " " + frame
        return self.render(frame)

    # ---- messages
    def message(self) -> Example:
        rng = self.rng
        agent = rng.random() < 0.3
        parts: list[list[Segment]] = []
        if rng.random() < 0.55:
            parts.append(self.render(rng.choice(self.agent_openers if agent and rng.random() < 0.7 else self.openers)))
        n_body = rng.choice([1, 1, 1, 2, 2, 3])
        for _ in range(n_body):
            r = rng.random()
            if r < 0.4:
                parts.append(self.render(rng.choice(self.neg_bodies)))
            elif r < 0.6:
                parts.append(self.mention())
            else:
                parts.append(self.render(rng.choice(self.bodies)))
        if rng.random() < 0.45:
            parts.append(self.render(rng.choice(self.agent_closers if agent and rng.random() < 0.7 else self.closers)))
        segs: list[Segment] = []
        for k, p in enumerate(parts):
            if k:
                segs.append((rng.choice([" ", " ", "  ", "\n", ". ", " ", ", ", "\n\n"]), None))
            segs += p
        return self._noise(segs)

    def _noise(self, segs: list[Segment]) -> Example:
        rng = self.rng
        r = rng.random()
        mode = "keep" if r < 0.5 else "lower" if r < 0.74 else "upper" if r < 0.82 else "chat"
        strip_punct = rng.random() < 0.15
        names_lower = mode == "keep" and rng.random() < 0.1
        names_upper = mode == "keep" and rng.random() < 0.05
        out: list[Segment] = []
        for text, label in segs:
            if label is None:
                text = self._noise_words(text, chat=mode == "chat")
                if strip_punct:
                    text = re.sub(r"[,.!?;]", "", text)
            elif rng.random() < 0.02 and len(text) > 4:
                i = rng.randrange(1, len(text) - 1)
                if text[i].isalpha() and text[i + 1].isalpha():
                    text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]  # a typo in the name
            if mode in ("lower", "chat") or (names_lower and label == "PER"):
                text = _safe_case(text, str.lower)
            elif mode == "upper" or (names_upper and label == "PER"):
                text = _safe_case(text, str.upper)
            out.append((text, label))
        text, spans, pos = "", [], 0
        for seg, label in out:
            if label and seg.strip():
                lead = len(seg) - len(seg.lstrip())
                spans.append((pos + lead, pos + len(seg.rstrip()), label))
            text += seg
            pos += len(seg)
        return Example(text, spans)

    _CHAT: ClassVar[dict[str, str]] = {"you": "u", "please": "pls", "thanks": "thx", "are": "r", "because": "bc", "your": "ur",
             "with": "w/", "okay": "ok", "tomorrow": "tmrw", "know": "kno", "people": "ppl", "really": "rly",
             "about": "abt", "what": "wat", "i'm": "im", "don't": "dont", "can't": "cant"}  # fmt: skip

    def _noise_words(self, text: str, chat: bool) -> str:
        rng = self.rng
        words = text.split(" ")
        for i, w in enumerate(words):
            lw = w.lower()
            if chat and lw in self._CHAT and rng.random() < 0.6:
                words[i] = self._CHAT[lw]
            elif len(w) > 3 and w.isalpha() and rng.random() < 0.03:
                j = rng.randrange(1, len(w) - 1)
                words[i] = w[:j] + w[j + 1 :] if rng.random() < 0.5 else w[:j] + w[j] + w[j:]
        text = " ".join(words)
        if chat and rng.random() < 0.3:
            text = text.replace(", ", ",")
        return text


def _safe_case(text: str, fn) -> str:
    """Change case without changing the length (offsets must hold): "ß".upper() is two letters."""
    out = fn(text)
    return out if len(out) == len(text) else "".join(c if len(fn(c)) != 1 else fn(c) for c in text)


def generate(lex: Lexicon, n: int, seed: int, split: str = "train", name_pool: set[str] | None = None):
    gen = Generator(lex, seed, split, name_pool)
    return [gen.message() for _ in range(n)]
