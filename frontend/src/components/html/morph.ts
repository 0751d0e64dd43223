// Re-rendering a filled template in place: the element's current nodes are patched to match the new
// markup, position by position, instead of being replaced. Elements that keep their tag stay the same DOM
// nodes, so listeners that js_on_load attached to them keep working after the value or a prop changes (as on
// Gradio's page); an input keeps its typed value unless the template changes its `value` attribute.

function patchNode(current: Node, next: Node): void {
	if (current.nodeType === Node.TEXT_NODE && next.nodeType === Node.TEXT_NODE) {
		if (current.textContent !== next.textContent) current.textContent = next.textContent;
		return;
	}
	if (current.nodeType !== Node.ELEMENT_NODE || next.nodeType !== Node.ELEMENT_NODE) {
		current.parentNode?.replaceChild(next.cloneNode(true), current);
		return;
	}
	const element = current as Element;
	const wanted = next as Element;
	if (element.tagName !== wanted.tagName) {
		element.replaceWith(wanted.cloneNode(true));
		return;
	}
	for (const attribute of Array.from(element.attributes)) {
		if (!wanted.hasAttribute(attribute.name)) element.removeAttribute(attribute.name);
	}
	for (const attribute of Array.from(wanted.attributes)) {
		if (element.getAttribute(attribute.name) === attribute.value) continue;
		element.setAttribute(attribute.name, attribute.value);
		if (attribute.name === "value" && "value" in element) {
			(element as HTMLInputElement).value = attribute.value;
		}
	}
	patchChildren(element, wanted);
}

function patchChildren(parent: Node, wanted: Node): void {
	const current = Array.from(parent.childNodes);
	const next = Array.from(wanted.childNodes);
	for (let i = 0; i < Math.max(current.length, next.length); i += 1) {
		const have = current[i];
		const want = next[i];
		if (!have && want) parent.appendChild(want.cloneNode(true));
		else if (have && !want) parent.removeChild(have);
		else if (have && want) patchNode(have, want);
	}
}

/** Make `element`'s content `html`, keeping the nodes that stay (the first time, simply set). */
export function morph(element: Element, html: string, first: boolean): void {
	if (first) {
		element.innerHTML = html;
		return;
	}
	const template = document.createElement("template");
	template.innerHTML = html;
	patchChildren(element, template.content);
}
