"""The statistical name/address tagger: API, hand-written positives and negatives of every class the
census matcher missed, the training entry point end to end on a tiny sample, and no network on load."""

from __future__ import annotations

import socket

import pytest

from lifecycle_core.pii.detection import Detection
from lifecycle_core.pii.name_model import NameTagger
from lifecycle_core.pii.name_model.features import tokenize


@pytest.fixture(scope="module")
def tagger() -> NameTagger:
    return NameTagger.load()


def names(tagger: NameTagger, text: str) -> list[str]:
    return [d.value for d in tagger.detect(text) if d.pii_type == "MEMBER_NAME"]


def test_api_offsets_and_cache(tagger):
    text = "Hi, this is Maria Lopez, my address is 12 Oak St Apt 4, Austin TX"
    found = tagger.detect(text)
    assert all(isinstance(d, Detection) for d in found)
    assert all(text[d.start : d.end] == d.value for d in found)
    assert {d.pii_type for d in found} == {"MEMBER_NAME", "ADDRESS"}
    assert NameTagger.load() is tagger
    assert tagger.detect("") == []


def test_tokenizer_keeps_offsets_and_splits_possessive():
    text = "Dr. Okafor's office, O'Neil  Al-Hassan\nJ.R."
    toks = tokenize(text)
    assert all(text[s:e] == t for s, e, t in toks)
    assert [t for *_, t in toks][:4] == ["Dr", ".", "Okafor", "'s"]
    assert "O'Neil" in [t for *_, t in toks] and "Al-Hassan" in [t for *_, t in toks]


POSITIVES = [
    ("hi this is maria gonzalez, i need help with a claim", "maria gonzalez"),
    ("MY NAME IS DEREK OYELARAN AND I WANT A NEW CARD", "DEREK OYELARAN"),
    ("Hello, my name is José Núñez and my claim was denied.", "José Núñez"),
    ("claim for Agnieszka Wiśniewski was denied", "Agnieszka Wiśniewski"),
    ("I'm calling for my mother, Thi Nguyen.", "Thi Nguyen"),
    ("my husband's name is Teodoro Ruiz", "Teodoro Ruiz"),
    ("my daughter Lucia needs a refill", "Lucia"),
    ("Dr. Okafor's office says the auth is pending", "Okafor"),
    ("can you ask Mrs Oyelaran to call me back", "Oyelaran"),
    ("dr patel said it was medically necessary", "patel"),
    ("Mr. Cole called about the denial", "Cole"),
    ("hi priya, thanks for the update", "priya"),
    ("thanks so much Tomasz!", "Tomasz"),
    ("ok that works\n- dee", "dee"),
    ("Regards,\nAmara", "Amara"),
    ("The member is J.R. Martinez, DOB 4/5/1980", "J.R. Martinez"),
    ("Kevin T. Bailey III is the subscriber", "Kevin T. Bailey III"),
    ("Member: NAKAMURA, KENJI", "NAKAMURA, KENJI"),
    ("my son Liam O'Neil has a new card", "Liam O'Neil"),
    ("please add my wife Fatima Al-Hassan to my plan", "Fatima Al-Hassan"),
    ("the card says Hendrik Van der Berg", "Hendrik Van der Berg"),
    ("Sincerely,\nAbimbola Oyelowo", "Abimbola Oyelowo"),
    ("i spoke with Nikos Papadopoulos yesterday", "Nikos Papadopoulos"),
    ("Hello Ms. Mbeki, thank you for your message.", "Mbeki"),
    ("my grandson Ewan MacDonald needs glasses", "Ewan MacDonald"),
    ("ana maria garcia-lopez is my dependent", "ana maria garcia-lopez"),
]


@pytest.mark.parametrize(("text", "name"), POSITIVES)
def test_finds_names(tagger, text, name):
    assert name in names(tagger, text), (text, tagger.detect(text))


NEGATIVES = [
    "I was seen at Mark Twain Medical Center last week",
    "picked it up at Rose Garden Pharmacy",
    "my son was treated at St. Jude",
    "is Johns Hopkins Hospital in network?",
    "I get my meds at Walgreens",
    "we went to the Mayo Clinic for a second opinion",
    "is Cedars-Sinai covered?",
    "Baylor Scott & White billed me twice",
    "will this be covered?",
    "may I ask a question about my bill",
    "what is the grace period for my premium",
    "can you mark this as urgent",
    "my april 3rd appointment was moved",
    "it is sunny today",
    "we had a frank discussion with the doctor",
    "I switched from Humana to Aetna",
    "is Ozempic covered under the Gold PPO plan?",
    "I live in Jackson, near the hospital",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_leaves_look_alikes(tagger, text):
    assert names(tagger, text) == [], tagger.detect(text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("please send it to 1422 n maple ave apt 3b, columbus ohio", "1422 n maple ave apt 3b"),
        ("my new address is 77 Quail Run Rd, Boise, ID 83702", "77 Quail Run Rd"),
        ("mail goes to PO Box 1187, Tulsa OK", "PO Box 1187"),
    ],
)
def test_finds_addresses(tagger, text, address):
    found = [d.value for d in tagger.detect(text) if d.pii_type == "ADDRESS"]
    assert any(address in f for f in found), tagger.detect(text)


def test_training_entry_point_trains_a_tiny_model(tmp_path):
    from lifecycle_core.pii.name_model import train

    card = train.train(tmp_path, n=400, n_dev=0, seed=3, iterations=25, write_card=True, verbose=False)
    assert (tmp_path / train.MODEL_NAME).stat().st_size > 0
    assert card["training_set"]["messages"] == 400
    tiny = NameTagger(tmp_path / train.MODEL_NAME)
    assert "Maria Lopez" in names(tiny, "Hi, my name is Maria Lopez and I need a new card.")
    # deterministic for a seed
    again = train.train(tmp_path / "again", n=400, n_dev=0, seed=3, iterations=1, write_card=False, verbose=False)
    assert again["training_set"]["sha256_16"] == card["training_set"]["sha256_16"]


def test_load_needs_no_network(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    NameTagger._loaded.clear()
    from lifecycle_core.pii.name_model import lexicon

    lexicon.load.cache_clear()
    t = NameTagger.load()
    assert names(t, "thanks so much Tomasz!") == ["Tomasz"]
