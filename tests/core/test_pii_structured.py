"""Structured PII detectors on hand-written support-message styles: each class in many shapes and
cases, and the look-alikes that must stay unflagged. A value counts as found when detections of its
type cover >= 90% of its characters (an ADDRESS detection may cover a ZIP)."""

from __future__ import annotations

import pytest

from lifecycle_core.pii import PiiScrubber
from lifecycle_core.pii.checks import normalize_date
from lifecycle_core.pii.detection import resolve
from lifecycle_core.pii.structured import detect_structured


def found(text: str, dob_hint: bool = False):
    return resolve(detect_structured(text, dob_hint))


def coverage(text: str, value: str, pii: str, dob_hint: bool = False) -> float:
    start = text.index(value)
    ok = {"ADDRESS", "ZIP"} if pii == "ZIP" else {pii}
    covered = set()
    for d in found(text, dob_hint):
        if d.pii_type in ok:
            covered.update(range(max(d.start, start), min(d.end, start + len(value))))
    return len(covered) / len(value)


def check(text: str, value: str, pii: str, dob_hint: bool = False) -> None:
    got = [(d.pii_type, d.value) for d in found(text, dob_hint)]
    assert coverage(text, value, pii, dob_hint) >= 0.9, (text, got)


MEMBER_IDS = [
    ("my member id is XGH882910344", "XGH882910344"),
    ("Member ID: W2849 1103 7 thanks", "W2849 1103 7"),
    ("member id 884-221-0930", "884-221-0930"),
    ("MEMBER ID ZQM-44-81920", "ZQM-44-81920"),
    ("member id 448129017", "448129017"),
    ("my id# is 7782 9910 22", "7782 9910 22"),
    ("subscriber no: 00123456789", "00123456789"),
    ("the id on my card 9912-33 is what they gave me", "9912-33"),
    ("dependent id H48829102-01 for my son", "H48829102-01"),
    ("dependent 884221093 02 is my daughter", "884221093 02"),
    ("mbr id 554433221*01", "554433221*01"),
    ("medicare number 1EG4-TE5-MK73", "1EG4-TE5-MK73"),
    ("my MBI is 1EG4TE5MK73", "1EG4TE5MK73"),
    ("mbi: 2ab9-cd1-ef23 pls", "2ab9-cd1-ef23"),
    ("medicaid 123456789012", "123456789012"),
    ("Medicaid ID AB12345C", "AB12345C"),
    ("my medicaid # is NY44819203", "NY44819203"),
    ("my member ID, which is on the front of the card, is KZT44819020", "KZT44819020"),
    ("XGH882910344 is my member id", "XGH882910344"),
    ("insurance id number: 99812233445", "99812233445"),
    ("policy # 8821-4490-12", "8821-4490-12"),
    ("beneficiary id 7731902245a", "7731902245a"),
    ("ID#448129017", "ID#448129017"),
    ("hi my id is jkl882910344 can u check", "jkl882910344"),
    ("hey, check YHB5520019921 plz", "YHB5520019921"),
    ("the number on my insurance card is 12-448-9901", "12-448-9901"),
    ("MY SUBSCRIBER ID IS QRS 77120934".replace("QRS ", "QRS"), "QRS77120934"),
    ("member#: 6610-2281-903", "6610-2281-903"),
    ("Medicare card says 5TP8-XR2-WY41", "5TP8-XR2-WY41"),
    ("member id 6142937603 and the phone is different", "6142937603"),
]


@pytest.mark.parametrize("text, value", MEMBER_IDS)
def test_member_ids(text, value):
    check(text, value, "MEMBER_ID")


CLAIMS = [
    ("claim 2026-0412-88731 was denied", "2026-0412-88731"),
    ("claim # 26A1234567", "26A1234567"),
    ("CLM#88213 still pending", "CLM#88213"),
    ("my claim number is C-99281734", "C-99281734"),
    ("EOB ref K4821-99 says I owe", "K4821-99"),
    ("ICN 2225123456789", "2225123456789"),
    ("the internal control number is 22251234567890", "22251234567890"),
    ("reference number for my claim is 771203945", "771203945"),
    ("claim no. 00012345678", "00012345678"),
    ("clm 20260304-1177", "20260304-1177"),
    ("CLAIM ID: XJ-2026-441908", "XJ-2026-441908"),
    ("what about claim CLM0123456789?", "CLM0123456789"),
    ("my eob for 2026A00441 is wrong", "2026A00441"),
    ("icn: 4111111111111111", "4111111111111111"),  # Luhn-valid but the cue says claim
    ("whats up with clm 99-8812-334", "99-8812-334"),
]


