"""Retrieval over plan documents: chunking, a real LanceDB index searched with the real MiniLM, the hit rate."""

from __future__ import annotations

import dataclasses
import itertools
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import numpy as np
import pytest

from lifecycle_core.feed import FeedConfig, plan_documents
from lifecycle_core.serving.rag import (
    CURRENT_KEY,
    Embedder,
    EmbedderUnavailable,
    IndexNotFound,
    PlanRetriever,
    RagIndexSettings,
    build_index,
    chunk_plan,
    default_embedder,
    hit_rate,
    index_prefix,
    markdown_table,
    open_current,
    passages_block,
    plan_questions,
    publish_index,
)
from lifecycle_core.serving.rag.chunks import sections, slug, split_text

PLANS = plan_documents(FeedConfig(), date(2026, 6, 1))
WITH_HSA = plan_documents(FeedConfig(drift_start=date(2026, 5, 1)), date(2026, 6, 1))  # adds the HDHP plan
SECTIONS = ["SUMMARY OF BENEFITS AND COVERAGE", "DEDUCTIBLE", "OUT-OF-POCKET MAXIMUM", "COPAYS", "COINSURANCE",
            "PRIOR AUTHORIZATION", "NETWORK", "COVERED SERVICES"]  # fmt: skip


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    """MiniLM, loaded once for the module (a few seconds on 2 cores)."""
    embedder = default_embedder()
    assert embedder.dimension == 384
    return embedder


@pytest.fixture(scope="module")
def catalog_index(tmp_path_factory, embedder) -> str:
    uri = str(tmp_path_factory.mktemp("rag") / "catalog")
    build_index(uri, [c for plan in PLANS for c in chunk_plan(plan)], embedder)
    return uri


# --- chunks ---------------------------------------------------------------------------------------


def test_every_section_becomes_one_chunk_that_names_its_plan_and_section():
    for plan in PLANS:
        chunks = chunk_plan(plan)
        assert [c.section for c in chunks] == SECTIONS
        for chunk in chunks:
            assert chunk.chunk_id == f"{plan['plan_id']}:{slug(chunk.section)}:0"
            assert chunk.text.startswith(f"{plan['plan_name']} - {chunk.section}\n")
            assert chunk.text.split("\n", 1)[1] in plan["document_text"]  # the passage as the document prints it
    assert chunk_plan(PLANS[0]) == chunk_plan(dict(PLANS[0]))  # the same document, the same ids
    assert [c.section for c in chunk_plan(WITH_HSA[-1])][-1] == "HEALTH SAVINGS ACCOUNT"


def test_long_sections_are_cut_between_sentences_with_an_overlap():
    sentences = [f"Rule {i} applies to claims filed in month {i % 12 + 1} of the plan year." for i in range(30)]
    body = " ".join(sentences[:20]) + "\n\n" + " ".join(sentences[20:])  # two paragraphs, one title
    document = f"EXCLUSIONS\n{body}\n\nAPPEALS\nWrite to us within 180 days."
    plan = {"plan_id": "P-1", "plan_name": "Long Plan", "document_text": document}
    chunks = chunk_plan(plan, max_chars=300, overlap_chars=80)
    exclusions = [c for c in chunks if c.section == "EXCLUSIONS"]  # the untitled paragraph stays in its section
    assert [c.chunk_id for c in exclusions] == [f"P-1:exclusions:{n}" for n in range(len(exclusions))]
    assert len(exclusions) > 3 and chunks[-1].chunk_id == "P-1:appeals:0"
    bodies = [c.text.split("\n", 1)[1] for c in exclusions]
    assert all(len(body) <= 300 for body in bodies)
    for before, after in itertools.pairwise(bodies):
        last = re.findall(r"Rule \d+ [^.]*\.", before)[-1]
        assert after.startswith(last)  # the last sentence is repeated: a fact at the cut is in both
    found = [s for body in bodies for s in re.findall(r"Rule \d+ [^.]*\.", body)]
    assert list(dict.fromkeys(found)) == sentences  # every sentence, whole and in order


