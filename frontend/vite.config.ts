/// <reference types="vitest/config" />
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";
import { themeFonts } from "./vite-plugin-fonts.js";

// The bundle is written inside the Python package and committed, so `pip install` needs no Node.
export default defineConfig(({ mode }) => ({
	// themeFonts: the woff2 files of the theme fonts and fonts.json, which lists them for the Python side.
	plugins: [svelte(), themeFonts()],
	// Component tests mount Svelte components under happy-dom: use Svelte's browser build there.
	resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
	base: "./",
	build: {
		outDir: "../trellis/_frontend",
		emptyOutDir: true,
		manifest: true,
		target: "es2022",
		cssCodeSplit: true,
		modulePreload: false,
		// three.js (Model3D's viewer, ~600 kB) is the largest chunk; it loads only when a 3D model is shown
		chunkSizeWarningLimit: 700,
		rollupOptions: {
			input: "src/main.ts",
			output: {
				entryFileNames: "assets/[name]-[hash].js",
				chunkFileNames: "assets/[name]-[hash].js",
				assetFileNames: "assets/[name]-[hash][extname]",
			},
		},
	},
	test: {
		include: ["src/**/*.test.ts", "eslint/**/*.test.js"],
		environment: "node",
	},
}));
