// Pure helpers of the Gallery component: reading items, column counts and preview navigation.

import type { FileData } from "../../api/types";
import { isFileData } from "../../shared/files";

export interface GalleryItem {
	kind: "image" | "video";
	file: FileData;
	caption: string | null;
}

/** The value prop as a list of items; entries that aren't {image|video: FileData, caption} are skipped. */
export function asItems(value: unknown): GalleryItem[] {
	if (!Array.isArray(value)) return [];
	const out: GalleryItem[] = [];
	for (const entry of value) {
		if (typeof entry !== "object" || entry === null) continue;
		const e = entry as Record<string, unknown>;
		const caption = typeof e.caption === "string" ? e.caption : null;
		if (isFileData(e.image)) out.push({ kind: "image", file: e.image, caption });
		else if (isFileData(e.video)) out.push({ kind: "video", file: e.video, caption });
	}
	return out;
}

/** Items back to the value payload. */
export function toPayload(items: GalleryItem[]): Array<Record<string, unknown>> {
	return items.map((item) => ({ [item.kind]: item.file, caption: item.caption }));
}

/** A column count from the `columns` prop: a number, or a per-breakpoint list (its largest entry). */
export function columnCount(columns: unknown, fallback = 2): number {
	const list = Array.isArray(columns) ? columns : [columns];
	const nums = list.filter((c): c is number => typeof c === "number" && Number.isFinite(c) && c >= 1);
	return nums.length ? Math.floor(Math.max(...nums)) : fallback;
}

/** The index `delta` steps from `index`, wrapping around `count` items; null when empty. */
export function step(index: number | null, delta: number, count: number): number | null {
	if (count <= 0) return null;
	if (index === null || !Number.isFinite(index)) return delta < 0 ? count - 1 : 0;
	return (((index + delta) % count) + count) % count;
}

/** A valid selected index (null when out of range or not an integer). */
export function clampIndex(index: unknown, count: number): number | null {
	if (typeof index !== "number" || !Number.isInteger(index)) return null;
	if (index < 0 && index >= -count) return count + index;
	return index >= 0 && index < count ? index : null;
}

/** The index after the item at `removed` is deleted from a list, given the current `selected`. */
export function afterRemove(selected: number | null, removed: number, countAfter: number): number | null {
	if (selected === null || countAfter <= 0) return null;
	if (selected === removed) return Math.min(removed, countAfter - 1);
	return selected > removed ? selected - 1 : selected;
}

/** Grid keyboard navigation: the index reached from `index` by a key, or null if the key isn't handled. */
export function gridMove(index: number, key: string, columns: number, count: number): number | null {
	if (count <= 0) return null;
	const cols = Math.max(1, columns);
	let next: number;
	switch (key) {
		case "ArrowRight":
			next = index + 1;
			break;
		case "ArrowLeft":
			next = index - 1;
			break;
		case "ArrowDown":
			next = index + cols;
			break;
		case "ArrowUp":
			next = index - cols;
			break;
		case "Home":
			next = 0;
			break;
		case "End":
			next = count - 1;
			break;
		default:
			return null;
	}
	return Math.max(0, Math.min(count - 1, next));
}
