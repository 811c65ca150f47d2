"""PII scrubber: each identifier type, the look-alikes it must keep, placeholders, roster variants,
and recall on a tiny generated feed (seed 31; the benchmark owns seed 1001 and 2026-08)."""

from __future__ import annotations

import itertools
import time
from datetime import date

import pytest

from lifecycle_core.feed import FeedConfig, labelled_conversations, parsed_records
from lifecycle_core.pii import PII_TYPES, Detection, PiiScrubber, Roster

ROSTER_ROWS = [
    {
        "member_id": "HM000000001",
        "first_name": "Maria",
        "last_name": "Lopez",
        "date_of_birth": "1975-03-04",
        "ssn": "123-45-6789",
        "phone": "(614) 293-7603",
        "email": "maria.lopez@gmail.com",
        "street": "12 Oak St",
        "city": "Columbus",
        "state": "OH",
        "zip": "43201",
    },
    {"member_id": "HM000000002", "first_name": "Will", "last_name": "Young", "date_of_birth": date(1961, 7, 9)},
    {"member_id": "HM000000003", "first_name": "Grace", "last_name": "Hope", "date_of_birth": "1990-12-01"},
]


@pytest.fixture(scope="module")
def scrubber() -> PiiScrubber:
    return PiiScrubber(Roster.from_rows(ROSTER_ROWS))


def kinds(scrubber: PiiScrubber, text: str) -> list[tuple[str, str]]:
    return [(d.pii_type, d.value) for d in scrubber.detect(text)]


def test_api_shape(scrubber):
    for t in (
        "MEMBER_NAME",
        "MEMBER_ID",
        "SSN",
        "PHONE",
        "EMAIL",
        "DATE_OF_BIRTH",
        "ADDRESS",
        "ZIP",
        "CLAIM_NUMBER",
        "NPI",
        "CARD_NUMBER",
        "PRIOR_AUTH_NUMBER",
        "MRN",
        "IP_ADDRESS",
        "URL",
    ):
        assert t in PII_TYPES
    assert len(Roster.from_rows(ROSTER_ROWS)) == 3
    dets = scrubber.detect("Hi, this is Maria Lopez, member ID HM123456789, phone 614-293-7603.")
    assert dets == sorted(dets, key=lambda d: d.start)
    assert all(a.end <= b.start for a, b in itertools.pairwise(dets))
    assert isinstance(dets[0], Detection)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("My member ID is HM123456789.", ("MEMBER_ID", "HM123456789")),
        ("Subscriber ID: XZ9876543210 please.", ("MEMBER_ID", "XZ9876543210")),
        ("Can you check claim CLM0123456789?", ("CLAIM_NUMBER", "CLM0123456789")),
        ("They said the authorization number is PA-12345678.", ("PRIOR_AUTH_NUMBER", "PA-12345678")),
        ("The hospital MRN: 00123456 is on the form.", ("MRN", "00123456")),
        ("My Social Security number is 123-45-6789.", ("SSN", "123-45-6789")),
        ("The last 4 of my SSN is 6789.", ("SSN", "6789")),
        ("Call me at (614) 293-7603.", ("PHONE", "(614) 293-7603")),
        ("Call me at 614.293.7603 tonight.", ("PHONE", "614.293.7603")),
        ("Call me at 6142937603 tonight.", ("PHONE", "6142937603")),
        ("Email me at maria.lopez@gmail.com.", ("EMAIL", "maria.lopez@gmail.com")),
        ("My date of birth is March 4, 1975.", ("DATE_OF_BIRTH", "March 4, 1975")),
        ("DOB 1975-03-04.", ("DATE_OF_BIRTH", "1975-03-04")),
        ("Can you check NPI 1234567893 for me?", ("NPI", "1234567893")),
        ("The number is 4111 1111 1111 1111.", ("CARD_NUMBER", "4111 1111 1111 1111")),
        ("Amex 3782-822463-10005 works.", ("CARD_NUMBER", "3782-822463-10005")),
        ("Paid with the card ending in 1111.", ("CARD_NUMBER", "1111")),
        ("It says my IP 73.12.4.250 was blocked.", ("IP_ADDRESS", "73.12.4.250")),
        (
            "I get an error at https://portal.example.com/login?member=HM123456789.",
            ("URL", "https://portal.example.com/login?member=HM123456789"),
        ),
    ],
)
def test_each_identifier_type(scrubber, text, expected):
    assert kinds(scrubber, text) == [expected]


