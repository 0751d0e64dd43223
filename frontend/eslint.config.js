// Lint rules that the type checker cannot express. `npm run check` runs this after svelte-check.
import { fileURLToPath } from "node:url";
import svelte from "eslint-plugin-svelte";
import ts from "typescript-eslint";
import componentBoundaries from "./eslint/component-boundaries.js";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default ts.config(
	{ ignores: ["node_modules/", "src/generated/"] },
	...svelte.configs.base,
	{
		files: ["**/*.ts"],
		languageOptions: { parser: ts.parser },
	},
	{
		files: ["**/*.svelte", "**/*.svelte.ts"],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: [".svelte"] } },
	},
	{
		files: ["src/**/*.ts", "src/**/*.svelte"],
		plugins: { trellis: { rules: { "component-boundaries": componentBoundaries } } },
		rules: {
			"trellis/component-boundaries": [
				"error",
				{
					componentsDir: here("./src/components"),
					// The registry, and the type test that puts wrong views in its slots.
					gateways: [here("./src/components/registry.ts"), here("./src/components/props.typetest.ts")],
				},
			],
		},
	},
);
