import { describe, expect, it } from "vitest";
import { seekTime, waveBars } from "./waveform";

describe("waveBars", () => {
	it("shares samples out over bars and scales the loudest top sample to half the height", () => {
		const samples = [0, 0.5, -0.25, 0.1, -1, 0.2, 0, 0];
		// 4 bars every 5px over 20px, 25px either side of the middle; a bar closes once the rounded
		// bar index of the next sample moves on, so the first holds one sample and the rest two.
		expect(waveBars(samples, samples, 20, 5, 25)).toEqual([
			{ x: 0, y: 25, h: 1 },
			{ x: 5, y: 12, h: 26 },
			{ x: 10, y: 0, h: 50 },
			{ x: 15, y: 20, h: 10 },
		]);
	});
	it("reaches down by the second channel", () => {
		expect(waveBars([1], [0.5], 5, 5, 10)).toEqual([{ x: 0, y: 0, h: 15 }]);
	});
	it("draws nothing for no samples or no width", () => {
		expect(waveBars([], [], 100, 5, 25)).toEqual([]);
		expect(waveBars([1], [1], 0, 5, 25)).toEqual([]);
	});
	it("keeps silence 1px tall", () => {
		expect(waveBars([0, 0], [0, 0], 10, 5, 25)).toEqual([
			{ x: 0, y: 25, h: 1 },
			{ x: 5, y: 25, h: 1 },
		]);
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
