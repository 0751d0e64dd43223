"""``gr.themes.Monochrome``."""

from __future__ import annotations

from trellis.themes.base import Base, FontArgument
from trellis.themes.utils import colors, sizes
from trellis.themes.utils.colors import Color
from trellis.themes.utils.fonts import LocalFont
from trellis.themes.utils.sizes import Size


class Monochrome(Base):
    """Monochrome: black, white and greys, square corners, the Lora serif font.

    Takes :class:`~trellis.themes.base.Base`'s arguments, with its own defaults.
    """

    def __init__(
        self,
        *,
        primary_hue: Color | str = colors.neutral,
        secondary_hue: Color | str = colors.neutral,
        neutral_hue: Color | str = colors.neutral,
        spacing_size: Size | str = sizes.spacing_lg,
        radius_size: Size | str = sizes.radius_none,
        text_size: Size | str = sizes.text_md,
        font: FontArgument = (LocalFont("Lora"), "ui-sans-serif", "system-ui", "sans-serif"),
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
        self.name = "monochrome"
        super().set(
            body_text_color="*neutral_900",
            background_fill_primary_dark="*neutral_900",
            background_fill_secondary_dark="*neutral_800",
            body_text_color_subdued="*neutral_700",
            shadow_drop_lg="0 1px 4px 0 rgb(0 0 0 / 0.1)",
            block_label_text_color="*body_text_color",
            block_label_text_size="*text_md",
            block_label_text_weight="600",
            block_shadow_dark="*shadow_drop_lg",
            block_title_text_color="*body_text_color",
            block_title_text_weight="600",
            checkbox_background_color="*input_background_fill",
            checkbox_label_background_fill_selected="*button_primary_background_fill",
            checkbox_label_border_color="*checkbox_background_color",
            checkbox_label_border_color_hover="*button_secondary_border_color_hover",
            checkbox_label_border_color_selected="*button_primary_border_color",
            checkbox_label_border_width="*button_border_width",
            checkbox_label_padding="*spacing_sm",
            checkbox_label_text_color_selected="*button_primary_text_color",
            slider_color="*neutral_900",
            slider_color_dark="*neutral_500",
            button_border_width="2px",
            button_cancel_border_color="*neutral_900",
            button_large_padding="*spacing_lg",
            button_primary_background_fill="*neutral_900",
            button_primary_background_fill_dark="*neutral_600",
            button_primary_background_fill_hover="*neutral_700",
            button_primary_background_fill_hover_dark="*neutral_600",
            button_primary_border_color="*neutral_900",
            button_secondary_background_fill="white",
            button_secondary_background_fill_dark="*neutral_700",
            button_secondary_background_fill_hover="white",
            button_secondary_border_color="*neutral_900",
            button_secondary_border_color_hover="*neutral_400",
            button_secondary_text_color="*neutral_900",
            button_secondary_text_color_hover="*neutral_400",
            button_small_padding="*spacing_sm",
        )
