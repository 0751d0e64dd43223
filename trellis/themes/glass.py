"""``gr.themes.Glass``."""

from __future__ import annotations

from trellis.themes.base import Base, FontArgument
from trellis.themes.utils import colors, sizes
from trellis.themes.utils.colors import Color
from trellis.themes.utils.fonts import LocalFont
from trellis.themes.utils.sizes import Size


class Glass(Base):
    """Glass: slate greys, small sizes, gradient buttons and inputs.

    Takes :class:`~trellis.themes.base.Base`'s arguments, with its own defaults.
    """

    def __init__(
        self,
        *,
        primary_hue: Color | str = colors.blue,
        secondary_hue: Color | str = colors.slate,
        neutral_hue: Color | str = colors.slate,
        spacing_size: Size | str = sizes.spacing_sm,
        radius_size: Size | str = sizes.radius_sm,
        text_size: Size | str = sizes.text_sm,
        font: FontArgument = ("Optima", "Candara", "Noto Sans", "source-sans-pro", "sans-serif"),
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
        self.name = "glass"
        super().set(
            body_background_fill_dark="*secondary_800",
            background_fill_primary_dark="*neutral_700",
            background_fill_secondary="*secondary_100",
            background_fill_secondary_dark="*secondary_800",
            border_color_primary_dark="*secondary_600",
            shadow_inset="rgba(0,0,0,0.05) 0px 1px 2px 0px inset",
            block_background_fill="*secondary_50",
            block_background_fill_dark="*secondary_800",
            block_border_color_dark="*secondary_600",
            block_border_width="0px",
            block_border_width_dark="1px",
            block_label_background_fill="*secondary_200",
            block_label_background_fill_dark="*secondary_700",
            block_label_border_color_dark="*secondary_600",
            block_label_text_color="*secondary_500",
            block_label_text_size="*text_md",
            block_label_text_weight="600",
            block_title_text_color="*secondary_500",
            block_title_text_weight="600",
            panel_border_width="1px",
            checkbox_background_color_dark="*secondary_400",
            checkbox_border_width="0px",
            checkbox_border_width_dark="0px",
            checkbox_label_border_color_dark="*secondary_700",
            checkbox_label_border_width="1px",
            checkbox_label_border_width_dark="1px",
            input_background_fill="linear-gradient(0deg, *secondary_100 0%, white 100%)",
            input_background_fill_dark="*secondary_600",
            input_border_color_dark="*secondary_600",
            input_border_color_focus_dark="*secondary_500",
            input_border_width="1px",
            table_even_background_fill_dark="*neutral_700",
            table_odd_background_fill_dark="*neutral_700",
            button_border_width="1px",
            button_primary_background_fill="linear-gradient(180deg, *primary_100 0%, *primary_200 30%)",
            button_primary_background_fill_dark="linear-gradient(180deg, *primary_500 0%, *primary_600 30%)",
            button_primary_background_fill_hover="linear-gradient(180deg, *primary_100 0%, *primary_200 30%)",
            button_primary_background_fill_hover_dark="linear-gradient(180deg, *primary_500 0%, *primary_600 30%)",
            button_primary_border_color="*primary_200",
            button_primary_border_color_hover="*button_primary_border_color",
            button_primary_text_color="*body_text_color",
            button_primary_shadow_active="*shadow_inset",
            button_secondary_background_fill="linear-gradient(180deg, *secondary_100 0%, *secondary_200 30%)",
            button_secondary_background_fill_dark="linear-gradient(180deg, *secondary_500 0%, *secondary_600 30%)",
            button_secondary_background_fill_hover="linear-gradient(180deg, *secondary_100 0%, *secondary_200 30%)",
            button_secondary_background_fill_hover_dark="linear-gradient(180deg, *secondary_500 0%, *secondary_600 30%)",
            button_secondary_shadow_active="*shadow_inset",
        )
