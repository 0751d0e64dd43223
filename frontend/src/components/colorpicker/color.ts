// Colour strings for the colour picker: the native <input type="color"> only takes "#rrggbb",
// while values may be "#rgb", "#rrggbbaa", "rgb(…)"/"rgba(…)" or (resolved by the browser) names.

const HEX = /^#?([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const RGB = /^rgba?\(\s*([\d.]+%?)\s*[,\s]\s*([\d.]+%?)\s*[,\s]\s*([\d.]+%?)(?:\s*[,/]\s*[\d.]+%?)?\s*\)$/i;

function channel(text: string): number {
	const n = text.endsWith("%") ? (parseFloat(text) / 100) * 255 : parseFloat(text);
	return Math.max(0, Math.min(255, Math.round(n)));
}

function hex2(n: number): string {
	return n.toString(16).padStart(2, "0");
}

/**
 * `value` as "#rrggbb" (alpha dropped), or null when it is no colour this function knows.
 * `resolve` may turn other CSS colours (names, hsl()) into a hex or rgb() string.
 */
export function toHex(value: unknown, resolve?: (text: string) => string | null): string | null {
	if (typeof value !== "string") return null;
	const text = value.trim();
	const hex = HEX.exec(text);
	if (hex) {
		let digits = hex[1].toLowerCase();
		if (digits.length <= 4) digits = [...digits].map((d) => d + d).join("");
		return `#${digits.slice(0, 6)}`;
	}
	const rgb = RGB.exec(text);
	if (rgb) return `#${hex2(channel(rgb[1]))}${hex2(channel(rgb[2]))}${hex2(channel(rgb[3]))}`;
	if (resolve && text) {
		const resolved = resolve(text);
		if (resolved && resolved !== text) return toHex(resolved);
	}
	return null;
}

/** A resolver for `toHex` that asks the browser's canvas to parse any CSS colour. */
export function canvasResolver(): ((text: string) => string | null) | undefined {
	if (typeof document === "undefined") return undefined;
	const context = document.createElement("canvas").getContext("2d");
	if (!context) return undefined;
	return (text) => {
		// An unparseable colour leaves fillStyle unchanged, so test against two different starts.
		context.fillStyle = "#000000";
		context.fillStyle = text;
		const first = String(context.fillStyle);
		context.fillStyle = "#ffffff";
		context.fillStyle = text;
		return first === String(context.fillStyle) ? first : null;
	};
}

/**
 * The value to store for colour text typed by the user: bare hex digits get their "#",
 * anything else the browser understands is kept as typed; null when it is no colour.
 */
export function typedColor(text: string, resolve?: (text: string) => string | null): string | null {
	const typed = text.trim();
	if (toHex(typed, resolve) === null) return null;
	return /^[0-9a-f]+$/i.test(typed) ? `#${typed.toLowerCase()}` : typed;
}
