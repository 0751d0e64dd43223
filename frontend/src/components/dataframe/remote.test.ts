import { describe, expect, it } from "vitest";
import { BLOCK, KEPT_BLOCKS, RemoteTable, readWindow } from "./remote.svelte";

const TOTAL = 100_000;

/** A fake table server: rows `i` → [i, `r${i}`]; sorting by column 0 descending reverses them. */
function server() {
	const calls: URLSearchParams[] = [];
	const fetcher = async (url: string): Promise<Response> => {
		const params = new URL(url).searchParams;
		calls.push(params);
		const start = Number(params.get("start"));
		const end = Math.min(TOTAL, Number(params.get("end")));
		const desc = params.get("dir") === "desc";
		const index = Array.from({ length: end - start }, (_, k) => (desc ? TOTAL - 1 - (start + k) : start + k));
		const body = { count: TOTAL, total: TOTAL, start, index, data: index.map((i) => [i, `r${i}`]), display: null, styling: null };
		return new Response(JSON.stringify(body), { status: 200 });
	};
	return { calls, fetcher };
}

const first = {
	headers: ["n", "s"],
	data: Array.from({ length: 200 }, (_, i) => [i, `r${i}`]),
	metadata: null,
	window: { table: "ref", rows: TOTAL },
};

const settle = async () => {
	for (let i = 0; i < 4; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe("a table held by the server", () => {
	it("reads the window reference of a value", () => {
		expect(readWindow(first)).toEqual({ table: "ref", rows: TOTAL });
		expect(readWindow({ headers: [], data: [] })).toBeNull();
		expect(readWindow({ window: { table: 1 } })).toBeNull();
	});

	it("serves the first rows at once and fetches others as they are shown", async () => {
		const { calls, fetcher } = server();
		const table = new RemoteTable("http://x/gradio_api/table/ref", "sess", first, fetcher, 0);
		expect(table.count).toBe(TOTAL);
		expect(table.rows(0, 3).map((r) => r.cells)).toEqual([[0, "r0"], [1, "r1"], [2, "r2"]]);
		await settle();
		expect(calls).toHaveLength(0);
		const pending = table.rows(50_000, 50_002);
		expect(pending.every((r) => r.index < 0 && r.cells.length === 0)).toBe(true);
		await settle();
		await settle();
		expect(calls).toHaveLength(1);
		expect(calls[0].get("session_hash")).toBe("sess");
		expect(calls[0].get("start")).toBe(String(50_000 - (50_000 % BLOCK)));
		expect(table.rows(50_000, 50_002).map((r) => r.index)).toEqual([50_000, 50_001]);
		expect(table.position(50_001)).toBe(50_001);
		expect(table.indexAt(50_000)).toBe(50_000);
	});

	it("asks the server to sort and drops the rows of the old order", async () => {
		const { calls, fetcher } = server();
		const table = new RemoteTable("http://x/gradio_api/table/ref", "sess", first, fetcher, 0);
		table.rows(0, 10);
		table.setView({ sort: { column: 0, direction: "desc" }, query: "", filters: [] });
		await settle();
		await settle();
		expect(calls.at(-1)?.get("sort")).toBe("0");
		expect(calls.at(-1)?.get("dir")).toBe("desc");
		expect(table.rows(0, 2).map((r) => r.cells[0])).toEqual([TOTAL - 1, TOTAL - 2]);
		// the same view again fetches nothing
		const before = calls.length;
		table.setView({ sort: { column: 0, direction: "desc" }, query: "", filters: [] });
		await settle();
		expect(calls).toHaveLength(before);
	});

	it("fetches only the view of each round while the table scrolls fast", async () => {
		const { calls, fetcher } = server();
		const table = new RemoteTable("http://x/gradio_api/table/ref", "sess", first, fetcher, 50);
		for (let k = 1000; k < 60_000; k += 3000) table.rows(k, k + 20);
		await new Promise((resolve) => setTimeout(resolve, 120));
		await settle();
		// the first round fetched the last view asked for, not the twenty views crossed on the way
		expect(calls.map((c) => c.get("start"))).toEqual([String(58_000)]);
	});

	it("keeps a bounded number of blocks", async () => {
		const { fetcher } = server();
		const table = new RemoteTable("http://x/gradio_api/table/ref", "sess", first, fetcher, 0);
		for (let b = 0; b < KEPT_BLOCKS * 2; b++) {
			table.rows(b * BLOCK * 10, b * BLOCK * 10 + 1);
			await settle();
			await settle();
		}
		let kept = 0;
		for (let b = 0; b < TOTAL / BLOCK; b++) if (table.indexAt(b * BLOCK) !== undefined) kept++;
		expect(kept).toBeLessThanOrEqual(KEPT_BLOCKS);
	});
});
