// Dialogue's model: lines of {speaker, text}, the speakers' colours, and tag autocompletion after ":".

export interface Line {
	speaker: string;
	text: string;
}

/** The default speaker colours, in turn (Gradio 6.31's light fills, 70% opaque). */
const PALETTE = [
	"rgba(254, 202, 202, 0.7)", // red
	"rgba(209, 250, 229, 0.7)", // green
	"rgba(219, 234, 254, 0.7)", // blue
	"rgba(254, 243, 199, 0.7)", // yellow
	"rgba(233, 213, 255, 0.7)", // purple
	"rgba(204, 251, 241, 0.7)", // teal
	"rgba(254, 215, 170, 0.7)", // orange
	"rgba(207, 250, 254, 0.7)", // cyan
	"rgba(217, 249, 157, 0.7)", // lime
	"rgba(252, 231, 243, 0.7)", // pink
];

/** The value's lines (well-formed ones only); `null` when the value is not a list. */
export function asLines(value: unknown): Line[] | null {
	if (!Array.isArray(value)) return null;
	return value
		.filter((l): l is Line => !!l && typeof l === "object" && typeof l.speaker === "string" && typeof l.text === "string")
		.map((l) => ({ speaker: l.speaker, text: l.text }));
}

/** Each speaker's background: the app's color_map as given, else the palette in the speakers' order. */
export function speakerColors(speakers: string[], colorMap: Record<string, string> | null | undefined): Record<string, string> {
	if (colorMap) return { ...colorMap };
	const colors: Record<string, string> = {};
	speakers.forEach((s, i) => (colors[s] = PALETTE[i % PALETTE.length]));
	return colors;
}

/**
 * The tag being typed at `caret`: right after a ":" (everything offered), or a word after the last
 * ":" before the caret with no space in it. `start` is where the query begins (after the colon).
 */
export function tagQuery(text: string, caret: number): { start: number; query: string } | null {
	if (text[caret - 1] === ":") return { start: caret, query: "" };
	const colon = text.lastIndexOf(":", caret - 1);
	if (colon < 0) return null;
	const query = text.substring(colon + 1, caret);
	return query.includes(" ") ? null : { start: colon + 1, query };
}

/** The tags matching a query (case-insensitive substring; all for an empty query). */
export function matchingTags(tags: string[], query: string): string[] {
	const q = query.toLowerCase();
	return tags.filter((t) => q === "" || t.toLowerCase().includes(q));
}

/**
 * `text` with the ":query" before `caret` replaced by `tag` and a space, and the caret after it. As in
 * Gradio, in a dialogue line (`trim`) the text before the colon is trimmed first.
 */
export function insertTag(text: string, caret: number, tag: string, trim: boolean): { text: string; caret: number } | null {
	const colon = text.lastIndexOf(":", caret - 1);
	if (colon < 0) return null;
	let before = text.substring(0, colon);
	if (trim) before = before.replace(/\[S\d+\]/g, "").trim();
	const after = text.substring(caret);
	return { text: `${before}${tag} ${after}`, caret: before.length + tag.length + 1 };
}
