"""An app definition turned into data: the config JSON, the API info and the function table."""
