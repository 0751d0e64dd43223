import { describe, expect, it } from "vitest";
import { computePeaks, normalizePeaks, seekTime } from "./waveform";

describe("computePeaks", () => {
	it("takes the max absolute sample per bucket", () => {
		const samples = [0, 0.5, -0.25, 0.1, -0.9, 0.2, 0, 0];
		expect(computePeaks([samples], 4)).toEqual([0.5, 0.25, 0.9, 0]);
	});
	it("uses the loudest channel", () => {
		expect(computePeaks([[0.1, 0.1], [-0.8, 0.2]], 2)).toEqual([0.8, 0.2]);
	});
	it("handles more buckets than samples and empty input", () => {
		expect(computePeaks([[0.5, -1]], 4)).toEqual([0.5, 0.5, 1, 1]);
		expect(computePeaks([], 4)).toEqual([]);
		expect(computePeaks([[1, 2]], 0)).toEqual([]);
	});
	it("clamps to 1", () => {
		expect(computePeaks([[3]], 1)).toEqual([1]);
	});
	it("normalizes", () => {
		expect(normalizePeaks([0.25, 0.5])).toEqual([0.5, 1]);
		expect(normalizePeaks([0, 0])).toEqual([0, 0]);
	});
});

describe("seekTime", () => {
	it("maps x to a time and clamps", () => {
		expect(seekTime(50, 200, 10)).toBe(2.5);
		expect(seekTime(-5, 200, 10)).toBe(0);
		expect(seekTime(500, 200, 10)).toBe(10);
		expect(seekTime(50, 0, 10)).toBe(0);
		expect(seekTime(50, 100, NaN)).toBe(0);
	});
});
