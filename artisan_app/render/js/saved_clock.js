/* The article editor's "Saved just now" turns into "Saved at 10:52:31" after a minute, in the
   browser (no server round trips); the error summary's links focus their field. */
(() => {
  if (window.__artisanSavedClock) return;
  window.__artisanSavedClock = true;
  const tick = () => {
    document.querySelectorAll("[data-saved-at]").forEach((el) => {
      if (el.dataset.seen !== el.dataset.savedAt) {
        el.dataset.seen = el.dataset.savedAt;
        el.dataset.seenAt = Date.now();
      }
      const old = Date.now() - Number(el.dataset.seenAt || 0) > 60000;
      if (old !== el.hasAttribute("data-stale")) el.toggleAttribute("data-stale", old);
    });
  };
  setInterval(tick, 1000);
  // The error summary's links move focus to their field (without leaving the page).
  document.addEventListener(
    "click",
    (e) => {
      const a = e.target.closest?.("a[data-target]");
      const field = a && document.getElementById(a.dataset.target);
      if (!field) return;
      e.preventDefault();
      e.stopPropagation();
      field.scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    },
    true,
  );
})();