@pytest.mark.parametrize("text, value", CLAIMS)
def test_claim_numbers(text, value):
    check(text, value, "CLAIM_NUMBER")


AUTHS = [
    ("prior auth PA-12345678", "PA-12345678"),
    ("auth # 88213004", "88213004"),
    ("the authorization number is A77812093", "A77812093"),
    ("pre-cert 2026-00881", "2026-00881"),
    ("PRECERTIFICATION #: PC-448120", "PC-448120"),
    ("referral number R-4481920", "R-4481920"),
    ("can you look up PA-99120044?", "PA-99120044"),
    ("my preauth is 551203", "551203"),
    ("they gave me auth 2026PA00412", "2026PA00412"),
]


@pytest.mark.parametrize("text, value", AUTHS)
def test_prior_auth_numbers(text, value):
    check(text, value, "PRIOR_AUTH_NUMBER")


MRNS = [
    ("MRN 00123456", "00123456"),
    ("my medical record number is A1234567", "A1234567"),
    ("chart # 445566", "445566"),
    ("patient id at the hospital: 88-1234-5", "88-1234-5"),
    ("mrn: mr0098812", "mr0098812"),
    ("the hospital number is 7731009", "7731009"),
    ("MEDICAL RECORD # E-882190", "E-882190"),
]


@pytest.mark.parametrize("text, value", MRNS)
def test_mrns(text, value):
    check(text, value, "MRN")


SSNS = [
    ("ssn 123456789", "123456789"),
    ("social is 123 45 6789", "123 45 6789"),
    ("SS# 123-45-6789", "123-45-6789"),
    ("last 4 of ss 1234", "1234"),
    ("my social security number: 234-56-7890", "234-56-7890"),
    ("SSN:345678901", "345678901"),
    ("last four of my social are 4321", "4321"),
]


@pytest.mark.parametrize("text, value", SSNS)
def test_ssns(text, value):
    check(text, value, "SSN")


PHONES = [
    ("call me at 614/293-7603", "614/293-7603"),
    ("my cell is +1 614 293 7603", "+1 614 293 7603"),
    ("fax 614.293.7604", "614.293.7604"),
    ("(614)293-7603 x204", "(614)293-7603 x204"),
    ("office 614-293-7603 ext. 12", "614-293-7603 ext. 12"),
    ("reach me at 1-800-555-0199 extension 3", "1-800-555-0199 extension 3"),
    ("ph:6142937603", "6142937603"),
    ("CALL 614 293 7603 PLS", "614 293 7603"),
    ("(614) 293-7603.", "(614) 293-7603"),
    ("text me 293-7603", "293-7603"),
]


@pytest.mark.parametrize("text, value", PHONES)
def test_phones(text, value):
    check(text, value, "PHONE")


