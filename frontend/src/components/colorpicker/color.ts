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

/** A colour as hue (0–360), saturation and value (each 0–1). */
export interface Hsv {
	h: number;
	s: number;
	v: number;
}

function rgbOf(hex: string): [number, number, number] {
	return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** "#rrggbb" of a hue/saturation/value colour. */
export function hsvToHex({ h, s, v }: Hsv): string {
	const f = (n: number): number => {
		const k = (n + (((h % 360) + 360) % 360) / 60) % 6;
		return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
	};
	return `#${[f(5), f(3), f(1)].map((c) => hex2(Math.round(c * 255))).join("")}`;
}

/** Hue, saturation and value of a "#rrggbb" colour (hue 0 for greys). */
export function hexToHsv(hex: string): Hsv {
	const [r, g, b] = rgbOf(hex).map((c) => c / 255);
	const max = Math.max(r, g, b);
	const d = max - Math.min(r, g, b);
	let h = 0;
	if (d > 0) {
		if (max === r) h = ((g - b) / d) % 6;
		else if (max === g) h = (b - r) / d + 2;
		else h = (r - g) / d + 4;
		h = (h * 60 + 360) % 360;
	}
	return { h, s: max === 0 ? 0 : d / max, v: max };
}

export type ColorMode = "hex" | "rgb" | "hsl";

/** A "#rrggbb" colour written as the picker's text box shows it in each mode. */
export function formatColor(hex: string, mode: ColorMode): string {
	const [r, g, b] = rgbOf(hex);
	if (mode === "hex") return hex;
	if (mode === "rgb") return `rgb(${r}, ${g}, ${b})`;
	const [rf, gf, bf] = [r / 255, g / 255, b / 255];
	const max = Math.max(rf, gf, bf);
	const min = Math.min(rf, gf, bf);
	const l = (max + min) / 2;
	const d = max - min;
	const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
	const { h } = hexToHsv(hex);
	return `hsl(${Math.round(h)}, ${Math.round(s * 100)}%, ${Math.round(l * 100)}%)`;
}

/**
 * The value to store for text typed in the picker's box: "#rrggbb" for any colour the browser
 * understands (a name, rgb(), hsl(), bare hex digits), else the text as typed, as Gradio does.
 */
export function enteredColor(text: string, resolve?: (text: string) => string | null): string {
	return toHex(text, resolve) ?? text;
}
