// The page's own strings in each language, one chunk per language: this module (a chunk of its own,
// loaded only for a language other than English) maps a language tag to its table's loader.
const TABLES = import.meta.glob<{ default: Record<string, string> }>("./locales/*.ts");

/** The page's own strings in `tag` (one of PAGE_LANGUAGES); none for another tag. */
export async function loadTable(tag: string): Promise<Record<string, string>> {
	const load = TABLES[`./locales/${tag}.ts`];
	return load ? (await load()).default : {};
}

/** The tags there are tables for (a test checks PAGE_LANGUAGES against it). */
export const TABLE_TAGS: readonly string[] = Object.keys(TABLES).map((path) => path.slice(10, -3));
