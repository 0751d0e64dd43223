import { describe, expect, it } from "vitest";
import {
	applyFilters,
	cellText,
	columnTypes,
	compareCells,
	filterOrder,
	localSource,
	parseCell,
	passesFilter,
	readTable,
	sizingRow,
	sortedOrder,
	toCsv,
	truncate,
	visibleWindow,
	widthCss,
	withinLimits,
} from "./table";

describe("readTable", () => {
	it("reads Gradio's payload with its Styler metadata", () => {
		const t = readTable(
			{ headers: ["a", "b"], data: [[1, "x"]], metadata: { display_value: [["1.0", "x"]], styling: [["color: red", ""]] } },
			null,
		);
		expect(t.headers).toEqual(["a", "b"]);
		expect(t.rows).toEqual([[1, "x"]]);
		expect(t.display).toEqual([["1.0", "x"]]);
		expect(t.styling).toEqual([["color: red", ""]]);
	});
	it("falls back to the headers prop and numbers missing headers", () => {
		expect(readTable(null, ["x", "y"]).headers).toEqual(["x", "y"]);
		expect(readTable({ headers: ["a"], data: [[1, 2, 3]] }, null).headers).toEqual(["a", "2", "3"]);
		expect(readTable({ headers: ["a"], data: [[]] }, null).rows).toEqual([]);
	});
});

describe("cells", () => {
	it("shows null as empty and cuts text to max_chars with ...", () => {
		expect(cellText(null)).toBe("");
		expect(cellText(false)).toBe("false");
		expect(truncate("Alice", 3)).toBe("Ali...");
		expect(truncate("Bob", 3)).toBe("Bob");
		expect(truncate("Alice", null)).toBe("Alice");
	});
	it("parses typed numbers in number columns only", () => {
		expect(parseCell("42", "number")).toBe(42);
		expect(parseCell("-1.5e3", "number")).toBe(-1500);
		expect(parseCell("abc", "number")).toBe("abc");
		expect(parseCell("", "number")).toBe("");
		expect(parseCell("42", "str")).toBe("42");
		expect(parseCell("True", "bool")).toBe(true);
	});
	it("gives each column its datatype", () => {
		expect(columnTypes("number", 2)).toEqual(["number", "number"]);
		expect(columnTypes(["str", "bool"], 3)).toEqual(["str", "bool", "str"]);
	});
	it("writes widths as CSS", () => {
		expect(widthCss(100)).toBe("100px");
		expect(widthCss("20%")).toBe("20%");
		expect(widthCss("80")).toBe("80px");
	});
});

describe("sorting and searching", () => {
	const rows = [
		["b", 10],
		["a", 9],
		["c", null],
		["A", 100],
	];
	it("sorts numbers as numbers, empties last, text naturally", () => {
		expect(sortedOrder(rows, 1, "asc", "number")).toEqual([1, 0, 3, 2]);
		expect(sortedOrder(rows, 1, "desc", "number")).toEqual([3, 0, 1, 2]);
		expect(sortedOrder(rows, 0, null)).toEqual([0, 1, 2, 3]);
		expect(compareCells("item2", "item10")).toBeLessThan(0);
	});
	it("keeps rows holding the query, case-insensitively", () => {
		expect(filterOrder(rows, [0, 1, 2, 3], "A")).toEqual([1, 3]);
		expect(filterOrder(rows, [3, 1], "a")).toEqual([3, 1]);
		expect(filterOrder(rows, [0, 1], " ")).toEqual([0, 1]);
	});
	it("serves windows of the ordered rows", () => {
		const source = localSource(rows, [3, 1]);
		expect(source.count).toBe(2);
		expect(source.rows(0, 5).map((r) => r.index)).toEqual([3, 1]);
	});
});

describe("layout helpers", () => {
	it("draws the rows in view and a few around them", () => {
		expect(visibleWindow(0, 370, 37, 100000, 5)).toEqual({ start: 0, end: 16 });
		expect(visibleWindow(37 * 1000, 370, 37, 100000, 5)).toEqual({ start: 995, end: 1016 });
		expect(visibleWindow(37 * 100000, 370, 37, 100000, 5).end).toBe(100000);
	});
	it("sizes columns by their widest cell", () => {
		expect(sizingRow(["a", "b"], [["xx", 1], ["y", 12345]])).toEqual(["xx", "12345"]);
		expect(sizingRow(["a", "b"], [["xx", 1], ["y", 2]], [["🥇 xx", "1"], [null, "2"]])).toEqual(["🥇 xx", "1"]);
	});
	it("keeps row and column counts within their limits", () => {
		expect(withinLimits(2, 1, [2, 3])).toBe(true);
		expect(withinLimits(3, 1, [2, 3])).toBe(false);
		expect(withinLimits(2, -1, [2, 3])).toBe(false);
		expect(withinLimits(1, -1, null)).toBe(false);
		expect(withinLimits(2, -1, [null, null])).toBe(true);
	});
});

describe("copy", () => {
	it("writes CSV with quoted fields where needed", () => {
		expect(toCsv(["a", "b"], [["x,y", 'say "hi"'], [1, null]])).toBe('a,b\n"x,y","say ""hi"""\n1,');
		expect(toCsv(null, [[1, true]])).toBe("1,true");
	});
});

describe("column filters", () => {
	it("compares as text or as numbers", () => {
		const f = (type: "string" | "number", condition: string, value = "") => ({ column: 0, type, condition, value });
		expect(passesFilter("Alice", f("string", "Contains", "li"))).toBe(true);
		expect(passesFilter("Alice", f("string", "Starts with", "al"))).toBe(true);
		expect(passesFilter("Alice", f("string", "Is not", "alice"))).toBe(false);
		expect(passesFilter("", f("string", "Is empty"))).toBe(true);
		expect(passesFilter(30, f("number", ">", "25"))).toBe(true);
		expect(passesFilter(19, f("number", "≥", "25"))).toBe(false);
		expect(passesFilter("x", f("number", "=", "1"))).toBe(false);
		expect(applyFilters([[1], [5], [9]], [0, 1, 2], [f("number", "<", "6")])).toEqual([0, 1]);
	});
});
