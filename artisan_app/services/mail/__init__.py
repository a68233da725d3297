"""Mail: sending (SMTP or the outbox) and the email bodies."""