def test_address_and_zip(scrubber):
    found = kinds(scrubber, "Send it to my home address, 4821 Maple Ave Apt 12, St. Louis, MO, 63101.")
    # The address runs through its ZIP, so one span covers it however it was labelled.
    assert found == [("ADDRESS", "4821 Maple Ave Apt 12, St. Louis, MO, 63101")]
    assert kinds(scrubber, "My zip is 43201.") == [("ZIP", "43201")]
    assert kinds(scrubber, "I need a dermatologist near 43201-1234 please.") == [("ZIP", "43201-1234")]


@pytest.mark.parametrize(
    "text",
    [
        "The provider billed $2,125.50 and the plan paid $1,614.29.",  # amounts, not phones
        "You owe $6142937603 which can't be right.",
        "That is 6142937603 dollars, apparently.",
        "The card number 4111 1111 1111 1112 was declined.",  # Luhn-invalid: not a card
        "NPI 1234567890 is not valid.",  # fails the NPI check digit
        "Procedure code 99213, diagnosis E11.9, service date 03/04/2026.",  # CPT looks like a ZIP; a service date
        "I will pay in May. I hope there's a grace period, and the bill said to mark it.",  # names that are common words
        "Will they see me if I've never been there? May I ask something?",
        "A good option is the Mark Twain Medical Center in Columbus, OH.",  # a facility named after a person
        "Your plan is Gold PPO 2026 with a $1,000.00 deductible and 20% coinsurance.",
        "Area 000-12-3456 is never issued.",  # invalid SSN area
    ],
)
def test_look_alikes_are_kept(scrubber, text):
    assert scrubber.detect(text) == []
    assert scrubber.scrub_messages([text]).messages == [text]


def test_roster_name_variants(scrubber):
    for text, name in [
        ("Hi, this is maria lopez.", "maria lopez"),
        ("MARIA   LOPEZ here.", "MARIA   LOPEZ"),
        ("Account holder: LOPEZ, MARIA.", "LOPEZ, MARIA"),
        ("Lopez,Maria called.", "Lopez,Maria"),
    ]:
        assert kinds(scrubber, text) == [("MEMBER_NAME", name)], text
    assert kinds(scrubber, "Hi Maria, I can help with that.") == [("MEMBER_NAME", "Maria")]
    assert kinds(scrubber, "Thank you, Maria, you're verified.") == [("MEMBER_NAME", "Maria")]
    roster_only = PiiScrubber(scrubber.roster, model=False)
    assert kinds(roster_only, "Maria said the bill was wrong.") == []  # the roster alone: a first name needs a greeting
    assert kinds(scrubber, "Maria said the bill was wrong.") == [("MEMBER_NAME", "Maria")]  # the name model: a subject


def test_clinicians_and_relatives_are_names(scrubber):
    # Not in the roster, still a person's name in training data and logs.
    assert kinds(scrubber, "A good option is Dr. Priya Raman in Columbus, OH.") == [("MEMBER_NAME", "Priya Raman")]
    assert ("MEMBER_NAME", "Tomasz Wiśniewski") in kinds(scrubber, "My father Tomasz Wiśniewski needs a refill.")


def test_common_word_names(scrubber):
    assert kinds(scrubber, "Hello, my name is Will Young.") == [("MEMBER_NAME", "Will Young")]
    assert kinds(scrubber, "Thanks, Will. Anything else?") == [("MEMBER_NAME", "Will")]
    assert kinds(scrubber, "Thanks, will do.") == []
    assert kinds(scrubber, "Good afternoon. Grace Hope here.") == [("MEMBER_NAME", "Grace Hope")]
    assert kinds(scrubber, "I hope grace periods apply.") == []


