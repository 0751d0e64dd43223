// Helpers of the Dataset (examples) component: paging, the page buttons to show, and how a sample
// value of a given component type is previewed (a thumbnail, a colour swatch, rendered Markdown,
// file names, text...).

import type { FileData } from "../../api/types";
import { fileUrl, isFileData } from "../../shared/files";

/** Number of pages for `total` samples, at least 1. */
export function pageCount(total: number, perPage: number): number {
	const size = perPage > 0 ? Math.floor(perPage) : total || 1;
	return Math.max(1, Math.ceil(total / size));
}

/** The [start, end) sample indices of page `page` (0-based, clamped). */
export function pageRange(page: number, perPage: number, total: number): [number, number] {
	const size = perPage > 0 ? Math.floor(perPage) : Math.max(total, 1);
	const last = pageCount(total, size) - 1;
	const current = Math.max(0, Math.min(last, page));
	const start = current * size;
	return [start, Math.min(total, start + size)];
}

/**
 * The page buttons to show: every page when there are few, else the first, the last and the
 * neighbours of the current page, with `null` standing for a gap ("…").
 */
export function pageItems(current: number, count: number, around = 1): (number | null)[] {
	if (count <= 5 + 2 * around) return Array.from({ length: count }, (_, i) => i);
	const items: (number | null)[] = [0];
	const from = Math.max(1, current - around);
	const to = Math.min(count - 2, current + around);
	if (from > 1) items.push(null);
	for (let i = from; i <= to; i++) items.push(i);
	if (to < count - 2) items.push(null);
	items.push(count - 1);
	return items;
}

function isFileLike(value: unknown): value is { path?: string; url?: string; orig_name?: string } {
	if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
	const v = value as Record<string, unknown>;
	return typeof v.path === "string" || typeof v.url === "string" || typeof v.orig_name === "string";
}

