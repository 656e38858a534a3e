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
  document.querySelectorAll("input[data-filter]").forEach((input) => {
    const select = document.getElementById(input.dataset.filter);
    if (!select) return;
    input.addEventListener("input", () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      for (const option of select.options) {
        const text = (option.textContent + " " + option.title).toLowerCase();
        option.hidden = !words.every((w) => text.includes(w));
      }
    });
    input.addEventListener("focus", () => { const one = document.querySelector('input[name=mode][value="1"]'); if (one) one.checked = true; });
    select.addEventListener("change", () => { const one = document.querySelector('input[name=mode][value="1"]'); if (one) one.checked = true; });
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
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
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

document.addEventListener("DOMContentLoaded", () => {
  localTimes(); agentFilter(); streamingAsk(); fragmentLanding(); backLinks();
});
