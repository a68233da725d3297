// The article editor's formatting (render/js/editor_format.js): shortcuts, toolbar, rich paste to Markdown.
import assert from "node:assert/strict";
import { test } from "node:test";
import { page } from "./browser.mjs";

const EDITOR = `
  <button type="button" data-md-action="italic" data-md-for="body">Italic</button>
  <button type="button" data-md-action="link" data-md-for="body">Link</button>
  <textarea id="body" data-md></textarea>
  <div class="image-picker open"><button type="button" data-picker-cancel>Cancel</button></div>`;

function editor(text, from, to) {
  const window = page(EDITOR, ["EDITOR_FORMAT_JS"]);
  const box = window.document.getElementById("body");
  box.value = text;
  box.setSelectionRange(from, to);
  const typed = [];
  box.addEventListener("input", () => typed.push(box.value));
  return { window, box, typed };
}

function toMarkdown(html) {
  return page("", ["EDITOR_FORMAT_JS"]).artisanPasteToMarkdown(html);
}

test("Ctrl+B wraps the selection in bold, as typing", () => {
  const { window, box, typed } = editor("a big day", 2, 5);
  box.dispatchEvent(new window.KeyboardEvent("keydown", { key: "b", ctrlKey: true, bubbles: true }));
  assert.equal(box.value, "a **big** day");
  assert.deepEqual(typed, ["a **big** day"]); // React sees an input event
  assert.deepEqual([box.selectionStart, box.selectionEnd], [4, 7]); // the word stays selected
});

test("a shortcut with Alt, or outside a Markdown box, does nothing", () => {
  const { window, box } = editor("a big day", 2, 5);
  box.dispatchEvent(
    new window.KeyboardEvent("keydown", { key: "b", ctrlKey: true, altKey: true, bubbles: true }),
  );
  assert.equal(box.value, "a big day");
});

test("the toolbar's italic button wraps the selection, or a placeholder", () => {
  const { window, box } = editor("plain", 5, 5);
  window.document.querySelector('[data-md-action="italic"]').click();
  assert.equal(box.value, "plain*italic text*");
});

test("a link takes only web and mail addresses, with spaces and brackets escaped", () => {
  const { window, box } = editor("see this", 4, 8);
  window.prompt = () => "javascript:alert(1)";
  window.document.querySelector('[data-md-action="link"]').click();
  assert.equal(box.value, "see this");
  window.prompt = () => " https://example.org/a b(c) ";
  window.document.querySelector('[data-md-action="link"]').click();
  assert.equal(box.value, "see [this](https://example.org/a%20b(c%29)");
});

test("Escape presses the open image picker's Cancel", () => {
  const { window } = editor("", 0, 0);
  let cancelled = 0;
  window.document.querySelector("[data-picker-cancel]").addEventListener("click", () => cancelled++);
  window.document.body.dispatchEvent(new window.KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
  assert.equal(cancelled, 1);
});

test("pasted HTML keeps paragraphs, bold, italic, links and lists", () => {
  assert.equal(
    toMarkdown('<p>One <b>bold</b> and <em>soft</em> <a href="https://example.org">link</a>.</p><p>Two</p>'),
    "One **bold** and *soft* [link](https://example.org).\n\nTwo",
  );
  assert.equal(
    toMarkdown("<ul><li>first</li><li>second</li></ul><ol><li>a</li><li>b</li></ol>"),
    "- first\n- second\n\n1. a\n2. b",
  );
});

test("pasted HTML from Word and Google Docs: styled spans and list paragraphs", () => {
  assert.equal(
    toMarkdown(
      '<b style="font-weight:normal"><span style="font-weight:700">Docs</span> <span style="font-style:italic">text</span></b>',
    ),
    "**Docs** *text*",
  );
  assert.equal(toMarkdown('<p class="MsoListParagraph">· item</p>'), "- item");
});

test("pasted HTML drops scripts, images, unsafe links, and escapes Markdown characters", () => {
  assert.equal(
    toMarkdown(
      '<p>a<script>alert(1)</script><img src="x.png"> <a href="javascript:alert(1)">b</a> 2*3_[x]</p>',
    ),
    "a b 2\\*3\\_\\[x\\]",
  );
});
