import { describe, expect, it } from "vitest";
import { confidencesOf, hasConfidences, headingOf, percentOf } from "./label";

describe("the Label value", () => {
	it("reads the heading of a dict, a bare label, or none", () => {
		expect(headingOf({ label: "cat", confidences: [] })).toBe("cat");
		expect(headingOf("dog")).toBe("dog");
		expect(headingOf(3)).toBe(3);
		expect(headingOf(null)).toBeNull();
		expect(headingOf(["x"])).toBeNull();
	});

	it("reads the confidences, skipping what is no entry", () => {
		const value = { label: "cat", confidences: [{ label: "cat", confidence: 0.9 }, null, { label: 2, confidence: "x" }] };
		expect(confidencesOf(value)).toEqual([
			{ label: "cat", confidence: 0.9 },
			{ label: "2", confidence: 0 },
		]);
		expect(confidencesOf("cat")).toEqual([]);
	});
});

describe("the Label rows", () => {
	it("tells a dict of confidences from a bare class", () => {
		expect(hasConfidences({ label: "cat", confidences: [{ label: "cat", confidence: 1 }] })).toBe(true);
		expect(hasConfidences({ label: "cat", confidences: null })).toBe(false);
		expect(hasConfidences("cat")).toBe(false);
	});

	it("prints whole percentages, as Gradio", () => {
		expect(percentOf(0.7)).toBe(70);
		expect(percentOf(0.704)).toBe(70);
		expect(percentOf(0.005)).toBe(1);
		expect(percentOf(1)).toBe(100);
	});
});
