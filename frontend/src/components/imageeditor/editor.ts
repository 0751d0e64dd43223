// Pure helpers of the image editor: its options as the server sends them (gr.Brush, gr.Eraser,
// gr.LayerOptions), brush sizes, fitting the canvas in the view, crop rectangles and the value's shape.

import type { FileData } from "../../api/types";

/** The value on the wire (Gradio's EditorData). */
export interface EditorValue {
	background: FileData | null;
	layers: FileData[];
	composite: FileData | null;
	id?: string | null;
}

export interface BrushOptions {
	/** Radius in canvas pixels, or "auto". */
	defaultSize: number | "auto";
	colors: BrushColor[];
	defaultColor: BrushColor;
	/** "fixed": only the palette; "defaults": the palette plus a picker for any colour. */
	colorMode: "fixed" | "defaults";
}

export interface BrushColor {
	color: string;
	opacity: number;
}

export interface LayerOptions {
	allowAdditional: boolean;
	names: string[];
	disabled: boolean;
}

/** Gradio's five default brush colours. */
export const DEFAULT_COLORS = [
	"rgb(204, 50, 50)",
	"rgb(173, 204, 50)",
	"rgb(50, 204, 112)",
	"rgb(50, 112, 204)",
	"rgb(173, 50, 204)",
];

