// ParamViewer's value (`{name: {type, description, default}}`) turned into rows, and the small Python
// highlighter its types and defaults are drawn with (Gradio highlights them as Python whatever the
// `language`): strings, numbers, keywords, builtins, True/False/None, calls, operators, punctuation.

export interface Row {
	name: string;
	/** The type as highlighted HTML (null: none given). */
	type: string | null;
	description: string | null;
	/** The default as highlighted HTML (null: none given). */
	default: string | null;
}

export type TokenKind = "string" | "number" | "keyword" | "builtin" | "boolean" | "function" | "operator" | "punctuation";

const KEYWORDS = new Set(
	(
		"and as assert async await break class continue def del elif else except exec finally for from global if " +
		"import in is lambda nonlocal not or pass print raise return try while with yield"
	).split(" "),
);
const BUILTINS = new Set(
	(
		"__import__ abs all any apply ascii basestring bin bool buffer bytearray bytes callable chr classmethod cmp " +
		"coerce compile complex delattr dict dir divmod enumerate eval execfile file filter float format frozenset " +
		"getattr globals hasattr hash help hex id input int intern isinstance issubclass iter len list locals long map " +
		"max memoryview min next object oct open ord pow property range raw_input reduce reload repr reversed round set " +
		"setattr slice sorted staticmethod str sum super tuple type unichr unicode vars xrange zip"
	).split(" "),
);
const BOOLEANS = new Set(["True", "False", "None"]);

// One alternative per kind of token, tried at each position (the first that matches wins).
const TOKEN = new RegExp(
	[
		String.raw`(?<string>[rRbBuUfF]{0,2}(?:"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'))`,
		String.raw`(?<number>\b0[xX][\da-fA-F_]+\b|\b0[bB][01_]+\b|\b0[oO][0-7_]+\b|(?:\b\d[\d_]*(?:\.[\d_]*)?|\B\.\d[\d_]*)(?:[eE][+-]?\d+)?j?\b)`,
		String.raw`(?<word>[A-Za-z_]\w*)`,
		String.raw`(?<operator>[-+%=]=?|!=|:=|\*\*?=?|\/\/?=?|<[<=>]?|>[=>]?|[&|^~])`,
		String.raw`(?<punctuation>[{}[\];(),.:])`,
	].join("|"),
	"g",
);

export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;")
		.replace(/'/g, "&#039;");
}

/** The kind of each piece of `code`, in order (null: plain text). */
export function tokenize(code: string): [string, TokenKind | null][] {
	const pieces: [string, TokenKind | null][] = [];
	let at = 0;
	for (const match of code.matchAll(TOKEN)) {
		const index = match.index ?? 0;
		if (index > at) pieces.push([code.slice(at, index), null]);
		const groups = match.groups ?? {};
		let kind: TokenKind | null;
		if (groups.string !== undefined) kind = "string";
		else if (groups.number !== undefined) kind = "number";
		else if (groups.word !== undefined) {
			const word = groups.word;
			kind = BOOLEANS.has(word)
				? "boolean"
				: KEYWORDS.has(word)
					? "keyword"
					: BUILTINS.has(word)
						? "builtin"
						: /^\s*\(/.test(code.slice(index + word.length))
							? "function"
							: null;
			pieces.push([word, kind]);
			at = index + word.length;
			continue;
		} else if (groups.operator !== undefined) kind = "operator";
		else kind = "punctuation";
		pieces.push([match[0], kind]);
		at = index + match[0].length;
	}
	if (at < code.length) pieces.push([code.slice(at), null]);
	return pieces;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Each linkified word in escaped text made a link to "#h-<word>". */
function linkified(html: string, linkify: string[]): string {
	let out = html;
	for (const word of linkify) {
		if (!word) continue;
		out = out.replace(
			new RegExp(escapeRegExp(escapeHtml(word)), "g"),
			`<a href="#h-${escapeHtml(word.toLocaleLowerCase())}">${escapeHtml(word)}</a>`,
		);
	}
	return out;
}

/** `code` as HTML: escaped, each token in a `<span class="token KIND">`, the `linkify` words made links. */
export function highlight(code: string, linkify: string[] = []): string {
	return tokenize(code)
		.map(([text, kind]) => {
			const html = linkified(escapeHtml(text), linkify);
			return kind ? `<span class="token ${kind}">${html}</span>` : html;
		})
		.join("");
}

/** A description as HTML: escaped, Markdown links `[text](url)` made links that open a new tab. */
export function describe(text: string): string {
	return escapeHtml(text).replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>');
}

/** The rows of a value, in its order (anything but an object gives none). */
export function rowsOf(value: unknown, linkify: string[] = []): Row[] {
	if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
	return Object.entries(value as Record<string, unknown>).map(([name, raw]) => {
		const param = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
		const text = (key: string): string | null => {
			const v = param[key];
			return typeof v === "string" && v !== "" ? v : null;
		};
		const type = text("type");
		const fallback = text("default");
		return {
			name,
			type: type === null ? null : highlight(type, linkify),
			description: text("description"),
			default: fallback === null ? null : highlight(fallback, linkify),
		};
	});
}

/** The id of a row with anchor links: "param-" (then the prefix and "-"), then the name in lower-case kebab. */
export function anchorId(name: string, prefix: unknown): string {
	const start = typeof prefix === "string" ? `param-${prefix}-` : "param-";
	return start + name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** A max_height as CSS: pixels for a number. */
export function cssLength(value: unknown): string | undefined {
	if (typeof value === "number") return `${value}px`;
	return typeof value === "string" ? value : undefined;
}
