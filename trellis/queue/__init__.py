"""The job queue: events per listener, concurrency limits, ordering, cancellation and the SSE messages."""
