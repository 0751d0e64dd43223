import { describe, expect, it } from "vitest";
import { nextSpeed, skipSeconds } from "./controls";

describe("audio controls", () => {
	it("cycles the playback speed from 1x through 1.5x, 2x and 0.5x", () => {
		expect([1, 1.5, 2, 0.5].map(nextSpeed)).toEqual([1.5, 2, 0.5, 1]);
		expect(nextSpeed(3)).toBe(1);
	});
	it("skips a percentage of the clip, 5 seconds while its length is unknown", () => {
		expect(skipSeconds(3, null)).toBe(0.15);
		expect(skipSeconds(120, 10)).toBe(12);
		expect(skipSeconds(0, 5)).toBe(5);
		expect(skipSeconds(Number.NaN, undefined)).toBe(5);
	});
});
