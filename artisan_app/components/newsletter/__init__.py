"""Newsletter components: the sign-up block and the editor's panel."""
