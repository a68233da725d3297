"""The reader's light/dark choice: plain JavaScript shared by the masthead's toggle
(``components/layout.py``), the first view (``first_view``) and the served
``<head>`` (``services/seo.py``), which applies a stored choice before the first paint."""

from __future__ import annotations

THEME_TOGGLE_JS = """
(() => {
  const root = document.documentElement;
  const dark = root.dataset.theme ? root.dataset.theme === 'dark'
    : window.matchMedia('(prefers-color-scheme: dark)').matches;
  root.dataset.theme = dark ? 'light' : 'dark';
  try { localStorage.setItem('artisan-theme', root.dataset.theme); } catch (e) {}
})()
"""

# Applies the stored choice; in the <head> the server sends, it runs before the first paint.
THEME_BOOT_JS = (
    "try{var t=localStorage.getItem('artisan-theme');"
    "if(t==='dark'||t==='light'){document.documentElement.dataset.theme=t}}catch(e){}"
)
