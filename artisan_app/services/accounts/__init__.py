"""Staff accounts: authentication, sessions and sign-in limits."""
