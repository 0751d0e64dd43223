// Helpers shared by component folders.

import { getContext, untrack } from "svelte";
import { NODE_ID } from "./nodeId";
import type { LabelledProps } from "./props";

// A component is drawn by a lazily loaded module, so an event (a load listener, a hidden
// component's js) can set its value before it is on the page. Gradio's page announces that change
// all the same: the app notes such values here, and the component's first look compares with them.
const firstValues = new Map<number, string>();
const watched = new Set<number>();
const setUnwatched = new Set<number>();

/** The value component `id` starts with (the config's, with the page's defaults). */
export function rememberFirstValue(id: number, value: unknown): void {
	firstValues.set(id, JSON.stringify(value ?? null));
}

/** An event set component `id`'s value: if the component is not drawn yet, it announces it once drawn. */
export function noteValueSet(id: number): void {
	if (!watched.has(id)) setUnwatched.add(id);
}

/**
 * Call `onChange` whenever `read()` changes after the first run: a component's
 * `change` event, fired for user edits and for values set by the server alike. With `ofValue`
 * (`read` gives the component's value), a value an event set before the component was drawn
 * counts as a change at the first run when it differs from the value the page started with.
 */
export function watchValue(read: () => unknown, onChange: () => void, ofValue = true): void {
	let first = true;
	let previous = "";
	const nodeId = ofValue ? getContext<(() => number) | undefined>(NODE_ID)?.() : undefined;
	$effect(() => {
		const value = read();
		const serialized = JSON.stringify(value ?? null);
		untrack(() => {
			if (first) {
				first = false;
				previous = serialized;
				if (nodeId === undefined) return;
				watched.add(nodeId);
				const start = firstValues.get(nodeId);
				firstValues.delete(nodeId); // read once: a re-rendered block would otherwise pile up here
				if (setUnwatched.delete(nodeId) && start !== undefined && start !== serialized) onChange();
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
