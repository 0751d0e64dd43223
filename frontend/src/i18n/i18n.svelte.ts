// The page's language, as Gradio's page chooses it: the browser's (navigator.language), else its
// base language ("fr" for "fr-CA"), else English; the Settings can switch it until the page reloads. Two kinds of text follow it:
// - the page's own strings ("Use via API", "Drop Image Here"...): `t(english)` gives the text in the
//   page's language from that language's table (./locales/<tag>.ts, its own chunk, loaded through
//   ./tables.ts only when that language is used; English needs none);
// - the app's text: a `gr.I18n` marker (`__i18n__{"__type__": "translation_metadata", "key": ...}`)
//   anywhere in a string becomes the text of its key in the app's `i18n_translations`, for the page's
//   language, then its base language, then English, then the key itself.

/** The languages the page's own strings come in besides English (./locales has a table for each). */
export const PAGE_LANGUAGES: readonly string[] =
	"ar ca ckb de es et eu fa fi fr he hi id ja ko lt nb nl pl pt pt-BR ro ru sv ta th tr uk ur uz zh-CN zh-TW".split(" ");

export const i18n = $state({
	/** The page's language (a tag of PAGE_LANGUAGES, of the app's tables, or "en"). */
	locale: "en",
	/** The page's own strings in that language (empty: English). */
	strings: {} as Record<string, string>,
});
let appTables: Record<string, Record<string, string>> = {};
const listeners = new Set<() => void>();

/** The page's own string `english` in the page's language. */
export function t(english: string): string {
	return i18n.strings[english] ?? english;
}

/** `tag`'s own tag and those it falls back to: "zh-Hant-TW", "zh-Hant", "zh". */
function chain(tag: string): string[] {
	const parts = tag.split("-");
	return parts.map((_, i) => parts.slice(0, parts.length - i).join("-"));
}

/** The language among `known` for the browser's `tag`: itself, else a shorter form of it, else "en". */
export function pickLocale(tag: string, known: Iterable<string>): string {
	const byLower = new Map([...known].map((k) => [k.toLowerCase(), k]));
	for (const candidate of chain(tag.toLowerCase())) {
		const found = byLower.get(candidate);
		if (found) return found;
	}
	return "en";
}

/** Every language the page can show: English, the page's tables and the app's. */
export function knownLanguages(): string[] {
	return [...new Set(["en", ...PAGE_LANGUAGES, ...Object.keys(appTables)])];
}

/** The text of the app's `key` in the page's language (see the top of this file). */
export function lookup(key: string): string {
	for (const tag of [...chain(i18n.locale), "en"]) {
		const text = appTables[tag]?.[key];
		if (typeof text === "string") return text;
	}
	return key;
}

const MARKER = /__i18n__(\{"__type__": ?"translation_metadata", ?"key": ?"(?:[^"\\]|\\.)*"\})/g;

/** `text` with each gr.I18n marker in it replaced by its translation. */
export function translate(text: string): string {
	if (!text.includes("__i18n__")) return text;
	return text.replace(MARKER, (whole, json: string) => {
		try {
			return lookup((JSON.parse(json) as { key: string }).key);
		} catch {
			return whole;
		}
	});
}

/** Whether `value` is a string holding a gr.I18n marker. */
export function marked(value: unknown): value is string {
	return typeof value === "string" && value.includes("__i18n__");
}

/** Switch the page to `tag`'s language (loading its table first). */
export async function setLocale(tag: string): Promise<void> {
	const locale = pickLocale(tag, knownLanguages());
	const table = pickLocale(locale, PAGE_LANGUAGES);
	const strings = table === "en" ? {} : await (await import("./tables")).loadTable(table);
	i18n.locale = locale;
	i18n.strings = strings;
	document.documentElement.lang = locale;
	for (const listener of listeners) listener();
}

/** Call `listener` after each change of language. */
export function onLocaleChange(listener: () => void): void {
	listeners.add(listener);
}

/** At boot: take the app's tables and choose the page's language (awaits its table). */
export async function initLocale(tables: Record<string, Record<string, string>> | null | undefined): Promise<void> {
	appTables = tables ?? {};
	await setLocale(navigator.language || navigator.languages?.[0] || "en");
}

// Choice components' values are the choices' values: a marker there stays as it is (only the shown text of a choice is translated).
const CHOICE_TYPES = new Set(["radio", "dropdown", "checkboxgroup"]);

/** The default labels the page fills in that Gradio's page shows in its language (others stay English). */
const PAGE_LABELS = new Set(["Label", "Checkbox", "Checkbox Group", "Color Picker", "Radio", "Annotated Image", "Plot"]);

/** A default label the page fills in, to show as one of its own strings (see PAGE_LABELS). */
export interface PageText {
	page: string;
}

/** `label` as a page string when it is one of PAGE_LABELS (else itself). */
export function defaultLabel(label: unknown): unknown {
	return typeof label === "string" && PAGE_LABELS.has(label) ? { page: label } : label;
}

/**
 * Prop `key` of a `type` component as shown: its gr.I18n markers translated, a default label (see
 * defaultLabel) in the page's language (`value` itself when neither).
 */
export function localizeProp(type: string, key: string, value: unknown): unknown {
	if (typeof value === "object" && value !== null && "page" in value) return t((value as PageText).page);
	if (marked(value)) return key === "value" && CHOICE_TYPES.has(type) ? value : translate(value);
	if (key === "choices" && Array.isArray(value) && value.some((c) => Array.isArray(c) && marked(c[0]))) {
		return value.map((c: unknown) => (Array.isArray(c) && marked(c[0]) ? [translate(c[0]), ...c.slice(1)] : c));
	}
	return value;
}
