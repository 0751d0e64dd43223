import { describe, expect, it } from "vitest";
import {
	PALETTE,
	categoryColors,
	isScores,
	isShown,
	isTransparent,
	labelRange,
	mergeAdjacent,
	removeLabel,
	scoreColor,
	setLabel,
	spansOf,
	type Span,
} from "./highlightedtext";

const span = (token: string, class_or_confidence: string | number | null = null): Span => ({ token, class_or_confidence });
const mix = (color: string, alpha: number): string => `${color}@${alpha}`;

describe("the HighlightedText value", () => {
	it("reads spans, keeping only string or number categories", () => {
		expect(spansOf([{ token: "a", class_or_confidence: "X" }, { token: "b", class_or_confidence: true }, null])).toEqual([
			span("a", "X"),
			span("b"),
		]);
		expect(spansOf("text")).toEqual([]);
	});

	it("is drawn by score when the last categorised span has a number", () => {
		expect(isScores([span("a", 0.5), span("b")])).toBe(true);
		expect(isScores([span("a", 0.5), span("b", "X")])).toBe(false);
		expect(isScores([span("a")])).toBe(false);
	});

	it("merges neighbours of one category without a separator", () => {
		expect(mergeAdjacent([span("a", "X"), span("b", "X"), span("c"), span("d")])).toEqual([span("ab", "X"), span("cd")]);
	});
});

describe("category colours", () => {
	it("takes the palette in turn after the color_map's categories, as Gradio", () => {
		const colors = categoryColors([span("a", "adj"), span("b", "noun"), span("c", "verb")], { adj: "green", noun: "#ff8800" }, mix);
		expect(colors.adj).toEqual(PALETTE.green);
		expect(colors.noun).toEqual({ label: "#ff8800@1", fill: "#ff8800@0.5" });
		// Two categories are coloured already: the third takes the palette's third colour.
		expect(colors.verb).toEqual(PALETTE.blue);
		expect(Object.keys(colors)).toEqual(["adj", "noun", "verb"]);
	});

	it("starts with red, green, blue without a color_map", () => {
		const colors = categoryColors([span("a", "x"), span("b", "y"), span("c", "x"), span("d", "z")], null, mix);
		expect([colors.x, colors.y, colors.z]).toEqual([PALETTE.red, PALETTE.green, PALETTE.blue]);
	});

	it("leaves transparent colours transparent", () => {
		expect(isTransparent("transparent")).toBe(true);
		expect(isTransparent("#ff000000")).toBe(true);
		expect(isTransparent("#ff0000")).toBe(false);
		expect(categoryColors([span("a", "B")], { B: "transparent" }, mix).B).toEqual({ label: "transparent", fill: "transparent" });
	});

	it("fills scores purple below zero and red above", () => {
		expect(scoreColor(-0.8)).toBe("rgba(128, 90, 213, 0.8)");
		expect(scoreColor(0.5)).toBe("rgba(239, 68, 60, 0.5)");
		expect(scoreColor(null)).toBe("");
	});
});

describe("editing", () => {
	const spans = [span("The"), span("quick brown", "adj"), span(" fox")];

	it("labels a selected range inside a span", () => {
		expect(labelRange([span("hello world")], 0, 6, 11, "label", true)).toEqual([span("hello "), span("world", "label")]);
		expect(labelRange([span("a b c")], 0, 2, 3, 1, false)).toEqual([span("a "), span("b", 1), span(" c")]);
	});

	it("clears a label, merging neighbours", () => {
		expect(removeLabel(spans, 1)).toEqual([span("Thequick brown fox")]);
	});

	it("sets a typed label (empty clears it; scores are numbers)", () => {
		expect(setLabel(spans, 1, " color ", false)[1]).toEqual(span("quick brown", "color"));
		expect(setLabel(spans, 1, "", false)[1]).toEqual(span("quick brown"));
		expect(setLabel([span("a", 0.2)], 0, "0.7", true)[0]).toEqual(span("a", 0.7));
	});

	it("hides blank pieces only when whitespace is not shown", () => {
		expect(isShown(" ", true)).toBe(true);
		expect(isShown(" ", false)).toBe(false);
		expect(isShown("", true)).toBe(false);
	});
});

