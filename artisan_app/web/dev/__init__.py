"""Development-server plumbing (``reflex run``): the proxy and the page shell."""
