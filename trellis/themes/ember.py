"""``gr.themes.Ember``."""

from __future__ import annotations

from trellis.themes.base import Base, FontArgument
from trellis.themes.utils import colors, sizes
from trellis.themes.utils.colors import Color
from trellis.themes.utils.fonts import LocalFont
from trellis.themes.utils.sizes import Size


class Ember(Base):
    """Ember: orange on warm stone, large corners.

    Takes :class:`~trellis.themes.base.Base`'s arguments, with its own defaults.
    """

    def __init__(
        self,
        *,
        primary_hue: Color | str = colors.orange,
        secondary_hue: Color | str = colors.orange,
        neutral_hue: Color | str = colors.stone,
        spacing_size: Size | str = sizes.spacing_md,
        radius_size: Size | str = sizes.radius_lg,
        text_size: Size | str = sizes.text_md,
        font: FontArgument = (LocalFont("Source Sans 3"), "ui-sans-serif", "system-ui", "sans-serif"),
        font_mono: FontArgument = (LocalFont("Source Code Pro"), "ui-monospace", "Consolas", "monospace"),
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
        self.name = "ember"
        super().set(
            body_background_fill="*neutral_50",
            body_background_fill_dark="*neutral_950",
            body_text_color_dark="*neutral_200",
            color_accent_soft_dark="*primary_900",
            background_fill_primary_dark="*neutral_900",
            background_fill_secondary="*neutral_100",
            background_fill_secondary_dark="*neutral_800",
            body_text_color_subdued="*neutral_500",
            shadow_drop="0 1px 3px 0 rgb(0 0 0 / 0.08)",
            shadow_drop_lg="0 4px 12px 0 rgb(0 0 0 / 0.1)",
            shadow_spread="6px",
            block_background_fill="white",
            block_background_fill_dark="*neutral_900",
            block_border_width="0px",
            block_label_background_fill="*primary_50",
            block_label_background_fill_dark="*primary_900",
            block_label_text_color="*primary_600",
            block_label_text_color_dark="*primary_300",
            block_label_padding="*spacing_sm *spacing_md",
            block_label_radius="*radius_md",
            block_label_text_size="*text_md",
            block_label_text_weight="600",
            block_shadow="*shadow_drop",
            block_shadow_dark="0 1px 4px 0 rgb(0 0 0 / 0.3)",
            block_title_background_fill="*primary_50",
            block_title_background_fill_dark="*primary_900",
            block_title_text_color="*primary_600",
            block_title_text_color_dark="*primary_300",
            block_title_padding="*spacing_sm *spacing_md",
            block_title_radius="*radius_md",
            block_title_text_weight="600",
            panel_border_color="*neutral_200",
            panel_border_color_dark="*neutral_700",
            panel_border_width="1px",
            checkbox_background_color_selected="*primary_500",
            checkbox_background_color_selected_dark="*primary_500",
            checkbox_border_color_dark="*neutral_500",
            checkbox_border_color_selected="*primary_500",
            checkbox_border_color_selected_dark="*primary_500",
            checkbox_label_background_fill="white",
            checkbox_label_background_fill_dark="*neutral_800",
            checkbox_label_background_fill_selected="*primary_500",
            checkbox_label_background_fill_selected_dark="*primary_600",
            checkbox_label_shadow="*shadow_drop",
            checkbox_shadow="none",
            checkbox_label_text_color_selected="white",
            input_background_fill="white",
            input_background_fill_dark="*neutral_800",
            input_border_color="*neutral_200",
            input_border_color_dark="*neutral_600",
            input_border_color_focus="*primary_400",
            input_border_color_focus_dark="*primary_500",
            input_border_width="1px",
            input_shadow_focus="0 0 0 3px *primary_100",
            input_shadow_focus_dark="0 0 0 3px *primary_900",
            loader_color="*primary_500",
            loader_color_dark="*primary_400",
            slider_color="*primary_500",
            slider_color_dark="*primary_400",
            table_even_background_fill="*neutral_50",
            table_even_background_fill_dark="*neutral_800",
            table_odd_background_fill="white",
            button_border_width="0px",
            button_cancel_background_fill="#ef4444",
            button_cancel_background_fill_dark="#dc2626",
            button_cancel_background_fill_hover="#dc2626",
            button_cancel_background_fill_hover_dark="#b91c1c",
            button_cancel_text_color="white",
            button_cancel_text_color_dark="white",
            button_transition="all 0.15s ease",
            button_primary_background_fill_hover_dark="*primary_500",
            button_primary_shadow="0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)",
            button_primary_shadow_hover="0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)",
            button_primary_shadow_active="none",
            button_secondary_background_fill="white",
            button_secondary_background_fill_dark="*neutral_800",
            button_secondary_background_fill_hover="*neutral_50",
            button_secondary_text_color="*neutral_700",
            button_secondary_text_color_dark="*neutral_200",
            button_secondary_shadow="*shadow_drop",
            button_secondary_shadow_hover="*shadow_drop_lg",
        )
