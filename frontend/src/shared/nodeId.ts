// The layout node a Block draws: Render puts a getter for its id in the context, Block writes it as
// `data-node-id` on its element, and the app finds a component's element by it (scroll_to_output).

export const NODE_ID = Symbol("trellis:node-id");

/** The element drawn for component `id`, if it is on the page. */
export function nodeElement(id: number): HTMLElement | null {
	if (typeof document === "undefined") return null;
	return document.querySelector<HTMLElement>(`[data-node-id="${id}"]`);
}

/** Scrolls the page to component `id` when it is not fully in view (a dependency's scroll_to_output). */
export function scrollToNode(id: number): void {
	const element = nodeElement(id);
	if (!element) return;
	const box = element.getBoundingClientRect();
	if (box.top >= 0 && box.bottom <= window.innerHeight) return;
	element.scrollIntoView({ behavior: "smooth", block: "start" });
}
