"""``gr.themes.Default``."""

from __future__ import annotations

from trellis.themes.base import Base, FontArgument
from trellis.themes.utils import colors, sizes
from trellis.themes.utils.colors import Color
from trellis.themes.utils.fonts import LocalFont
from trellis.themes.utils.sizes import Size


class Default(Base):
    """Gradio's default look: orange accents, zinc greys, Source Sans Pro.

    Takes :class:`~trellis.themes.base.Base`'s arguments, with its own defaults.
    """

    def __init__(
        self,
        *,
        primary_hue: Color | str = colors.orange,
        secondary_hue: Color | str = colors.blue,
        neutral_hue: Color | str = colors.zinc,
        spacing_size: Size | str = sizes.spacing_md,
        radius_size: Size | str = sizes.radius_md,
        text_size: Size | str = sizes.text_md,
        font: FontArgument = (LocalFont("Source Sans Pro"), "ui-sans-serif", "system-ui", "sans-serif"),
        font_mono: FontArgument = (LocalFont("IBM Plex Mono"), "ui-monospace", "Consolas", "monospace"),
    ) -> None:
        super().__init__(
            primary_hue=primary_hue,
            secondary_hue=secondary_hue,
            neutral_hue=neutral_hue,
            spacing_size=spacing_size,
            radius_size=radius_size,
            text_size=text_size,
            font=font,
            font_mono=font_mono,
        )
        self.name = "default"
        super().set(
            border_color_accent_subdued="*primary_200",
            checkbox_label_background_fill="*background_fill_primary",
            checkbox_label_background_fill_dark="*neutral_800",
            checkbox_label_background_fill_hover="*background_fill_secondary",
            checkbox_label_background_fill_hover_dark="*checkbox_label_background_fill",
            error_background_fill_dark="*neutral_900",
            input_background_fill="white",
            input_background_fill_dark="*neutral_800",
            input_border_width="1px",
            input_shadow_focus="0 0 0 *shadow_spread *secondary_50, *shadow_inset",
            input_shadow_focus_dark="0 0 0 *shadow_spread *neutral_700, *shadow_inset",
            stat_background_fill="linear-gradient(to right, *primary_400, *primary_200)",
            stat_background_fill_dark="linear-gradient(to right, *primary_400, *primary_600)",
            button_border_width="0px",
            button_cancel_background_fill="#ef4444",
            button_cancel_background_fill_dark="#b91c1c",
            button_cancel_background_fill_hover="#dc2626",
            button_cancel_background_fill_hover_dark="#991b1b",
            button_cancel_text_color="white",
            button_cancel_text_color_dark="white",
            button_cancel_text_color_hover="white",
        )
