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

/** A Plot value that is an image (matplotlib figures arrive as data: URLs), else null. */
export function plotImage(value: unknown): string | null {
	if (typeof value !== "object" || value === null) return null;
	const plot = (value as { plot?: unknown }).plot;
	return typeof plot === "string" && /^data:image\/(png|jpe?g|webp|gif|svg\+xml);base64,/i.test(plot) ? plot : null;
}

/** What a Plot value is, for the fallback text ("plotly", "altair", …). */
export function plotKind(value: unknown): string {
	const kind = typeof value === "object" && value !== null ? (value as { type?: unknown }).type : null;
	return typeof kind === "string" && kind ? kind : "interactive";
}
