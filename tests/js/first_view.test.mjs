// The first view's script (render/js/first_view.js): the theme toggle, and the hand-over to the app.
import assert from "node:assert/strict";
import { test } from "node:test";
import { page, settle } from "./browser.mjs";

const FIRST_VIEW = `
  <div id="first-view">
    <header><button class="theme-toggle" type="button">Theme</button>
      <form action="/search"><input id="first-view-q" name="q" value=""></form></header>
    <main><ul><li><button class="chip" aria-pressed="true">All</button></li>
      <li><button class="chip" aria-pressed="false">World</button></li></ul></main>
  </div>`;
const APP = `<div id="app"><main id="main"><div class="skeleton"></div></main></div>`;
const APP_PAGE = `<form><input id="q" name="q" value=""></form>
  <ul><li><button class="chip">All</button></li><li><button class="chip">World</button></li></ul>`;

function firstView() {
  return page(FIRST_VIEW + APP, ["THEME_BOOT_JS", "FIRST_VIEW_JS"]);
}

function renderApp(window) {
  window.document.getElementById("main").innerHTML = APP_PAGE;
}

test("the theme toggle switches and stores the reader's choice", () => {
  const window = firstView();
  window.document.querySelector("#first-view .theme-toggle").click();
  assert.equal(window.document.documentElement.dataset.theme, "dark");
  assert.equal(window.localStorage.getItem("artisan-theme"), "dark");
  window.document.querySelector("#first-view .theme-toggle").click();
  assert.equal(window.document.documentElement.dataset.theme, "light");
});

test("the first view stays until the app has rendered the page's data", async () => {
  const window = firstView();
  window.document.getElementById("app").appendChild(window.document.createElement("p"));
  await settle(window);
  assert.ok(window.document.getElementById("first-view"));
  renderApp(window);
  await settle(window);
  assert.equal(window.document.getElementById("first-view"), null);
});

test("typed text and the focus carry over to the app's twin field", async () => {
  const window = firstView();
  const typed = window.document.getElementById("first-view-q");
  typed.focus();
  typed.value = "harbour";
  renderApp(window);
  const inputs = [];
  window.document.getElementById("q").addEventListener("input", (event) => inputs.push(event.target.value));
  await settle(window);
  const twin = window.document.getElementById("q");
  assert.equal(twin.value, "harbour");
  assert.deepEqual(inputs, ["harbour"]); // told to React as typing
  assert.equal(window.document.activeElement, twin);
});

test("the button that asked for the app is shown pressed, then pressed again in the app", async () => {
  const window = firstView();
  const world = window.document.querySelectorAll("#first-view button.chip")[1];
  world.click();
  assert.equal(world.getAttribute("aria-pressed"), "true");
  assert.equal(
    window.document.querySelector("#first-view button.chip").getAttribute("aria-pressed"),
    "false",
  );
  renderApp(window);
  const clicked = [];
  window.document
    .getElementById("main")
    .addEventListener("click", (event) => clicked.push(event.target.textContent));
  await settle(window);
  assert.deepEqual(clicked, ["World"]);
});

test("a press begun in the first view ends there before the hand-over", async () => {
  const window = firstView();
  const chip = window.document.querySelector("#first-view button.chip");
  chip.dispatchEvent(new window.Event("pointerdown", { bubbles: true }));
  renderApp(window);
  await settle(window);
  assert.ok(window.document.getElementById("first-view")); // not under the reader's finger
  window.dispatchEvent(new window.Event("pointerup"));
  await settle(window);
  await settle(window);
  assert.equal(window.document.getElementById("first-view"), null);
});

test("a plain form submitted from the first view leaves the page: no hand-over", async () => {
  const window = firstView();
  const form = window.document.querySelector("#first-view form");
  form.dispatchEvent(new window.Event("submit", { bubbles: true, cancelable: true }));
  assert.equal(window.__artisanLeaving, true);
  renderApp(window);
  await settle(window);
  assert.ok(window.document.getElementById("first-view"));
});
