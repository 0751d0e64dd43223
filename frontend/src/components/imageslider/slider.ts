// Pure helpers of the ImageSlider component: the value pair, the divider position and uploads into slots.

import type { FileData } from "../../api/types";
import { isFileData } from "../../shared/files";

export type Pair = [FileData | null, FileData | null];

/** The value prop as a [left, right] pair (missing or malformed entries are null). */
export function asPair(value: unknown): Pair {
	if (!Array.isArray(value)) return [null, null];
	return [isFileData(value[0]) ? value[0] : null, isFileData(value[1]) ? value[1] : null];
}

/** The pair as the value to store: null when both images are missing. */
export function toValue(pair: Pair): Pair | null {
	return pair[0] === null && pair[1] === null ? null : pair;
}

/** A divider position in percent, clamped to 0..100 (50 when it isn't a number). */
export function clampPosition(value: unknown, fallback = 50): number {
	const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
	if (!Number.isFinite(n)) return fallback;
	return Math.min(100, Math.max(0, n));
}

/** The position (percent from the left) of a pointer at `clientX` over a box. */
export function positionAt(clientX: number, box: { left: number; width: number }): number {
	if (!(box.width > 0)) return 50;
	return clampPosition(((clientX - box.left) / box.width) * 100);
}

/**
 * The position after a key press on the divider, or null when the key isn't handled:
 * arrows move 1% (10% with Shift), Page Up/Down 10%, Home/End go to the edges.
 */
export function keyPosition(position: number, key: string, shift = false): number | null {
	const step = shift ? 10 : 1;
	switch (key) {
		case "ArrowLeft":
		case "ArrowDown":
			return clampPosition(position - step);
		case "ArrowRight":
		case "ArrowUp":
			return clampPosition(position + step);
		case "PageDown":
			return clampPosition(position - 10);
		case "PageUp":
			return clampPosition(position + 10);
		case "Home":
			return 0;
		case "End":
			return 100;
		default:
			return null;
	}
}

/**
 * `pair` with uploaded files put in: the first into `slot`, a second one into the other slot.
 * Extra files are ignored.
 */
export function fillSlots(pair: Pair, uploaded: FileData[], slot: 0 | 1): Pair {
	const out: Pair = [pair[0], pair[1]];
	const order: Array<0 | 1> = slot === 0 ? [0, 1] : [1, 0];
	uploaded.slice(0, 2).forEach((file, i) => {
		out[order[i]] = file;
	});
	return out;
}
