"""Raises while being imported: ``trellis run`` prints the traceback and exits 1."""


def load_model() -> None:
    raise RuntimeError("the model file is missing")


load_model()
