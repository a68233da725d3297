/* The site's web fonts (artisan_app/render/fonts.py): marks <html data-fonts> from the sets a visit has
   cached, and once the page is painted and idle, fetches the faces this page's edition uses into
   the HTTP cache. Runs in the first view's <head> and in the app's; whichever runs first in a
   document decides its faces. CONFIG: {key: the local storage key, files: {set: [urls]}}. */
(() => {
  // Once per document: the app's copy (run when it boots) must not switch faces under the reader.
  if (window.__artisanFonts) return;
  window.__artisanFonts = true;
  const CONFIG = __CONFIG__;
  const KEY = CONFIG.key;
  const FILES = CONFIG.files;
  const root = document.documentElement;
  function stored() {
    try {
      return (localStorage.getItem(KEY) || "").split(" ").filter((s) => FILES[s]);
    } catch (_error) {
      return [];
    }
  }
  const have = stored();
  if (have.length) root.setAttribute("data-fonts", have.join(" "));
  function warm() {
    const connection = navigator.connection;
    if (connection?.saveData || typeof FontFace !== "function") return;
    const sets = ["latin"];
    if ((root.getAttribute("lang") || "").indexOf("ur") === 0) sets.push("ur");
    sets.forEach((set) => {
      if (have.indexOf(set) >= 0) return;
      Promise.all(FILES[set].map((url) => new FontFace(`artisan-${set}`, `url(${url})`).load())).then(
        () => {
          const now = stored();
          if (now.indexOf(set) < 0) now.push(set);
          try {
            localStorage.setItem(KEY, now.sort().join(" "));
          } catch (_error) {}
        },
        () => {},
      );
    });
  }
  // After the load event, the first contentful paint and then an idle moment: never before the page is on screen.
  function idle() {
    (window.requestIdleCallback || ((f) => setTimeout(f, 300)))(warm, { timeout: 5000 });
  }
  function painted() {
    const types = window.PerformanceObserver?.supportedEntryTypes || [];
    if (types.indexOf("paint") < 0) {
      setTimeout(idle, 300);
      return;
    }
    let done = false;
    const observer = new PerformanceObserver((list) => {
      if (done || !list.getEntriesByName("first-contentful-paint").length) return;
      done = true;
      observer.disconnect();
      idle();
    });
    observer.observe({ type: "paint", buffered: true });
  }
  if (document.readyState === "complete") painted();
  else window.addEventListener("load", painted, { once: true });
})();
