// Helpers shared by component folders.

import { untrack } from "svelte";

/**
 * Call `onChange` whenever `read()` changes after the first run: a component's
 * `change` event, fired for user edits and for values set by the server alike.
 */
export function watchValue(read: () => unknown, onChange: () => void): void {
	let first = true;
	let previous = "";
	$effect(() => {
		const value = read();
		const serialized = JSON.stringify(value ?? null);
		untrack(() => {
			if (first) {
				first = false;
				previous = serialized;
				return;
			}
			if (serialized !== previous) {
				previous = serialized;
				onChange();
			}
		});
	});
}

/** CSS for a component's `scale` and `min_width` props inside a Row. */
export function flexStyle(scale: unknown, minWidth: unknown): string {
	const parts: string[] = [];
	if (typeof scale === "number") parts.push(`flex-grow: ${scale}`);
	if (scale === 0) parts.push("flex-grow: 0");
	if (typeof minWidth === "number") parts.push(`min-width: min(${minWidth}px, 100%)`);
	return parts.join("; ");
}

/** The `elem_classes` prop as a class string. */
export function classes(value: unknown): string {
	if (Array.isArray(value)) return value.join(" ");
	return typeof value === "string" ? value : "";
}

let uid = 0;
/** A unique DOM id prefix, for labels tied to inputs. */
export function nextId(prefix = "t"): string {
	uid += 1;
	return `${prefix}-${uid}`;
}
