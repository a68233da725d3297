"""Business rules and queries. Plain functions over a SQLModel session; no Reflex here."""
