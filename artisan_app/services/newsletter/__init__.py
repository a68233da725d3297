"""The newsletter: readers' subscriptions, the newsroom's sends, paced delivery."""
