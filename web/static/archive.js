// tmgr: the alignment review page, keyboard first (j/k move, 1-9 choose, y confirm, n drop).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const items = [...document.querySelectorAll("li.archive-link")];
  if (!items.length) return;
  let current = 0;
  const select = (index) => {
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach((item, i) => item.classList.toggle("current", i === current));
    items[current].focus();
  };
  const submit = (action) => {
    const form = items[current].querySelector("form");
    const button = form.querySelector(`button[value="${action}"]`);
    if (button) form.requestSubmit(button);
  };
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target.matches("input[type=text], textarea")) return;
    if (e.key === "j") select(current + 1);
    else if (e.key === "k") select(current - 1);
    else if (e.key === "y") submit("confirm");
    else if (e.key === "n") submit("drop");
    else if (/^[1-9]$/.test(e.key)) {
      const box = items[current].querySelectorAll("input[name=sentence]")[Number(e.key) - 1];
      if (box && !box.disabled) box.checked = !box.checked;
    } else return;
    e.preventDefault();
  });
  select(0);
});
