// Reading a pasted file for the "Paste from clipboard" sources (Image, Gallery, ImageEditor); apart from
// clipboard.svelte.ts, which the main chunk carries, so that only pages with such a source load it.

/**
 * The first clipboard item of a type starting with one of `prefixes` ("image/"), as a file named
 * `name` (by default `clipboard.<subtype>`); `null` when the clipboard holds none. Throws when the
 * browser does not let the page read the clipboard.
 */
export async function readClipboardFile(prefixes: readonly string[], name?: string): Promise<File | null> {
	for (const item of await navigator.clipboard.read()) {
		const type = item.types.find((t) => prefixes.some((prefix) => t.startsWith(prefix)));
		if (!type) continue;
		const blob = await item.getType(type);
		return new File([blob], name ?? `clipboard.${type.split("/")[1] || "png"}`, { type });
	}
	return null;
}
