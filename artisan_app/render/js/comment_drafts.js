/* The reader's comment drafts: every keystroke in the comment form (the app's, or the first view's
   before the app has loaded) goes to local storage at once, in the shape state/reader/comment_drafts.py
   reads: {"who": {name, email, website}, "drafts": {slug: {"body": ...}}}, the newest CONFIG.keep
   drafts under CONFIG.key. The server reads it back when an article opens and calls
   window.artisanCommentDrafts.clear(slug) after a successful post; the first view's form, posted,
   clears the article's draft itself and carries this browser's reader id (CONFIG.reader). */
(() => {
  const CONFIG = __CONFIG__;
  const FIELDS = ["name", "email", "website", "body"];
  function read() {
    let d;
    try {
      d = JSON.parse(localStorage.getItem(CONFIG.key) || "{}");
    } catch (_error) {
      d = {};
    }
    if (!d || typeof d !== "object" || Array.isArray(d)) d = {};
    if (!d.who || typeof d.who !== "object") d.who = {};
    if (!d.drafts || typeof d.drafts !== "object") d.drafts = {};
    return d;
  }
  function write(d) {
    try {
      localStorage.setItem(CONFIG.key, JSON.stringify(d));
    } catch (_error) {}
  }
  function slug() {
    const m = window.location.pathname.match(/^\/article\/([^/]+)/);
    return m ? decodeURIComponent(m[1]) : "";
  }
  window.artisanCommentDrafts = {
    clear(article) {
      const d = read();
      delete d.drafts[article];
      write(d);
    },
  };
  document.addEventListener(
    "input",
    (event) => {
      const box = event.target;
      let id = box?.id ? String(box.id) : "";
      if (id.indexOf("first-view-") === 0) id = id.slice(11); // the first view's form, before the app
      const field = id.indexOf("comment-") === 0 ? id.slice(8) : "";
      const article = slug();
      if (FIELDS.indexOf(field) < 0 || !article || typeof box.value !== "string") return;
      const d = read();
      if (field === "body") {
        delete d.drafts[article];
        if (box.value) d.drafts[article] = { body: box.value };
        const keys = Object.keys(d.drafts);
        while (keys.length > CONFIG.keep) delete d.drafts[keys.shift()];
      } else {
        d.who[field] = box.value;
      }
      write(d);
    },
    true,
  );
  // The first view's plain form, posted: it carries this browser's reader id (made here if the app
  // never ran), as the app's form would; its text leaves with the post (a refused post comes back
  // with the text kept by the server, and the hand-over types it into the app's form again).
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      const article = slug();
      if (!form?.querySelector?.("#first-view-comment-body")) return;
      const reader = form.querySelector("input[name=reader]");
      const pattern = new RegExp(CONFIG.reader_id);
      let id = "";
      try {
        id = localStorage.getItem(CONFIG.reader) || "";
      } catch (_error) {}
      if (!pattern.test(id) && window.crypto?.getRandomValues) {
        const bytes = crypto.getRandomValues(new Uint8Array(24));
        id = btoa(String.fromCharCode.apply(null, bytes))
          .replace(/\+/g, "-")
          .replace(/\//g, "_")
          .replace(/=+$/, "");
        try {
          localStorage.setItem(CONFIG.reader, id);
        } catch (_error) {}
      }
      if (reader && pattern.test(id)) reader.value = id;
      if (!article) return;
      const d = read();
      delete d.drafts[article];
      write(d);
    },
    true,
  );
})();