def test_split_keeps_list_lines_and_cuts_a_sentence_longer_than_a_piece_between_words():
    listed = "\n".join(f"- Item {i}: $10 copay" for i in range(40))
    pieces = split_text(listed, max_chars=120, overlap_chars=30)
    assert all(len(p) <= 120 and p.startswith("- Item") for p in pieces)
    assert all(line.endswith("copay") for p in pieces for line in p.split("\n"))
    long = " ".join(["word"] * 100)
    assert all(len(p) <= 50 and p.strip("word ") == "" for p in split_text(long, max_chars=50, overlap_chars=0))
    with pytest.raises(ValueError):
        split_text(long, max_chars=50, overlap_chars=50)


def test_text_before_any_title_is_an_overview_and_a_title_without_a_body_is_dropped():
    document = "Welcome to your plan.\n\nDEDUCTIBLE\n\nNETWORK\nAny doctor.\n\nIn network or not."
    assert sections(document) == [
        ("OVERVIEW", "Welcome to your plan."),
        ("NETWORK", "Any doctor.\n\nIn network or not."),
    ]


# --- the index ------------------------------------------------------------------------------------


def test_search_only_returns_the_members_own_plan(catalog_index, embedder):
    retriever = PlanRetriever(catalog_index, embedder)
    for plan in PLANS:
        passages = retriever.search("How much does a specialist visit cost?", plan["plan_id"], k=20)
        assert len(passages) == len(SECTIONS)  # filtered before ranking: every chunk of the plan, no other
        assert {p.chunk_id.split(":")[0] for p in passages} == {plan["plan_id"]}
        assert passages[0].section == "COPAYS"
        scores = [p.score for p in passages]
        assert scores == sorted(scores, reverse=True) and -1 <= scores[-1] <= scores[0] <= 1
    everyone = retriever.search("How much does a specialist visit cost?", None, k=10)
    assert len({p.chunk_id.split(":")[0] for p in everyone}) > 1
    assert retriever.search("anything", "PLN-NOBODY", k=3) == [] and retriever.search("x", None, k=0) == []
    block = passages_block(retriever.search("Is acupuncture covered?", "PLN-GLD-PPO-26", k=2))
    assert block.startswith("PLAN DOCUMENT PASSAGES\n\nGold PPO 2026 - ")


def test_a_quote_in_a_plan_id_is_a_value_not_sql(tmp_path, embedder):
    plans = [dict(PLANS[0], plan_id="PLN-O'NEIL"), dict(PLANS[1], plan_id="PLN-X' OR '1'='1")]
    uri = str(tmp_path / "quoted")
    build_index(uri, [c for plan in plans for c in chunk_plan(plan)], embedder)
    passages = PlanRetriever(uri, embedder).search("What is my deductible?", "PLN-O'NEIL", k=20)
    assert passages and all(p.chunk_id.startswith("PLN-O'NEIL:") for p in passages)
    assert PlanRetriever(uri, embedder).search("What is my deductible?", "PLN-X", k=20) == []


def test_an_index_reopened_answers_the_same_and_threads_share_one(catalog_index, embedder, tmp_path):
    first = PlanRetriever(catalog_index, embedder).search("Do I need a referral?", "PLN-SLV-HMO-26", k=3)
    reopened = PlanRetriever(catalog_index, embedder)
    assert reopened.search("Do I need a referral?", "PLN-SLV-HMO-26", k=3) == first
    questions = [("Do I need a referral?", p["plan_id"]) for p in PLANS] * 8
    alone = [reopened.search(q, plan_id, 3) for q, plan_id in questions]
    with ThreadPoolExecutor(8) as pool:  # the gateway's thread pool
        assert list(pool.map(lambda qp: reopened.search(qp[0], qp[1], 3), questions)) == alone
    with pytest.raises(IndexNotFound):
        PlanRetriever(str(tmp_path / "never-built"), embedder)


