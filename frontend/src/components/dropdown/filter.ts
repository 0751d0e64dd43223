// Pure helpers of the dropdown combobox: filtering choices by typed text, moving the active
// option with the arrow keys, and matching typed text to a choice.

import type { Choice } from "../../shared/options/choices";

/** Lower-cased, accent-insensitive form of `text` for matching. */
export function fold(text: string): string {
	return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** Indices (into `choices`) of the choices whose label contains `query`, in choice order. */
export function filterChoices(choices: readonly Choice[], query: string): number[] {
	const needle = fold(query.trim());
	const out: number[] = [];
	choices.forEach(([label], index) => {
		if (!needle || fold(label).includes(needle)) out.push(index);
	});
	return out;
}

/**
 * The next active position in a list of `count` options after pressing an arrow key
 * (`delta` = ±1) or Page/Home/End (any other delta, clamped). `-1` means none is active.
 */
export function moveActive(current: number, delta: number, count: number): number {
	if (count <= 0) return -1;
	if (current < 0) return delta > 0 ? 0 : count - 1;
	if (Math.abs(delta) === 1) return (current + delta + count) % count;
	return Math.min(count - 1, Math.max(0, current + delta));
}

/** Index of the choice whose label is exactly `text` (case-insensitively as a fallback), or -1. */
export function matchLabel(choices: readonly Choice[], text: string): number {
	const exact = choices.findIndex(([label]) => label === text);
	if (exact >= 0) return exact;
	const folded = fold(text.trim());
	if (!folded) return -1;
	return choices.findIndex(([label]) => fold(label) === folded);
}

/** Whether another choice may be added to a multiselect holding `selected` values. */
export function canAddMore(selected: number, maxChoices: unknown): boolean {
	return typeof maxChoices !== "number" || selected < maxChoices;
}

/**
 * Type-ahead for a non-filterable list: the position (in `visible`) of the next option after
 * `from` whose label starts with `char`, wrapping around; -1 when none does.
 */
export function typeAhead(choices: readonly Choice[], visible: readonly number[], char: string, from: number): number {
	const needle = fold(char);
	if (!needle) return -1;
	for (let step = 1; step <= visible.length; step++) {
		const pos = (from + step + visible.length) % visible.length;
		if (fold(choices[visible[pos]][0]).startsWith(needle)) return pos;
	}
	return -1;
}
