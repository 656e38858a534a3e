// VITAL console: the knowledge uploads' drop zone and progress bars. The pages work without it
// (the form posts; the job's page reloads itself). Text is only ever set with textContent.
"use strict";

function jobWords(job) {
  const counts = job.items_done + " done, " + job.items_failed + " failed of " + job.items_total + " files";
  if (job.status === "queued") return "Waiting for a worker… (" + counts + ")";
  if (job.status === "running") return "Processing… (" + counts + ")";
  if (job.status === "succeeded") return "Done: every file is in. (" + counts + ")";
  if (job.status === "partial") return "Done, with errors: some files could not be added. (" + counts + ")";
  return "Failed: no file could be added. (" + counts + ")";
}

function followJob(url, item) {
  const bar = item.querySelector("progress"), state = item.querySelector("[data-state]");
  const errors = item.querySelector("ul");
  const poll = async () => {
    let job;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      job = await response.json();
      if (!response.ok) throw new Error(job.error || "The job could not be read.");
    } catch (err) {
      state.textContent = (err.message || "The job could not be read.") + " Retrying…";
      setTimeout(poll, 2000); return;
    }
    bar.max = Math.max(job.items_total, 1); bar.value = job.items_done + job.items_failed;
    state.textContent = jobWords(job);
    errors.textContent = "";
    for (const e of job.errors || []) {
      const li = document.createElement("li");
      li.textContent = e.item + ": " + e.message + (e.hint ? " " + e.hint : "");
      errors.appendChild(li);
    }
    if (job.status === "queued" || job.status === "running") setTimeout(poll, 700);
    else {
      item.classList.add("finished");
      const link = document.createElement("a"); link.href = "/knowledge"; link.textContent = "Show the documents";
      state.append(" ", link);
    }
  };
  poll();
}

function uploads() {
  const form = document.getElementById("upload-form"), list = document.getElementById("uploads");
  if (!form || !list || !window.fetch || !window.FormData) return;
  const input = form.querySelector("input[type=file]");
  const send = async () => {
    if (!input.files.length) return;
    const names = Array.from(input.files).map((f) => f.name).join(", ");
    const item = document.createElement("li");
    const title = document.createElement("strong"); title.textContent = names;
    const bar = document.createElement("progress"); bar.setAttribute("aria-label", "Upload of " + names);
    const state = document.createElement("span"); state.dataset.state = ""; state.setAttribute("role", "status");
    state.textContent = "Sending…";
    item.append(title, bar, state, document.createElement("ul"));
    list.prepend(item);
    const body = new FormData(form);
    form.reset();
    try {
      const response = await fetch(form.action, { method: "POST", body, credentials: "same-origin",
                                                  headers: { Accept: "application/json" } });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(answer.error || "The upload was refused (" + response.status + "). Reload the page and try again.");
      followJob(answer.url, item);
    } catch (err) {
      item.classList.add("failed");
      state.textContent = err.message || "The upload could not be sent. Check your connection and try again.";
    }
  };
  form.addEventListener("submit", (event) => { event.preventDefault(); send(); });
  const zone = form.querySelector("[data-dropzone]");
  if (!zone) return;
  zone.classList.add("live");
  zone.querySelector("[data-drop-hint]").hidden = false;
  ["dragenter", "dragover"].forEach((n) => zone.addEventListener(n, (e) => { e.preventDefault(); zone.classList.add("over"); }));
  ["dragleave", "drop"].forEach((n) => zone.addEventListener(n, () => zone.classList.remove("over")));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    input.files = e.dataTransfer.files;
    send();
  });
}

document.addEventListener("DOMContentLoaded", () => { uploads(); });
