// gr.HTML's `head`: tags put into the page's <head> before the component's js_on_load runs. A script with a
// `src` is added once for the whole page (components asking for the same library share its loading), an
// inline script once per distinct text, a <link> once per href; other tags (meta, style) are added as given.
// The returned promise settles when the added scripts have loaded.

const loading = new Map<string, Promise<void>>();

function scriptLoaded(script: HTMLScriptElement, src: string): Promise<void> {
	return new Promise((resolve, reject) => {
		script.onload = () => resolve();
		script.onerror = () => reject(new Error(`Could not load the script ${src}`));
	});
}

export async function injectHead(markup: string): Promise<void> {
	if (!markup.trim()) return;
	const parsed = new DOMParser().parseFromString(`<head>${markup}</head>`, "text/html");
	const waits: Promise<void>[] = [];
	for (const tag of Array.from(parsed.head.children)) {
		if (tag instanceof HTMLScriptElement) {
			if (tag.src) {
				const src = tag.src;
				const pending = loading.get(src);
				if (pending) {
					waits.push(pending);
					continue;
				}
				if (Array.from(document.scripts).some((s) => s.src === src)) continue;
				const script = document.createElement("script");
				for (const attribute of Array.from(tag.attributes)) script.setAttribute(attribute.name, attribute.value);
				// A script made by a page's code runs as soon as it loads unless told otherwise: keep the order
				// of the scripts given, unless one is marked async.
				script.async = tag.hasAttribute("async");
				const loaded = scriptLoaded(script, src);
				loading.set(src, loaded);
				waits.push(loaded);
				document.head.appendChild(script);
			} else {
				const code = tag.textContent ?? "";
				if (Array.from(document.scripts).some((s) => !s.src && s.textContent === code)) continue;
				const script = document.createElement("script");
				for (const attribute of Array.from(tag.attributes)) script.setAttribute(attribute.name, attribute.value);
				script.textContent = code;
				document.head.appendChild(script);
			}
		} else if (tag instanceof HTMLLinkElement && tag.href) {
			if (!Array.from(document.querySelectorAll("link")).some((l) => l.href === tag.href)) {
				document.head.appendChild(document.importNode(tag, true));
			}
		} else {
			document.head.appendChild(document.importNode(tag, true));
		}
	}
	await Promise.all(waits);
}
