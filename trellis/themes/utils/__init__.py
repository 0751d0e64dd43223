"""What themes are built from: palettes (``colors``), size scales (``sizes``) and ``fonts``."""

from __future__ import annotations

from trellis.themes.utils import colors as colors
from trellis.themes.utils import fonts as fonts
from trellis.themes.utils import sizes as sizes
