// The member chat page: sign in with a key, see the plan summary, chat with streamed answers, rate them.
// Everything the API or the model sends is put on the page as text (textContent, text nodes), never parsed
// as HTML; the page's Trusted Types policy makes the browser refuse any attempt to.
"use strict";

(() => {
  const KEY_STORAGE = "lifecycle.apiKey"; // session storage: one tab, gone when it closes; never in a URL
  const MAX_MESSAGES = 40; // history sent per request, well under the gateway's limit
  const CRISIS_GUARDRAILS = new Set(["unsafe_medical"]);
  const NOTICES = {
    unsafe_medical: ["Your safety comes first", "This message was not sent to the assistant. If you are thinking about " +
      "suicide or hurting yourself, or someone is in danger, please reach out now:"],
    others_data: ["Only your own information", "For privacy the assistant only discusses your own coverage. The other " +
      "person can contact us, or name you as their authorized representative."],
    prompt_injection: ["The assistant can't change how it works", "Ask about your benefits, claims, providers or costs."],
    abuse: ["Let's keep it respectful", "This message was not sent to the assistant. Please rephrase your question."],
    harmful_offtopic: ["Not something the assistant can help with", "It can only help with your health plan: " +
      "benefits, claims, providers, pharmacy and billing."],
    medical_advice: ["No medical advice here", "The answer was stopped because it went into medical advice. Please ask " +
      "your doctor or pharmacist; in an emergency call 911."],
    impolite: ["The answer was withheld", "It didn't meet our standards. Please ask again."],
  };
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
  const $ = (id) => document.getElementById(id);

  const state = { key: null, model: "member-chatbot", history: [], controller: null, retry: null, countdown: null };

  class ApiError extends Error {
    constructor(status, message, code, retryAfter) {
      super(message || `HTTP ${status}`);
      this.status = status; // 0: the request never got an answer
      this.code = code || null;
      this.retryAfter = retryAfter || null;
    }
  }

  // --- small DOM helpers (text only) -------------------------------------------------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function thumb(down) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", down ? "thumb down" : "thumb");
    for (const d of ["M2 10h4v11H2z", "M8 10l4-8c1.7 0 3 1.3 3 3v3h5a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.6 21H8z"]) {
      const path = document.createElementNS(ns, "path");
      path.setAttribute("d", d);
      svg.append(path);
    }
    return svg;
  }

  // --- the API ------------------------------------------------------------------------------------
  async function api(path, options) {
    const headers = { Authorization: `Bearer ${state.key}` };
    if (options && options.body) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, { ...options, headers, cache: "no-store", credentials: "omit" });
    } catch (err) {
      if (err.name === "AbortError") throw err;
      throw new ApiError(0, "no answer from the server", "network");
    }
    if (!response.ok) {
      let error = {};
      try {
        error = (await response.json()).error || {};
      } catch (_) { /* not a JSON error body (a proxy's page): the status says enough */ }
      throw new ApiError(response.status, error.message, error.code, Number(response.headers.get("retry-after")));
    }
    return response;
  }

  // Server-sent events of a streamed chat completion, as parsed objects, until [DONE].
  async function* events(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
        if (!data) continue;
        if (data === "[DONE]") return;
        yield JSON.parse(data);
      }
    }
  }

  // What a member reads for an error: a sentence, and whether retrying can help.
  function explain(err) {
    if (err.status === 0) return { text: "We couldn't reach the service. Check your connection, then try again.", retry: true };
    if (err.status === 401) return { text: "Your key is no longer accepted (it may have been revoked). Please sign in again.", retry: false };
    if (err.status === 429) {
      const wait = err.retryAfter || 5;
      return { text: `You're sending messages faster than allowed. You can try again in ${wait} seconds.`, retry: true, wait };
    }
    if (err.status >= 500) {
      return { text: err.midStream ? "The answer was cut off because the assistant became unavailable. Please try again."
        : "The assistant is unavailable right now. Please try again in a moment.", retry: true, wait: err.retryAfter || 0 };
    }
    if (err.status === 413 || err.code === "message_too_long") return { text: "That message is too long. Please shorten it and send it again.", retry: false };
    if (err.status === 400) return { text: `That message couldn't be sent: ${err.message}`, retry: false };
    return { text: `Something went wrong (error ${err.status}). Please try again.`, retry: true };
  }

  // --- signing in and out --------------------------------------------------------------------------
  async function signIn(key, remembered) {
    state.key = key;
    $("sign-in-button").disabled = true;
    $("sign-in-error").textContent = "";
    try {
      const summary = await (await api("/v1/me")).json();
      sessionStorage.setItem(KEY_STORAGE, key);
      state.model = summary.model || state.model;
      showSummary(summary);
      $("api-key").value = "";
      $("sign-in").hidden = true;
      $("workspace").hidden = false;
      $("sign-out").hidden = false;
      $("message").focus();
    } catch (err) {
      state.key = null;
      sessionStorage.removeItem(KEY_STORAGE);
      $("sign-in-error").textContent = err.status === 401
        ? (remembered ? "Your saved key is no longer accepted. Please sign in again."
          : "That key wasn't accepted. Check that you copied all of it; if it was revoked, ask for a new one.")
        : explain(err).text;
      $("api-key").focus();
    } finally {
      $("sign-in-button").disabled = false;
    }
  }

  function signOut(message) {
    if (state.controller) state.controller.abort();
    sessionStorage.removeItem(KEY_STORAGE);
    Object.assign(state, { key: null, history: [], retry: null });
    clearInterval(state.countdown);
    $("log").replaceChildren();
    hideProblem();
    $("workspace").hidden = true;
    $("sign-out").hidden = true;
    $("sign-in").hidden = false;
    $("sign-in-error").textContent = message || "";
    $("api-key").focus();
  }

  // --- the plan summary ----------------------------------------------------------------------------
  function showSummary(summary) {
    const known = Boolean(summary.plan);
    $("summary-empty").hidden = known;
    $("summary-body").hidden = !known;
    if (!known) return;
    const { plan, accumulators: acc } = summary;
    $("plan-name").textContent = plan.plan_name;
    $("plan-kind").textContent = `${plan.plan_type} · ${plan.metal_tier} tier · plan year ${plan.plan_year}`;
    for (const [id, met, limit, what] of [
      ["deductible", acc && acc.deductible_met, acc && acc.deductible, "Deductible"],
      ["oop", acc && acc.oop_met, acc && acc.oop_max, "Out-of-pocket"],
    ]) {
      $(`${id}-label`).textContent = acc ? `${what}: ${money.format(met)} met of ${money.format(limit)}` : `${what}: not known`;
      $(`${id}-meter`).max = limit || 1;
      $(`${id}-meter`).value = met || 0;
    }
    const claims = summary.claims || [];
    $("claims-empty").hidden = claims.length > 0;
    $("claims").replaceChildren(...claims.map((c) => {
      const named = c.status.replace("_", " ");
      const status = c.status === "denied" && c.denial_reason ? `Denied: ${c.denial_reason}`
        : named.charAt(0).toUpperCase() + named.slice(1);
      const owed = c.status === "paid" || c.status === "denied" ? `you owe ${money.format(c.member_owes)}` : "not priced yet";
      return el("li", {},
        el("span", { class: "claim-service", text: `${c.service_date} · ${c.service}` }),
        el("span", { class: `claim-status status-${c.status}`, text: status }),
        el("span", { class: "claim-owed", text: owed }));
    }));
  }

  // --- the conversation ----------------------------------------------------------------------------
  function addUserTurn(text) {
    const item = el("li", { class: "turn user" }, el("span", { class: "who visually-hidden", text: "You said:" }),
      el("p", { class: "text", text }));
    $("log").append(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  function addAnswer() {
    const text = el("p", { class: "text" });
    const item = el("li", { class: "turn assistant", "aria-busy": "true" },
      el("span", { class: "who visually-hidden", text: "The assistant said:" }), text);
    $("log").append(item);
    return { item, text };
  }

  function describeArm(arm, version) {
    if (arm === "guardrail") return "Answered by the safety check; the model did not see this message.";
    const model = !version || version === "base" ? "the base model" : `model version ${version}`;
    if (arm === "canary") return `Answered by ${model} (canary: a newer version on trial).`;
    return `Answered by ${model} (${arm || "production"}).`;
  }

  function notice(guardrail, stage) {
    const [title, body] = NOTICES[guardrail] || ["A safety check acted", "Please rephrase your question."];
    const crisis = CRISIS_GUARDRAILS.has(guardrail);
    const box = el("div", { class: crisis ? "notice crisis" : "notice", role: crisis ? "alert" : "note",
      "data-guardrail": guardrail, "data-stage": stage },
    el("p", { class: "notice-title", text: title }), el("p", { text: body }));
    if (crisis) {
      box.append(el("ul", { class: "crisis-lines" },
        el("li", {}, el("a", { href: "tel:988", text: "Call or text 988" }), " Suicide & Crisis Lifeline, any time"),
        el("li", {}, el("a", { href: "tel:911", text: "Call 911" }), " if you or someone near you is in immediate danger"),
        el("li", {}, el("a", { href: "tel:18002221222", text: "Poison Control 1-800-222-1222" }), " for a possible overdose")));
    }
    return box;
  }

  function feedback(responseId) {
    const box = el("div", { class: "feedback" });
    const question = el("span", { class: "feedback-question", text: "Was this answer helpful?" });
    const up = el("button", { type: "button", class: "rate", "aria-pressed": "false" }, thumb(false), "Helpful");
    const down = el("button", { type: "button", class: "rate", "aria-pressed": "false" }, thumb(true), "Not helpful");
    const form = el("form", { class: "feedback-form", hidden: "" });
    const fieldId = `comment-${responseId}`;
    const comment = el("textarea", { id: fieldId, rows: "2", maxlength: "2000" });
    const status = el("p", { class: "feedback-status", role: "status" });
    form.append(el("label", { for: fieldId, text: "Anything to add? (optional)" }), comment,
      el("div", { class: "actions" }, el("button", { type: "submit", text: "Send feedback" }),
        el("button", { type: "button", class: "quiet cancel", text: "Cancel" })));
    let rating = null;
    const choose = (chosen) => {
      rating = chosen;
      up.setAttribute("aria-pressed", String(chosen === "up"));
      down.setAttribute("aria-pressed", String(chosen === "down"));
      form.hidden = false;
      comment.focus();
    };
    up.addEventListener("click", () => choose("up"));
    down.addEventListener("click", () => choose("down"));
    form.querySelector(".cancel").addEventListener("click", () => {
      form.hidden = true;
      up.setAttribute("aria-pressed", "false");
      down.setAttribute("aria-pressed", "false");
      up.focus();
    });
    form.addEventListener("keydown", (event) => { if (event.key === "Escape") form.querySelector(".cancel").click(); });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = { response_id: responseId, rating };
      if (comment.value.trim()) body.comment = comment.value.trim();
      try {
        await api("/v1/feedback", { method: "POST", body: JSON.stringify(body) });
        box.replaceChildren(el("p", { class: "feedback-status", role: "status", text: "Thanks for your feedback." }));
      } catch (err) {
        if (err.status === 401) return signOut(explain(err).text);
        status.textContent = `Your feedback wasn't sent. ${explain(err).text}`;
      }
    });
    box.append(question, up, down, form, status);
    return box;
  }

  function setBusy(busy) {
    $("send").disabled = busy;
    $("stop").disabled = !busy;
  }

  function hideProblem() {
    clearInterval(state.countdown);
    $("problem").hidden = true;
    $("retry").hidden = true;
  }

  function showProblem(err, retry) {
    const { text, retry: canRetry, wait } = explain(err);
    $("problem-text").textContent = text;
    $("problem").hidden = false;
    const button = $("retry");
    button.hidden = !(canRetry && retry);
    state.retry = canRetry ? retry : null;
    clearInterval(state.countdown);
    let left = wait || 0;
    const tick = () => {
      button.disabled = left > 0;
      button.textContent = left > 0 ? `Retry in ${left} s` : "Retry";
      left -= 1;
      if (left < 0) clearInterval(state.countdown);
    };
    tick();
    if (wait) state.countdown = setInterval(tick, 1000);
  }

  async function send(text) {
    hideProblem();
    const turn = addUserTurn(text);
    state.history.push({ role: "user", content: text });
    const controller = new AbortController();
    state.controller = controller;
    setBusy(true);
    const answer = addAnswer();
    let shown = "";
    let responseId = null;
    let guardrail = null;
    let arm = null;
    try {
      const response = await api("/v1/chat/completions", {
        method: "POST",
        signal: controller.signal,
        body: JSON.stringify({ model: state.model, messages: state.history.slice(-MAX_MESSAGES), stream: true }),
      });
      arm = response.headers.get("x-lifecycle-arm");
      guardrail = arm === "guardrail" ? response.headers.get("x-lifecycle-guardrail") : null;
      answer.item.dataset.arm = arm || "";
      answer.item.dataset.version = response.headers.get("x-lifecycle-model-version") || "";
      let finish = null;
      for await (const event of events(response.body)) {
        if (event.error) {
          const err = new ApiError(503, event.error.message, event.error.code);
          err.midStream = true;
          throw err;
        }
        responseId = responseId || event.id;
        const choice = (event.choices || [])[0];
        if (!choice) continue;
        const piece = choice.delta && choice.delta.content;
        if (piece) {
          shown += piece;
          answer.text.textContent = shown; // text, never markup
          answer.item.scrollIntoView({ block: "end" });
        }
        if (choice.finish_reason) finish = choice.finish_reason;
        if (choice.guardrail) guardrail = choice.guardrail;
      }
      answer.item.append(el("p", { class: "meta", text: describeArm(arm, answer.item.dataset.version) }));
      if (finish === "content_filter" || arm === "guardrail") {
        answer.item.classList.add("guarded");
        const box = notice(guardrail || "unknown", arm === "guardrail" ? "input" : "output");
        if (CRISIS_GUARDRAILS.has(guardrail)) answer.text.before(box); // the numbers first, where they are seen
        else answer.item.append(box);
      }
      if (arm === "guardrail") state.history.pop(); // a stopped message is not sent again with the next one
      else state.history.push({ role: "assistant", content: shown });
      if (responseId) answer.item.append(feedback(responseId));
    } catch (err) {
      if (err.name === "AbortError") {
        answer.item.append(el("p", { class: "meta", text: "Stopped." }));
        if (shown) state.history.push({ role: "assistant", content: shown });
        else state.history.pop();
      } else {
        state.history.pop();
        if (!shown) answer.item.remove();
        else answer.item.append(el("p", { class: "meta", text: "The answer was cut off." }));
        turn.classList.add("failed");
        turn.append(el("p", { class: "meta", text: "Not sent." }));
        if (err.status === 401) signOut(explain(err).text);
        else showProblem(err, () => { turn.remove(); if (shown) answer.item.remove(); send(text); });
      }
    } finally {
      answer.item.removeAttribute("aria-busy");
      if (state.controller === controller) state.controller = null;
      setBusy(false);
    }
  }

  // --- wiring --------------------------------------------------------------------------------------
  document.addEventListener("DOMContentLoaded", () => {
    $("sign-in-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const key = $("api-key").value.trim();
      if (!key) {
        $("sign-in-error").textContent = "Enter your member API key.";
        $("api-key").focus();
        return;
      }
      signIn(key, false);
    });
    $("sign-out").addEventListener("click", () => signOut("You have signed out."));
    $("composer").addEventListener("submit", (event) => {
      event.preventDefault();
      const text = $("message").value.trim();
      if (!text || state.controller) return;
      $("message").value = "";
      send(text);
    });
    $("message").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $("composer").requestSubmit();
      } else if (event.key === "Escape" && state.controller) {
        state.controller.abort();
      }
    });
    $("stop").addEventListener("click", () => state.controller && state.controller.abort());
    $("retry").addEventListener("click", () => {
      const again = state.retry;
      hideProblem();
      if (again) again();
    });
    const saved = sessionStorage.getItem(KEY_STORAGE);
    if (saved) signIn(saved, true);
    else $("api-key").focus();
  });
})();
