"""``gr.themes.Origin``."""

from __future__ import annotations

from trellis.themes.base import Base, FontArgument
from trellis.themes.utils import colors, sizes
from trellis.themes.utils.colors import Color
from trellis.themes.utils.fonts import LocalFont
from trellis.themes.utils.sizes import Size


class Origin(Base):
    """Origin: the default look of earlier Gradio releases (orange, grey, Source Sans Pro).

    Takes :class:`~trellis.themes.base.Base`'s arguments, with its own defaults.
    """

    def __init__(
        self,
        *,
        primary_hue: Color | str = colors.orange,
        secondary_hue: Color | str = colors.blue,
        neutral_hue: Color | str = colors.gray,
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
        self.name = "origin"
        super().set(
            block_shadow="*shadow_drop",
            form_gap_width="1px",
            border_color_accent_subdued="*primary_200",
            checkbox_label_background_fill="linear-gradient(to top, *neutral_50, white)",
            checkbox_label_background_fill_dark="linear-gradient(to top, *neutral_900, *neutral_800)",
            checkbox_label_background_fill_hover="linear-gradient(to top, *neutral_100, white)",
            checkbox_label_background_fill_hover_dark="linear-gradient(to top, *neutral_900, *neutral_800)",
            checkbox_label_shadow="*shadow_drop",
            error_background_fill_dark="*neutral_900",
            input_background_fill="white",
            input_background_fill_dark="*neutral_800",
            input_border_width="1px",
            input_shadow="0 0 0 *shadow_spread transparent, *shadow_inset",
            input_shadow_focus="0 0 0 *shadow_spread *secondary_50, *shadow_inset",
            input_shadow_focus_dark="0 0 0 *shadow_spread *neutral_700, *shadow_inset",
            stat_background_fill="linear-gradient(to right, *primary_400, *primary_200)",
            stat_background_fill_dark="linear-gradient(to right, *primary_400, *primary_600)",
            button_border_width="1px",
            button_border_width_dark="1px",
            button_cancel_background_fill="linear-gradient(to bottom right, #fee2e2, #fecaca)",
            button_cancel_background_fill_dark="linear-gradient(to bottom right, #dc2626, #b91c1c)",
            button_cancel_background_fill_hover="linear-gradient(to bottom right, #fee2e2, #fee2e2)",
            button_cancel_background_fill_hover_dark="linear-gradient(to bottom right, #dc2626, #dc2626)",
            button_cancel_border_color="#fecaca",
            button_cancel_border_color_dark="#dc2626",
            button_cancel_border_color_hover="#fecaca",
            button_cancel_border_color_hover_dark="#dc2626",
            button_cancel_text_color="#dc2626",
            button_cancel_text_color_dark="white",
            button_transition="none",
            button_primary_background_fill="linear-gradient(to bottom right, *primary_100, *primary_300)",
            button_primary_background_fill_dark="linear-gradient(to bottom right, *primary_500, *primary_600)",
            button_primary_background_fill_hover="linear-gradient(to bottom right, *primary_100, *primary_200)",
            button_primary_background_fill_hover_dark="linear-gradient(to bottom right, *primary_500, *primary_500)",
            button_primary_border_color="*primary_200",
            button_primary_border_color_dark="*primary_500",
            button_primary_border_color_hover="*button_primary_border_color",
            button_primary_text_color="*primary_600",
            button_primary_shadow="*shadow_drop",
            button_primary_shadow_hover="*shadow_drop_lg",
            button_primary_shadow_active="*shadow_inset",
            button_secondary_background_fill="linear-gradient(to bottom right, *neutral_100, *neutral_200)",
            button_secondary_background_fill_dark="linear-gradient(to bottom right, *neutral_600, *neutral_700)",
            button_secondary_background_fill_hover="linear-gradient(to bottom right, *neutral_100, *neutral_100)",
            button_secondary_background_fill_hover_dark="linear-gradient(to bottom right, *neutral_600, *neutral_600)",
            button_secondary_border_color_hover_dark="*neutral_600",
            button_secondary_text_color="*neutral_800",
            button_secondary_shadow="*shadow_drop",
            button_secondary_shadow_hover="*shadow_drop_lg",
            button_secondary_shadow_active="*shadow_inset",
        )
