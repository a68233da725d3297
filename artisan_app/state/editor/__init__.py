"""The article editor's state and its mixins."""
