// Number handling of the slider: parsing the number box, clamping, and rounding to the
// precision without floating-point noise (0.1 + 0.2 shown as 0.3).

/** `value` limited to [min, max] (either bound may be missing). */
export function clamp(value: number, min: unknown, max: unknown): number {
	let out = value;
	if (typeof min === "number" && out < min) out = min;
	if (typeof max === "number" && out > max) out = max;
	return out;
}

/** `value` rounded to `precision` decimals when given, else only cleared of float noise. */
export function tidy(value: number, precision: unknown): number {
	if (typeof precision === "number" && precision >= 0) return Number(value.toFixed(Math.min(precision, 20)));
	return Number(value.toPrecision(15));
}

/** The number typed in a number box, or null for empty or invalid text. */
export function parseNumber(text: string): number | null {
	const trimmed = text.trim();
	if (trimmed === "" || trimmed === "-" || trimmed === ".") return null;
	const value = Number(trimmed);
	return Number.isFinite(value) ? value : null;
}

/** Where `value` sits between min and max, as a percentage 0–100. */
export function percent(value: number, min: number, max: number): number {
	if (!(max > min)) return 0;
	return Math.min(100, Math.max(0, ((value - min) / (max - min)) * 100));
}
