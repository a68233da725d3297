/* The reader's light/dark choice, in the <head> of every page (before the first paint): applies
   the stored choice and defines the masthead toggle's action, window.artisanToggleTheme, which the
   first view (first_view.js) and the app (in_app_navigation.js) call. */
(() => {
  const root = document.documentElement;
  try {
    const stored = localStorage.getItem("artisan-theme");
    if (stored === "dark" || stored === "light") root.dataset.theme = stored;
  } catch (_error) {}
  window.artisanToggleTheme = () => {
    const dark = root.dataset.theme
      ? root.dataset.theme === "dark"
      : window.matchMedia("(prefers-color-scheme: dark)").matches;
    root.dataset.theme = dark ? "light" : "dark";
    try {
      localStorage.setItem("artisan-theme", root.dataset.theme);
    } catch (_error) {}
  };
})();
