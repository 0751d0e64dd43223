import { describe, expect, it } from "vitest";
import {
	asEditorValue,
	brushColor,
	brushOptions,
	canvasSize,
	containRect,
	DEFAULT_COLORS,
	dragRect,
	eraserSize,
	fitScale,
	layerOptions,
	placeholderLines,
	radius,
} from "./editor";

describe("options", () => {
	it("reads gr.Brush as Gradio sends it", () => {
		const b = brushOptions({
			default_size: 10,
			colors: ["#ff0000", ["#00ff00", 0.5]],
			default_color: "#000000",
			color_mode: "fixed",
		});
		expect(b).toEqual({
			defaultSize: 10,
			colors: [
				{ color: "#ff0000", opacity: 1 },
				{ color: "#00ff00", opacity: 0.5 },
			],
			defaultColor: { color: "#000000", opacity: 1 },
			colorMode: "fixed",
		});
		expect(brushOptions(false)).toBeNull();
		expect(brushOptions(null)?.colors.map((c) => c.color)).toEqual(DEFAULT_COLORS);
		expect(brushOptions({ colors: "#123456" })?.defaultColor).toEqual({ color: "#123456", opacity: 1 });
		expect(brushOptions({ colors: ["pink", 0.5] })?.colors).toEqual([{ color: "pink", opacity: 0.5 }]);
		expect(brushColor(42)).toBeNull();
	});

	it("turns the eraser off with the brush", () => {
		expect(eraserSize({ default_size: "auto" }, {})).toBe("auto");
		expect(eraserSize({ default_size: 7 }, {})).toBe(7);
		expect(eraserSize(false, {})).toBeNull();
		expect(eraserSize({}, false)).toBeNull();
	});

	it("reads gr.LayerOptions", () => {
		expect(layerOptions({ allow_additional_layers: false, layers: ["A", "B"], disabled: false })).toEqual({
			allowAdditional: false,
			names: ["A", "B"],
			disabled: false,
		});
		expect(layerOptions({ layers: [] }).names).toEqual(["Layer 1"]);
		expect(layerOptions(false).disabled).toBe(true);
	});

	it("sizes", () => {
		expect(radius("auto", 800, 800)).toBe(25);
		expect(radius(5, 800, 600)).toBe(5);
		expect(canvasSize([640, 480])).toEqual([640, 480]);
		expect(canvasSize("x")).toEqual([800, 800]);
	});
});

describe("geometry", () => {
	it("fits the canvas with Gradio's 30px margin, enlarging up to 1000%", () => {
		expect(fitScale(800, 800, 1214, 348)).toBeCloseTo(0.36);
		expect(fitScale(400, 300, 1214, 348)).toBeCloseTo(0.96);
		expect(fitScale(300, 200, 703, 348)).toBeCloseTo(1.44);
		expect(fitScale(10, 10, 1214, 348)).toBe(10);
	});

	it("fits a background into a fixed canvas, centred", () => {
		expect(containRect(400, 200, 800, 800)).toEqual([200, 300, 400, 200]);
		expect(containRect(1600, 800, 800, 800)).toEqual([0, 200, 800, 400]);
	});

	it("drags crop handles inside the canvas", () => {
		const r = { x: 0, y: 0, w: 200, h: 100 };
		expect(dragRect(r, "nw", 50, 20, 200, 100)).toEqual({ x: 50, y: 20, w: 150, h: 80 });
		expect(dragRect(r, "se", 10, 10, 200, 100)).toEqual(r);
		expect(dragRect(r, "e", -500, 0, 200, 100).w).toBe(1);
		expect(dragRect({ x: 10, y: 10, w: 50, h: 50 }, "move", 500, -500, 200, 100)).toEqual({
			x: 150,
			y: 0,
			w: 50,
			h: 50,
		});
	});
});

describe("value", () => {
	it("reads EditorData", () => {
		const f = { path: "/a.png" };
		expect(asEditorValue({ background: f, layers: [f, null], composite: null })).toEqual({
			background: f,
			layers: [f],
			composite: null,
			id: null,
		});
		expect(asEditorValue(null)).toBeNull();
	});

	it("says what the empty editor says", () => {
		expect(placeholderLines(null, true)).toEqual({
			heading: null,
			lines: ["Upload an image", "select the draw tool to start"],
			or: true,
		});
		expect(placeholderLines(undefined, false).lines).toEqual(["select the draw tool to start"]);
		expect(placeholderLines("# Title\nmore", true)).toEqual({ heading: "Title", lines: ["more"], or: false });
	});
});
