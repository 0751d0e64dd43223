// Gradio 6's custom corner buttons: the gr.Button instances an app gives a component in `buttons`
// (next to the names of its icon buttons). The server takes each out of the layout and sends it in the
// component's props as the Button's own props plus its `id`; the page draws it in the component's corner
// strip, and a click fires that Button's `click` listeners (the event the app routes by the Button's id).

/** A custom button as the config sends it: the Button's props (only these are drawn) and its id. */
export interface CustomButton {
	id: number;
	/** The Button's text ("" for an icon-only Button: Gradio 6.31 draws no icon, only an empty button). */
	value: string;
}

/** The event a component dispatches for a click on custom button `id` (the app fires that Button's `click`). */
export const CUSTOM_BUTTON_CLICK = "custom_button_click";

/** The custom buttons in a component's `buttons` prop, in order (icon-button names left out). */
export function customButtons(buttons: unknown): CustomButton[] {
	if (!Array.isArray(buttons)) return [];
	const found: CustomButton[] = [];
	for (const entry of buttons as unknown[]) {
		if (entry === null || typeof entry !== "object") continue;
		const { id, value } = entry as { id?: unknown; value?: unknown };
		if (typeof id !== "number") continue;
		found.push({ id, value: value === null || value === undefined ? "" : String(value) });
	}
	return found;
}

/** Whether a component's `buttons` prop holds any custom button. */
export function hasCustomButtons(buttons: unknown): boolean {
	return customButtons(buttons).length > 0;
}

/** The id of the Button a `custom_button_click` event names (null: not such an event). */
export function customButtonTarget(event: string, data: unknown): number | null {
	if (event !== CUSTOM_BUTTON_CLICK || data === null || typeof data !== "object") return null;
	const id = (data as { id?: unknown }).id;
	return typeof id === "number" ? id : null;
}
