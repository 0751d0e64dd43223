"""HTTP: the Starlette app for a compiled app, its routes, and uvicorn in a thread."""
