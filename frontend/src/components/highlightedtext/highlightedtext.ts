// HighlightedText's value: a list of `{token, class_or_confidence}` spans. A string class makes the
// "categories" look (a colour per category, from the app's color_map or a palette in turn); a number
// makes the "scores" look (purple for -1 through clear at 0 to red for +1).

export type Category = string | number | null;

export interface Span {
	token: string;
	class_or_confidence: Category;
}

/** A category's two colours: `label` for its badge, `fill` for the background of its spans. */
export interface Colors {
	label: string;
	fill: string;
}

/** The palette categories take in turn, and the colours a color_map may name: Tailwind's shade 600 (500 for
 * yellow and lime) for badges and shade 100 for spans, as Gradio's palette. */
export const PALETTE: Record<string, Colors> = {
	red: { label: "#dc2626", fill: "#fee2e2" },
	green: { label: "#16a34a", fill: "#dcfce7" },
	blue: { label: "#2563eb", fill: "#dbeafe" },
	yellow: { label: "#eab308", fill: "#fef9c3" },
	purple: { label: "#9333ea", fill: "#f3e8ff" },
	teal: { label: "#0d9488", fill: "#ccfbf1" },
	orange: { label: "#ea580c", fill: "#ffedd5" },
	cyan: { label: "#0891b2", fill: "#cffafe" },
	lime: { label: "#84cc16", fill: "#ecfccb" },
	pink: { label: "#db2777", fill: "#fce7f3" },
};
const PALETTE_ORDER = Object.keys(PALETTE);

/** The spans of a value (anything that is not a list of spans gives none). */
export function spansOf(value: unknown): Span[] {
	if (!Array.isArray(value)) return [];
	const spans: Span[] = [];
	for (const item of value) {
		if (typeof item !== "object" || item === null) continue;
		const record = item as Record<string, unknown>;
		const raw = record.class_or_confidence;
		const category = typeof raw === "string" || typeof raw === "number" ? raw : null;
		spans.push({ token: String(record.token ?? ""), class_or_confidence: category });
	}
	return spans;
}

/** Whether the spans are drawn by score: the last span with a category decides (a number: scores). */
export function isScores(spans: Span[]): boolean {
	let scores = false;
	for (const span of spans) {
		if (typeof span.class_or_confidence === "string") scores = false;
		else if (typeof span.class_or_confidence === "number") scores = true;
	}
	return scores;
}

/** Neighbouring spans of one category merged into one (no separator), as combine_adjacent draws them. */
export function mergeAdjacent(spans: Span[]): Span[] {
	const merged: Span[] = [];
	for (const span of spans) {
		const last = merged[merged.length - 1];
		if (last && last.class_or_confidence === span.class_or_confidence) last.token += span.token;
		else merged.push({ ...span });
	}
	return merged;
}

/** A colour that draws nothing: "transparent", or an 8-digit hex colour with alpha 00. */
export function isTransparent(color: string): boolean {
	const c = color.trim().toLowerCase();
	return c === "" || c === "transparent" || (c.length === 9 && c.startsWith("#") && c.endsWith("00"));
}

/** The colour given with its alpha set to `alpha`, through the browser's own colour parser. */
export function withAlpha(color: string, alpha: number): string {
	if (typeof document === "undefined") return color;
	const context = document.createElement("canvas").getContext("2d");
	if (!context) return color;
	context.fillStyle = color;
	context.fillRect(0, 0, 1, 1);
	const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
	return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/**
 * Each category's colours: the color_map's first (a palette name takes the palette's pair, another CSS colour
 * is drawn solid on badges and half-transparent on spans), then each other category of the spans, in order, the
 * palette colour at the index of the number of categories coloured so far.
 */
export function categoryColors(spans: Span[], colorMap: unknown, mix = withAlpha): Record<string, Colors> {
	const named: Record<string, string> = {};
	if (typeof colorMap === "object" && colorMap !== null) {
		for (const [name, color] of Object.entries(colorMap as Record<string, unknown>)) {
			if (typeof color === "string") named[name] = color;
		}
	}
	for (const span of spans) {
		const category = span.class_or_confidence;
		if (typeof category === "string" && !(category in named)) {
			named[category] = PALETTE_ORDER[Object.keys(named).length % PALETTE_ORDER.length];
		}
	}
	const colors: Record<string, Colors> = {};
	for (const [name, given] of Object.entries(named)) {
		const color = given.trim();
		if (color in PALETTE) colors[name] = PALETTE[color];
		else if (isTransparent(color)) colors[name] = { label: "transparent", fill: "transparent" };
		else colors[name] = { label: mix(color, 1), fill: mix(color, 0.5) };
	}
	return colors;
}

/** The background of a span with this score: purple below 0, red above, as strong as the score's size. */
export function scoreColor(score: number | null): string {
	if (score === null || Number.isNaN(score)) return "";
	return score < 0 ? `rgba(128, 90, 213, ${-score})` : `rgba(239, 68, 60, ${score})`;
}

/** Whether a piece of a span's text is drawn: empty pieces never, blank ones only when whitespace is shown. */
export function isShown(text: string, showWhitespaces: boolean): boolean {
	return showWhitespaces ? text !== "" : text.trim() !== "";
}

/**
 * The spans after the user labels the characters `start`..`end` of span `index`: the span is cut in three, the
 * middle one labelled `label` and the others unlabelled, pieces that would not be shown dropped.
 */
export function labelRange(
	spans: Span[],
	index: number,
	start: number,
	end: number,
	label: Category,
	showWhitespaces: boolean,
): Span[] {
	const text = spans[index].token;
	const pieces: Span[] = [
		{ token: text.slice(0, start), class_or_confidence: null },
		{ token: text.slice(start, end), class_or_confidence: label },
		{ token: text.slice(end), class_or_confidence: null },
	].filter((piece) => isShown(piece.token, showWhitespaces));
	return [...spans.slice(0, index), ...pieces, ...spans.slice(index + 1)];
}

/** The spans after span `index` loses its category (neighbours of one category then merge). */
export function removeLabel(spans: Span[], index: number): Span[] {
	const next = spans.map((span, i) => (i === index ? { ...span, class_or_confidence: null } : span));
	return mergeAdjacent(next);
}

/** The spans after span `index` is given the category typed in its badge ("" clears it; scores are numbers). */
export function setLabel(spans: Span[], index: number, typed: string, scores: boolean): Span[] {
	const text = typed.trim();
	const category: Category = text === "" ? null : scores ? Number(text) : text;
	return spans.map((span, i) => (i === index ? { ...span, class_or_confidence: category } : span));
}
