// Boot: read the config the server embedded in the page, pick light/dark, mount the app.

import "./theme/base.css";
// The default theme's variables, as text: CSS minification would rewrite their values (quotes, colours).
import defaultTheme from "./theme/default-theme.css?raw";
import { mount } from "svelte";
import type { AppConfig } from "./api/types";
import App from "./App.svelte";
import { applyScheme, schemeOf } from "./core/colorscheme";
import { initLocale } from "./i18n/i18n.svelte";

declare global {
	interface Window {
		gradio_config?: AppConfig;
	}
}

// First in <head>, so an app's own theme (the page's link to theme.css) comes after it and wins.
function applyDefaultTheme(): void {
	const style = document.createElement("style");
	style.textContent = defaultTheme;
	document.head.prepend(style);
}

async function boot(): Promise<void> {
	applyDefaultTheme();
	applyScheme(schemeOf(location.href));
	const base = new URL(".", location.href).href.replace(/\/$/, "");
	const config: AppConfig =
		window.gradio_config ?? (await (await fetch(`${base}/config`, { credentials: "include" })).json());
	// the page's language first (its strings' table and the app's translations), so that the first paint is in it
	await initLocale(config.i18n_translations);
	const target = document.getElementById("trellis-app");
	if (!target) throw new Error("missing #trellis-app element");
	target.textContent = "";
	mount(App, { target, props: { config, base } });
}

void boot();
