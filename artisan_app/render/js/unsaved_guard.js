/* The article editor warns before leaving with changes the server has not saved yet
   (window.__artisanDirty, set by typing and cleared by the server's saves). */
(() => {
  if (window.__artisanGuard) return;
  window.__artisanGuard = true;
  document.addEventListener(
    "input",
    (e) => {
      // Not the article's own text: e.g. the "New category…" name (components/newsroom/tools.py).
      const field = e.target.closest ? e.target : null;
      if (field?.closest(".editor-form") && !field.closest(".not-article-field"))
        window.__artisanDirty = true;
    },
    true,
  );
  window.addEventListener("beforeunload", (e) => {
    if (window.__artisanDirty) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  // In-app links never unload the page: ask before following one.
  document.addEventListener(
    "click",
    (e) => {
      if (!window.__artisanDirty) return;
      const a = e.target.closest?.("a[href]");
      if (!a || a.target === "_blank" || a.dataset.target || a.getAttribute("href").startsWith("#")) return;
      if (window.confirm("You have unsaved changes. Leave this page anyway?")) {
        window.__artisanDirty = false;
      } else {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    true,
  );
})();
