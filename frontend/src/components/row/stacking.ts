// Whether a Row's children have wrapped onto several lines. A Row that grows down a fill_height page
// (see App.svelte) is then laid out as a stack, so that only the child that grows takes the height
// left over instead of every line getting an equal share of it.

/** Whether boxes (the visible children's tops, in px) sit on more than one line. */
export function wrapsOntoLines(tops: readonly number[], tolerance = 1): boolean {
	if (tops.length < 2) return false;
	const first = tops[0];
	return tops.some((top) => Math.abs(top - first) > tolerance);
}

/**
 * Keeps `data-stacked` on `row` while its children would wrap at its current width: on each width
 * change it measures the unstacked layout (synchronously, before paint). Returns the cleanup.
 */
export function trackStacking(row: HTMLElement): () => void {
	let width = -1;
	const measure = (): void => {
		row.removeAttribute("data-stacked");
		const tops = Array.from(row.children)
			.filter((child): child is HTMLElement => child instanceof HTMLElement && child.getClientRects().length > 0)
			.map((child) => child.offsetTop);
		if (wrapsOntoLines(tops)) row.setAttribute("data-stacked", "");
	};
	const observer = new ResizeObserver((entries) => {
		const next = Math.round(entries[entries.length - 1].contentRect.width);
		if (next === width) return;
		width = next;
		measure();
	});
	observer.observe(row);
	// children shown or hidden later change what fits
	const mutations = new MutationObserver(measure);
	mutations.observe(row, { childList: true, subtree: false });
	return () => {
		observer.disconnect();
		mutations.disconnect();
		row.removeAttribute("data-stacked");
	};
}
