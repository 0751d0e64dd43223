import { describe, expect, it } from "vitest";
import { aggregateOf, aggregates, binStep, buildSpec, chartRows, colorDomain, field, selection, thinLine, type PlotValue } from "./spec";

const THEME = {
	accent: "#f97316",
	text: "#1f2937",
	border: "#e5e7eb",
	font: "sans-serif",
	titleWeight: "600",
	textMd: 14,
	textSm: 12,
	primary: ["a", "b"],
};
const FRAME = { width: 500, height: 300, fullscreen: false };
const VALUE: PlotValue = {
	columns: ["x", "y", "c", "t"],
	data: [
		[1, 4, "a", 1704067200000],
		[2, 5.5, "b", 1704153600000],
		[3, 6, "a", 1704240000000],
	],
	datatypes: { x: "quantitative", y: "quantitative", c: "nominal", t: "temporal" },
	mark: "line",
};

describe("bins and aggregation", () => {
	it("reads a bin width or a duration", () => {
		expect(binStep(5)).toBe(5);
		expect(binStep("30m")).toBe(1_800_000);
		expect(binStep("1d")).toBe(86_400_000);
		expect(binStep(null)).toBeUndefined();
		expect(binStep("3w")).toBeUndefined();
	});
	it("sums bars and lines per category, points only when binned", () => {
		const bars = { ...VALUE, mark: "bar" };
		expect(aggregates(bars, { x: "c", y: "y" })).toBe(true);
		expect(aggregates(bars, { x: "x", y: "y" })).toBe(false);
		expect(aggregateOf(bars, { x: "c", y: "y" })).toBe("sum");
		expect(aggregateOf(bars, { x: "c", y: "y", y_aggregate: "mean" })).toBe("mean");
		const points = { ...VALUE, mark: "point" };
		expect(aggregates(points, { x: "c", y: "y" })).toBe(false);
		expect(aggregateOf(points, { x: "x", y: "y", x_bin: 1 })).toBe("sum");
		expect(aggregateOf(points, { x: "x", y: "y" })).toBeUndefined();
	});
});

describe("rows", () => {
	it("keeps the axis columns, or every column for full tooltips", () => {
		expect(chartRows(VALUE, { x: "x", y: "y", color: "c" })[0]).toEqual({ x: 1, y: 4, c: "a" });
		expect(chartRows(VALUE, { x: "x", y: "y", tooltip: "all" })[0]).toEqual({ x: 1, y: 4, c: "a", t: 1704067200000 });
	});
	it("keeps rows inside the x limits and each series' nearest point outside them", () => {
		const value = { ...VALUE, data: [[0, 1, "a"], [1, 2, "a"], [2, 3, "a"], [3, 4, "a"], [4, 5, "a"]], columns: ["x", "y", "c"] };
		const rows = chartRows(value, { x: "x", y: "y", x_lim: [1.5, 2.5] });
		expect(rows.map((r) => r.x)).toEqual([1, 2, 3]);
	});
	it("takes temporal limits in seconds", () => {
		const rows = chartRows(VALUE, { x: "t", y: "y", x_lim: [1704153600, 1704153600] });
		expect(rows.map((r) => r.y)).toEqual([4, 5.5, 6]);
	});
	it("thins long lines to each bucket's lowest and highest point", () => {
		const rows = Array.from({ length: 10_000 }, (_, i) => [i, Math.sin(i / 50)]);
		const kept = thinLine(rows, 0, 1, null);
		expect(kept.length).toBeLessThanOrEqual(502);
		expect(kept.length).toBeGreaterThan(400);
		const ys = kept.map((r) => r[1] as number);
		expect(Math.max(...ys)).toBeCloseTo(1, 3);
		expect(Math.min(...ys)).toBeCloseTo(-1, 3);
		expect(kept.map((r) => r[0] as number)).toEqual([...kept.map((r) => r[0] as number)].sort((a, b) => a - b));
		expect(thinLine(rows.slice(0, 999), 0, 1, null)).toHaveLength(999);
	});
});

describe("spec", () => {
	it("escapes field names", () => {
		expect(field("a.b[0]")).toBe("a\\.b\\[0\\]");
	});
	it("lists series in order of appearance, coloured by color_map", () => {
		expect(colorDomain(VALUE, { color: "c" })).toEqual(["a", "b"]);
		const spec = buildSpec(VALUE, { x: "x", y: "y", color: "c", color_map: { a: "red", b: "blue" } }, THEME, FRAME, []);
		const layer = (spec.layer as { encoding: { color: { scale: unknown } } }[])[0];
		expect(layer.encoding.color.scale).toEqual({ domain: ["a", "b"], range: ["red", "blue"] });
	});
	it("draws lines with a hover layer, bars filled with the accent", () => {
		expect((buildSpec(VALUE, { x: "x", y: "y" }, THEME, FRAME, []).layer as unknown[]).length).toBe(2);
		const bars = buildSpec({ ...VALUE, mark: "bar" }, { x: "c", y: "y", title: "T" }, THEME, FRAME, []);
		expect((bars.layer as unknown[]).length).toBe(1);
		expect((bars.config as { mark: unknown }).mark).toEqual({ stroke: undefined, fill: "#f97316", cursor: "crosshair" });
		expect(bars.title).toBe("T");
	});
	it("adds a brush only when a select listener wants it", () => {
		const names = (s: Record<string, unknown>) => (s.params as { name: string }[]).map((p) => p.name);
		expect(names(buildSpec({ ...VALUE, mark: "point" }, { x: "x", y: "y" }, THEME, FRAME, []))).toEqual([]);
		expect(names(buildSpec({ ...VALUE, mark: "point" }, { x: "x", y: "y", selectable: true }, THEME, FRAME, []))).toEqual(["brush"]);
	});
	it("sends a brushed date range in seconds", () => {
		expect(selection([1000, 5000], true)).toEqual({ value: [1, 5], index: [1, 5], selected: true });
		expect(selection([1, 5], false).value).toEqual([1, 5]);
	});
});