def test_an_index_opened_with_another_model_is_refused(catalog_index):
    class EightDimensions:
        model_name, dimension = "eight", 8

        def embed(self, texts):
            return np.ones((len(texts), 8), dtype=np.float32)

    with pytest.raises(ValueError, match="384-dimensional"):
        PlanRetriever(catalog_index, EightDimensions())


def test_the_embedder_never_reaches_for_a_hub(tmp_path):
    with pytest.raises(EmbedderUnavailable, match="never downloaded"):
        Embedder("sentence-transformers/all-mpnet-base-v2")  # a hub name, not a directory
    vectors = default_embedder().embed(["What is my deductible?", "Is acupuncture covered?"])
    assert vectors.dtype == np.float32 and vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


# --- the hit rate ---------------------------------------------------------------------------------


def test_questions_come_from_the_plan_and_do_not_all_name_their_section():
    questions = plan_questions(PLANS[0])
    assert {q.section for q in questions} == set(SECTIONS)
    for section in SECTIONS:
        texts = [q.text.lower() for q in questions if q.section == section]
        assert len(texts) >= 2 and any(section.lower() not in text for text in texts)
    assert any("sleep study" in q.text for q in questions if q.section == "PRIOR AUTHORIZATION")
    assert "HEALTH SAVINGS ACCOUNT" in {q.section for q in plan_questions(WITH_HSA[-1])}


def test_hit_rate_on_the_synthetic_catalog_and_on_a_shuffled_index(catalog_index, embedder, tmp_path):
    result = hit_rate(PlanRetriever(catalog_index, embedder), PLANS)
    # Measured with MiniLM on these 5 plans: 0.71 / 0.89 / 0.93 over 275 questions.
    assert result["questions"] == sum(len(plan_questions(p)) for p in PLANS) == 275
    assert result["hit_rate@1"] >= 0.65 and result["hit_rate@3"] >= 0.85 and result["hit_rate@5"] >= 0.9
    assert set(result["by_section"]) == set(SECTIONS) and result["by_section"]["COPAYS"]["hit_rate@1"] >= 0.95
    assert "| all | 275 |" in markdown_table(result)
    # Every chunk holding the text of the plan's next section: retrieval no longer finds the answer.
    shuffled = []
    for plan in PLANS:
        own = chunk_plan(plan)
        shuffled += [dataclasses.replace(c, text=own[(i + 1) % len(own)].text) for i, c in enumerate(own)]
    build_index(str(tmp_path / "shuffled"), shuffled, embedder)
    wrong = hit_rate(PlanRetriever(str(tmp_path / "shuffled"), embedder), PLANS)
    assert wrong["hit_rate@1"] <= 0.15 and wrong["hit_rate@3"] <= result["hit_rate@3"] - 0.3


# --- the index in the store -----------------------------------------------------------------------


def test_publish_reuses_a_version_and_current_names_it(object_store, embedder):
    plans = PLANS[:2]
    first = publish_index(object_store, plans, RagIndexSettings(), embedder)
    assert not first.reused and first.manifest["chunk_count"] == 2 * len(SECTIONS)
    assert object_store.exists(f"{index_prefix(first.version)}/index.json")
    again = publish_index(object_store, plans, RagIndexSettings(), embedder)
    assert again.reused and again.version == first.version and again.manifest == first.manifest
    assert object_store.get_json(CURRENT_KEY)["version"] == first.version
    passages = open_current(object_store, embedder).search("What do I pay to see a specialist?", plans[1]["plan_id"], 1)
    assert passages[0].chunk_id == f"{plans[1]['plan_id']}:copays:0"
    smaller = publish_index(object_store, plans, RagIndexSettings(max_chars=100, overlap_chars=20), embedder)
    assert smaller.version != first.version and object_store.get_json(CURRENT_KEY)["version"] == smaller.version
