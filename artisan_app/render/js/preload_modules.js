/* In the app's boot script, once the page wants the app (web/shell.py): the modulepreload links the
   build had in <head> (CONFIG.modules), added back so the modules download in parallel. */
{
  const CONFIG = __CONFIG__;
  CONFIG.modules.forEach((href) => {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = href;
    document.head.appendChild(link);
  });
}
