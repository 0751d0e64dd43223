// HTML sanitising with DOMPurify: no scripts, event-handler attributes, `javascript:` URLs or
// frames; links keep `target` but always get rel="noopener noreferrer".

import DOMPurify, { type DOMPurify as Purifier } from "dompurify";

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escape text for use in HTML text or a quoted attribute. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => entities[ch]);
}

const TARGETS = new Set(["_blank", "_self", "_parent", "_top"]);

let purifier: Purifier | null | undefined;

function instance(): Purifier | null {
	if (purifier !== undefined) return purifier;
	if (typeof window === "undefined" || !window.document) return (purifier = null);
	// A private instance, so our hook never affects other users of DOMPurify.
	const created = DOMPurify(window);
	if (!created.isSupported) return (purifier = null);
	created.addHook("afterSanitizeAttributes", (node) => {
		if (node.nodeName !== "A" && node.nodeName !== "AREA" && node.nodeName !== "FORM") return;
		const element = node as Element;
		const target = element.getAttribute("target");
		if (target !== null && !TARGETS.has(target.toLowerCase())) element.removeAttribute("target");
		if (element.hasAttribute("href") || element.hasAttribute("target")) {
			const rel = new Set((element.getAttribute("rel") ?? "").split(/\s+/).filter(Boolean));
			rel.add("noopener");
			rel.add("noreferrer");
			element.setAttribute("rel", [...rel].join(" "));
		}
	});
	return (purifier = created);
}

/**
 * Sanitised HTML. Without a DOM (server-side tests), the input is escaped as text rather than
 * passed through.
 */
export function sanitize(html: string): string {
	const purify = instance();
	if (!purify) return escapeHtml(html);
	return purify.sanitize(html, {
		ADD_ATTR: ["target"],
		FORBID_TAGS: ["iframe", "frame", "frameset", "object", "embed", "base", "meta", "link"],
		FORBID_ATTR: ["srcdoc"],
	});
}
