"""Small browser scripts the app runs outside React, kept free of Reflex so that
the Content-Security-Policy (``hardening.py``) can allow each by its hash."""

from __future__ import annotations

import json

from artisan_app.services.rich_blocks import FRAME_ORIGINS

DRAFTS_KEY = "artisan_comment_drafts"  # local storage: the reader's comment drafts
READER_KEY = "artisan_reader"  # local storage: the browser's reader id (``CommentState.reader_id``)
READER_ID_PATTERN = "^[A-Za-z0-9_-]{16,64}$"  # what the server takes as a reader id from a form
MAX_SAVED_DRAFTS = 20

# Runs once per page (in <head>, allowed by its hash): every keystroke in the comment
# form (the app's, or the first view's before the app has loaded) goes to local storage
# at once, in the shape ``state.comments._parse_saved`` reads: {"who": {name, email,
# website}, "drafts": {slug: {"body": ...}}}, the newest MAX_SAVED_DRAFTS drafts. The
# server reads it back when an article opens and asks ``artisanCommentDrafts.clear(slug)``
# after a successful post; the first view's form, posted, clears the article's draft itself.
_DRAFT_KEEPER_CONFIG = {"key": json.dumps(DRAFTS_KEY), "keep": MAX_SAVED_DRAFTS, "reader": json.dumps(READER_KEY),
                        "reader_id": json.dumps(READER_ID_PATTERN)}
DRAFT_KEEPER_JS = r"""(function () {
  var KEY = %(key)s, KEEP = %(keep)d, FIELDS = ["name", "email", "website", "body"];
  var READER = %(reader)s, READER_ID = %(reader_id)s;
  function read() {
    try { var d = JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { d = {}; }
    if (!d || typeof d !== "object" || Array.isArray(d)) d = {};
    if (!d.who || typeof d.who !== "object") d.who = {};
    if (!d.drafts || typeof d.drafts !== "object") d.drafts = {};
    return d;
  }
  function write(d) { try { localStorage.setItem(KEY, JSON.stringify(d)); } catch (e) {} }
  function slug() {
    var m = window.location.pathname.match(/^\/article\/([^\/]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  window.artisanCommentDrafts = {
    clear: function (article) { var d = read(); delete d.drafts[article]; write(d); }
  };
  document.addEventListener("input", function (event) {
    var box = event.target, id = box && box.id ? String(box.id) : "";
    if (id.indexOf("first-view-") === 0) id = id.slice(11);  // the first view's form, before the app
    var field = id.indexOf("comment-") === 0 ? id.slice(8) : "", article = slug();
    if (FIELDS.indexOf(field) < 0 || !article || typeof box.value !== "string") return;
    var d = read();
    if (field === "body") {
      delete d.drafts[article];
      if (box.value) d.drafts[article] = {body: box.value};
      var keys = Object.keys(d.drafts);
      while (keys.length > KEEP) delete d.drafts[keys.shift()];
    } else {
      d.who[field] = box.value;
    }
    write(d);
  }, true);
  // The first view's plain form, posted: it carries this browser's reader id (made here if the app
  // never ran), as the app's form would; its text leaves with the post (a refused post comes back
  // with the text kept by the server, and the hand-over types it into the app's form again).
  document.addEventListener("submit", function (event) {
    var form = event.target, article = slug();
    if (!form || !form.querySelector || !form.querySelector("#first-view-comment-body")) return;
    var reader = form.querySelector("input[name=reader]"), id = "";
    try { id = localStorage.getItem(READER) || ""; } catch (e) {}
    if (!new RegExp(READER_ID).test(id) && window.crypto && crypto.getRandomValues) {
      var bytes = crypto.getRandomValues(new Uint8Array(24));
      id = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      try { localStorage.setItem(READER, id); } catch (e) {}
    }
    if (reader && new RegExp(READER_ID).test(id)) reader.value = id;
    if (!article) return;
    var d = read();
    delete d.drafts[article];
    write(d);
  }, true);
})();""" % _DRAFT_KEEPER_CONFIG  # noqa: UP031 - JavaScript braces

