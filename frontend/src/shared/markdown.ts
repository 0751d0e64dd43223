// Markdown → HTML: GFM via marked, highlighted code blocks, optional header anchors, LaTeX via
// KaTeX, sanitised with DOMPurify unless the caller opts out. highlight.js and KaTeX are loaded
// on demand (`loadHighlighter`, `loadKatex`), only for text with fenced code / math: until then
// code is shown plain and math as its source.
//
// Math is cut out by a marked extension (so code spans and blocks are left alone), replaced by a
// private-use placeholder, and put back after sanitising: KaTeX's own output is trusted
// (it runs with `trust: false`), and sanitising never sees or mangles it.

import { Marked, type MarkedExtension, type Tokens } from "marked";
import { escapeHtml, sanitize as sanitizeHtml } from "./sanitize";

export interface LatexDelimiter {
	left: string;
	right: string;
	display: boolean;
}

type Katex = typeof import("katex").default;
/** The shared/highlight.ts module, once loaded. */
export type Highlighter = typeof import("./highlight");

export interface MarkdownOptions {
	/** Sanitise the output (default true). */
	sanitize?: boolean;
	/** Single newlines become `<br>` (GFM `breaks`). */
	lineBreaks?: boolean;
	/** Give headings ids and an anchor link. */
	headerLinks?: boolean;
	/** Math delimiters; empty or missing: no math. */
	latexDelimiters?: LatexDelimiter[] | null;
	/** A loaded KaTeX; without it math is shown as its escaped source (see `loadKatex`). */
	katex?: Katex | null;
	/** The highlighter (default: the one `loadHighlighter` loaded, if any; else code is plain). */
	highlighter?: Highlighter | null;
	/** Add a copy button to every code block. */
	codeCopyButtons?: boolean;
	/** Open links to other sites in a new tab (default true). */
	externalLinksNewTab?: boolean;
	/**
	 * Show tags written in raw HTML as text instead of handing them to the sanitiser (which drops
	 * unknown tags): `true` for every tag that is not standard HTML (`<thinking>`), a list for
	 * those tags only (Chatbot's `allow_tags`).
	 */
	allowTags?: boolean | string[] | null;
}

/** The default Markdown delimiters: `$$…$$` display math. */
export const DEFAULT_LATEX_DELIMITERS: LatexDelimiter[] = [{ left: "$$", right: "$$", display: true }];

const PLACEHOLDER_START = "\uE000";
const PLACEHOLDER_END = "\uE001";
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
// Heading ids go through the sanitiser as placeholders too: DOMPurify drops ids such as "title"
// or "images" that name document properties, which are harmless on headings we generate.
const ID_START = "\uE002";
const ID_END = "\uE003";
const ID_PLACEHOLDER = /\uE002(\d+)\uE003/g;

interface MathToken {
	type: "math";
	raw: string;
	text: string;
	display: boolean;
	left: string;
	right: string;
}

interface RenderState {
	math: MathToken[];
	ids: string[];
	slugs: Map<string, number>;
	options: MarkdownOptions;
}

// The state of the render in progress (parsing is synchronous, so one is enough).
let state: RenderState = { math: [], ids: [], slugs: new Map(), options: {} };

/** Normalise a `latex_delimiters` prop value (drops malformed entries). */
export function normalizeDelimiters(value: unknown): LatexDelimiter[] {
	if (!Array.isArray(value)) return [];
	return value
		.filter((d): d is Record<string, unknown> => typeof d === "object" && d !== null)
		.filter((d) => typeof d.left === "string" && typeof d.right === "string" && d.left !== "" && d.right !== "")
		.map((d) => ({ left: d.left as string, right: d.right as string, display: d.display === true }));
}

function escaped(src: string, index: number): boolean {
	let count = 0;
	for (let i = index - 1; i >= 0 && src[i] === "\\"; i--) count++;
	return count % 2 === 1;
}

/** Index of the first unescaped `needle` in `src` from `from`, or -1. */
function findUnescaped(src: string, needle: string, from: number): number {
	let index = src.indexOf(needle, from);
	while (index !== -1 && escaped(src, index)) index = src.indexOf(needle, index + 1);
	return index;
}

/** Whether `text` holds math for one of `delimiters` (an opening and a later closing delimiter). */
export function hasLatex(text: string | null | undefined, delimiters: LatexDelimiter[] | null | undefined): boolean {
	if (!text || !delimiters?.length) return false;
	return delimiters.some((d) => {
		const start = findUnescaped(text, d.left, 0);
		return start !== -1 && findUnescaped(text, d.right, start + d.left.length) !== -1;
	});
}

