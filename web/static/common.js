// tmgr: small helpers every page uses. No framework; everything works without it too.
"use strict";
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  for (const el of document.querySelectorAll("[data-autosubmit]")) {
    if (el.closest("#editor-filter")) continue;  // the editor filters in place
    el.addEventListener("change", () => el.form.requestSubmit());
  }
  // Documents page: narrow the table while typing, without a round trip.
  const filter = document.querySelector("[data-autofilter]");
  if (filter) {
    filter.addEventListener("input", () => {
      const needle = filter.value.trim().toLowerCase();
      for (const row of document.querySelectorAll("table.documents tbody tr")) {
        row.hidden = needle !== "" && !row.querySelector("td.doc").textContent.toLowerCase().includes(needle);
      }
    });
  }
});
