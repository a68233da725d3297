"""Newsletter states: sign-up, the desk, the editor's panel."""
