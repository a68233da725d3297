/* A React hook of the app (components/reader/markup.py, DocumentLanguage): <html lang dir> follow the page
   shown. After an in-app navigation between editions (/ -> /ur/ and back) this sets them from the
   new path, as i18n.split_edition reads it, before the page's data arrives. */
useEffect(() => {
  const editions = __CONFIG__.editions; // [prefix, lang, dir], the English edition's "" last
  const path = artisanLocation.pathname;
  const [, lang, dir] = editions.find(
    ([prefix]) => !prefix || path === prefix || path.startsWith(prefix + "/"),
  );
  const root = document.documentElement;
  if (root.getAttribute("lang") !== lang) root.setAttribute("lang", lang);
  if (root.getAttribute("dir") !== dir) root.setAttribute("dir", dir);
}, [artisanLocation.pathname]);