# Runs once per page (in <head>, allowed by its hash): an embed card
# (services/rich_blocks.embed_html) becomes the provider's iframe only when the reader
# clicks "Load"; before that nothing from the provider is fetched. Only the frame
# origins the CSP's frame-src allows (rich_blocks.FRAME_ORIGINS) are ever loaded.
EMBED_LOADER_JS = r"""(function () {
  var ORIGINS = %(origins)s;
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest(".embed-load") : null;
    var card = button ? button.closest("[data-embed-src]") : null;
    if (!card) return;
    var src = card.getAttribute("data-embed-src") || "";
    if (!ORIGINS.some(function (o) { return src.indexOf(o + "/") === 0; })) return;
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = card.getAttribute("data-embed-title") || "Embedded content";
    frame.className = "embed-frame";
    frame.setAttribute("allow", "encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    var inner = card.querySelector(".embed-card");
    if (inner) card.replaceChild(frame, inner); else card.appendChild(frame);
    frame.focus();
  });
})();""" % {"origins": json.dumps(list(FRAME_ORIGINS))}  # noqa: UP031 - JavaScript braces

# Runs once per page (in <head>, allowed by its hash): formatting in the article
# editor's text boxes (``textarea[data-md]``), which hold inline Markdown
# (services/editor_rich.py). The toolbar buttons (``[data-md-action]``) and Ctrl/Cmd+B,
# I, K wrap the selection in **bold**, *italic* or [a link](https://…); a paste
# carrying HTML (Word, Google Docs, a web page) keeps paragraphs, bold, italic, links
# and lists as Markdown and drops everything else. Clicking a picture with
# ``data-focal-for`` writes the point clicked ("x,y", fractions) into that input.
# Escape while the body's image picker is open presses its Cancel button (also before the focus,
# which moves into the picker once it is shown, has got there).
# Every change goes through the box's native setter and an input event, so React
# (and the debounced autosave) sees it as typing.
EDITOR_FORMAT_JS = r"""(function () {
  function setValue(box, value) {
    var proto = box.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(box, value);
    box.dispatchEvent(new Event("input", {bubbles: true}));
  }
  function insert(box, text, selectFrom, selectTo) {
    var v = box.value, s = box.selectionStart, e = box.selectionEnd;
    setValue(box, v.slice(0, s) + text + v.slice(e));
    box.focus();
    box.setSelectionRange(s + (selectFrom == null ? text.length : selectFrom), s + (selectTo == null ? text.length : selectTo));
  }
  function wrap(box, action) {
    var sel = box.value.slice(box.selectionStart, box.selectionEnd), before, after;
    if (action === "bold") { before = "**"; after = "**"; sel = sel || "bold text"; }
    else if (action === "italic") { before = "*"; after = "*"; sel = sel || "italic text"; }
    else if (action === "code") { before = "`"; after = "`"; sel = sel || "code"; }
    else if (action === "link") {
      var url = window.prompt("Link address (https://… or mailto:…)", "https://");
      if (!url || !/^(https?:\/\/|mailto:|\/)/i.test(url.trim())) return;
      before = "["; after = "](" + url.trim().replace(/ /g, "%20").replace(/\)/g, "%29") + ")"; sel = sel || "link text";
    } else return;
    insert(box, before + sel + after, before.length, before.length + sel.length);
  }
  function esc(t) { return t.replace(/([\\`*_\[\]])/g, "\\$1"); }
  function md(node, ordered) {
    if (node.nodeType === 3) return esc(node.nodeValue.replace(/\s+/g, " "));
    if (node.nodeType !== 1) return "";
    var tag = node.tagName, style = (node.getAttribute("style") || "").toLowerCase();
    if (/^(SCRIPT|STYLE|META|TITLE|HEAD|IMG|svg|IFRAME|OBJECT|TEMPLATE)$/i.test(tag)) return "";
    if (tag === "BR") return "\n";
    var inner = "", kids = node.childNodes, i, n = 0;
    for (i = 0; i < kids.length; i++) {
      if (kids[i].tagName === "LI") { n++; inner += "\n" + (tag === "OL" ? n + ". " : "- ") + md(kids[i], tag === "OL").trim(); }
      else inner += md(kids[i], ordered);
    }
    if (tag === "UL" || tag === "OL") return "\n\n" + inner.trim() + "\n\n";
    if (/^(P|DIV|H[1-6]|BLOCKQUOTE|SECTION|ARTICLE|TR)$/.test(tag)) {
      var cls = node.getAttribute("class") || "";
      if (/MsoListParagraph/i.test(cls)) return "\n- " + inner.replace(/^\s*[·•o§\-–]\s*/, "").trim() + "\n";
      return "\n\n" + inner.trim() + "\n\n";
    }
    var bold = /^(B|STRONG)$/.test(tag) || /font-weight:\s*(bold|[6-9]00)/.test(style);
    if (/font-weight:\s*(normal|[1-4]00)/.test(style)) bold = false;
    var italic = /^(I|EM)$/.test(tag) || /font-style:\s*italic/.test(style);
    var core = inner.trim(), lead = inner.match(/^\s*/)[0], trail = core ? inner.match(/\s*$/)[0] : "";
    if (!core) return inner;
    if (tag === "A") {
      var href = (node.getAttribute("href") || "").trim();
      if (/^(https?:|mailto:)/i.test(href)) core = "[" + core + "](" + href.replace(/ /g, "%20").replace(/\)/g, "%29") + ")";
    }
    if (tag === "CODE") core = "`" + core.replace(/\\([\\`*_\[\]])/g, "$1") + "`";
    if (italic) core = "*" + core + "*";
    if (bold) core = "**" + core + "**";
    return lead + core + trail;
  }
  function fromHtml(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    return md(doc.body, false).replace(/[ \t]+\n/g, "\n").replace(/\n[ \t]+/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  }
  window.artisanPasteToMarkdown = fromHtml;
  document.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key === "Escape") {  // Escape closes the open image picker (its Cancel), wherever the focus is yet
      var cancel = document.querySelector(".image-picker.open [data-picker-cancel]");
      if (cancel) { event.preventDefault(); cancel.click(); return; }
    }
    if (!(event.ctrlKey || event.metaKey) || event.altKey || !box || !box.matches || !box.matches("textarea[data-md]")) return;
    var action = {b: "bold", i: "italic", k: "link"}[String(event.key).toLowerCase()];
    if (!action) return;
    event.preventDefault();
    wrap(box, action);
  });
  document.addEventListener("click", function (event) {
    var t = event.target && event.target.closest ? event.target : null;
    var button = t ? t.closest("[data-md-action]") : null;
    if (button) {
      var box = document.getElementById(button.getAttribute("data-md-for") || "");
      if (box) { event.preventDefault(); wrap(box, button.getAttribute("data-md-action")); }
      return;
    }
    var img = t ? t.closest("img[data-focal-for]") : null;
    if (img) {
      var r = img.getBoundingClientRect(), input = document.getElementById(img.getAttribute("data-focal-for"));
      if (!input || !r.width || !r.height) return;
      var x = Math.min(1, Math.max(0, (event.clientX - r.left) / r.width));
      var y = Math.min(1, Math.max(0, (event.clientY - r.top) / r.height));
      setValue(input, x.toFixed(3) + "," + y.toFixed(3));
    }
  });
  document.addEventListener("paste", function (event) {
    var box = event.target;
    if (!box || !box.matches || !box.matches("textarea[data-md]") || !event.clipboardData) return;
    var html = event.clipboardData.getData("text/html");
    if (!html) return;
    event.preventDefault();
    insert(box, fromHtml(html));
  });
})();"""
