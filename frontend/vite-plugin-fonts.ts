// The theme fonts: woff2 files for the families that `gr.themes.LocalFont` names, written into the
// build with `fonts.json`, which trellis/themes/utils/fonts.py reads to write their @font-face rules.
//
// The families are those of Trellis's themes and those Gradio ships files for, in the weights either
// uses; the files come from Fontsource's npm packages (Google Fonts' subsets). Each weight has three
// files, each with the unicode-range a browser reads to fetch only the files the page's text needs:
//
// - latin-basic: ASCII and the few punctuation marks an interface shows (·, –, —, …, curly quotes),
//   cut from Fontsource's latin file;
// - latin: the rest of Fontsource's latin file (accented letters, symbols);
// - latin-ext: Fontsource's latin-ext file.
//
// A page in English fetches only the small latin-basic files. HarfBuzz (subset-font) writes each file
// from Fontsource's with the layout features (kerning, ligatures) and the name table (copyright,
// license) kept and the TrueType hinting instructions left out, as Google Fonts serves its fonts to
// most browsers (they are most of the size of some fonts: Ubuntu's latin-basic is 24 kB with them,
// 9 kB without). The two latin cuts together cover the whole latin file. HarfBuzz and the woff2
// encoder are WebAssembly, pinned by package-lock.json, and the files are named by a hash of their
// bytes: every build writes the same. fonts-licenses.txt beside fonts.json holds each package's
// license (SIL Open Font License, Ubuntu Font Licence), which the fonts' redistribution requires.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Plugin } from "vite";

/** Family name (as a theme names it) → Fontsource package and the weights to ship. */
export const FAMILIES: Record<string, { pkg: string; weights: number[] }> = {
	"Chakra Petch": { pkg: "chakra-petch", weights: [400, 600] },
	"IBM Plex Mono": { pkg: "ibm-plex-mono", weights: [400, 500, 600, 700] },
	"IBM Plex Sans": { pkg: "ibm-plex-sans", weights: [400, 600, 700] },
	Inconsolata: { pkg: "inconsolata", weights: [400, 700] },
	Lexend: { pkg: "lexend", weights: [400, 600] },
	Lora: { pkg: "lora", weights: [400, 600] },
	Montserrat: { pkg: "montserrat", weights: [400, 700] },
	"Press Start 2P": { pkg: "press-start-2p", weights: [400] },
	Quicksand: { pkg: "quicksand", weights: [400, 700] },
	"Roboto Mono": { pkg: "roboto-mono", weights: [400, 600] },
	"Share Tech Mono": { pkg: "share-tech-mono", weights: [400] },
	"Source Code Pro": { pkg: "source-code-pro", weights: [400, 600] },
	"Source Sans 3": { pkg: "source-sans-3", weights: [400, 600] },
	"Source Sans Pro": { pkg: "source-sans-pro", weights: [400, 600, 700] },
	"Space Mono": { pkg: "space-mono", weights: [400] },
	Ubuntu: { pkg: "ubuntu", weights: [400] },
};

/** What latin-basic holds: ASCII, no-break space, ©, ·, ×, en and em dashes, curly quotes, bullet, ellipsis. */
export const BASIC = "U+0000-007F,U+00A0,U+00A9,U+00B7,U+00D7,U+2013-2014,U+2018-2019,U+201C-201D,U+2022,U+2026";

/** The manifest's entry for one file: its path inside the build and the code points it covers. */
export interface FontFile {
	file: string;
	unicode_range: string;
}

/** fonts.json: family → weight → subset (latin-ext, latin, latin-basic: the order of the rules) → file. */
export type FontManifest = Record<string, Record<string, Record<string, FontFile>>>;

type SubsetFont = (
	font: Buffer,
	text: string,
	options: { targetFormat: "woff2"; preserveNameIds: number[]; noHinting: boolean },
) => Promise<Buffer>;

const require = createRequire(import.meta.url);
const subsetFont = require("subset-font") as SubsetFont;
/** The name table entries to keep (HarfBuzz keeps only 0-6 unless told): copyright, license and the rest. */
const NAME_IDS = Array.from({ length: 26 }, (_, id) => id);

/** The code points of a unicode-range (`U+0000-00FF,U+0131`). */
export function parseRange(range: string): Set<number> {
	const points = new Set<number>();
	for (const part of range.split(",")) {
		const [start, end = start] = part.trim().replace(/^U\+/i, "").split("-");
		for (let point = parseInt(start, 16); point <= parseInt(end, 16); point++) points.add(point);
	}
	return points;
}

/** Code points as a unicode-range, runs joined (`U+0000-007F,U+00A0`). */
export function formatRange(points: Iterable<number>): string {
	const sorted = [...points].sort((a, b) => a - b);
	const hex = (point: number) => point.toString(16).toUpperCase().padStart(4, "0");
	const parts: string[] = [];
	for (let i = 0; i < sorted.length; i++) {
		const start = sorted[i];
		while (i + 1 < sorted.length && sorted[i + 1] === sorted[i] + 1) i++;
		parts.push(sorted[i] === start ? `U+${hex(start)}` : `U+${hex(start)}-${hex(sorted[i])}`);
	}
	return parts.join(",");
}

/** Emits the theme fonts and fonts.json (build only). */
export function themeFonts(): Plugin {
	const basic = parseRange(BASIC);
	return {
		name: "trellis-theme-fonts",
		apply: "build",
		async generateBundle() {
			const manifest: FontManifest = {};
			const licenses: string[] = [];
			for (const [family, { pkg, weights }] of Object.entries(FAMILIES)) {
				const dir = dirname(require.resolve(`@fontsource/${pkg}/package.json`));
				const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
				const license = readFileSync(join(dir, "LICENSE"), "utf8").trim();
				licenses.push(`${family} (@fontsource/${pkg} ${version})\n${"=".repeat(72)}\n\n${license}\n`);
				const ranges = JSON.parse(readFileSync(join(dir, "unicode.json"), "utf8")) as Record<string, string>;
				const latin = parseRange(ranges.latin);
				// [file written, Fontsource file it is cut from, code points]; latin-ext first, as Google
				// orders its rules (of two faces claiming a code point, the one declared last is tried first).
				const cuts: [string, string, number[]][] = [
					["latin", "latin", [...latin].filter((point) => !basic.has(point))],
					["latin-basic", "latin", [...latin].filter((point) => basic.has(point))],
				];
				if (ranges["latin-ext"]) cuts.unshift(["latin-ext", "latin-ext", [...parseRange(ranges["latin-ext"])]]);
				manifest[family] = {};
				for (const weight of weights) {
					const files: Record<string, FontFile> = {};
					for (const [subset, source, points] of cuts) {
						const font = readFileSync(join(dir, "files", `${pkg}-${source}-${weight}-normal.woff2`));
						const cut = await subsetFont(font, String.fromCodePoint(...points), {
							targetFormat: "woff2",
							preserveNameIds: NAME_IDS,
							noHinting: true,
						});
						const ref = this.emitFile({ type: "asset", name: `${pkg}-${subset}-${weight}.woff2`, source: cut });
						files[subset] = { file: this.getFileName(ref), unicode_range: formatRange(points) };
					}
					manifest[family][String(weight)] = files;
				}
			}
			this.emitFile({ type: "asset", fileName: "fonts.json", source: JSON.stringify(manifest, null, "\t") + "\n" });
			const intro = "The licenses of the theme fonts in assets/ (listed in fonts.json), from Fontsource's packages.\n\n";
			this.emitFile({ type: "asset", fileName: "fonts-licenses.txt", source: intro + licenses.join("\n\n") });
		},
	};
}
