"""Page shells for the tests of ``web/shell.py`` and the crawler tags."""

# A production shell as Reflex 0.10.1 builds it (trimmed): the tags the app
# needs to boot must survive the injection untouched.
SHELL = (
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>'
    '<meta content="width=device-width, initial-scale=1" name="viewport"/>'
    '<title>Stale title</title><meta content="Stale description" name="description"/>'
    '<meta content="favicon.ico" property="og:image"/>'
    '<link href="/feed.xml" rel="alternate" title="Artisan Times" type="application/atom+xml"/>'
    '<link rel="modulepreload" href="/assets/manifest-89a71668.js"/>'
    "<script>window.theme = 1;</script></head>"
    '<body><section aria-label="Notifications alt+T"></section>'
    '<script>window.__reactRouterContext = {"isSpaMode":true};</script>'
    '<script type="module" async="">import "/assets/manifest-89a71668.js";\n'
    'import * as route0 from "/assets/root-DZGVn9p-.js";\n'
    '  window.__reactRouterRouteModules = {"root":route0};\n'
    'import("/assets/entry.client-BIZoJNQ2.js");</script></body></html>'
)
