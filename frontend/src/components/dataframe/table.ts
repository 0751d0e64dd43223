// The Dataframe's pure helpers: reading the payload, the row source the view draws windows from,
// sorting, searching, cell text, cell parsing on edit and the CSV the copy button puts on the clipboard.

/** A column's datatype, as the server sends it. */
export type Datatype = "str" | "number" | "bool" | "date" | "markdown" | "html" | "image" | "auto";

/** Gradio's DataframeData: the value of a Dataframe. */
export interface TableValue {
	headers: unknown[];
	data: unknown[][];
	metadata?: { display_value?: unknown[][] | null; styling?: unknown[][] | null; [key: string]: unknown } | null;
}

/** The table as the view reads it. */
export interface Table {
	headers: string[];
	rows: unknown[][];
	/** Per cell, the text shown instead of the value (a pandas Styler's formats), or null. */
	display: unknown[][] | null;
	/** Per cell, CSS declarations (a pandas Styler's styles), or null. */
	styling: unknown[][] | null;
}

/** A row as the view draws it: its index in the table, its cells and their Styler formats and styles. */
export interface RowEntry {
	index: number;
	cells: unknown[];
	display: unknown[] | null;
	styling: unknown[] | null;
}

/**
 * Where the view gets its rows from: the whole table in the page (`localSource`), or windows of a big
 * read-only table fetched from the server (`RemoteTable`).
 */
