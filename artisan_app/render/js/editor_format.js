/* Formatting in the article editor's text boxes (textarea[data-md]), which hold inline Markdown
   (services/editorial/rich.py). The toolbar buttons ([data-md-action]) and Ctrl/Cmd+B, I, K wrap the
   selection in **bold**, *italic* or [a link](https://...); a paste carrying HTML (Word, Google
   Docs, a web page) keeps paragraphs, bold, italic, links and lists as Markdown and drops
   everything else (window.artisanPasteToMarkdown). Clicking a picture with data-focal-for writes
   the point clicked ("x,y", fractions) into that input. Escape while the body's image picker is
   open presses its Cancel button (also before the focus has got into the picker). Every change
   goes through the box's native setter and an input event, so React (and the debounced autosave)
   sees it as typing. window.artisanEditorFocus moves the keyboard focus after a server event. */
(() => {
  function setValue(box, value) {
    var proto = box.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(box, value);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function insert(box, text, selectFrom, selectTo) {
    var v = box.value,
      s = box.selectionStart,
      e = box.selectionEnd;
    setValue(box, v.slice(0, s) + text + v.slice(e));
    box.focus();
    box.setSelectionRange(
      s + (selectFrom == null ? text.length : selectFrom),
      s + (selectTo == null ? text.length : selectTo),
    );
  }
  function wrap(box, action) {
    var sel = box.value.slice(box.selectionStart, box.selectionEnd),
      before,
      after;
    if (action === "bold") {
      before = "**";
      after = "**";
      sel = sel || "bold text";
    } else if (action === "italic") {
      before = "*";
      after = "*";
      sel = sel || "italic text";
    } else if (action === "code") {
      before = "`";
      after = "`";
      sel = sel || "code";
    } else if (action === "link") {
      const url = window.prompt("Link address (https://… or mailto:…)", "https://");
      if (!url || !/^(https?:\/\/|mailto:|\/)/i.test(url.trim())) return;
      before = "[";
      after = "](" + url.trim().replace(/ /g, "%20").replace(/\)/g, "%29") + ")";
      sel = sel || "link text";
    } else return;
    insert(box, before + sel + after, before.length, before.length + sel.length);
  }
  function esc(t) {
    return t.replace(/([\\`*_[\]])/g, "\\$1");
  }
  function md(node, ordered) {
    if (node.nodeType === 3) return esc(node.nodeValue.replace(/\s+/g, " "));
    if (node.nodeType !== 1) return "";
    var tag = node.tagName,
      style = (node.getAttribute("style") || "").toLowerCase();
    if (/^(SCRIPT|STYLE|META|TITLE|HEAD|IMG|svg|IFRAME|OBJECT|TEMPLATE)$/i.test(tag)) return "";
    if (tag === "BR") return "\n";
    var inner = "",
      kids = node.childNodes,
      i,
      n = 0;
    for (i = 0; i < kids.length; i++) {
      if (kids[i].tagName === "LI") {
        n++;
        inner += "\n" + (tag === "OL" ? n + ". " : "- ") + md(kids[i], tag === "OL").trim();
      } else inner += md(kids[i], ordered);
    }
    if (tag === "UL" || tag === "OL") return "\n\n" + inner.trim() + "\n\n";
    if (/^(P|DIV|H[1-6]|BLOCKQUOTE|SECTION|ARTICLE|TR)$/.test(tag)) {
      const cls = node.getAttribute("class") || "";
      if (/MsoListParagraph/i.test(cls)) return "\n- " + inner.replace(/^\s*[·•o§\-–]\s*/, "").trim() + "\n";
      return "\n\n" + inner.trim() + "\n\n";
    }
    var bold = /^(B|STRONG)$/.test(tag) || /font-weight:\s*(bold|[6-9]00)/.test(style);
    if (/font-weight:\s*(normal|[1-4]00)/.test(style)) bold = false;
    var italic = /^(I|EM)$/.test(tag) || /font-style:\s*italic/.test(style);
    var core = inner.trim(),
      lead = inner.match(/^\s*/)[0],
      trail = core ? inner.match(/\s*$/)[0] : "";
    if (!core) return inner;
    if (tag === "A") {
      const href = (node.getAttribute("href") || "").trim();
      if (/^(https?:|mailto:)/i.test(href))
        core = "[" + core + "](" + href.replace(/ /g, "%20").replace(/\)/g, "%29") + ")";
    }
    if (tag === "CODE") core = "`" + core.replace(/\\([\\`*_[\]])/g, "$1") + "`";
    if (italic) core = "*" + core + "*";
    if (bold) core = "**" + core + "**";
    return lead + core + trail;
  }
  function fromHtml(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    return md(doc.body, false)
      .replace(/[ \t]+\n/g, "\n")
      .replace(/\n[ \t]+/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  }
  window.artisanPasteToMarkdown = fromHtml;
  // The keyboard focus after a server event (state/editor_*.py calls these with rx.call_script).
  window.artisanEditorFocus = {
    // An element once the next render shows it (tries for about a second), scrolled to the middle.
    whenShown: (id) => {
      var tries = 0;
      function go() {
        var el = document.getElementById(id);
        if (el) {
          el.scrollIntoView({ block: "center" });
          el.focus({ preventScroll: true });
        } else if (tries++ < 20) setTimeout(go, 50);
      }
      requestAnimationFrame(go);
    },
    // A moved item's button in the same direction (id first), or the other one (second) at the end of the list.
    moved: (first, second) => {
      requestAnimationFrame(() => {
        requestAnimationFrame(() => {
          var a = document.getElementById(first),
            b = document.getElementById(second);
          var target = a && !a.disabled ? a : b;
          if (target) target.focus();
        });
      });
    },
    // A heading that has just been shown, scrolled to the top.
    heading: (id) => {
      requestAnimationFrame(() => {
        var h = document.getElementById(id);
        if (h) {
          h.focus();
          h.scrollIntoView({ block: "start" });
        }
      });
    },
  };
  document.addEventListener("keydown", (event) => {
    var box = event.target;
    if (event.key === "Escape") {
      // Escape closes the open image picker (its Cancel), wherever the focus is yet
      const cancel = document.querySelector(".image-picker.open [data-picker-cancel]");
      if (cancel) {
        event.preventDefault();
        cancel.click();
        return;
      }
    }
    if (
      !(event.ctrlKey || event.metaKey) ||
      event.altKey ||
      !box ||
      !box.matches ||
      !box.matches("textarea[data-md]")
    )
      return;
    var action = { b: "bold", i: "italic", k: "link" }[String(event.key).toLowerCase()];
    if (!action) return;
    event.preventDefault();
    wrap(box, action);
  });
  document.addEventListener("click", (event) => {
    var t = event.target?.closest ? event.target : null;
    var button = t ? t.closest("[data-md-action]") : null;
    if (button) {
      const box = document.getElementById(button.getAttribute("data-md-for") || "");
      if (box) {
        event.preventDefault();
        wrap(box, button.getAttribute("data-md-action"));
      }
      return;
    }
    var img = t ? t.closest("img[data-focal-for]") : null;
    if (img) {
      const r = img.getBoundingClientRect(),
        input = document.getElementById(img.getAttribute("data-focal-for"));
      if (!input || !r.width || !r.height) return;
      const x = Math.min(1, Math.max(0, (event.clientX - r.left) / r.width));
      const y = Math.min(1, Math.max(0, (event.clientY - r.top) / r.height));
      setValue(input, x.toFixed(3) + "," + y.toFixed(3));
    }
  });
  document.addEventListener("paste", (event) => {
    var box = event.target;
    if (!box?.matches?.("textarea[data-md]") || !event.clipboardData) return;
    var html = event.clipboardData.getData("text/html");
    if (!html) return;
    event.preventDefault();
    insert(box, fromHtml(html));
  });
})();
