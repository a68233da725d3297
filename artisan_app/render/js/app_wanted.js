/* Awaited by the app's boot script (web/shell.py rewrites it): resolves once the page needs the app
   (render/scripts.py): a click on a button only the app can serve (CONFIG.buttons), the focus in a
   field that asks for it (CONFIG.fields), what asks for it coming near the screen (CONFIG.near),
   or an "artisan:app" event on the window. Never while a plain form is leaving the page. */
await new Promise((go) => {
  var CONFIG = __CONFIG__;
  var view = document.getElementById("first-view"),
    started = false,
    near = null;
  function start() {
    if (started || window.__artisanLeaving) return;
    started = true;
    if (near) near.disconnect();
    go();
  }
  if (!view) {
    start();
    return;
  }
  window.addEventListener("artisan:app", start);
  view.addEventListener(
    "click",
    (event) => {
      if (event.target.closest?.(CONFIG.buttons)) start();
    },
    true,
  );
  view.addEventListener("focusin", (event) => {
    if (event.target.closest?.(CONFIG.fields)) start();
  });
  if (window.IntersectionObserver) {
    near = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) start();
      },
      { rootMargin: "50% 0px 50% 0px" },
    );
    view.querySelectorAll(CONFIG.near).forEach((element) => {
      near.observe(element);
    });
  }
});
