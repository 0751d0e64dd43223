// Pure helpers for the parts of a message that other components draw.

import type { ComponentPart } from "./chat";

// Layout props of the original component that make no sense inside a message.
const MEDIA = new Set(["image", "audio", "video"]);
const DROPPED = new Set(["elem_id", "elem_classes", "scale", "min_width", "visible", "render", "key", "preserved_by_key"]);

/**
 * The props for a component drawn inside a message: its own props and value, read-only, without
 * frame, label or layout props; without its download button when `allow_file_downloads` is off.
 */
export function nodeProps(part: ComponentPart, allowDownloads: boolean): Record<string, unknown> {
	const props: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(part.props ?? {})) if (!DROPPED.has(key)) props[key] = value;
	props.value = part.value ?? null;
	props.interactive = false;
	props.container = false;
	props.show_label = false;
	props.name = part.component;
	if (!allowDownloads && Array.isArray(props.buttons)) {
		props.buttons = props.buttons.filter((b) => b !== "download");
	}
	// As in Gradio, a message's image, audio or video has no download or share button of its own: they
	// are under the message. An image keeps its fullscreen button.
	if (MEDIA.has(String(part.component)) && Array.isArray(props.buttons)) {
		props.buttons = props.buttons.filter((b) => b !== "download" && b !== "share");
	}
	return props;
}

/** The view that draws a message's component: Gradio names a LinePlot "lineplot" in a message, and
 * the line, scatter and bar plots are all drawn by the "nativeplot" view. */
export function viewType(name: string): string {
	const type = name.toLowerCase();
	return type === "lineplot" || type === "scatterplot" || type === "barplot" ? "nativeplot" : type;
}