export interface RowSource {
	/** How many rows there are. */
	readonly count: number;
	/** Rows `start` (inclusive) to `end` (exclusive); a row not fetched yet has a negative index and no cells. */
	rows(start: number, end: number): RowEntry[];
	/** The index in the table of the row at place `k` of the view, when known. */
	indexAt(k: number): number | undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The table a value holds; headers fall back to `fallbackHeaders` (the `headers` prop). */
export function readTable(value: unknown, fallbackHeaders: readonly string[] | null | undefined): Table {
	let headers: string[] = (fallbackHeaders ?? []).map(String);
	let rows: unknown[][] = [];
	let display: unknown[][] | null = null;
	let styling: unknown[][] | null = null;
	if (isRecord(value)) {
		if (Array.isArray(value.headers)) headers = value.headers.map((h) => (h === null || h === undefined ? "" : String(h)));
		if (Array.isArray(value.data)) rows = value.data.map((row) => (Array.isArray(row) ? row : [row]));
		const meta = value.metadata;
		if (isRecord(meta)) {
			if (Array.isArray(meta.display_value)) display = meta.display_value as unknown[][];
			if (Array.isArray(meta.styling)) styling = meta.styling as unknown[][];
		}
	} else if (Array.isArray(value)) {
		rows = value.map((row) => (Array.isArray(row) ? row : [row]));
	}
	// A table with no rows is kept as no rows (Gradio sends `[]`; `[[]]` is one empty row of nothing).
	if (rows.length === 1 && rows[0].length === 0) rows = [];
	const width = Math.max(headers.length, ...rows.slice(0, 1).map((r) => r.length));
	while (headers.length < width) headers.push(String(headers.length + 1));
	return { headers, rows, display, styling };
}

/** Each column's datatype from the `datatype` prop (one for all, or one per column). */
export function columnTypes(datatype: unknown, columns: number): Datatype[] {
	const known = ["str", "number", "bool", "date", "markdown", "html", "image"];
	const one = (d: unknown): Datatype => (typeof d === "string" && known.includes(d) ? (d as Datatype) : "str");
	if (Array.isArray(datatype)) return Array.from({ length: columns }, (_, i) => one(datatype[i]));
	return Array.from({ length: columns }, () => one(datatype));
}

/** A cell as text: what is shown, searched, copied and measured (null shows as empty). */
export function cellText(value: unknown): string {
	if (value === null || value === undefined) return "";
	if (typeof value === "number" && Number.isNaN(value)) return "NaN";
	if (typeof value === "object") return JSON.stringify(value);
	return String(value);
}

/** `text` cut to `max` characters with an ellipsis (Gradio's `max_chars`), or whole. */
export function truncate(text: string, max: number | null | undefined): string {
	if (typeof max !== "number" || max <= 0 || text.length <= max) return text;
	return `${text.slice(0, max)}...`;
}

/** Whether a cell counts as checked in a "bool" column. */
export function isTrue(value: unknown): boolean {
	if (typeof value === "string") return value.trim().toLowerCase() === "true";
	return value === true || value === 1;
}

/** Parse what the user typed into a cell of `datatype`: numbers become numbers when they read as one. */
export function parseCell(text: string, datatype: Datatype): unknown {
	if (datatype === "number") {
		const trimmed = text.trim();
		if (trimmed !== "" && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return Number(trimmed);
		return text;
	}
	if (datatype === "bool") return isTrue(text);
	return text;
}

/** Sort direction of a column. */
export type SortDirection = "asc" | "desc";

/** Compare two cells of one column: numbers as numbers, empty cells last, else as text (natural order). */
export function compareCells(a: unknown, b: unknown, datatype: Datatype = "str"): number {
	const empty = (v: unknown): boolean => v === null || v === undefined || v === "";
	if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1;
	if (datatype === "number" || (typeof a === "number" && typeof b === "number")) {
		const x = Number(a);
		const y = Number(b);
		if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
	}
	if (datatype === "bool") return Number(isTrue(a)) - Number(isTrue(b));
	return cellText(a).localeCompare(cellText(b), undefined, { numeric: true, sensitivity: "base" });
}

/** Row indices of `rows`, sorted by `column` (stable; `direction` null keeps the order). */
export function sortedOrder(
	rows: readonly unknown[][],
	column: number | null,
	direction: SortDirection | null,
	datatype: Datatype = "str",
): number[] {
	const order = rows.map((_, i) => i);
	if (column === null || direction === null) return order;
	const sign = direction === "asc" ? 1 : -1;
	const empty = (v: unknown): boolean => v === null || v === undefined || v === "";
	return order.sort((i, j) => {
		const a = rows[i][column];
		const b = rows[j][column];
		// empty cells stay last whichever way the column is sorted
		if (empty(a) || empty(b)) return Number(empty(a)) - Number(empty(b)) || i - j;
		return sign * compareCells(a, b, datatype) || i - j;
	});
}

/** The indices in `order` whose row has a cell containing `query` (case-insensitive; empty: all). */
export function filterOrder(rows: readonly unknown[][], order: number[], query: string): number[] {
	const needle = query.trim().toLowerCase();
	if (!needle) return order;
	return order.filter((i) => rows[i].some((cell) => cellText(cell).toLowerCase().includes(needle)));
}

/** A row source over rows held in the page, seen through `order` (sorted and filtered indices). */
export function localSource(
	rows: readonly unknown[][],
	order: readonly number[],
	display: readonly unknown[][] | null = null,
	styling: readonly unknown[][] | null = null,
): RowSource {
	return {
		count: order.length,
		rows(start, end) {
			const out: RowEntry[] = [];
			for (let k = Math.max(0, start); k < Math.min(end, order.length); k++) {
				const i = order[k];
				out.push({ index: i, cells: rows[i], display: display?.[i] ?? null, styling: styling?.[i] ?? null });
			}
			return out;
		},
		indexAt: (k) => order[k],
	};
}

/** One CSV field, quoted when it holds a comma, a quote or a line break. */
function csvField(value: unknown): string {
	const text = cellText(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The table as CSV: the header row (when given), then each row. The copy button copies the rows
 * alone, as Gradio's does.
 */
export function toCsv(headers: readonly string[] | null, rows: readonly unknown[][]): string {
	return [...(headers ? [headers] : []), ...rows].map((row) => row.map(csvField).join(",")).join("\n");
}

/** The widest cell text of each column: one sizing row that gives the columns their widths (with the headers).
 * A cell with a display value (a Styler's) is sized by what it shows. */
export function sizingRow(
	headers: readonly string[],
	rows: readonly unknown[][],
	display: readonly unknown[][] | null = null,
	sample = 200,
): string[] {
	const widest = headers.map(() => "");
	const step = rows.length > sample ? rows.length / sample : 1;
	for (let k = 0; k < Math.min(rows.length, sample); k++) {
		const r = Math.floor(k * step);
		const row = rows[r];
		const shown = display?.[r];
		for (let c = 0; c < widest.length; c++) {
			const text = cellText(shown?.[c] ?? row[c]);
			if (text.length > widest[c].length) widest[c] = text;
		}
	}
	return widest;
}

/** The rows to draw for a scroll position: the first and one-past-last index, with `overscan` rows around. */
export function visibleWindow(
	scrollTop: number,
	viewportHeight: number,
	rowHeight: number,
	count: number,
	overscan = 4,
): { start: number; end: number } {
	const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
	const shown = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
	return { start: Math.max(0, first - overscan), end: Math.min(count, first + shown + overscan) };
}

/** A column width prop as CSS (numbers are pixels). */
export function widthCss(width: unknown): string | undefined {
	if (typeof width === "number") return `${width}px`;
	if (typeof width === "string" && width.trim()) return /^\d+(\.\d+)?$/.test(width.trim()) ? `${width.trim()}px` : width;
	return undefined;
}

/** An empty row of `columns` cells, as a new row gets them. */
export function emptyRow(columns: number): string[] {
	return Array.from({ length: columns }, () => "");
}

/** Whether `count` may change by `delta` within `limits` ([min, max], either null for no limit). */
export function withinLimits(count: number, delta: number, limits: readonly (number | null)[] | null | undefined): boolean {
	const next = count + delta;
	if (next < 0) return false;
	if (!limits) return delta > 0 || next >= 1;
	const [min, max] = limits;
	if (delta < 0 && typeof min === "number" && next < min) return false;
	if (delta > 0 && typeof max === "number" && next > max) return false;
	return delta > 0 || next >= 1 || (typeof min === "number" && next >= min);
}

/** How a column filter compares: as text or as numbers. */
export type FilterType = "string" | "number";
/** The conditions of a column filter, by how it compares. */
export const FILTER_CONDITIONS: Record<FilterType, string[]> = {
	string: ["Contains", "Does not contain", "Starts with", "Ends with", "Is", "Is not", "Is empty", "Is not empty"],
	number: ["=", "≠", ">", "<", "≥", "≤", "Is empty", "Is not empty"],
};
/** A column filter from the header menu. */
export interface ColumnFilter {
	column: number;
	type: FilterType;
	condition: string;
	value: string;
}

/** Whether a cell passes a column filter. */
export function passesFilter(cell: unknown, filter: ColumnFilter): boolean {
	const text = cellText(cell);
	if (filter.condition === "Is empty") return text.trim() === "";
	if (filter.condition === "Is not empty") return text.trim() !== "";
	if (filter.type === "number") {
		const a = Number(text);
		const b = Number(filter.value);
		if (text.trim() === "" || Number.isNaN(a) || Number.isNaN(b)) return false;
		switch (filter.condition) {
			case "=":
				return a === b;
			case "≠":
				return a !== b;
			case ">":
				return a > b;
			case "<":
				return a < b;
			case "≥":
				return a >= b;
			case "≤":
				return a <= b;
			default:
				return true;
		}
	}
	const cellLower = text.toLowerCase();
	const value = filter.value.toLowerCase();
	switch (filter.condition) {
		case "Contains":
			return cellLower.includes(value);
		case "Does not contain":
			return !cellLower.includes(value);
		case "Starts with":
			return cellLower.startsWith(value);
		case "Ends with":
			return cellLower.endsWith(value);
		case "Is":
			return cellLower === value;
		case "Is not":
			return cellLower !== value;
		default:
			return true;
	}
}

/** The indices in `order` whose rows pass every filter. */
export function applyFilters(rows: readonly unknown[][], order: number[], filters: readonly ColumnFilter[]): number[] {
	if (!filters.length) return order;
	return order.filter((i) => filters.every((f) => passesFilter(rows[i][f.column], f)));
}