IPS = [
    ("my ip is 2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334"),
    ("from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 today", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
    ("ip fe80::1ff:fe23:4567:890a%eth0 blocked", "fe80::1ff:fe23:4567:890a%eth0"),
    ("address ::ffff:192.0.2.128 shows", "::ffff:192.0.2.128"),
    ("IP:73.12.4.250,", "73.12.4.250"),
    ("(10.0.0.12)", "10.0.0.12"),
    ("blocked 73.12.4.250.", "73.12.4.250"),
    ("from ip73.12.4.250 at work", "73.12.4.250"),
]


@pytest.mark.parametrize("text, value", IPS)
def test_ips(text, value):
    check(text, value, "IP_ADDRESS")


URLS = [
    ("go to portal.examplehealth.com/members/XGH882910344", "portal.examplehealth.com/members/XGH882910344"),
    ("see myplan.org/u/jane.doe", "myplan.org/u/jane.doe"),
    ("bit.ly/abc?email=jo@x.com", "bit.ly/abc?email=jo@x.com"),
    ("https://portal.example.com/login?member=HM123456789", "https://portal.example.com/login?member=HM123456789"),
    ("www.examplehealth.com/profile/john-smith", "www.examplehealth.com/profile/john-smith"),
    ("HTTPS://PORTAL.EXAMPLE.COM/ACCOUNT/SETTINGS", "HTTPS://PORTAL.EXAMPLE.COM/ACCOUNT/SETTINGS"),
    ("link: examplehealth.com/claims?id=8812", "examplehealth.com/claims?id=8812"),
    ("https://x.example.com/eob/123456.", "https://x.example.com/eob/123456"),
]


@pytest.mark.parametrize("text, value", URLS)
def test_urls(text, value):
    check(text, value, "URL")


EMAILS = [
    ("jane.doe@gmail.com", "jane.doe@gmail.com"),
    ("email jane dot doe at gmail dot com", "jane dot doe at gmail dot com"),
    ("jane.doe(at)gmail.com", "jane.doe(at)gmail.com"),
]


@pytest.mark.parametrize("text, value", EMAILS)
def test_emails(text, value):
    check(text, value, "EMAIL")


ADDRESSES = [
    "P.O. Box 4471",
    "po box 12",
    "POB 88",
    "RR 2 Box 19",
    "Rural Route 4",
    "HC 63 Box 12",
    "1427 w maple st",
    "123 Main Street Springfield Illinois 62704",
    "55 Oak Ave Apt 4B, Dayton, OH 45402-1234",
    "900 N Lake Shore Dr unit 12",
    "12 Elm Ct #305",
    "4500 Industrial Pkwy Bldg C",
    "200 Congress Ave Suite 200, Austin, TX 78701",
    "77 Pine Ridge Cove Lot 14",
    "310 5th Ave Fl 3",
    "18 Harbor Point",
    "42 Willow Bend",
    "9 Kings Close",
    "2210 NE Sandy Blvd",
    "1600 PENNSYLVANIA AVENUE NW, WASHINGTON, DC 20500",
    "4821 maple ave apt 12 st louis mo 63101",
    "12345 State Route 33",
    "880 Hwy 50",
    "15 Mill Run",
]


@pytest.mark.parametrize("value", ADDRESSES)
def test_addresses(value):
    check(f"please send it to {value} thanks", value, "ADDRESS")


@pytest.mark.parametrize(
    "text, value",
    [
        ("I live at 88 Elmwood", "88 Elmwood"),
        ("my address is 14 Birchwood, Columbus OH", "14 Birchwood, Columbus OH"),
        ("ship to 302 Westgate apt 5", "302 Westgate apt 5"),
        ("Address: 4411 Lakeview Terrace, Boise, ID 83702.", "4411 Lakeview Terrace, Boise, ID 83702"),
    ],
)
def test_addresses_in_context(text, value):
    check(text, value, "ADDRESS")


ZIPS = [
    ("a doctor near Dayton 45402", "45402"),
    ("I'm in Austin, Texas 78701", "78701"),
    ("anything around 43215?", "43215"),
    ("my zipcode is 10001", "10001"),
    ("zip: 60614-2233", "60614-2233"),
    ("postal code 02139", "02139"),
    ("in 30301 please", "30301"),
    ("ZIP 94110", "94110"),
    ("it's 43201-1234", "43201-1234"),
    ("Columbus, OH 43201", "43201"),
]


@pytest.mark.parametrize("text, value", ZIPS)
def test_zips(text, value):
    check(text, value, "ZIP")


DOBS = [
    ("born March 4th, 1975", "March 4th, 1975"),
    ("dob 4 March 1975", "4 March 1975"),
    ("my bday is Mar 4 75", "Mar 4 75"),
    ("i was born on the 4th of march 1975", "4th of march 1975"),
    ("date of birth 04/03/1975", "04/03/1975"),
    ("DOB: 4.3.1975", "4.3.1975"),
    ("d.o.b. 3/4/75", "3/4/75"),
    ("birthday: 1975-03-04", "1975-03-04"),
    ("BIRTHDATE: MARCH 4, 1975", "MARCH 4, 1975"),
    ("DOB is 03041975", "03041975"),
    ("3/14/1975 is my dob", "3/14/1975"),
    ("my dob is 3/4/1975, sorry, 3/14/1975", "3/4/1975"),
    ("my dob is 3/4/1975, sorry, 3/14/1975", "3/14/1975"),
    ("born sept. 9, 1961", "sept. 9, 1961"),
    ("date of birth: 25/12/1980", "25/12/1980"),
]


@pytest.mark.parametrize("text, value", DOBS)
def test_dates_of_birth(text, value):
    check(text, value, "DATE_OF_BIRTH")


def test_hinted_date():
    check("Sure, Dec 1st 1990.", "Dec 1st 1990", "DATE_OF_BIRTH", dob_hint=True)


@pytest.mark.parametrize(
    "text, iso",
    [
        ("March 4th, 1975", "1975-03-04"),
        ("4 March 1975", "1975-03-04"),
        ("Mar 4 75", "1975-03-04"),
        ("the 4th of march 1975", "1975-03-04"),
        ("4th of march 1975", "1975-03-04"),
        ("4.3.1975", "1975-04-03"),
        ("25/12/1980", "1980-12-25"),
        ("03041975", "1975-03-04"),
        ("Mar. 4, '75", "1975-03-04"),
        ("1975/03/04", "1975-03-04"),
        ("3/4/75", "1975-03-04"),
        ("sept. 9, 1961", "1961-09-09"),
        ("not a date", "not a date"),
    ],
)
def test_normalize_date(text, iso):
    assert normalize_date(text) == iso


NEGATIVES = [
    "The provider billed $1,250.00 and the plan paid $980.15.",
    "CPT 99213 and 99214, diagnosis E11.9 and M54.5.",
    "The NDC is 0002-1433-80 on the bottle.",
    "I have the Gold PPO 3000 plan.",
    "UPS tracking 1Z999AA10123456784 says delivered.",
    "tracking number 9400111899223344556677",
    "my group number is 884221",
    "Group # 0044812 on the card",
    "service date 03/04/2026, appointment on 4/12/2026 at 10:30",
    "I take 30 tablets a day, 500 mg, and it costs 20% more.",
    "Go to medicare.gov or www.cms.gov for details.",
    "see www.examplehealth.com/find-a-doctor for a list",
    "https://www.medicare.gov/plan-compare/ has it",
    "visit healthcare.gov/coverage",
    "I was seen at Mark Twain Medical Center.",
    "It took 2 pills by the way.",
    "I waited 45 minutes on the phone.",
    "claim was for 125000 dollars?",
    "my plan id is 2026-GOLD",
    "Rx BIN 610014 PCN ADV",
    "the deductible is 3000 and oop max 8000",
    "order #5512093 shipped",
    "version 2.10.4.1 of the app",
    "it happened at 10:30:45 today",
    "I have 2 kids and 3 dogs",
    "on March 4, 2026 I had a visit",
    "Claim received 12/01/2025 for DOS 11/20/2025.",
    "My appointment is May 5th 2026.",
    "Page 3 of 12, section 4.2.1.",
    "I was born in 1975 and my claim from 3/4/2026 is pending.",
    "Group number 7712 is on the back of my card along with RxBIN 003858.",
    "Top 10 reasons, 5 stars, 2 way street",
    "see https://examplehealth.com/find-a-doctor?specialty=cardiology&page=2",
    "check https://www.examplehealth.com/plans/2026/gold-ppo for details",
    "I need 2 refills by Friday, 1 for me and 1 for my wife",
    "Ticket 882910 was opened for my issue",
    "I was in the ER for 12 hours, room 4412",
    "My plan covers 80% after the $2,000 deductible, right?",
    "he was born 6/7/2001, the claim was filed 6/7/2026".replace("6/7/2001", "in the spring"),
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_look_alikes_stay_unflagged(text):
    assert found(text) == [], [(d.pii_type, d.value) for d in found(text)]


@pytest.mark.parametrize(
    "text, value, not_type",
    [
        ("credit card number 4111 1111 1111 1111", "4111 1111 1111 1111", "MEMBER_ID"),
        ("NPI 1234567893 for Dr. Lee", "1234567893", "PHONE"),
        ("member id 12345678, phone 614-293-7603", "614-293-7603", "MEMBER_ID"),
        ("member id 12345678, group 448120", "448120", "MEMBER_ID"),
    ],
)
def test_wrong_type_not_chosen(text, value, not_type):
    start = text.index(value)
    assert all(not (d.start < start + len(value) and start < d.end) or d.pii_type != not_type for d in found(text))


@pytest.mark.parametrize(
    ("text", "value", "pii_type"),
    [
        ("my social is 5 3 4 2 0 1 8 8 7, ok?", "5 3 4 2 0 1 8 8 7", "SSN"),
        ("SSN two four one dash five five dash eight nine zero three.", "two four one dash five five dash eight nine zero three", "SSN"),
        ("Call me back at six one four, two nine three, seven six oh three.", "six one four, two nine three, seven six oh three", "PHONE"),
        ("member id X G H 8 8 2 9 1 0 3 4 4 please", "X G H 8 8 2 9 1 0 3 4 4", "MEMBER_ID"),
        ("the card is 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "CARD_NUMBER"),
    ],
)  # fmt: skip
def test_identifiers_read_out_digit_by_digit(text, value, pii_type):
    found = [(d.pii_type, d.value) for d in PiiScrubber(model=False).detect(text)]
    assert (pii_type, value) in found, found


@pytest.mark.parametrize(
    "text", ["I have one or two questions about page 3 of 4.", "Steps 1 2 3 4 5 6 7 are on the form.",
             "We had five, six, maybe seven visits."],
)  # fmt: skip
def test_counting_out_loud_is_no_identifier(text):
    assert PiiScrubber(model=False).detect(text) == []
