// Helpers of the Dataset (examples) component: paging, the page buttons to show, and the text
// shown for a sample value of a given component type.

/** Number of pages for `total` samples, at least 1. */
export function pageCount(total: number, perPage: number): number {
	const size = perPage > 0 ? Math.floor(perPage) : total || 1;
	return Math.max(1, Math.ceil(total / size));
}

/** The [start, end) sample indices of page `page` (0-based, clamped). */
export function pageRange(page: number, perPage: number, total: number): [number, number] {
	const size = perPage > 0 ? Math.floor(perPage) : Math.max(total, 1);
	const last = pageCount(total, size) - 1;
	const current = Math.max(0, Math.min(last, page));
	const start = current * size;
	return [start, Math.min(total, start + size)];
}

/**
 * The page buttons to show: every page when there are few, else the first, the last and the
 * neighbours of the current page, with `null` standing for a gap ("…").
 */
export function pageItems(current: number, count: number, around = 1): (number | null)[] {
	if (count <= 5 + 2 * around) return Array.from({ length: count }, (_, i) => i);
	const items: (number | null)[] = [0];
	const from = Math.max(1, current - around);
	const to = Math.min(count - 2, current + around);
	if (from > 1) items.push(null);
	for (let i = from; i <= to; i++) items.push(i);
	if (to < count - 2) items.push(null);
	items.push(count - 1);
	return items;
}

function isFileLike(value: unknown): value is { path?: string; url?: string; orig_name?: string } {
	if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
	const v = value as Record<string, unknown>;
	return typeof v.path === "string" || typeof v.url === "string" || typeof v.orig_name === "string";
}

function fileLabel(value: { path?: string; url?: string; orig_name?: string }): string {
	if (value.orig_name) return value.orig_name;
	const source = (value.path || value.url || "").split(/[?#]/)[0];
	const parts = source.split(/[\\/]/).filter(Boolean);
	return parts.length ? parts[parts.length - 1] : source;
}

/** A sample value as text: file names for files, "✓"/"✗" for checkboxes, lists joined by commas. */
export function cellText(value: unknown, component?: string | null): string {
	if (value === null || value === undefined) return "";
	if (component === "checkbox" && typeof value === "boolean") return value ? "✓" : "✗";
	if (typeof value === "string") return value;
	if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
	if (Array.isArray(value)) return value.map((item) => cellText(item, null)).join(", ");
	if (isFileLike(value)) return fileLabel(value);
	const text = JSON.stringify(value);
	return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** The samples prop as rows (a non-list sample becomes a one-cell row). */
export function asRows(samples: unknown): unknown[][] {
	if (!Array.isArray(samples)) return [];
	return samples.map((row) => (Array.isArray(row) ? row : [row]));
}

/** Whether to show samples as a gallery of chips rather than a table. */
export function useGallery(layout: unknown, columns: number, hasLabels: boolean): boolean {
	if (layout === "gallery") return true;
	if (layout === "table") return false;
	return hasLabels || columns <= 1;
}

/** The value as the index of the current sample (null when it is not one of the `total` samples). */
export function activeIndex(value: unknown, total: number): number | null {
	return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < total ? value : null;
}
