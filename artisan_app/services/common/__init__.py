"""Small helpers every service uses: row ids, text, rate limits, newsroom time."""
