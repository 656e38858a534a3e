// VITAL console: small progressive enhancement. Every page works without it.
// Text from answers and documents is only ever set with textContent, never innerHTML.
"use strict";

function localTimes() {
  // Times in the person's own time zone (the server writes UTC).
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  document.querySelectorAll("time[datetime]").forEach((el) => {
    const when = new Date(el.getAttribute("datetime"));
    if (!isNaN(when)) { el.textContent = format.format(when); el.title = el.getAttribute("datetime"); }
  });
}

function agentFilter() {
  // Ask Expert's list of experts: narrow it as the person types; picking one means "I pick".
  document.querySelectorAll("input[data-filter]").forEach((input) => {
    const list = document.getElementById(input.dataset.filter);
    if (!list) return;
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const option of list.querySelectorAll("label")) {
        option.hidden = !words.every((w) => option.textContent.toLowerCase().includes(w));
      }
    });
    list.addEventListener("change", () => {
      const mode = document.querySelector("input[name=mode]:checked");
      const to = mode && mode.value === "4" ? "3" : (mode && mode.value === "3" ? "3" : "1");
      const radio = document.querySelector('input[name=mode][value="' + to + '"]');
      if (radio) radio.checked = true;
    });
  });
}

function parseEvents(buffer, onEvent) {
  // Server-sent events: blocks separated by a blank line, "event:" and "data:" lines.
  let cut;
  while ((cut = buffer.indexOf("\n\n")) >= 0) {
    const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
    let name = "message", data = "";
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) name = line.slice(6).trim();
      else if (line.startsWith("data:")) data += line.slice(5).trim();
    }
    if (data) { try { onEvent(name, JSON.parse(data)); } catch (e) { onEvent(name, {}); } }
  }
  return buffer;
}

function streamingAsk() {
  const form = document.getElementById("ask-form");
  const live = document.getElementById("live");
  if (!form || !live || !window.fetch || !window.TextDecoder) return;
  form.addEventListener("submit", async (event) => {
    const data = Object.fromEntries(new FormData(form).entries());
    if (data.mode === "3" || data.mode === "4") {
      // Autonomous modes: the form posts; the plan comes back on the session's page for approval.
      live.hidden = false; live.querySelector("[data-status]").textContent = "Planning the work… the plan appears for your approval in a moment.";
      return;
    }
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    const text = live.querySelector("[data-text]"), status = live.querySelector("[data-status]");
    const agent = live.querySelector("[data-agent]"), why = live.querySelector("[data-why]");
    text.textContent = ""; agent.textContent = ""; why.textContent = "";
    status.textContent = "Looking through your documents…";
    live.hidden = false; button.disabled = true;
    let sessionId = data.session_id || null, finished = false;
    try {
      const response = await fetch(form.dataset.stream, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": data.csrf, "Accept": "text/event-stream" },
        body: JSON.stringify(data),
      });
      if (!response.ok || !response.body) throw new Error("The console refused the question (" + response.status + "). Reload the page and try again.");
      const reader = response.body.getReader(), decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = parseEvents(buffer + decoder.decode(value, { stream: true }), (name, payload) => {
          if (name === "session") sessionId = payload.id;
          else if (name === "meta") {
            agent.textContent = payload.agent ? "Answering: " + payload.agent.name : "";
            const sel = payload.agent_selection;
            if (sel && sel.candidates && sel.candidates.length) {
              const c = sel.candidates.find((x) => x.agent_id === sel.chosen) || sel.candidates[0];
              const words = [...new Set(Object.values(c.matched || {}).flat())];
              why.textContent = sel.fallback ? "No expert matched your words; the default expert answers."
                : "Chosen because it matched: " + words.join(", ");
            }
            status.textContent = "Writing the answer…";
          } else if (name === "delta") text.textContent += payload.text || "";
          else if (name === "done") { finished = true; status.textContent = "Done. Loading the sources…"; }
          else if (name === "error") { status.textContent = payload.message || "The answer could not be completed."; live.classList.add("failed"); }
        });
      }
      if (finished && sessionId) window.location.assign("/sessions/" + sessionId);
      else if (!live.classList.contains("failed")) status.textContent = "The answer stopped before the end. Try again.";
    } catch (err) {
      status.textContent = err.message || "The answer could not be completed. Check your connection and try again.";
    } finally { button.disabled = false; }
  });
}

function fragmentLanding() {
  // Invitation links bring the session in the URL fragment: hand it to the server, then forget it.
  const form = document.querySelector("form[data-fragment-form]");
  if (!form) return;
  const values = new URLSearchParams(window.location.hash.slice(1));
  history.replaceState(null, "", window.location.pathname);
  for (const name of ["access_token", "refresh_token", "expires_at", "type"]) {
    form.elements[name].value = values.get(name) || "";
  }
  form.submit();
}

