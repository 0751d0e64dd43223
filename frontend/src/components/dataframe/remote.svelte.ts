// A big read-only table held by the server: the page keeps only the blocks of rows near the view
// and fetches others from `GET /gradio_api/table/{ref}` as the user scrolls, sorts, searches or
// filters. Memory stays the same whatever the number of rows.

import type { ColumnFilter, RowEntry, RowSource, SortDirection, TableValue } from "./table";

/** Rows per fetched block. */
export const BLOCK = 100;
/** Blocks kept at most; the ones farthest from the view go first. */
export const KEPT_BLOCKS = 40;
/**
 * Milliseconds between two rounds of fetching: while the table scrolls fast, only the blocks in view at
 * each round are asked for (and drawn once), not every block the view crossed on the way.
 */
export const FETCH_INTERVAL = 100;

/** What the server sends instead of a big value's rows: the table's reference and its row count. */
export interface WindowRef {
	table: string;
	rows: number;
}

/** The window reference a table value holds, or null for a whole value. */
export function readWindow(value: unknown): WindowRef | null {
	if (typeof value !== "object" || value === null) return null;
	const window = (value as { window?: unknown }).window;
	if (typeof window !== "object" || window === null) return null;
	const { table, rows } = window as Record<string, unknown>;
	return typeof table === "string" && typeof rows === "number" ? { table, rows } : null;
}

/** A window of rows as the server answers it. */
export interface WindowAnswer {
	count: number;
	total: number;
	start: number;
	index: number[];
	data: unknown[][];
	display: unknown[][] | null;
	styling: unknown[][] | null;
}

/** How the table is looked at: the server sorts, searches and filters. */
export interface TableView {
	sort: { column: number; direction: SortDirection } | null;
	query: string;
	filters: ColumnFilter[];
}

function viewParams(view: TableView): URLSearchParams {
	const params = new URLSearchParams();
	if (view.sort) {
		params.set("sort", String(view.sort.column));
		params.set("dir", view.sort.direction);
	}
	if (view.query.trim()) params.set("search", view.query);
	if (view.filters.length) params.set("filters", JSON.stringify(view.filters));
	return params;
}

type Fetch = (url: string) => Promise<Response>;
const fetchWithCookies: Fetch = (url) => fetch(url, { credentials: "include" });

/** The route of the table with reference `ref`, in the app at `root`. */
export function tableUrl(root: string, ref: string): string {
	return `${root}/gradio_api/table/${encodeURIComponent(ref)}`;
}

/** A request to the table's route, for the page's session. */
function address(url: string, sessionHash: string, params: URLSearchParams): string {
	params.set("session_hash", sessionHash);
	return `${url}?${params.toString()}`;
}

/** Every row of a table held by the server, in its own order (when the table becomes editable). */
export async function wholeTable(
	url: string,
	sessionHash: string,
	fetcher: Fetch = fetchWithCookies,
): Promise<WindowAnswer> {
	const response = await fetcher(address(url, sessionHash, new URLSearchParams({ all: "1" })));
	if (!response.ok) throw new Error(`Could not read the table (${response.status})`);
	return (await response.json()) as WindowAnswer;
}

export class RemoteTable implements RowSource {
	/** Rows in the current view (after search and filters). */
	count = $state(0);
	/** Bumped when rows arrive, so that a view reading `rows()` draws them. */
	#version = $state(0);
	#blocks = new Map<number, RowEntry[]>();
	#pending = new Set<number>();
	#view: TableView = { sort: null, query: "", filters: [] };
	#generation = 0;
	#lastStart = 0;
	/** The rows in view when blocks were last missing, fetched at the next round. */
	#wanted: { start: number; end: number } | null = null;
	#round: ReturnType<typeof setTimeout> | null = null;
	#lastRound = -Infinity;

	constructor(
		/** The table's URL, without its query. */
		readonly url: string,
		readonly sessionHash: string,
		first: TableValue & { window: WindowRef },
		private readonly fetcher: Fetch = fetchWithCookies,
		private readonly interval: number = FETCH_INTERVAL,
	) {
		this.count = first.window.rows;
		const display = first.metadata?.display_value ?? null;
		const styling = first.metadata?.styling ?? null;
		const entries = first.data.map((cells, i) => ({
			index: i,
			cells: Array.isArray(cells) ? cells : [cells],
			display: display?.[i] ?? null,
			styling: styling?.[i] ?? null,
		}));
		// Only whole blocks are kept: a last partial one is fetched again when needed.
		for (let b = 0; (b + 1) * BLOCK <= entries.length; b++) this.#blocks.set(b, entries.slice(b * BLOCK, (b + 1) * BLOCK));
	}

