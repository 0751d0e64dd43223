// Choice lists of the choice components (dropdown, radio, checkboxgroup): the server sends
// `[label, value]` pairs; plain strings or numbers are accepted as their own label.

export type Choice = [label: string, value: unknown];

/** The `choices` prop as `[label, value]` pairs, whatever shape it came in. */
export function normalizeChoices(raw: unknown): Choice[] {
	if (!Array.isArray(raw)) return [];
	return raw.map((item): Choice => {
		if (Array.isArray(item) && item.length === 2) return [String(item[0]), item[1]];
		return [String(item), item];
	});
}

/** Values are compared by identity first, then by their JSON form (numbers vs. equal numbers etc.). */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== "object" && typeof b !== "object") return false;
	return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Index of the choice holding `value`, or -1. */
export function indexOfValue(choices: readonly Choice[], value: unknown): number {
	return choices.findIndex(([, v]) => sameValue(v, value));
}

/** The label shown for `value`: its choice's label, or the value itself (custom values). */
export function labelOf(choices: readonly Choice[], value: unknown): string {
	const index = indexOfValue(choices, value);
	if (index >= 0) return choices[index][0];
	return value === null || value === undefined ? "" : String(value);
}

/** A value prop as a list (multiselect and checkbox groups); `null` is empty. */
export function asList(value: unknown): unknown[] {
	if (value === null || value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

/** `list` with `value` added at the end, or removed when already there. */
export function toggle(list: readonly unknown[], value: unknown): unknown[] {
	return list.some((v) => sameValue(v, value)) ? list.filter((v) => !sameValue(v, value)) : [...list, value];
}
