"""What every state leans on: changes, offloading, background handlers, resilience."""
