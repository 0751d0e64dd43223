"""``gr.deploy()``: Gradio's command that uploads the app in the current folder to a Hugging Face Space."""

from __future__ import annotations


class DeployUnavailableError(RuntimeError):
    """``gr.deploy()`` was called: Trellis does not deploy to Hugging Face Spaces."""


def deploy(title: str | None = None, app_file: str | None = None, provider: str | None = "spaces") -> None:
    """Gradio's ``gradio deploy``: create a Hugging Face Space (or Google Cloud service) and upload the app.

    Trellis cannot do this: deploying needs the Hugging Face Hub (``huggingface_hub``, an account token and
    the network), which Trellis does not use. It raises :class:`DeployUnavailableError` saying so, whatever
    the arguments. To deploy, upload the app's folder to a Space with ``requirements.txt`` naming Trellis,
    or serve it with ``trellis run app.py --host 0.0.0.0`` behind your own server.

    Args:
        title: The Space's title (Gradio's).
        app_file: The file holding the app (Gradio's).
        provider: "spaces" or "gcloud" (Gradio's).

    Raises:
        DeployUnavailableError: Always.
    """
    target = "a Google Cloud service" if provider == "gcloud" else "a Hugging Face Space"
    raise DeployUnavailableError(
        f"gr.deploy() cannot create {target} from Trellis: deploying needs the Hugging Face Hub and the network, "
        "which Trellis does not use. Upload the app's folder to a Space yourself, or serve it with "
        "`trellis run app.py --host 0.0.0.0`."
    )
