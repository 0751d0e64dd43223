"""No app and no launch: ``trellis run`` explains what it looked for."""

ANSWER = 42