	/** Look at the table another way: the rows kept so far no longer apply. */
	setView(view: TableView): void {
		const same =
			JSON.stringify(viewParams(view).toString()) === JSON.stringify(viewParams(this.#view).toString());
		if (same) return;
		this.#view = { sort: view.sort ? { ...view.sort } : null, query: view.query, filters: [...view.filters] };
		this.#generation++;
		this.#blocks.clear();
		this.#pending.clear();
		this.#wanted = null;
		this.#request(Math.floor(this.#lastStart / BLOCK));
		this.#version++;
	}

	rows(start: number, end: number): RowEntry[] {
		void this.#version;
		this.#lastStart = start;
		const out: RowEntry[] = [];
		const last = Math.min(end, this.count);
		let missing = false;
		for (let k = Math.max(0, start); k < last; k++) {
			const block = Math.floor(k / BLOCK);
			const entries = this.#blocks.get(block);
			const entry = entries?.[k - block * BLOCK];
			if (entry) out.push(entry);
			else {
				out.push({ index: -1 - k, cells: [], display: null, styling: null });
				if (!entries) missing = true;
			}
		}
		if (missing) this.#want(start, last);
		return out;
	}

	indexAt(k: number): number | undefined {
		const entry = this.#blocks.get(Math.floor(k / BLOCK))?.[k % BLOCK];
		return entry?.index;
	}

	/** The place in the view of a row of the table, when its block is kept; else -1. */
	position(index: number): number {
		for (const [block, entries] of this.#blocks) {
			const at = entries.findIndex((e) => e.index === index);
			if (at >= 0) return block * BLOCK + at;
		}
		return -1;
	}

	/** The row of the table with this index, when its block is kept. */
	row(index: number): RowEntry | undefined {
		for (const entries of this.#blocks.values()) {
			const entry = entries.find((e) => e.index === index);
			if (entry) return entry;
		}
		return undefined;
	}

	/** The rows of the current view as CSV (the server writes it). */
	async csv(): Promise<string> {
		const params = viewParams(this.#view);
		params.set("format", "csv");
		const response = await this.fetcher(this.#address(params));
		if (!response.ok) throw new Error(`Could not read the table (${response.status})`);
		return response.text();
	}

	#address(params: URLSearchParams): string {
		return address(this.url, this.sessionHash, params);
	}

	/** Ask for the blocks of rows `start` to `end` at the next round of fetching (at most one per interval). */
	#want(start: number, end: number): void {
		this.#wanted = { start, end };
		if (this.#round !== null) return;
		const wait = Math.max(0, this.#lastRound + this.interval - performance.now());
		// Started after the current render: fetching is a side effect of drawing the rows.
		this.#round = setTimeout(() => {
			this.#round = null;
			this.#lastRound = performance.now();
			const wanted = this.#wanted;
			this.#wanted = null;
			if (!wanted) return;
			for (let b = Math.floor(wanted.start / BLOCK); b * BLOCK < wanted.end; b++) {
				if (!this.#blocks.has(b)) this.#request(b);
			}
		}, wait);
	}

	#request(block: number): void {
		if (this.#pending.has(block) || block < 0) return;
		this.#pending.add(block);
		const generation = this.#generation;
		const params = viewParams(this.#view);
		params.set("start", String(block * BLOCK));
		params.set("end", String((block + 1) * BLOCK));
		// Started after the current render: fetching is a side effect of drawing the rows.
		queueMicrotask(() => {
			void this.fetcher(this.#address(params))
				.then(async (response) => (response.ok ? ((await response.json()) as WindowAnswer) : null))
				.catch(() => null)
				.then((answer) => {
					if (generation !== this.#generation) return;
					this.#pending.delete(block);
					if (!answer) return;
					this.#blocks.set(
						block,
						answer.data.map((cells, i) => ({
							index: answer.index[i],
							cells,
							display: answer.display?.[i] ?? null,
							styling: answer.styling?.[i] ?? null,
						})),
					);
					this.#evict(block);
					this.count = answer.count;
					this.#version++;
				});
		});
	}

	#evict(near: number): void {
		if (this.#blocks.size <= KEPT_BLOCKS) return;
		const far = [...this.#blocks.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
		for (const block of far.slice(0, this.#blocks.size - KEPT_BLOCKS)) this.#blocks.delete(block);
	}
}
