// tmgr soft locks: show who else is editing a segment right now. It never blocks a save.
// While a segment's text box has the focus the page says so to the server (and renews it);
// every few seconds it asks who else is editing this document and marks those segments.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const article = document.getElementById("article");
  if (!article) return;
  const slug = article.dataset.slug, lang = article.dataset.lang;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const label = article.dataset.msgEditing || "editing now";
  const canEdit = article.dataset.canEdit === "1";
  const POLL_MS = 5000, RENEW_MS = 20000;
  let held = null, renewTimer = null;

  const send = (method, url) => fetch(url, {
    method, credentials: "same-origin",
    headers: {"X-CSRFToken": token, "Accept": "application/json"},
  }).then((r) => r.ok ? r.json() : null).catch(() => null);

  const lockUrl = (id) => `/api/segments/${id}/${encodeURIComponent(lang)}/editing`;

  function show(editing) {
    for (const form of article.querySelectorAll("form.seg")) {
      const names = editing[form.dataset.id] || [];
      let badge = form.querySelector(".editing-by");
      if (!names.length) { if (badge) badge.remove(); continue; }
      if (!badge) {
        badge = document.createElement("span");
        badge.className = "editing-by";
        badge.setAttribute("role", "status");
        form.querySelector(".meta").prepend(badge);
      }
      badge.textContent = `✎ ${names.join(", ")} · ${label}`;
    }
  }

  function poll() {
    send("GET", `/api/documents/${encodeURIComponent(slug)}/${encodeURIComponent(lang)}/editing`)
      .then((data) => { if (data) show(data.editing); });
  }

  function release() {
    if (held === null) return;
    send("DELETE", lockUrl(held));
    held = null;
    clearInterval(renewTimer);
  }

  if (canEdit) {
    article.addEventListener("focusin", (event) => {
      const form = event.target.closest("form.seg");
      if (!form || event.target.tagName !== "TEXTAREA") return;
      if (held === form.dataset.id) return;
      release();
      held = form.dataset.id;
      send("POST", lockUrl(held));
      renewTimer = setInterval(() => { if (held) send("POST", lockUrl(held)); }, RENEW_MS);
    });
    article.addEventListener("focusout", (event) => {
      const form = event.target.closest("form.seg");
      if (!form || held !== form.dataset.id) return;
      // the next focused element decides: same segment keeps the lock
      setTimeout(() => {
        if (!form.contains(document.activeElement)) release();
      }, 0);
    });
    window.addEventListener("pagehide", () => {
      if (held !== null) {
        fetch(lockUrl(held), {method: "DELETE", keepalive: true, credentials: "same-origin",
                              headers: {"X-CSRFToken": token}});
      }
    });
  }
  poll();
  setInterval(poll, POLL_MS);
});
