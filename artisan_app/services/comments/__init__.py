"""Reader comments: submission, the thread, commenter names, moderation."""
