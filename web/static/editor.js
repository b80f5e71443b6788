// tmgr editor: keyboard-first editing through the JSON API, nothing ever lost.
// Every action is also a plain form; this script only makes it faster.
"use strict";
(() => {
  const article = document.getElementById("article");
  if (!article) return;
  const D = article.dataset;
  let csrf = document.querySelector("meta[name=csrf-token]").content;
  const lang = D.lang, slug = D.slug;
  const apiRoot = D.api.slice(0, D.api.lastIndexOf("/0/"));
  const stateLabels = JSON.parse(D.stateLabels);
  const STATES = ["untranslated", "draft", "needs_editing", "translated", "approved"];
  const UNFINISHED = new Set(["untranslated", "draft", "needs_editing"]);
  const segs = Array.from(article.querySelectorAll("form.seg"));
  const panel = document.getElementById("panel");
  let active = null, panelFor = null, panelRequest = null, findingAt = -1;

  const storeKey = (seg) => `tmgr:${slug}:${lang}:${seg.dataset.id}`;
  const area = (seg) => seg.querySelector("textarea");
  const part = (seg, role) => seg.querySelector(`[data-role=${role}]`);
  const el = (tag, cls, text) => {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function status(seg, text, kind) {
    const node = part(seg, "status");
    node.textContent = text || "";
    node.className = "status " + (kind || "");
    // what an action did is said once, in the page's one live region, with the row's number
    if (text && kind) announce(`${seg.querySelector(".num").textContent} · ${text}`);
  }

  // ---- unsaved work: marked, kept in this browser, restored after a reload ----
  function markDirty(seg) {
    const dirty = area(seg).value !== seg.dataset.orig;
    seg.classList.toggle("dirty", dirty);
    if (dirty) {
      localStorage.setItem(storeKey(seg), JSON.stringify({text: area(seg).value, version: +seg.dataset.version}));
      status(seg, D.msgUnsaved, "");
    } else {
      localStorage.removeItem(storeKey(seg));
      status(seg, "");
    }
    approvedWarning(seg);
  }
  for (const seg of segs) {
    seg.dataset.orig = area(seg).value;
    const kept = localStorage.getItem(storeKey(seg));
    if (!kept) continue;
    try {
      const {text, version} = JSON.parse(kept);
      if (text !== area(seg).value) {
        area(seg).value = text;
        setVersion(seg, version);  // the version the text was based on: a newer one conflicts
        seg.classList.add("dirty");
        status(seg, D.msgRestored, "");
      } else localStorage.removeItem(storeKey(seg));
    } catch (err) { localStorage.removeItem(storeKey(seg)); }
  }
  window.addEventListener("beforeunload", (e) => {
    if (segs.some((s) => s.classList.contains("dirty"))) { e.preventDefault(); e.returnValue = ""; }
  });
  article.addEventListener("input", (e) => {
    const seg = e.target.closest("form.seg");
    if (seg && e.target.tagName === "TEXTAREA") markDirty(seg);
  });

  // ---- state and progress on the page ----
  function setVersion(seg, version) {
    seg.dataset.version = version;
    seg.querySelector("input[name=version]").value = version;
  }
  function setState(seg, state) {
    for (const s of STATES) seg.classList.remove(s.replace("_", "-"));
    seg.classList.add(state.replace("_", "-"));
    seg.dataset.state = state;
    const chip = part(seg, "state");
    chip.className = "chip " + state.replace("_", "-");
    chip.textContent = stateLabels[state];
  }
  function apply(seg, t) {
    setVersion(seg, t.version);
    setState(seg, t.state);
    area(seg).value = t.text;
    seg.dataset.orig = t.text;
    seg.classList.remove("dirty");
    localStorage.removeItem(storeKey(seg));
    const meta = seg.querySelector(".meta");
    let by = part(seg, "by");
    const writer = t.author || (t.approved_by ? null : t.updated_by);
    if (writer) {
      if (!by) { by = el("span", "by"); by.dataset.role = "by"; meta.insertBefore(by, part(seg, "status")); }
      by.textContent = writer;
      by.title = D.msgTranslatedBy;
    } else if (by) by.remove();
    let approver = part(seg, "approver");
    if (t.approved_by) {
      if (!approver) { approver = el("span", "approver"); approver.dataset.role = "approver"; meta.insertBefore(approver, part(seg, "status")); }
      approver.textContent = D.msgApprovedBy.replace("{name}", t.approved_by);
    } else if (approver) approver.remove();
    renderFindings(seg, t.findings);
    approvedWarning(seg);
    const conflict = seg.querySelector(".conflict");
    if (conflict) conflict.remove();
    updateProgress();
  }
  function renderFindings(seg, findings) {
    const box = part(seg, "findings");
    box.replaceChildren();
    if (!findings.length) return;
    const list = el("ul", "findings");
    for (const f of findings) {
      const item = el("li", "finding " + f.severity + (f.override ? " overridden" : ""));
      item.dataset.check = f.check;
      item.id = `f${seg.dataset.id}-${f.check}`;
      item.append(el("b", "", f.severity === "error" ? D.msgLabelError : D.msgLabelWarning), " " + f.message);
      if (f.suggestions && f.suggestions.length) item.append(" ", el("span", "suggestions muted", "→ " + f.suggestions.join(", ")));
      if (f.override) {
        const note = el("span", "override-note", D.msgOverridden.replace("{user}", f.override.user || "").replace("{reason}", f.override.reason));
        note.dataset.role = "override";
        item.append(" ", note);
      }
      if (f.fix && D.canEdit === "1") {
        const fix = el("button", "small fix", D.msgFix);
        fix.type = "button"; fix.dataset.fix = f.check; fix.title = f.fix;
        item.append(" ", fix);
      }
      if (f.severity === "error" && !f.override && D.canApprove === "1") {
        const over = el("a", "small button", D.msgOverrideButton);
        over.href = `${part(seg, "details").getAttribute("href")}#${item.id}`;
        over.dataset.override = f.check;
        item.append(" ", over);
      }
      list.append(item);
    }
    box.append(list);
  }
  // Editing an approved translation sends it back to translated: say so first.
  function approvedWarning(seg) {
    let note = seg.querySelector(".approved-warning");
    const show = seg.dataset.state === "approved" && seg.classList.contains("dirty");
    if (show && !note) {
      note = el("p", "approved-warning", D.msgApprovedEdit);
      note.setAttribute("role", "alert");
      seg.querySelector(".tgt").insertBefore(note, seg.querySelector(".meta"));
    } else if (!show && note) note.remove();
  }
  async function overrideFinding(seg, check) {
    const why = window.prompt(`${D.msgOverride}\n${check}`);
    if (!why || !why.trim()) return;
    if (seg.classList.contains("dirty") && !(await save(seg, false))) return;
    const result = await call(seg, "/overrides", {check, reason: why.trim(), version: +seg.dataset.version});
    if (!result) return;
    if (result.status === 409) { showConflict(seg, result.data, area(seg).value); return; }
    if (!result.ok) { fail(seg, result, D.msgNotApproved); return; }
    apply(seg, result.data);
    if (seg === panelFor) loadPanel(seg, true);
  }
  async function fixFinding(seg, check) {
    if (seg.classList.contains("dirty") && !(await save(seg, false))) return;
    if (seg.dataset.state === "approved" && !window.confirm(D.msgApprovedEdit)) return;
    const result = await call(seg, "/fix", {check, version: +seg.dataset.version});
    if (!result) return;
    if (result.status === 409) { showConflict(seg, result.data, area(seg).value); return; }
    if (!result.ok) { fail(seg, result); return; }
    apply(seg, result.data);
    status(seg, D.msgFixed, "ok");
    if (seg === panelFor) loadPanel(seg, true);
  }
  function updateProgress() {
    const words = {}, count = {};
    let total = 0;
    for (const s of STATES) { words[s] = 0; count[s] = 0; }
    for (const seg of segs) {
      const w = +seg.dataset.words || 0;
      words[seg.dataset.state] += w; count[seg.dataset.state] += 1; total += w;
    }
    const box = document.getElementById("doc-progress");
    const bar = box.querySelector(".progress");
    bar.replaceChildren();
    for (const s of [...STATES].reverse()) {
      if (!count[s]) continue;
      const span = el("span", "bar " + s.replace("_", "-"));
      span.style.width = (100 * words[s] / (total || 1)).toFixed(3) + "%";
      span.title = `${stateLabels[s]}: ${count[s]}`;
      bar.append(span);
    }
    box.querySelector(".pct").textContent = Math.round(100 * words.approved / (total || 1)) + "%";
    const counts = box.querySelector(".counts");
    counts.replaceChildren();
    for (const s of [...STATES].reverse()) {
      if (!count[s]) continue;
      const c = el("span", "count " + s.replace("_", "-"), String(count[s]));
      c.dataset.state = s; c.title = stateLabels[s];
      counts.append(c);
    }
  }

  // ---- an ended session: sign in again in a dialog; every unsaved text stays where it is ----
  const reauthDialog = document.getElementById("reauth");
  let reauthWaiting = null;
  function reauth() {
    if (reauthWaiting) return reauthWaiting;
    if (!reauthDialog) return Promise.resolve(false);
    const form = reauthDialog.querySelector("form"), note = reauthDialog.querySelector("[data-role=reauth-status]");
    const back = document.activeElement;
    reauthWaiting = new Promise((resolve) => {
      const done = (ok) => {
        form.removeEventListener("submit", onSubmit);
        reauthDialog.removeEventListener("cancel", onCancel);
        if (reauthDialog.open) reauthDialog.close();
        reauthWaiting = null;
        if (back && back.focus) back.focus();
        resolve(ok);
      };
      async function onSubmit(e) {
        e.preventDefault();
        note.textContent = "…";
        try {
          const response = await fetch(reauthDialog.dataset.url, {method: "POST", credentials: "same-origin",
            headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrf},
            body: JSON.stringify({name: form.elements.name.value, password: form.elements.password.value})});
          const data = await response.json().catch(() => ({}));
          if (!response.ok) { note.textContent = reauthDialog.dataset.msgWrong; form.elements.password.select(); return; }
          csrf = data.csrf_token;
          document.querySelector("meta[name=csrf-token]").content = csrf;
          form.elements.password.value = ""; note.textContent = "";
          done(true);
        } catch (err) { note.textContent = D.msgOffline; }
      }
      const onCancel = () => done(false);
      form.addEventListener("submit", onSubmit);
      reauthDialog.addEventListener("cancel", onCancel);
      reauthDialog.showModal();
      form.elements.password.focus();
    });
    return reauthWaiting;
  }

  // ---- talking to the server ----
  async function call(seg, suffix, body, method = "POST", again = true) {
    let response;
    try {
      response = await fetch(`${apiRoot}/${seg.dataset.id}/${lang}${suffix}`, {
        method, credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"},
        body: JSON.stringify(body),
      });
    } catch (err) {
      status(seg, D.msgOffline, "err");
      return null;
    }
    if (response.status === 401 && again && await reauth()) return call(seg, suffix, body, method, false);
    let data = {};
    try { data = await response.json(); } catch (err) { data = {error: response.statusText}; }
    return {ok: response.ok, status: response.status, data};
  }
  function fail(seg, result, label) {
    status(seg, `${label || D.msgError}: ${result.data.error || result.status}`, "err");
  }

  async function save(seg, move) {
    const mine = area(seg).value;
    const body = {text: mine, version: +seg.dataset.version};
    if (seg.dataset.focusAt) body.seconds = (Date.now() - +seg.dataset.focusAt) / 1000;
    if (seg.dataset.taken) body.suggestion = JSON.parse(seg.dataset.taken);
    const result = await call(seg, "", body, "PUT");
    if (!result) return false;
    if (result.status === 409) { showConflict(seg, result.data, mine); return false; }
    if (!result.ok) { fail(seg, result); return false; }
    apply(seg, result.data);
    delete seg.dataset.focusAt;  // the next focus starts a new measurement
    delete seg.dataset.taken;
    const unknown = part(seg, "unknown");
    if (unknown) unknown.remove();  // a person has looked at the draft
    for (const node of seg.querySelectorAll(".meta .mt-error")) node.remove();
    status(seg, D.msgSaved, "ok");
    if (seg === panelFor) loadPanel(seg, true);
    if (move) go(nextWhere(seg, (s) => UNFINISHED.has(s.dataset.state)));
    return true;
  }

  async function approve(seg, move) {
    const saving = seg.classList.contains("dirty");
    if (saving && !(await save(seg, false))) return;
    // a refusal after the save must not read as if the text were lost
    const notApproved = saving ? `${D.msgSaved} · ${D.msgNotApproved}` : D.msgNotApproved;
    const result = await call(seg, "/approve", {version: +seg.dataset.version});
    if (!result) return;
    if (result.status === 409) { showConflict(seg, result.data, area(seg).value); return; }
    if (result.status === 422 && result.data.findings) {
      // never one prompt for all errors: each one is fixed or overridden on its own
      renderFindings(seg, result.data.findings);
      status(seg, saving ? `${D.msgSaved} · ${D.msgBlocked}` : D.msgBlocked, "err");
      try {  // the findings again, with their one-click fixes and overrides
        const fresh = await fetch(`${apiRoot}/${seg.dataset.id}/${lang}`, {credentials: "same-origin", headers: {"Accept": "application/json"}});
        if (fresh.ok) renderFindings(seg, (await fresh.json()).translation.findings);
      } catch (err) { /* the plain list stays */ }
      return;
    }
    if (!result.ok) { fail(seg, result, notApproved); return; }
    apply(seg, result.data);
    status(seg, D.msgApproved, "ok");
    if (seg === panelFor) loadPanel(seg, true);
    if (move) go(nextWhere(seg, (s) => s.dataset.state === "translated"));
  }

  function askRejection() {  // the comment, the MQM category and the severity, or null
    const dialog = document.getElementById("reject-dialog");
    const form = dialog.querySelector("form");
    form.reset();
    return new Promise((resolve) => {
      const done = (value) => {
        form.removeEventListener("submit", onSubmit);
        dialog.removeEventListener("cancel", onCancel);
        cancel.removeEventListener("click", onCancel);
        if (dialog.open) dialog.close();
        resolve(value);
      };
      const onSubmit = (e) => {
        e.preventDefault();
        const comment = form.elements.comment.value.trim();
        if (!comment || !form.reportValidity()) return;
        done({comment, category: form.elements.category.value, severity: form.elements.severity.value});
      };
      const onCancel = (e) => { e.preventDefault(); done(null); };
      const cancel = form.querySelector("[data-cancel]");
      form.addEventListener("submit", onSubmit);
      dialog.addEventListener("cancel", onCancel);
      cancel.addEventListener("click", onCancel);
      dialog.showModal();
      form.elements.comment.focus();
    });
  }
  async function reject(seg) {
    const answer = await askRejection();
    area(seg).focus();
    if (!answer) return;
    const result = await call(seg, "/reject", {version: +seg.dataset.version, ...answer});
    if (!result) return;
    if (result.status === 409) { showConflict(seg, result.data, area(seg).value); return; }
    if (!result.ok) { fail(seg, result); return; }
    apply(seg, result.data);
    status(seg, D.msgRejected, "ok");
    if (seg === panelFor) loadPanel(seg, true);
  }

  // ---- mid-air collisions: show both texts, let the user merge ----
  function showConflict(seg, data, mine) {
    const old = seg.querySelector(".conflict");
    if (old) old.remove();
    const box = el("div", "conflict");
    box.setAttribute("role", "alert");
    box.append(el("strong", "", D.msgConflict), el("p", "muted", D.msgMerge));
    const two = el("div", "two");
    const theirs = el("div"), yours = el("div");
    theirs.append(el("h3", "", D.msgTheirs), el("p", "text theirs", data.current_text));
    yours.append(el("h3", "", D.msgMine), el("p", "text mine", mine));
    two.append(theirs, yours);
    const choices = el("div", "choices");
    const take = el("button", "small", D.msgTakeTheirs);
    take.type = "button";
    take.addEventListener("click", () => {
      area(seg).value = data.current_text;
      setVersion(seg, data.current_version);
      markDirty(seg);
      box.remove();
      area(seg).focus();
    });
    const keep = el("button", "small primary", D.msgSaveMerged);
    keep.type = "button";
    keep.addEventListener("click", () => { setVersion(seg, data.current_version); save(seg, false); });
    choices.append(take, keep);
    box.append(two, choices);
    seg.querySelector(".tgt").prepend(box);
    // The text stays the user's and the version the old one until they choose,
    // so a second Ctrl+Enter conflicts again instead of overwriting.
    status(seg, D.msgError, "err");
  }

  // ---- moving around ----
  const visibleSegs = () => segs.filter((s) => !s.hidden);
  function nextWhere(seg, test) {
    const list = visibleSegs();
    const start = list.indexOf(seg);
    for (let i = 1; i <= list.length; i++) {
      const candidate = list[(start + i) % list.length];
      if (test(candidate)) return candidate;
    }
    return null;
  }
  function step(seg, delta) {
    const list = visibleSegs();
    const i = list.indexOf(seg);
    return list[Math.min(list.length - 1, Math.max(0, i + delta))] || null;
  }
  function go(seg) {
    if (!seg) return;
    area(seg).focus();
    seg.scrollIntoView({block: "center"});
  }
  function activate(seg) {
    if (active === seg) return;
    if (active) active.classList.remove("active");
    active = seg;
    seg.classList.add("active");
    history.replaceState(null, "", `${location.pathname}${location.search}#s${seg.dataset.id}`);
    loadPanel(seg, false);
  }
  article.addEventListener("focusin", (e) => {
    const seg = e.target.closest("form.seg");
    if (!seg) return;
    if (e.target.tagName === "TEXTAREA" && !seg.dataset.focusAt) seg.dataset.focusAt = String(Date.now());
    activate(seg);
  });

  // ---- side panel ----
  function loadPanel(seg, force) {
    if (panelFor === seg && !force) return panelRequest;
    if (panelFor !== seg) findingAt = -1;
    panelFor = seg;
    const url = D.panel.replace("/segment/0/", `/segment/${seg.dataset.id}/`);
    panelRequest = fetch(url, {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}})
      .then(async (r) => {
        if (r.status === 401 && await reauth()) return fetch(url, {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}}).then((again) => (again.ok ? again.text() : Promise.reject(again.status)));
        return r.ok ? r.text() : Promise.reject(r.status);
      })
      .then((html) => {
        if (panelFor !== seg) return;
        panel.innerHTML = html;  // server-rendered with autoescaping
      })
      .catch(() => {});
    return panelRequest;
  }
  panel.addEventListener("click", (e) => {
    if (!panelFor) return;
    const replace = e.target.closest("[data-replace-word]");
    if (replace) { replaceWord(panelFor, replace.dataset.replaceWord, replace.dataset.with); return; }
    const term = e.target.closest("[data-insert-term]");
    if (term) { insertAtCursor(panelFor, term.dataset.insertTerm); return; }
    const add = e.target.closest("[data-add-word]");
    if (add) { addWord(panelFor, add.dataset.addWord, add); return; }
    const button = e.target.closest("[data-insert]");
    if (!button || !panelFor) return;
    takeSuggestion(panelFor, button.closest(".suggestion"));
  });
  // ---- comment and revert in place: no reload, the filter and the focus stay ----
  async function addComment(seg, form) {
    const box = form.elements.text, text = box.value.trim();
    if (!text) { box.focus(); return; }
    const result = await call(seg, "/comments", {text});
    if (!result) return;
    if (!result.ok) { fail(seg, result); return; }
    box.value = "";
    status(seg, D.msgCommented, "ok");
    await loadPanel(seg, true);
    area(seg).focus();
  }
  async function revertTo(seg, form) {
    if (seg.classList.contains("dirty") && !window.confirm(D.msgRevertUnsaved)) return;
    const result = await call(seg, "/revert", {revision: +form.elements.revision.value, version: +seg.dataset.version});
    if (!result) return;
    if (result.status === 409) { showConflict(seg, result.data, area(seg).value); return; }
    if (!result.ok) { fail(seg, result); return; }
    apply(seg, result.data);
    status(seg, D.msgReverted, "ok");
    await loadPanel(seg, true);
    area(seg).focus();
  }
  async function lookUp(form) {  // the concordance, in the panel
    const out = panel.querySelector("[data-role=concordance-out]");
    const params = new URLSearchParams(new FormData(form));
    params.set("fragment", "1");
    try {
      const response = await fetch(`${form.action}?${params}`, {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}});
      if (response.status === 401 && await reauth()) return lookUp(form);
      out.innerHTML = await response.text();  // server-rendered with autoescaping
    } catch (err) { out.textContent = D.msgOffline; }
  }
  panel.addEventListener("submit", (e) => {
    if (!panelFor) return;
    const form = e.target;
    if (form.matches("form[data-concordance]")) { e.preventDefault(); lookUp(form); return; }
    if (form.classList.contains("comment-form")) { e.preventDefault(); addComment(panelFor, form); }
    else if (/\/revert$/.test(form.getAttribute("action") || "")) { e.preventDefault(); revertTo(panelFor, form); }
  });
  panel.addEventListener("submit", async (e) => {
    const form = e.target.closest("form[data-request-mt]");
    if (!form || !panelFor) return;
    e.preventDefault();
    const seg = panelFor, note = form.querySelector("[data-role=mt-status]");
    const button = form.querySelector("button");
    button.disabled = true;
    note.textContent = "…";
    const result = await call(seg, "/mt", {engine: form.elements.engine.value});
    button.disabled = false;
    if (!result) { note.textContent = D.msgOffline; announce(note.textContent); return; }
    if (!result.ok) { note.textContent = `${D.msgMtFailed}: ${result.data.error || result.status}`; note.className = "status err"; announce(note.textContent); return; }
    await loadPanel(seg, true);
    announce(D.msgMtArrived);
  });
  // ---- spelling: replace a flagged word with a suggestion, or accept it for good ----
  function replaceWord(seg, word, replacement) {
    if (area(seg).readOnly) return;
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}'’-])${escaped}(?![\\p{L}\\p{N}'’-])`, "u");
    area(seg).value = area(seg).value.replace(pattern, (_, before) => before + replacement);
    markDirty(seg);
    area(seg).focus();
  }
  function insertAtCursor(seg, text) {
    const box = area(seg);
    if (box.readOnly) return;
    const at = box.selectionStart ?? box.value.length, end = box.selectionEnd ?? at;
    const before = box.value.slice(0, at), after = box.value.slice(end);
    const pad = before && !/\s$/.test(before) ? " " : "";
    box.setRangeText(pad + text + (after && !/^[\s.,;:!?»)]/.test(after) ? " " : ""), at, end, "end");
    markDirty(seg);
    box.focus();
  }
  async function addWord(seg, word, button) {
    button.disabled = true;
    try {
      const response = await fetch(D.wordsApi, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"},
        body: JSON.stringify({lang: D.lang, word}),
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) { status(seg, data.error || D.msgError, "error"); button.disabled = false; return; }
      status(seg, D.msgWordAdded, "ok");
      loadPanel(seg, true);
    } catch (err) {
      status(seg, D.msgOffline, "error");
      button.disabled = false;
    }
  }
  function insert(seg, text) {
    if (area(seg).readOnly) return;
    area(seg).value = text;
    markDirty(seg);
    area(seg).focus();
  }
  function takeSuggestion(seg, box) {
    if (area(seg).readOnly) return;
    if (box.dataset.engine) {
      seg.dataset.taken = JSON.stringify({engine: box.dataset.engine, source_lang: box.dataset.sourceLang});
    }
    insert(seg, box.querySelector(".sugg-text").textContent);
  }
  async function insertSuggestion(seg, kind, index) {
    await loadPanel(seg, false);
    const found = panel.querySelectorAll(`.suggestion[data-kind=${kind}]`)[index];
    if (found) takeSuggestion(seg, found);
  }

  // ---- drafting the whole document in the background ----
  const drafter = document.getElementById("draft-doc");
  if (drafter) {
    const bar = document.getElementById("draft-progress"), note = document.getElementById("draft-status");
    const startButton = document.getElementById("draft-start");
    const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));
    async function refreshSegments() {
      const response = await fetch(`${drafter.dataset.url.replace(/\/draft$/, "/segments")}`, {credentials: "same-origin"});
      if (!response.ok) return;
      const rows = await response.json();
      for (const row of rows) {
        const seg = document.getElementById(`s${row.id}`);
        if (seg && !seg.classList.contains("dirty") && +seg.dataset.version !== row.translation.version) apply(seg, row.translation);
      }
    }
    let pollCount = 0;
    async function poll() {
      let run;
      try {
        const response = await fetch(drafter.dataset.url, {credentials: "same-origin", headers: {"Accept": "application/json"}});
        if (!response.ok) { setTimeout(poll, 1500); return; }
        run = await response.json();
      } catch (err) { note.textContent = D.msgOffline; setTimeout(poll, 2000); return; }
      if (drafter.dataset.runId && run.run_id !== drafter.dataset.runId) { setTimeout(poll, 300); return; }
      if (run.running) {
        startButton.disabled = true;
        bar.hidden = false;
        bar.max = Math.max(run.total, 1); bar.value = run.done;
        note.textContent = run.state === "queued" ? drafter.dataset.msgQueued
          : fill(drafter.dataset.msgRunning, {engine: run.engine || "", done: run.done, total: run.total});
        if (++pollCount % 3 === 0) refreshSegments();  // rows fill in while the run goes on
        setTimeout(poll, 700);
        return;
      }
      startButton.disabled = false;
      bar.hidden = true;
      if (drafter.dataset.started) {
        const summary = run.summary || {};
        const failed = Object.values(summary.failed || {}).reduce((a, b) => a + b, 0);
        note.textContent = summary.error ? `${drafter.dataset.msgStopped} ${summary.error}`
          : fill(drafter.dataset.msgDone, {drafted: summary.drafted ?? 0, failed});
        delete drafter.dataset.started;
        delete drafter.dataset.runId;
        refreshSegments();
      }
    }
    startButton.addEventListener("click", async () => {
      startButton.disabled = true;
      let response;
      try {
        response = await fetch(drafter.dataset.url, {method: "POST", credentials: "same-origin",
          headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"},
          body: JSON.stringify({engine: document.getElementById("draft-engine").value})});
      } catch (err) { note.textContent = D.msgOffline; startButton.disabled = false; return; }
      const data = await response.json().catch(() => ({}));
      if (!response.ok) { note.textContent = `${drafter.dataset.msgNotStarted} ${data.error || response.status}`; startButton.disabled = false; return; }
      drafter.dataset.started = "1";
      if (data.run_id) drafter.dataset.runId = data.run_id;
      note.textContent = drafter.dataset.msgQueued;
      poll();
    });
    if (drafter.dataset.running === "1") { drafter.dataset.started = "1"; poll(); }
  }

  // ---- approve all that the filter shows (the server skips what may not be approved) ----
  const bulk = document.getElementById("bulk-approve");
  if (bulk) {
    const note = document.getElementById("bulk-approve-status");
    const button = document.getElementById("bulk-approve-start");
    const fillIn = (template, values) => template.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));
    button.addEventListener("click", async () => {
      const shown = segs.filter((seg) => !seg.hidden && seg.dataset.state === "translated" && !seg.classList.contains("dirty"));
      if (!shown.length) { note.textContent = bulk.dataset.msgNone; return; }
      if (!window.confirm(fillIn(bulk.dataset.msgConfirm, {count: shown.length}))) return;
      button.disabled = true; note.textContent = "…";
      try {
        const response = await fetch(bulk.dataset.url, {method: "POST", credentials: "same-origin",
          headers: {"Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json"},
          body: JSON.stringify({segment_ids: shown.map((seg) => +seg.dataset.id)})});
        if (response.status === 401 && await reauth()) { button.disabled = false; button.click(); return; }
        const data = await response.json().catch(() => ({}));
        if (!response.ok) { note.textContent = `${D.msgNotApproved}: ${data.error || response.status}`; return; }
        note.textContent = fillIn(bulk.dataset.msgDone, {approved: data.approved.length, skipped: data.skipped.length});
        const rows = await (await fetch(D.api.replace(/\/segments\/0\/.*$/, `/documents/${slug}/${lang}/segments`), {credentials: "same-origin"})).json();
        for (const row of rows) {
          const seg = document.getElementById(`s${row.id}`);
          if (seg && !seg.classList.contains("dirty") && +seg.dataset.version !== row.translation.version) apply(seg, row.translation);
        }
      } catch (err) { note.textContent = D.msgOffline; }
      finally { button.disabled = false; }
    });
  }

  // ---- filter and search, live ----
  const stateFilter = document.getElementById("state-filter");
  const search = document.getElementById("search");
  function applyFilter() {
    const fold = (text) => text.toLowerCase().replace(/[’‘ʼ`]/g, "'");  // ' finds ’ and back
    const want = stateFilter.value, needle = fold(search.value.trim());
    let shown = 0;
    for (const seg of segs) {
      const st = seg.dataset.state;
      const stateOk = !want || (want === "unfinished" ? UNFINISHED.has(st) : st === want);
      const text = fold(seg.querySelector(".source-text").textContent + " " + area(seg).value);
      seg.hidden = !(stateOk && (!needle || text.includes(needle)));
      if (!seg.hidden) shown++;
    }
    document.getElementById("shown-count").textContent = `${shown} / ${segs.length}`;
    const params = new URLSearchParams(location.search);
    want ? params.set("state", want) : params.delete("state");
    needle ? params.set("q", search.value.trim()) : params.delete("q");
    const query = params.toString();
    history.replaceState(null, "", `${location.pathname}${query ? "?" + query : ""}${location.hash}`);
  }
  stateFilter.addEventListener("change", applyFilter);
  search.addEventListener("input", applyFilter);
  search.addEventListener("keydown", (e) => {  // Enter: to the first match; Esc: back to work
    if (e.key === "Enter") { e.preventDefault(); go(visibleSegs()[0] || active); }
    else if (e.key === "Escape" && active) { e.preventDefault(); go(active); }
  });
  document.getElementById("editor-filter").addEventListener("submit", (e) => { e.preventDefault(); applyFilter(); });
  const help = document.getElementById("help-toggle");
  const shortcuts = document.getElementById("shortcuts");
  const toggleHelp = () => {
    shortcuts.hidden = !shortcuts.hidden;
    help.setAttribute("aria-expanded", String(!shortcuts.hidden));
  };
  help.addEventListener("click", toggleHelp);

  // ---- buttons and keys ----
  article.addEventListener("submit", (e) => {
    const seg = e.target.closest("form.seg");
    if (!seg) return;
    e.preventDefault();
    const action = e.submitter && e.submitter.getAttribute("formaction");
    if (action && action.endsWith("/approve")) approve(seg, false); else save(seg, false);
  });
  article.addEventListener("click", (e) => {
    const fix = e.target.closest("[data-fix]");
    if (fix) { e.preventDefault(); fixFinding(fix.closest("form.seg"), fix.dataset.fix); return; }
    const over = e.target.closest("[data-override]");
    if (over) { e.preventDefault(); overrideFinding(over.closest("form.seg"), over.dataset.override); return; }
    const details = e.target.closest("[data-role=details]");
    if (details && D.canApprove === "1" && e.altKey) { e.preventDefault(); reject(details.closest("form.seg")); }
  });

  // ---- the side panel by keyboard: findings, suggestions, terms, MT, comments, history ----
  function panelFindings() { return Array.from(panel.querySelectorAll("li.finding")); }
  function moveFinding(delta) {
    const list = panelFindings();
    if (!list.length) { announce(D.msgNoFindings); return; }
    findingAt = (findingAt + delta + list.length) % list.length;
    list.forEach((li, i) => li.classList.toggle("current", i === findingAt));
    list[findingAt].scrollIntoView({block: "nearest"});
    announce(list[findingAt].textContent.trim());
  }
  function currentFinding(check) {
    const list = panelFindings();
    const here = list[findingAt];
    if (here && (!check || here.dataset.check === check)) return here;
    return list.find((li) => !check || li.dataset.check === check) || null;
  }
  function announce(text) {
    const live = document.getElementById("key-announce");
    if (live) live.textContent = text;
  }
  async function panelAction(seg, what, n) {
    await loadPanel(seg, false);
    if (what === "term") {
      const terms = panel.querySelectorAll("[data-insert-term]");
      const pick = panel.querySelectorAll(".term")[n];
      const button = pick ? pick.querySelector("[data-insert-term]") : terms[n];
      if (button) insertAtCursor(seg, button.dataset.insertTerm); else announce(D.msgNoTerm);
    } else if (what === "mt") {
      const form = panel.querySelector("form[data-request-mt]");
      if (form) form.requestSubmit(); else announce(D.msgNoEngine);
      area(seg).focus();
    } else if (what === "lookup") {
      const box = panel.querySelector("form[data-concordance] input[name=q]");
      if (box) { const chosen = area(seg).value.slice(area(seg).selectionStart, area(seg).selectionEnd).trim(); if (chosen) box.value = chosen; box.focus(); box.select(); }
    } else if (what === "comment") {
      const box = panel.querySelector(".comment-form textarea");
      if (box) { box.focus(); box.scrollIntoView({block: "nearest"}); }
    } else if (what === "revert") {
      const form = Array.from(panel.querySelectorAll("form")).find((f) => /\/revert$/.test(f.getAttribute("action") || ""));
      if (form) revertTo(seg, form); else announce(D.msgNoRevert);
    } else if (what === "accept") {
      const finding = currentFinding();
      const button = finding && finding.querySelector("[data-replace-word], [data-insert-term]");
      if (button) button.click(); else announce(D.msgNoSuggestion);
    } else if (what === "word") {
      const finding = currentFinding("spelling");
      const button = finding && finding.querySelector("[data-add-word]");
      if (button) { addWord(seg, button.dataset.addWord, button); area(seg).focus(); } else announce(D.msgNoSuggestion);
    }
  }
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && panelFor && e.target.closest("form[data-concordance]")) {
      e.preventDefault(); e.stopPropagation(); area(panelFor).focus(); return;
    }
    const box = e.target.closest(".comment-form textarea");
    if (!box || !panelFor) return;
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); e.stopPropagation(); addComment(panelFor, box.form); }
    else if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); area(panelFor).focus(); }
  });
  const PANEL_KEYS = {KeyT: "mt", KeyK: "comment", KeyV: "revert", KeyA: "accept", KeyH: "word", KeyO: "lookup"};

  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented) return;
    const inSeg = e.target.closest && e.target.closest("form.seg");
    const seg = inSeg || active;
    if ((e.key === "?" && !/TEXTAREA|INPUT|SELECT/.test(e.target.tagName)) || (e.altKey && e.code === "Slash")) {
      e.preventDefault(); toggleHelp(); return;
    }
    if (!seg) {
      if (e.altKey && e.key === "ArrowDown") { e.preventDefault(); go(visibleSegs()[0]); }
      return;
    }
    const editable = D.canEdit === "1";
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.shiftKey) {
      e.preventDefault(); if (D.canApprove === "1") approve(seg, true);
    } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault(); if (editable) save(seg, true);
    } else if (e.altKey && e.key === "ArrowDown") {
      e.preventDefault(); go(step(seg, 1));
    } else if (e.altKey && e.key === "ArrowUp") {
      e.preventDefault(); go(step(seg, -1));
    } else if (e.altKey && e.code === "KeyC" && editable) {
      e.preventDefault(); insert(seg, seg.querySelector(".source-text").textContent);
    } else if (e.altKey && e.code === "KeyM" && editable) {
      e.preventDefault(); insertSuggestion(seg, "mt", 0);
    } else if (e.altKey && e.shiftKey && /^Digit[1-9]$/.test(e.code) && editable) {
      e.preventDefault(); panelAction(seg, "term", +e.code.slice(5) - 1);
    } else if (e.altKey && /^Digit[1-9]$/.test(e.code) && editable) {
      e.preventDefault(); insertSuggestion(seg, "tm", +e.code.slice(5) - 1);
    } else if (e.altKey && (e.code === "KeyN" || e.code === "KeyP")) {
      e.preventDefault(); moveFinding(e.code === "KeyN" ? 1 : -1);
    } else if (e.altKey && e.code === "KeyL") {
      e.preventDefault(); search.focus(); search.select();
    } else if (e.altKey && PANEL_KEYS[e.code] && (editable || e.code === "KeyK" || e.code === "KeyO")) {
      e.preventDefault(); panelAction(seg, PANEL_KEYS[e.code]);
    } else if (e.altKey && e.code === "KeyR" && D.canApprove === "1") {
      e.preventDefault(); reject(seg);
    } else if (e.key === "Escape" && inSeg && seg.classList.contains("dirty")) {
      e.preventDefault(); area(seg).value = seg.dataset.orig; markDirty(seg);
    }
  });

  applyFilter();
  const target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.classList.contains("seg")) go(target);
})();
