// Search and replace: preview, apply batch by batch with progress, stop, undo.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("replace-form");
  if (!form) return;
  const $ = (id) => document.getElementById(id);
  const say = (key, values) => form.dataset[key].replace(/\{(\w)\}/g, (_, k) => values[k]);
  const states = JSON.parse(form.dataset.states);
  const status = $("replace-status"), error = $("replace-error");
  const body = $("replace-table").querySelector("tbody");
  let request = null, preview = null, shown = 0, stopping = false;

  async function post(url, data) {
    const token = document.querySelector('meta[name="csrf-token"]').content;
    const answer = await fetch(url, {method: "POST", body: JSON.stringify(data),
      headers: {"Content-Type": "application/json", "X-CSRFToken": token,
                "X-Requested-With": "fetch"}});
    const json = await answer.json();
    if (!answer.ok) throw new Error(json.hint ? `${json.error} (${json.hint})` : json.error);
    return json;
  }
  function fail(exc) { error.textContent = exc.message; error.hidden = false; }
  function cell(row, text) { row.insertCell().textContent = text; }
  function showPage(changes) {
    for (const change of changes) {
      const row = body.insertRow();
      cell(row, change.document); cell(row, change.segment_id);
      cell(row, states[change.state] || change.state); cell(row, change.before); cell(row, change.after);
    }
    shown += changes.length;
    $("replace-more").hidden = shown >= preview.total;
    status.textContent = `${say("total", {n: preview.total})}; ${say("shown", {a: 1, b: shown})}`;
  }
  function listSkipped(skipped) {
    const list = $("replace-skipped");
    list.replaceChildren();
    if (!skipped.length) return;
    const head = document.createElement("li");
    head.textContent = say("skipped", {n: skipped.length});
    list.append(head);
    for (const s of skipped) {
      const item = document.createElement("li");
      item.textContent = `${s.segment}: ${s.reason}`;
      list.append(item);
    }
  }
  async function run(url, data, doneKey) {
    let after = 0, changed = 0;
    const skipped = [];
    stopping = false;
    $("replace-stop").hidden = false;
    for (;;) {
      const batch = await post(url, {...data, after});
      changed += batch.changed.length;
      skipped.push(...batch.skipped);
      status.textContent = say("progress", {d: changed + skipped.length, n: preview.total});
      if (batch.done) break;
      after = batch.next_after;
      if (stopping) { status.textContent += " " + form.dataset.stopped; break; }
    }
    $("replace-stop").hidden = true;
    if (!stopping) status.textContent = say(doneKey, {n: changed});
    listSkipped(skipped);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true; body.replaceChildren(); shown = 0;
    $("replace-skipped").replaceChildren();
    request = {search: $("replace-search").value, replace: $("replace-with").value,
               regex: $("replace-regex").checked, lang: $("replace-lang").value,
               document: $("replace-document").value};
    try {
      preview = await post("/api/replace/preview", request);
    } catch (exc) { fail(exc); $("replace-actions").hidden = true; $("replace-table").hidden = true; return; }
    $("replace-table").hidden = preview.total === 0;
    $("replace-actions").hidden = preview.total === 0;
    $("replace-confirm").hidden = false; $("replace-undo").hidden = true;
    if (preview.total === 0) { status.textContent = form.dataset.none; return; }
    showPage(preview.changes);
  });
  $("replace-more").addEventListener("click", async () => {
    try { showPage((await post("/api/replace/preview", {...request, offset: shown})).changes); }
    catch (exc) { fail(exc); }
  });
  $("replace-confirm").addEventListener("click", async () => {
    $("replace-confirm").hidden = true; $("replace-more").hidden = true;
    try {
      await run("/api/replace/apply", {...request, replace_id: preview.replace_id, mark: preview.mark}, "finished");
    } catch (exc) { fail(exc); }
    $("replace-undo").hidden = false;
  });
  $("replace-stop").addEventListener("click", () => { stopping = true; });
  $("replace-undo").addEventListener("click", async () => {
    $("replace-undo").hidden = true;
    try { await run("/api/replace/undo", {replace_id: preview.replace_id}, "undone"); }
    catch (exc) { fail(exc); }
  });
});