function backLinks() {
  document.querySelectorAll("a[data-back]").forEach((a) => a.addEventListener("click", (e) => {
    if (history.length > 1) { e.preventDefault(); history.back(); }
  }));
}

// -- runs: an autonomous session's plan and steps, a panel's rounds ------------------------------
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function followRun(box, state, onEvent) {
  // The run's events in words, from the console's relay; reopened while the action is under way
  // (the relay ends whenever the run rests, e.g. just before a decision takes effect).
  const url = box.dataset.events;
  do {
    try {
      const response = await fetch(url + "?after=" + state.after, { credentials: "same-origin", headers: { Accept: "text/event-stream" } });
      if (response.ok && response.body) {
        const reader = response.body.getReader(), decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = parseEvents(buffer + decoder.decode(value, { stream: true }), (name, payload) => {
            if (name === "step" && payload.sequence) state.after = Math.max(state.after, payload.sequence);
            onEvent(name, payload);
          });
        }
      }
    } catch (e) { /* the connection dropped: try again below */ }
    if (state.pending) await sleep(300);
  } while (state.pending);
}

function showEvent(box, name, payload) {
  const list = box.querySelector("[data-timeline]");
  if (name === "step" && payload.text && list) {
    box.querySelector("[data-progress]").hidden = false;
    const item = document.createElement("li"); item.textContent = payload.text; list.appendChild(item);
  } else if (name === "contribution") {
    const transcript = document.querySelector("[data-transcript]");
    if (!transcript || transcript.querySelector('[data-id="' + payload.id + '"]')) return;
    const article = document.createElement("article"); article.className = "contribution"; article.dataset.id = payload.id;
    const head = document.createElement("p"); head.className = "speaker";
    head.textContent = payload.speaker + " · round " + payload.round + (payload.stance ? " · " + payload.stance : "");
    const text = document.createElement("p"); text.textContent = payload.text;
    article.append(head, text); transcript.hidden = false; transcript.appendChild(article);
  } else if (name === "error" && payload.message) {
    box.querySelector("[data-run-status]").textContent = payload.message;
  }
}

function runActions() {
  const box = document.querySelector("[data-live-run]");
  if (!box || !window.fetch || !window.TextDecoder) return;
  const status = box.querySelector("[data-run-status]");
  const state = { after: 0, pending: false };
  document.querySelectorAll("form[data-run-action]").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = new URLSearchParams(new FormData(form, event.submitter));
      document.querySelectorAll("form[data-run-action] button").forEach((b) => { b.disabled = true; });
      status.textContent = "Working… each step appears below as it finishes.";
      state.pending = true;
      const following = followRun(box, state, (name, payload) => showEvent(box, name, payload));
      let answer = {};
      try {
        const response = await fetch(form.action, { method: "POST", credentials: "same-origin", body,
          headers: { "X-CSRF-Token": body.get("csrf"), "X-Requested-With": "fetch" } });
        answer = await response.json().catch(() => ({ error: "The console answered unexpectedly (" + response.status + "). Reload the page." }));
      } catch (e) { answer = { error: "The connection was lost. Reload the page to see where the run is." }; }
      state.pending = false;
      await following;
      if (answer.next) await followRun(box, state, (name, payload) => showEvent(box, name, payload));  // the last steps
      if (answer.next) { status.textContent = "Done. Loading the result…"; window.location.assign(answer.next); return; }
      status.textContent = answer.error || "That did not work. Reload the page and try again.";
      status.classList.add("failed");
      document.querySelectorAll("form[data-run-action] button").forEach((b) => { b.disabled = false; });
    });
  });
  const start = document.querySelector("form[data-autostart]");
  if (start) { history.replaceState(null, "", window.location.pathname); start.requestSubmit(); }
  else if (box.hasAttribute("data-follow-now")) {
    // Someone (or another tab) is running it: show the steps, then the result.
    status.textContent = "Working… each step appears below as it finishes.";
    followRun(box, state, (name, payload) => showEvent(box, name, payload)).then(() => window.location.reload());
  }
}

function listFilter() {
  // The agents directory: narrow the listed cards as the person types (the filters work without it).
  document.querySelectorAll("input[data-filter-list]").forEach((input) => {
    const list = document.getElementById(input.dataset.filterList);
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const item of list.children) {
        const text = (item.dataset.text || item.textContent).toLowerCase();
        item.hidden = !words.every((w) => text.includes(w));
      }
    });
  });
  // Panels: with script, the setup form creates the panel and its page follows the deliberation live.
  document.querySelectorAll("form[data-live-setup]").forEach((form) => {
    const flag = document.createElement("input"); flag.type = "hidden"; flag.name = "live"; flag.value = "1";
    form.appendChild(flag);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  localTimes(); agentFilter(); streamingAsk(); fragmentLanding(); backLinks(); runActions(); listFilter();
});
