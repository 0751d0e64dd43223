// Helpers shared by component folders.

import { untrack } from "svelte";
import type { LabelledProps } from "./props";

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

/** Whether a component's `buttons` prop shows the button `name` (all show when it is not a list). */
export function hasButton(buttons: unknown, name: string): boolean {
	return !Array.isArray(buttons) || buttons.map(String).includes(name);
}

/**
 * How a component's group is named for assistive tech: by its visible label (element `labelId`) when
 * shown, otherwise by an `aria-label` of its label, or of `fallback` when it has none.
 */
export function groupName(
	props: LabelledProps,
	labelId: string,
	fallback: string,
): { "aria-labelledby"?: string; "aria-label"?: string } {
	const label = props.label;
	if (label && props.show_label !== false) return { "aria-labelledby": labelId };
	return { "aria-label": label ?? fallback };
}