function fileLabel(value: { path?: string; url?: string; orig_name?: string }): string {
	if (value.orig_name) return value.orig_name;
	const source = (value.path || value.url || "").split(/[?#]/)[0];
	const parts = source.split(/[\\/]/).filter(Boolean);
	return parts.length ? parts[parts.length - 1] : source;
}

/** A sample value as text: file names for files, lists joined by commas, other objects as JSON. */
export function cellText(value: unknown, component?: string | null): string {
	if (value === null || value === undefined) return "";
	if (typeof value === "string") return value;
	if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
	if (Array.isArray(value)) return value.map((item) => cellText(item, null)).join(", ");
	if (isFileLike(value)) return fileLabel(value);
	const text = JSON.stringify(value);
	return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** The samples prop as rows (a non-list sample becomes a one-cell row). */
export function asRows(samples: unknown): unknown[][] {
	if (!Array.isArray(samples)) return [];
	return samples.map((row) => (Array.isArray(row) ? row : [row]));
}

/** A Dataset component's type name, from the config's `{name, class_id}` (or a bare name). */
export function componentName(component: unknown): string {
	if (component && typeof component === "object" && "name" in component) return String(component.name);
	return String(component);
}

/** Whether to show samples as a gallery of chips rather than a table. */
export function useGallery(layout: unknown, components: number, hasLabels: boolean): boolean {
	// As Gradio's page: several components always make a table, even with layout="gallery".
	return (components < 2 || hasLabels) && layout !== "table";
}

/** The value as the index of the current sample (null when it is not one of the `total` samples). */
export function activeIndex(value: unknown, total: number): number | null {
	return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < total ? value : null;
}

/** How one sample value is drawn in the examples gallery or table. */
export type Preview =
	| { kind: "text"; text: string; wrap: boolean }
	| { kind: "image"; url: string }
	| { kind: "video"; url: string }
	| { kind: "images"; urls: string[]; more: number }
	| { kind: "pair"; urls: string[] }
	| { kind: "color"; color: string }
	| { kind: "markdown"; text: string }
	| { kind: "html"; html: string }
	| { kind: "code"; text: string }
	| { kind: "json"; text: string }
	| { kind: "multimodal"; text: string; images: string[]; files: string[] }
	| { kind: "empty" }
	| { kind: "table"; rows: string[][]; moreColumns: boolean; moreRows: boolean };

/** A Dataframe sample shows this many of its rows and columns (then "…" for more columns). */
export const TABLE_SHOWN = 3;

/** The first rows and columns of a Dataframe sample (a list of rows, or `{data}`) as text. */
function tablePreview(value: unknown): Preview | null {
	const data = value && typeof value === "object" && !Array.isArray(value) ? (value as { data?: unknown }).data : value;
	if (!Array.isArray(data) || !data.length) return null;
	const rows = data.map((row) => (Array.isArray(row) ? row : [row]));
	const columns = Math.max(...rows.map((row) => row.length));
	const shown = rows
		.slice(0, TABLE_SHOWN)
		.map((row) => row.slice(0, TABLE_SHOWN).map((cell) => (cell === null || cell === undefined ? "" : String(cell))));
	return { kind: "table", rows: shown, moreColumns: columns > TABLE_SHOWN, moreRows: rows.length > TABLE_SHOWN };
}

/** Text samples longer than this are cut, with "..." after them. */
export const TEXT_LIMIT = 60;
/** A gallery sample shows this many of its images, then "+N". */
export const IMAGES_SHOWN = 3;

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|avif|bmp|svg|ico|tiff?)$/i;
const VIDEO_EXTENSIONS = /\.(mp4|webm|ogg|ogv|mov|m4v|mkv|avi)$/i;

function urlOf(value: unknown, root: string): string | null {
	if (typeof value === "string") return value ? (fileUrl({ path: value }, root) ?? null) : null;
	return isFileData(value) ? fileUrl(value, root) : null;
}

function mediaKind(file: Partial<FileData>): "image" | "video" | null {
	const mime = typeof file.mime_type === "string" ? file.mime_type : "";
	if (mime.startsWith("image/")) return "image";
	if (mime.startsWith("video/")) return "video";
	const name = file.orig_name || file.path || file.url || "";
	if (IMAGE_EXTENSIONS.test(name.split(/[?#]/)[0])) return "image";
	if (VIDEO_EXTENSIONS.test(name.split(/[?#]/)[0])) return "video";
	return null;
}

/** The file of a Video value: `{video, subtitles}` or the FileData itself. */
function videoFile(value: unknown): unknown {
	if (value && typeof value === "object" && !Array.isArray(value) && "video" in value) return (value as { video: unknown }).video;
	return value;
}

/** The image (or video) URLs of a Gallery value: a list of `{image}`/`{video}` items, FileData or paths. */
function galleryUrls(value: unknown, root: string): string[] {
	if (!Array.isArray(value)) return [];
	const urls: string[] = [];
	for (const item of value) {
		let media: unknown = item;
		if (Array.isArray(item)) media = item[0];
		else if (item && typeof item === "object" && !isFileData(item)) {
			const v = item as Record<string, unknown>;
			media = v.image ?? v.video;
		}
		const url = urlOf(media, root);
		if (url) urls.push(url);
	}
	return urls;
}

function jsonText(value: unknown): string {
	try {
		return JSON.stringify(value, null, 2) ?? "";
	} catch {
		return String(value);
	}
}

/** The labels of the `choices` ([label, value] pairs) whose values are in `value`, in its order. */
function choiceLabels(value: unknown[], choices: unknown): string[] | null {
	if (!Array.isArray(choices)) return null;
	const labels = new Map<unknown, string>();
	for (const choice of choices) if (Array.isArray(choice)) labels.set(choice[1], cellText(choice[0], null));
	return value.flatMap((v) => (labels.has(v) ? [labels.get(v) as string] : []));
}

/**
 * How to draw `value` as a sample of a `component` input; `root` is the app's URL, for file links, and
 * `props` the input's props (its choices, for a CheckboxGroup).
 */
export function preview(
	value: unknown,
	component: string | null | undefined,
	root: string,
	props?: Record<string, unknown> | null,
): Preview {
	const text = (wrap = false): Preview => ({ kind: "text", text: cellText(value, component), wrap });
	switch (component) {
		case "image": {
			const url = urlOf(value, root);
			return url ? { kind: "image", url } : text();
		}
		case "video": {
			const url = urlOf(videoFile(value), root);
			return url ? { kind: "video", url } : text();
		}
		case "gallery": {
			const urls = galleryUrls(value, root);
			if (!urls.length) return text();
			return { kind: "images", urls: urls.slice(0, IMAGES_SHOWN), more: Math.max(0, urls.length - IMAGES_SHOWN) };
		}
		case "imageslider": {
			const pair = Array.isArray(value) ? value : value && typeof value === "object" ? Object.values(value) : [];
			const urls = pair.map((item) => urlOf(item, root)).filter((url): url is string => !!url);
			return urls.length ? { kind: "pair", urls: urls.slice(0, 2) } : text();
		}
		case "colorpicker":
			return typeof value === "string" && value ? { kind: "color", color: value } : text();
		case "markdown":
			return typeof value === "string" ? { kind: "markdown", text: value } : text();
		case "html":
			return typeof value === "string" ? { kind: "html", html: value } : text();
		case "code":
			return typeof value === "string" ? { kind: "code", text: value } : text();
		case "json":
			return value === null || value === undefined ? text() : { kind: "json", text: jsonText(value) };
		case "multimodaltextbox": {
			if (!value || typeof value !== "object" || Array.isArray(value)) return text(true);
			const v = value as { text?: unknown; files?: unknown };
			const images: string[] = [];
			const files: string[] = [];
			for (const file of Array.isArray(v.files) ? v.files : []) {
				const data: Partial<FileData> = typeof file === "string" ? { path: file } : isFileData(file) ? file : {};
				const url = fileUrl(data, root);
				if (url && mediaKind(data) === "image") images.push(url);
				else if (url) files.push(cellText(data));
			}
			return { kind: "multimodal", text: typeof v.text === "string" ? v.text : "", images, files };
		}
		case "dataframe":
			return tablePreview(value) ?? text();
		case "highlightedtext":
			return { kind: "empty" }; // Gradio draws nothing for a HighlightedText sample
		// As Gradio's page: a CheckboxGroup sample shows only choices, a Radio sample only a single one,
		// and a Slider or Number sample is printed as JavaScript prints it (a list as "p,q").
		case "checkboxgroup": {
			// As Gradio's page: the labels of the chosen values that are among the choices.
			if (!Array.isArray(value)) return { kind: "empty" };
			const labels = choiceLabels(value, props?.choices);
			return labels === null ? text() : { kind: "text", text: labels.join(", "), wrap: false };
		}
		case "radio":
			return value !== null && typeof value === "object" ? { kind: "empty" } : text();
		case "slider":
		case "number":
			return Array.isArray(value) ? { kind: "text", text: value.map((v) => cellText(v, null)).join(","), wrap: false } : text();
		case "textbox":
		case "text": {
			const full = cellText(value, component);
			return { kind: "text", text: full.length > TEXT_LIMIT ? `${full.slice(0, TEXT_LIMIT)}...` : full, wrap: true };
		}
		default:
			return text();
	}
}