/** Match math at the start of `src` for one of `delimiters` (longest opening delimiter first). */
function matchMath(src: string, delimiters: LatexDelimiter[]): MathToken | undefined {
	for (const d of delimiters) {
		if (!src.startsWith(d.left)) continue;
		let end = findUnescaped(src, d.right, d.left.length);
		// A single-dollar pair must hug its content ("$x$", not "$5 and $"), as in Pandoc.
		const dollar = d.left === "$" && d.right === "$";
		while (end !== -1 && dollar && (/\s/.test(src[end - 1]) || /\d/.test(src[end + 1] ?? ""))) {
			end = findUnescaped(src, d.right, end + 1);
		}
		if (end === -1) continue;
		const text = src.slice(d.left.length, end);
		if (!text.trim()) continue;
		if (dollar && /^\s/.test(text)) continue;
		return { type: "math", raw: src.slice(0, end + d.right.length), text, display: d.display, left: d.left, right: d.right };
	}
	return undefined;
}

function mathExtension(delimiters: LatexDelimiter[]): MarkedExtension {
	const sorted = [...delimiters].sort((a, b) => b.left.length - a.left.length);
	const display = sorted.filter((d) => d.display);
	return {
		extensions: [
			{
				name: "math",
				level: "block",
				tokenizer(src) {
					const lead = /^ {0,3}/.exec(src)?.[0] ?? "";
					const token = matchMath(src.slice(lead.length), display);
					if (!token) return undefined;
					const rest = src.slice(lead.length + token.raw.length);
					const tail = /^[ \t]*(?:\n+|$)/.exec(rest);
					if (!tail) return undefined;
					return { ...token, raw: lead + token.raw + tail[0], block: true };
				},
				renderer(token) {
					return `<p>${placeholder(token as unknown as MathToken)}</p>\n`;
				},
			},
			{
				name: "math",
				level: "inline",
				start(src) {
					let best: number | undefined;
					for (const d of sorted) {
						const index = findUnescaped(src, d.left, 0);
						if (index !== -1 && (best === undefined || index < best)) best = index;
					}
					return best;
				},
				tokenizer(src) {
					return matchMath(src, sorted);
				},
				renderer(token) {
					return placeholder(token as unknown as MathToken);
				},
			},
		],
	};
}

function placeholder(token: MathToken): string {
	state.math.push(token);
	return `${PLACEHOLDER_START}${state.math.length - 1}${PLACEHOLDER_END}`;
}

function renderMath(token: MathToken, katex: Katex | null | undefined): string {
	if (!katex) return `<span class="math-pending">${escapeHtml(token.left + token.text + token.right)}</span>`;
	try {
		return katex.renderToString(token.text, { displayMode: token.display, throwOnError: false, trust: false, strict: "ignore" });
	} catch {
		return `<span class="math-error">${escapeHtml(token.left + token.text + token.right)}</span>`;
	}
}

