/* An embed card (services/rich_blocks.embed_html) becomes the provider's iframe only when the
   reader clicks "Load"; before that nothing from the provider is fetched. Only the frame origins
   the CSP's frame-src allows (CONFIG.origins, rich_blocks.FRAME_ORIGINS) are ever loaded. */
(() => {
  const CONFIG = __CONFIG__;
  document.addEventListener("click", (event) => {
    const button = event.target?.closest ? event.target.closest(".embed-load") : null;
    const card = button ? button.closest("[data-embed-src]") : null;
    if (!card) return;
    const src = card.getAttribute("data-embed-src") || "";
    if (!CONFIG.origins.some((origin) => src.indexOf(`${origin}/`) === 0)) return;
    const frame = document.createElement("iframe");
    frame.src = src;
    frame.title = card.getAttribute("data-embed-title") || "Embedded content";
    frame.className = "embed-frame";
    frame.setAttribute("allow", "encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    const inner = card.querySelector(".embed-card");
    if (inner) card.replaceChild(frame, inner);
    else card.appendChild(frame);
    frame.focus();
  });
})();
