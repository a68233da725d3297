/* The reader's comment drafts: every keystroke in the comment form goes to local storage at once,
   in the shape state/comment_drafts.py reads: {"who": {name, email, website}, "drafts": {slug:
   {"body": ...}}}, the newest CONFIG.keep drafts under CONFIG.key. The server reads it back when an
   article opens and calls window.artisanCommentDrafts.clear(slug) after a successful post. */
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
      const id = box?.id ? String(box.id) : "";
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
})();