function decodeEntities(text: string): string {
	return text
		.replace(/&(?:quot|#34);/g, '"')
		.replace(/&(?:apos|#39);/g, "'")
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&amp;/g, "&");
}

/** The anchor id for a heading's text ("Hello, World!" → "hello-world"). */
export function slugify(text: string): string {
	return (
		text
			.toLowerCase()
			.trim()
			.replace(/[^\p{L}\p{N}\s_-]/gu, "")
			.replace(/[\s_]+/g, "-")
			.replace(/-+/g, "-")
			.replace(/^-|-$/g, "") || "section"
	);
}

function uniqueSlug(text: string): string {
	const base = slugify(text);
	const seen = state.slugs.get(base) ?? 0;
	state.slugs.set(base, seen + 1);
	return seen === 0 ? base : `${base}-${seen}`;
}

function safeHref(href: string): string | null {
	try {
		return encodeURI(href).replace(/%25/g, "%");
	} catch {
		return null;
	}
}

function isExternal(href: string): boolean {
	if (!/^(?:https?:)?\/\//i.test(href)) return false;
	if (typeof location === "undefined") return true;
	try {
		return new URL(href, location.href).origin !== location.origin;
	} catch {
		return false;
	}
}

// Standard HTML element names: with `allowTags: true`, any other tag is shown as text.
const HTML_TAGS = new Set(
	(
		"a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col " +
		"colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form h1 " +
		"h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark menu " +
		"meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp " +
		"script search section select slot small source span strong style sub summary sup table tbody td template " +
		"textarea tfoot th thead time title tr track u ul var video wbr svg math center font big strike tt frame " +
		"frameset marquee"
	).split(" "),
);

/**
 * `html` with the opening `<` of chosen tags escaped, so they show as text: non-standard tags for
 * `allow: true`, the listed ones for a list. Anything else is left for the sanitiser.
 */
export function escapeAllowedTags(html: string, allow: boolean | string[] | null | undefined): string {
	if (!allow || (Array.isArray(allow) && allow.length === 0)) return html;
	const listed = Array.isArray(allow) ? new Set(allow.map((t) => t.toLowerCase())) : null;
	return html.replace(/<(\/?)([a-zA-Z][\w:-]*)/g, (match, slash: string, name: string) => {
		const tag = name.toLowerCase();
		const show = listed ? listed.has(tag) : !HTML_TAGS.has(tag);
		return show ? `&lt;${slash}${name}` : match;
	});
}

/** The code blocks' copy button: two overlapping sheets, then a tick once copied (see MarkdownContent). */
const COPY_ICON =
	'<svg class="copy-icon" viewBox="0 0 15 15" width="15" height="15" fill="none" stroke="currentColor" stroke-width="0.9" aria-hidden="true">' +
	'<rect x="4.1" y="4.1" width="9" height="9" rx="0.9"/><path d="M1.35 8.6V2.25a0.9 0.9 0 0 1 0.9-0.9H8.6"/></svg>';
const COPIED_ICON =
	'<svg class="copied-icon" viewBox="0 0 17 17" width="17" height="17" fill="none" stroke="currentColor" stroke-width="1.3" aria-hidden="true">' +
	'<path d="M3.2 9.05l3.2 3.2 7.4-7.45"/></svg>';

const renderer: MarkedExtension["renderer"] = {
	html({ text }: Tokens.HTML | Tokens.Tag) {
		return escapeAllowedTags(text, state.options.allowTags);
	},
	code({ text, lang }: Tokens.Code) {
		const name = /^\S*/.exec(lang ?? "")?.[0] ?? "";
		const highlighter = state.options.highlighter ?? loadedHighlighter;
		const language = highlighter?.languageFor(name) ?? null;
		const cls = language ? `hljs language-${language}` : name ? `hljs language-${escapeHtml(name)}` : "hljs";
		const source = text.replace(/\n$/, "");
		const body = highlighter && language ? highlighter.highlight(source, language) : escapeHtml(source);
		const copy = state.options.codeCopyButtons
			? `<button type="button" class="code-copy" aria-label="Copy code" title="Copy">${COPY_ICON}${COPIED_ICON}</button>`
			: "";
		return `<div class="code-block">${copy}<pre><code class="${cls}">${body}\n</code></pre></div>\n`;
	},
	heading({ tokens, depth }: Tokens.Heading) {
		const inner = this.parser.parseInline(tokens);
		if (!state.options.headerLinks) return `<h${depth}>${inner}</h${depth}>\n`;
		const plain = decodeEntities(this.parser.parseInline(tokens, this.parser.textRenderer));
		const slug = escapeHtml(uniqueSlug(plain.replace(PLACEHOLDER, "")));
		state.ids.push(slug);
		const id = `${ID_START}${state.ids.length - 1}${ID_END}`;
		return `<h${depth} id="${id}">${inner}<a class="header-anchor" href="#${slug}" aria-label="Link to this section">#</a></h${depth}>\n`;
	},
	link({ href, title, tokens }: Tokens.Link) {
		const text = this.parser.parseInline(tokens);
		const url = safeHref(href);
		if (url === null) return text;
		const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
		const target = state.options.externalLinksNewTab !== false && isExternal(url) ? ' target="_blank"' : "";
		return `<a href="${escapeHtml(url)}"${titleAttr}${target} rel="noopener noreferrer">${text}</a>`;
	},
};

const instances = new Map<string, Marked>();

function markedFor(options: MarkdownOptions, delimiters: LatexDelimiter[]): Marked {
	const key = `${options.lineBreaks === true}|${JSON.stringify(delimiters)}`;
	let instance = instances.get(key);
	if (!instance) {
		instance = new Marked({ gfm: true, breaks: options.lineBreaks === true, async: false, renderer });
		if (delimiters.length) instance.use(mathExtension(delimiters));
		instances.set(key, instance);
	}
	return instance;
}

/** Render Markdown to (by default sanitised) HTML. Synchronous; math needs `options.katex`. */
export function renderMarkdown(text: string | null | undefined, options: MarkdownOptions = {}): string {
	if (!text) return "";
	const delimiters = options.latexDelimiters ?? [];
	const source = text.replace(/[\uE000-\uE003]/g, "");
	const previous = state;
	state = { math: [], ids: [], slugs: new Map(), options };
	try {
		let html = markedFor(options, delimiters).parse(source, { async: false });
		if (options.sanitize !== false) html = sanitizeHtml(html);
		const { math, ids } = state;
		if (ids.length) html = html.replace(ID_PLACEHOLDER, (_, i: string) => ids[Number(i)]);
		return math.length ? html.replace(PLACEHOLDER, (_, i: string) => renderMath(math[Number(i)], options.katex)) : html;
	} finally {
		state = previous;
	}
}

/**
 * Inline Markdown (no paragraphs) as sanitised HTML: for short labels such as a thought's title.
 * Math is not rendered here.
 */
export function renderInlineMarkdown(text: string | null | undefined, options: MarkdownOptions = {}): string {
	if (!text) return "";
	const previous = state;
	state = { math: [], ids: [], slugs: new Map(), options };
	try {
		const html = markedFor(options, []).parseInline(text.replace(/[\uE000-\uE003]/g, ""), { async: false });
		return options.sanitize === false ? html : sanitizeHtml(html);
	} finally {
		state = previous;
	}
}

/**
 * `text` cut into consecutive top-level Markdown blocks (paragraphs, lists, code blocks, tables,
 * math, …) whose concatenation is `text`; each renders the same alone as inside the whole. Used to
 * re-render only the last block of a growing (streamed) message. Text whose blocks depend on each
 * other (reference-style link definitions, raw HTML blocks that may wrap later blocks) stays one block.
 */
export function splitMarkdownBlocks(text: string | null | undefined, options: MarkdownOptions = {}): string[] {
	if (!text) return [];
	const instance = markedFor(options, options.latexDelimiters ?? []);
	const previous = state;
	state = { math: [], ids: [], slugs: new Map(), options };
	try {
		const tokens = instance.lexer(text);
		if (Object.keys(tokens.links).length || tokens.some((t) => t.type === "html")) return [text];
		const blocks: string[] = [];
		for (const token of tokens) {
			if (token.type === "space" && blocks.length) blocks[blocks.length - 1] += token.raw;
			else blocks.push(token.raw);
		}
		// The tokens' raw text covers the source; if it does not (a future marked), do not split.
		return blocks.join("") === text ? blocks : [text];
	} catch {
		return [text];
	} finally {
		state = previous;
	}
}

let katexPromise: Promise<Katex> | null = null;
let katexLoaded: Katex | null = null;

/** Load KaTeX and its stylesheet (once). */
export function loadKatex(): Promise<Katex> {
	katexPromise ??= Promise.all([import("katex"), import("katex/dist/katex.min.css")]).then(([module]) => {
		katexLoaded = module.default;
		return katexLoaded;
	});
	return katexPromise;
}

/** KaTeX if it has been loaded already, else null. */
export function loadedKatex(): Katex | null {
	return katexLoaded;
}

let highlighterPromise: Promise<Highlighter> | null = null;
let loadedHighlighter: Highlighter | null = null;

/** Whether `text` has a fenced code block with a language (the only code that gets highlighted). */
export function hasFencedCode(text: string | null | undefined): boolean {
	return !!text && /^ {0,3}(?:`{3,}|~{3,})[ \t]*[^\s`~]/m.test(text);
}

/** Load highlight.js with its languages (once). */
export function loadHighlighter(): Promise<Highlighter> {
	highlighterPromise ??= import("./highlight").then((module) => (loadedHighlighter = module));
	return highlighterPromise;
}

/** The highlighter if it has been loaded already, else null. */
export function highlighterIfLoaded(): Highlighter | null {
	return loadedHighlighter;
}

/** Like `renderMarkdown`, but first loads KaTeX and highlight.js when the text needs them. */
export async function renderMarkdownAsync(text: string | null | undefined, options: MarkdownOptions = {}): Promise<string> {
	const [katex, highlighter] = await Promise.all([
		options.katex ?? (hasLatex(text, options.latexDelimiters) ? loadKatex() : null),
		options.highlighter ?? (hasFencedCode(text) ? loadHighlighter() : null),
	]);
	return renderMarkdown(text, { ...options, katex, highlighter });
}
