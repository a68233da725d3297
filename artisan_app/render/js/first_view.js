/* The one inline script of every first view (render/scripts.py): wires the masthead's theme toggle
   (no inline event handlers under the CSP), and hands the page over to the app once it has rendered
   the page's data, carrying over the scroll position, typed text and focus, and pressing again the
   app's twin of the button (CONFIG.buttons) that asked for the app. */
document.querySelectorAll("#first-view .theme-toggle").forEach((button) => {
  button.addEventListener("click", () => {
    window.artisanToggleTheme();
  });
});
(() => {
  var CONFIG = __CONFIG__;
  var view = document.getElementById("first-view");
  if (!view || !window.MutationObserver) return;
  var pending = null,
    pressing = false,
    waiting = false;
  // A press that has begun in the first view ends there: the hand-over waits for its click
  // (removing the button between pointerdown and pointerup would swallow the click).
  view.addEventListener("pointerdown", () => {
    pressing = true;
  });
  ["pointerup", "pointercancel"].forEach((type) => {
    window.addEventListener(type, () => {
      pressing = false;
      if (waiting) setTimeout(handOver, 0);
    });
  });
  // A plain form submission leaves the page: the app must not start under it.
  view.addEventListener("submit", (event) => {
    if (!event.defaultPrevented) window.__artisanLeaving = true;
  });
  function key(button) {
    var card = button.closest("[data-embed-src]");
    return (
      (card ? card.getAttribute("data-embed-src") + " " : "") +
      (button.getAttribute("aria-label") || button.textContent)
    );
  }
  view.addEventListener("click", (event) => {
    var button = event.target.closest?.(CONFIG.buttons);
    if (!button) return;
    var chip = button.classList.contains("chip");
    pending = { selector: CONFIG.buttons, key: key(button) };
    if (chip) {
      button
        .closest("ul")
        .querySelectorAll("button.chip")
        .forEach((other) => {
          other.setAttribute("aria-pressed", other === button ? "true" : "false");
        });
    } else {
      button.setAttribute("aria-busy", "true");
    }
  });
  var observer = new MutationObserver(handOver);
  function handOver() {
    var main = document.getElementById("main");
    if (!main || main.querySelector(":scope > .skeleton")) return;
    if (pressing) {
      waiting = true;
      return;
    }
    if (!view.isConnected) return;
    observer.disconnect();
    if (window.__artisanLeaving) return; // a form submitted from the first view: removing it would cancel that
    var active = document.activeElement,
      twinFocus = null;
    view.querySelectorAll("input[id^='first-view-'], textarea[id^='first-view-']").forEach((input) => {
      var twin = document.getElementById(input.id.slice("first-view-".length));
      if (!twin || twin.tagName !== input.tagName) return;
      // What the reader typed (the field differs from the page's own value, or the server kept it
      // from a refused post: data-typed) wins, told to React as typing (the native setter and an
      // input event) so a controlled field keeps it.
      var typed = input.value !== input.defaultValue || input.hasAttribute("data-typed");
      if (typed && input.value !== twin.value) {
        Object.getOwnPropertyDescriptor(Object.getPrototypeOf(twin), "value").set.call(twin, input.value);
        twin.dispatchEvent(new Event("input", { bubbles: true }));
      }
      if (input === active) twinFocus = twin;
    });
    view.remove();
    if (window.__artisanScrollTo) {
      // held back by the boot script (APP_ENTRY_JS) until now
      window.scrollTo = window.__artisanScrollTo;
      delete window.__artisanScrollTo;
    }
    if (twinFocus) twinFocus.focus({ preventScroll: true });
    if (pending) {
      const again = Array.prototype.find.call(
        document.querySelectorAll(pending.selector),
        (button) => key(button) === pending.key,
      );
      if (again) again.click();
    }
  }
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
