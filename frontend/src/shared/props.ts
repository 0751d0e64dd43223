// The slices of a component's props that shared pieces read (Block, Label, ActionButton, MediaInput,
// OptionGroup): picked from the generated interfaces and optional, since not every component has every
// one of them. A component passes its own typed props; a misspelt name here fails svelte-check.

import type { ButtonProps, TextboxProps } from "../generated/components";

/** What a component's frame (Block) reads: its HTML id and classes, visibility, card and size in a Row. */
export type FrameProps = Partial<
	Pick<TextboxProps, "elem_id" | "elem_classes" | "visible" | "container" | "scale" | "min_width" | "interactive">
>;

/** A component's label, whether it is shown, and its info line. */
export type LabelledProps = Partial<Pick<TextboxProps, "label" | "show_label" | "info">>;

/**
 * What ActionButton reads from Button, DownloadButton and UploadButton. `icon` is declared `str | None`,
 * but a local image file is sent as FileData (trellis/components/buttons.py `button_icon`), so it is
 * read as either.
 */
export type ButtonLookProps = FrameProps &
	Partial<Pick<ButtonProps, "variant" | "size">> & {
		icon?: unknown;
	};
