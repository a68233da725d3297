/* A React hook of the app (components/reader/markup.py, InAppNavigation): clicks on links to the app's own
   reader pages inside rendered HTML (CONFIG.cls), and GET forms there aimed at them, navigate in
   the app (React Router) instead of loading a new document. Modified clicks (new tab...), other
   targets, downloads, other origins, in-page anchors and everything else (feeds, media, the
   newsroom) keep the browser's own behaviour. CONFIG.pattern: the paths the app shows as pages. */
useEffect(() => {
  const config = __CONFIG__;
  const appPath = new RegExp(config.pattern);
  const inApp = (url) => url.origin === window.location.origin && appPath.test(url.pathname);
  // The first view's links and forms stay plain until the app has taken over: the next page
  // then arrives with its own first view, even if the app never connects.
  const inside = (node) => node?.closest?.("." + config.cls) && !node.closest("#first-view");
  const onClick = (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const toggle = event.target.closest?.("." + config.cls + " .theme-toggle");
    if (toggle && !toggle.closest("#first-view")) {
      window.artisanToggleTheme();
      return;
    } // the first view wires its own
    const link = event.target.closest?.("a[href]");
    if (!inside(link) || link.target || link.hasAttribute("download")) return;
    const url = new URL(link.href, window.location.href);
    if (!inApp(url)) return;
    const here = url.pathname === window.location.pathname && url.search === window.location.search;
    if (here && url.hash) return;
    event.preventDefault();
    artisanNavigate(url.pathname + url.search + url.hash);
  };
  const onSubmit = (event) => {
    const form = event.target;
    if (
      event.defaultPrevented ||
      !inside(form) ||
      (form.getAttribute("method") || "get").toLowerCase() !== "get"
    )
      return;
    const url = new URL(form.getAttribute("action") || "", window.location.href);
    if (!inApp(url)) return;
    event.preventDefault();
    const query = new URLSearchParams(new FormData(form)).toString();
    artisanNavigate(url.pathname + (query ? "?" + query : ""));
  };
  document.addEventListener("click", onClick);
  document.addEventListener("submit", onSubmit);
  return () => {
    document.removeEventListener("click", onClick);
    document.removeEventListener("submit", onSubmit);
  };
}, [artisanNavigate]);
