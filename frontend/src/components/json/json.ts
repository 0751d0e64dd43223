// Helpers of the JSON view: which values open into a tree, how many lines a value takes, and when
// there is nothing to show (Gradio's rules).

/** Objects and arrays (not null) open into members. */
export function isBranch(value: unknown): value is object {
	return value !== null && typeof value === "object";
}

const counts = new WeakMap<object, number>();

/**
 * The lines a value takes when fully expanded: 1 for a primitive; an opening and a closing line plus its
 * members' lines for an object or array (empty ones too). Collapsing hides lines but keeps their numbers.
 */
export function lineCount(value: unknown): number {
	if (!isBranch(value)) return 1;
	const known = counts.get(value);
	if (known !== undefined) return known;
	let total = 2;
	for (const child of Array.isArray(value) ? value : Object.values(value)) total += lineCount(child);
	counts.set(value, total);
	return total;
}

/**
 * Whether Gradio shows its empty placeholder instead of a tree: no value, a falsy one (0, false, ""),
 * the string '""', or a plain empty object. An empty array is still drawn ("[" and "]").
 */
export function isEmptyJson(value: unknown): boolean {
	if (!value || value === '""') return true;
	return (
		typeof value === "object" &&
		!Array.isArray(value) &&
		Object.getPrototypeOf(value) === Object.prototype &&
		Object.keys(value).length === 0
	);
}
