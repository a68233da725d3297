/* Placed right before the app's entry module is imported (web/shell.py): a page being left stays
   left, and the router's scroll to the top of a "new" page is held back until the hand-over
   (first_view.js): the reader may have scrolled the first view, and the app takes over the same
   page at the same place. */
if (window.__artisanLeaving) await new Promise(() => {});
if (document.getElementById("first-view")) {
  window.__artisanScrollTo = window.scrollTo;
  window.scrollTo = () => {};
}