function record(value: unknown): Record<string, unknown> | null {
	return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function size(value: unknown): number | "auto" {
	return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : "auto";
}

/** A palette entry: a CSS colour, or a [colour, opacity] pair. */
export function brushColor(value: unknown): BrushColor | null {
	if (typeof value === "string" && value) return { color: value, opacity: 1 };
	if (Array.isArray(value) && typeof value[0] === "string") {
		const opacity = typeof value[1] === "number" ? Math.min(1, Math.max(0, value[1])) : 1;
		return { color: value[0], opacity };
	}
	return null;
}

/** The brush options from the `brush` prop (null when the brush is off). */
export function brushOptions(value: unknown): BrushOptions | null {
	if (value === false) return null;
	const raw = record(value) ?? {};
	// `colors` is a list of entries, or one entry: a colour or a [colour, opacity] pair.
	const pair =
		Array.isArray(raw.colors) &&
		raw.colors.length === 2 &&
		typeof raw.colors[0] === "string" &&
		typeof raw.colors[1] === "number";
	const list: unknown[] = Array.isArray(raw.colors) && !pair ? raw.colors : [raw.colors];
	let colors = list.map(brushColor).filter((c): c is BrushColor => c !== null);
	if (raw.colors === undefined || raw.colors === null || colors.length === 0)
		colors = DEFAULT_COLORS.map((color) => ({ color, opacity: 1 }));
	const first = colors[0] ?? { color: DEFAULT_COLORS[0] ?? "#000", opacity: 1 };
	return {
		defaultSize: size(raw.default_size),
		colors,
		defaultColor: brushColor(raw.default_color) ?? first,
		colorMode: raw.color_mode === "fixed" ? "fixed" : "defaults",
	};
}

/** The eraser's radius from the `eraser` prop (null when the eraser is off). */
export function eraserSize(value: unknown, brush: unknown): number | "auto" | null {
	if (value === false || brush === false) return null;
	return size(record(value)?.default_size);
}

/** The layer options from the `layers` prop. */
export function layerOptions(value: unknown): LayerOptions {
	if (value === false) return { allowAdditional: false, names: ["Layer 1"], disabled: true };
	const raw = record(value) ?? {};
	const names = Array.isArray(raw.layers) ? raw.layers.filter((n): n is string => typeof n === "string") : [];
	return {
		allowAdditional: raw.allow_additional_layers !== false,
		names: names.length ? names : ["Layer 1"],
		disabled: raw.disabled === true,
	};
}

/**
 * A brush or eraser radius in canvas pixels. "auto" follows `canvas_size`, as Gradio's: a 1/32 of its smaller side
 * (strokes 50px wide with the default 800x800, whatever the size of the image drawn on, measured on Gradio 6.31).
 */
export function radius(setting: number | "auto", width: number, height: number): number {
	if (setting !== "auto") return setting;
	return Math.max(1, Math.round(Math.min(width, height) / 32));
}

/** The canvas size from the `canvas_size` prop. */
export function canvasSize(value: unknown): [number, number] {
	if (Array.isArray(value) && value.length === 2) {
		const [w, h] = value;
		if (typeof w === "number" && typeof h === "number" && w > 0 && h > 0) return [Math.round(w), Math.round(h)];
	}
	return [800, 800];
}

/** Space kept around the canvas when it is fitted into the view (Gradio's: 30px each side). */
export const FIT_MARGIN = 30;
/** A small image is enlarged to fill the view, up to 1000% (as Gradio's editor). */
export const MAX_FIT = 10;

/** The scale that fits a `w`×`h` canvas into a `vw`×`vh` view with a margin (never above 1). */
export function fitScale(w: number, h: number, vw: number, vh: number, margin = FIT_MARGIN): number {
	if (w <= 0 || h <= 0 || vw <= 0 || vh <= 0) return 1;
	const s = Math.min((vw - 2 * margin) / w, (vh - 2 * margin) / h, MAX_FIT);
	return Math.max(0.01, s);
}

/** Where an image of `iw`×`ih` goes on a fixed `w`×`h` canvas: scaled down to fit and centred. */
export function containRect(iw: number, ih: number, w: number, h: number): [number, number, number, number] {
	const s = Math.min(w / iw, h / ih, 1);
	const dw = Math.round(iw * s);
	const dh = Math.round(ih * s);
	return [Math.round((w - dw) / 2), Math.round((h - dh) / 2), dw, dh];
}

export interface Rect {
	x: number;
	y: number;
	w: number;
	h: number;
}

export type Handle = "n" | "s" | "e" | "w" | "ne" | "nw" | "se" | "sw" | "move";

/** The crop rectangle after dragging `handle` by (dx, dy) canvas pixels, kept inside the canvas. */
export function dragRect(start: Rect, handle: Handle, dx: number, dy: number, width: number, height: number): Rect {
	const min = 1;
	let { x, y, w, h } = start;
	if (handle === "move") {
		x = Math.min(Math.max(0, x + dx), width - w);
		y = Math.min(Math.max(0, y + dy), height - h);
		return { x: Math.round(x), y: Math.round(y), w, h };
	}
	let right = x + w;
	let bottom = y + h;
	if (handle.includes("w")) x = Math.min(Math.max(0, x + dx), right - min);
	if (handle.includes("e")) right = Math.max(Math.min(width, right + dx), x + min);
	if (handle.includes("n")) y = Math.min(Math.max(0, y + dy), bottom - min);
	if (handle.includes("s")) bottom = Math.max(Math.min(height, bottom + dy), y + min);
	return { x: Math.round(x), y: Math.round(y), w: Math.round(right - x), h: Math.round(bottom - y) };
}

/** The value as received, or null when it is not an editor value. */
export function asEditorValue(value: unknown): EditorValue | null {
	const raw = record(value);
	if (!raw) return null;
	const file = (v: unknown): FileData | null => {
		const f = record(v);
		return f && typeof f.path === "string" ? (f as unknown as FileData) : null;
	};
	const layers = Array.isArray(raw.layers) ? raw.layers.map(file).filter((f): f is FileData => f !== null) : [];
	return { background: file(raw.background), layers, composite: file(raw.composite), id: null };
}

/** Lines of the empty editor's text: a custom placeholder (a `#` first line is a heading) or Gradio's. */
export function placeholderLines(
	placeholder: unknown,
	canUpload: boolean,
): { heading: string | null; lines: string[]; or: boolean } {
	if (typeof placeholder === "string" && placeholder.trim()) {
		const all = placeholder.split("\n");
		const first = all[0] ?? "";
		if (first.startsWith("#")) return { heading: first.replace(/^#+\s*/, ""), lines: all.slice(1), or: false };
		return { heading: null, lines: all, or: false };
	}
	return canUpload
		? { heading: null, lines: ["Upload an image", "select the draw tool to start"], or: true }
		: { heading: null, lines: ["select the draw tool to start"], or: false };
}
