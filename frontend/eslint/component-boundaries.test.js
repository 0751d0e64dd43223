// Runs the project's own eslint.config.js on made-up files (they need not exist) to show that
// `trellis/component-boundaries` is wired in and catches imports from another component's folder.
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const cwd = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd });

/** The rule's findings for `code` as if it were the file at `path` (relative to frontend/). */
async function findings(path, code) {
	const [result] = await eslint.lintText(code, { filePath: `${cwd}/${path}` });
	return result.messages.map((m) => `${m.ruleId ?? "parse"}: ${m.message}`);
}

const svelteImporting = (source) => `<script lang="ts">\n\timport { x } from "${source}";\n\tconsole.log(x);\n</script>\n`;

describe("component-boundaries", () => {
	it("rejects a component importing another component's folder", async () => {
		expect(await findings("src/components/radio/Index.svelte", svelteImporting("../dropdown/filter"))).toEqual([
			"trellis/component-boundaries: components/radio imports '../dropdown/filter' from the folder of component " +
				"'dropdown'. A component's folder is private to it: move what both need to src/shared/ (only the " +
				"registry imports component folders).",
		]);
	});

	it("also sees re-exports, dynamic imports and roundabout paths", async () => {
		const code = [
			'export { x } from "../tabs/state";',
			'export * from "../../components/tabs/state";',
			'export const load = () => import("../audio/Index.svelte");',
		].join("\n");
		const found = await findings("src/components/tabitem/tabitem.ts", code);
		expect(found).toHaveLength(3);
		expect(found.every((f) => f.startsWith("trellis/component-boundaries:"))).toBe(true);
	});

	it("rejects shared or core code reaching into a component folder", async () => {
		const found = await findings("src/shared/media/peaks.ts", 'import { x } from "../../components/audio/waveform";\n');
		expect(found).toEqual([expect.stringContaining("shared/media/peaks.ts imports '../../components/audio/waveform'")]);
	});

	it("allows a component's own files, src/shared/, components/types.ts and packages", async () => {
		const code = [
			'import type { ComponentProps } from "../types";',
			'import { fileUrl } from "../../shared/files";',
			'import { computePeaks } from "./waveform";',
			'import { untrack } from "svelte";',
		].join("\n");
		expect(await findings("src/components/audio/audio.ts", code)).toEqual([]);
	});

	it("lets the registry load every component", async () => {
		const code = 'import Button from "./button/Index.svelte";\nexport const audio = () => import("./audio/Index.svelte");\n';
		expect(await findings("src/components/registry.ts", code)).toEqual([]);
	});
});
