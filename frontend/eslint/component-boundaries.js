// ESLint rule `trellis/component-boundaries`: a component folder (src/components/<type>/) is private to
// its component. Nothing imports from it except the registry, which lazily loads each Index.svelte;
// code that two components need lives in src/shared/. Files at the root of src/components/ (types.ts,
// registry.ts) are not component folders, so components may import them.
//
// Checked: static imports, `export … from` and `import("…")` with a string literal, after resolving
// relative specifiers against the importing file (package names and other bare specifiers are skipped:
// the project defines no path aliases).

import { dirname, relative, resolve, sep } from "node:path";

/** The component folder `file` lies in (`"audio"` for src/components/audio/x.ts), or null. */
function ownerOf(componentsDir, file) {
	const rel = relative(componentsDir, file);
	if (!rel || rel.startsWith("..") || rel.startsWith(sep) || !rel.includes(sep)) return null;
	return rel.split(sep)[0];
}

/** @type {import("eslint").Rule.RuleModule} */
export default {
	meta: {
		type: "problem",
		docs: { description: "Forbid imports from another component's folder (shared code goes in src/shared/)" },
		schema: [
			{
				type: "object",
				properties: {
					/** The folder holding one sub-folder per component type. */
					componentsDir: { type: "string" },
					/** Files that may import any component folder (the registry). */
					gateways: { type: "array", items: { type: "string" } },
				},
				required: ["componentsDir"],
				additionalProperties: false,
			},
		],
		messages: {
			foreign:
				"{{from}} imports '{{source}}' from the folder of component '{{target}}'. A component's folder is " +
				"private to it: move what both need to src/shared/ (only the registry imports component folders).",
		},
	},
	create(context) {
		const { componentsDir, gateways = [] } = context.options[0];
		const filename = context.filename;
		if (gateways.some((gateway) => resolve(gateway) === resolve(filename))) return {};
		const own = ownerOf(componentsDir, filename);

		function check(node, source) {
			if (typeof source !== "string" || !source.startsWith(".")) return;
			const target = ownerOf(componentsDir, resolve(dirname(filename), source));
			if (target === null || target === own) return;
			const from = own === null ? relative(dirname(componentsDir), filename) : `components/${own}`;
			context.report({ node, messageId: "foreign", data: { from, source, target } });
		}

		return {
			ImportDeclaration: (node) => check(node.source, node.source.value),
			ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
			ExportAllDeclaration: (node) => check(node.source, node.source.value),
			ImportExpression: (node) => node.source.type === "Literal" && check(node.source, node.source.value),
		};
	},
};
