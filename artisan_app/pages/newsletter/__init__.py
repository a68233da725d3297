"""Newsletter pages: sign-up and confirmation, the newsroom's desk."""
