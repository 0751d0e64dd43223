"""Running one event: preprocess, the user's function, postprocess; files, sessions, URL fetching and media streams."""
