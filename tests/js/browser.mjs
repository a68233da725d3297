// A browser page for the scripts' tests: jsdom (tools/js/package.json) with a script exactly as the
// app serves it (artisan_app/render/scripts.py, via the project's Python).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(join(ROOT, "tools", "js", "package.json"));
const { JSDOM } = require("jsdom");

const venvPython = join(ROOT, ".venv", "bin", "python");
const PYTHON = process.env.PYTHON || (existsSync(venvPython) ? venvPython : "python3");

let scripts = null;

/** The text of ``artisan_app.render.scripts.<name>``, as served (one Python run for all of them). */
export function served(name) {
  scripts ??= JSON.parse(
    execFileSync(
      PYTHON,
      [
        "-c",
        "import json, sys; from artisan_app.render import scripts as s; " +
          "json.dump({k: v for k, v in vars(s).items() if k.endswith('_JS')}, sys.stdout)",
      ],
      { cwd: ROOT, encoding: "utf-8" },
    ),
  );
  if (!(name in scripts)) throw new Error(`no script ${name} in artisan_app/render/scripts.py`);
  return scripts[name];
}

/** A page at ``url`` with ``body`` (HTML), with the ``scripts`` (names in render/scripts.py) run in order. */
export function page(body, scripts, url = "https://news.example/") {
  const dom = new JSDOM(`<!DOCTYPE html><html lang="en"><head></head><body>${body}</body></html>`, {
    url,
    runScripts: "outside-only",
    pretendToBeVisual: true,
  });
  const { window } = dom;
  window.matchMedia = () => ({ matches: false });
  window.scrollTo = () => {};
  for (const name of scripts) window.eval(served(name));
  return window;
}

/** Resolves once queued microtasks, mutation observers and zero-delay timers have run. */
export function settle(window) {
  return new Promise((resolve) => window.setTimeout(resolve, 0));
}
