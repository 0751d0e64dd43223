"""What a session's events sent to or received for each component, so that a deep link can restore it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trellis.processing.session import Session


def record_input(session: Session, component_id: int, payload: Any) -> None:
    """Note a value the page sent for a component (a deep link made now restores it)."""
    session.link_props.setdefault(component_id, {})["value"] = payload


def record_output(session: Session, component_id: int, sent: Any) -> None:
    """Note what an event sent to a component: a new value, or an update of its props."""
    props = session.link_props.setdefault(component_id, {})
    if isinstance(sent, dict) and sent.get("__type__") == "update":
        props.update({k: v for k, v in sent.items() if k != "__type__"})
    else:
        props["value"] = sent
