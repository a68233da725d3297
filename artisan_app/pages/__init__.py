"""One module per route; ``register(app)`` adds them all."""
