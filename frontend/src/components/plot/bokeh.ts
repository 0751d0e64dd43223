// BokehJS, loaded once per page from the server (which serves the installed bokeh package's own scripts, so
// their version is the one that made the figure), then a json_item embedded with it.

declare global {
	interface Window {
		Bokeh?: { embed: { embed_item(item: unknown, target: HTMLElement | string): Promise<unknown> } };
	}
}

/** BokehJS's scripts, as Gradio loads them: the core first, then its extensions. */
export const BOKEH_SCRIPTS = ["bokeh", "bokeh-widgets", "bokeh-tables", "bokeh-gl", "bokeh-api"];

/** Where the app at `root` serves a BokehJS script. */
export function bokehScriptUrl(root: string, name: string): string {
	return `${root}/gradio_api/bokeh/${name}.min.js`;
}

function loadScript(src: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const script = document.createElement("script");
		script.src = src;
		script.async = false;
		script.onload = () => resolve();
		script.onerror = () => reject(new Error(`could not load ${src}`));
		document.head.appendChild(script);
	});
}

let loading: Promise<void> | undefined;

/** Loads BokehJS (once) from the app at `root`: the core, then its extensions. */
export function loadBokeh(root: string): Promise<void> {
	loading ??= loadScript(bokehScriptUrl(root, BOKEH_SCRIPTS[0])).then(() =>
		Promise.all(BOKEH_SCRIPTS.slice(1).map((name) => loadScript(bokehScriptUrl(root, name)))).then(() => undefined),
	);
	loading.catch(() => (loading = undefined));
	return loading;
}

/** Draws a bokeh json_item into `element`; fails when the server has no bokeh (`version` null) or BokehJS fails. */
export async function embedBokeh(element: HTMLElement, item: unknown, version: string | null, root: string): Promise<void> {
	if (!version) throw new Error("bokeh is not installed on the server");
	await loadBokeh(root);
	if (!window.Bokeh) throw new Error("BokehJS did not load");
	await window.Bokeh.embed.embed_item(item, element);
}
