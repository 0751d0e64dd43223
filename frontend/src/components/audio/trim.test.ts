import { describe, expect, it } from "vitest";
import { dragRegion, initialRegion, minimumLength, sliceChannels } from "./trim";

describe("initialRegion", () => {
	it("spans a quarter of the clip to its half, as Gradio's", () => {
		expect(initialRegion(2)).toEqual({ start: 0.5, end: 1 });
		expect(initialRegion(Number.NaN)).toEqual({ start: 0, end: 0 });
	});
});

describe("dragRegion", () => {
	const from = { start: 0.5, end: 1 };
	it("moves the body whole, inside the clip", () => {
		expect(dragRegion(from, "body", 0.25, 2)).toEqual({ start: 0.75, end: 1.25 });
		expect(dragRegion(from, "body", -3, 2)).toEqual({ start: 0, end: 0.5 });
		expect(dragRegion(from, "body", 3, 2)).toEqual({ start: 1.5, end: 2 });
	});
	it("moves one edge, stopping short of the other", () => {
		expect(dragRegion(from, "start", -1, 2)).toEqual({ start: 0, end: 1 });
		expect(dragRegion(from, "start", 2, 2)).toEqual({ start: 1 - minimumLength(2), end: 1 });
		expect(dragRegion(from, "end", 5, 2)).toEqual({ start: 0.5, end: 2 });
		expect(dragRegion(from, "end", -5, 2)).toEqual({ start: 0.5, end: 0.5 + minimumLength(2) });
	});
});

describe("sliceChannels", () => {
	it("cuts every channel to the frames between two times", () => {
		const left = Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);
		const right = Float32Array.from([7, 6, 5, 4, 3, 2, 1, 0]);
		const [a, b] = sliceChannels([left, right], 4, 0.5, 1.5);
		expect(Array.from(a)).toEqual([2, 3, 4, 5]);
		expect(Array.from(b)).toEqual([5, 4, 3, 2]);
	});
	it("clamps to the clip", () => {
		const [a] = sliceChannels([Float32Array.from([1, 2, 3])], 1, -1, 10);
		expect(Array.from(a)).toEqual([1, 2, 3]);
		expect(sliceChannels([Float32Array.from([1, 2])], 1, 1.5, 0.5)[0].length).toBe(0);
	});
});
