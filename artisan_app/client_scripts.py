"""Small browser scripts the app runs outside React, kept free of Reflex so that
the Content-Security-Policy (``hardening.py``) can allow each by its hash."""

from __future__ import annotations

import json

from artisan_app.services.rich_blocks import FRAME_ORIGINS

DRAFTS_KEY = "artisan_comment_drafts"  # local storage: the reader's comment drafts
MAX_SAVED_DRAFTS = 20

# Runs once per page (in <head>, allowed by its hash): every keystroke in the comment
# form goes to local storage at once, in the shape ``state.comments._parse_saved``
# reads: {"who": {name, email, website}, "drafts": {slug: {"body": ...}}}, the newest
# MAX_SAVED_DRAFTS drafts. The server reads it back when an article opens and asks
# ``artisanCommentDrafts.clear(slug)`` after a successful post.
DRAFT_KEEPER_JS = r"""(function () {
  var KEY = %(key)s, KEEP = %(keep)d, FIELDS = ["name", "email", "website", "body"];
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
})();""" % {"key": '"' + DRAFTS_KEY + '"', "keep": MAX_SAVED_DRAFTS}

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
})();""" % {"origins": json.dumps(list(FRAME_ORIGINS))}