def test_lexicon_names_without_roster():
    bare = PiiScrubber()
    assert kinds(bare, "Hi, my name is Jennifer Wilkinson.") == [("MEMBER_NAME", "Jennifer Wilkinson")]
    assert kinds(bare, "Hi Kevin, I can help.") == [("MEMBER_NAME", "Kevin")]
    assert kinds(bare, "Will Price go up next year?") == []
    # Names the census lexicon lacks, taken from an introduction or a greeting.
    assert kinds(bare, "Hello, my name is Ngozi Okonkwo.") == [("MEMBER_NAME", "Ngozi Okonkwo")]
    assert kinds(bare, "Thanks, Aaliyah.") == [("MEMBER_NAME", "Aaliyah")]
    assert kinds(bare, "Hi There, I'm calling about my claim.") == []


def test_dob_needs_context(scrubber):
    convo = [
        "Hi, this is Maria Lopez.",
        "Can you confirm your date of birth?",
        "Sure, 03/04/1975.",
        "Claim CLM0123456789 was received on 03/04/2026.",
    ]
    found = scrubber.detect_messages(convo)
    assert [(d.pii_type, d.value) for d in found[2]] == [("DATE_OF_BIRTH", "03/04/1975")]
    assert [d.pii_type for d in found[3]] == ["CLAIM_NUMBER"]
    assert kinds(scrubber, "It's 12/01/1990.") == [("DATE_OF_BIRTH", "12/01/1990")]  # a roster birth date


def test_placeholders_are_consistent(scrubber):
    out = scrubber.scrub_messages(
        [
            "Hi, this is Maria Lopez. My number is (614) 293-7603.",
            "Thanks, Maria. Is 614-293-7603 still good? Also I see will young's account... Will Young?",
            "Text 216-555-0199 or email maria.lopez@gmail.com. Card 4111 1111 1111 1111.",
            "Done, the card ending in 1111 was charged. Take care, Maria.",
        ]
    )
    assert out.messages[0] == "Hi, this is [MEMBER_NAME]. My number is [PHONE]."
    assert out.messages[1].startswith("Thanks, [MEMBER_NAME]. Is [PHONE] still good?")
    assert out.messages[1].endswith("[MEMBER_NAME_2]?")
    assert out.messages[2] == "Text [PHONE_2] or email [EMAIL]. Card [CARD_NUMBER]."
    assert out.messages[3] == "Done, the card ending in [CARD_NUMBER] was charged. Take care, [MEMBER_NAME]."
    assert out.replacements["PHONE"] == 3 and out.replacements["CARD_NUMBER"] == 2


def test_idempotent(scrubber):
    texts = [
        "Hi, this is Maria Lopez, DOB 03/04/1975, SSN 123-45-6789, at 12 Oak St, Columbus, OH 43201.",
        "Thanks, Maria. NPI 1234567893, claim CLM0123456789, https://x.example.com/a, 73.12.4.250.",
    ]
    once = scrubber.scrub_messages(texts).messages
    again = scrubber.scrub_messages(once)
    assert again.messages == once and sum(again.replacements.values()) == 0
    assert "Maria" not in " ".join(once) and "43201" not in " ".join(once)


def _letters(i: int) -> str:
    return "".join("abcdefghijklmnopqrstuvwxyz"[i // 26**k % 26] for k in range(4))


def test_large_roster_builds_fast():
    rows = (
        {"first_name": "Qu" + _letters(i % 5000), "last_name": "Zo" + _letters(i), "date_of_birth": "1980-01-01"}
        for i in range(200_000)
    )
    t0 = time.perf_counter()
    roster = Roster.from_rows(rows)
    assert len(roster) == 200_000 and time.perf_counter() - t0 < 5.0
    name = f"QU{_letters(17).upper()}  ZO{_letters(17).upper()}"
    assert kinds(PiiScrubber(roster), f"Hello, this is {name}.") == [("MEMBER_NAME", name)]


def test_recall_on_a_tiny_generated_feed():
    config = FeedConfig(seed=31, conversations_per_day=60, member_population=300)
    day = date(2026, 3, 4)
    scrubber = PiiScrubber(Roster.from_rows(parsed_records(config, day, "members")))
    total = missed = 0
    for texts, spans in labelled_conversations(config, day):
        found = scrubber.detect_messages(texts)
        for s in spans:
            total += 1
            missed += not any(d.start < s.end and s.start < d.end for d in found[s.message_index])
        scrubbed = scrubber.scrub_messages(texts).messages
        for s in spans:
            assert s.value not in scrubbed[s.message_index] or len(s.value) <= 5, s
    assert total > 300 and missed == 0
