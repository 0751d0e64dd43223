import { describe, expect, it } from "vitest";
import { altairSpec, parseFigure, plotValue, plotlyFigure } from "./plot";

describe("plotValue", () => {
	it("takes Gradio's PlotData and refuses anything else", () => {
		expect(plotValue({ type: "plotly", plot: "{}" })).toEqual({ type: "plotly", plot: "{}" });
		expect(plotValue(null)).toBeNull();
		expect(plotValue({ type: "svg", plot: "x" })).toBeNull();
		expect(plotValue({ type: "altair" })).toBeNull();
	});
});

describe("parseFigure", () => {
	it("parses a JSON object, and nothing else", () => {
		expect(parseFigure('{"a": 1}')).toEqual({ a: 1 });
		expect(parseFigure("[1]")).toBeNull();
		expect(parseFigure("not json")).toBeNull();
	});
});

describe("plotlyFigure", () => {
	it("sizes the figure to its box, as Gradio", () => {
		const { data, layout, config } = plotlyFigure({ data: [{ type: "bar" }], layout: {} }, true);
		expect(data).toEqual([{ type: "bar" }]);
		expect(layout).toEqual({ autosize: true, margin: { autoexpand: true } });
		expect(config).toEqual({ responsive: true });
	});

	it("gives a titled figure a top margin of at least 100px while the label is shown", () => {
		const titled = { data: [], layout: { title: { text: "t" }, margin: { t: 20 } } };
		expect(plotlyFigure(titled, true).layout.margin).toEqual({ t: 100, autoexpand: true });
		expect(plotlyFigure(titled, false).layout.margin).toEqual({ t: 20, autoexpand: true });
		const high = { data: [], layout: { title: "t", margin: { t: 140 } } };
		expect(plotlyFigure(high, true).layout.margin).toEqual({ t: 140, autoexpand: true });
	});
});

describe("altairSpec", () => {
	it("drops a brush param, as Gradio's gr.Plot, and keeps the others", () => {
		const spec = { mark: "point", params: [{ name: "brush", select: "interval" }, { name: "zoom", bind: "scales" }] };
		expect(altairSpec(spec)).toEqual({ mark: "point", params: [{ name: "zoom", bind: "scales" }] });
		expect(altairSpec({ mark: "point" })).toEqual({ mark: "point" });
	});
});
