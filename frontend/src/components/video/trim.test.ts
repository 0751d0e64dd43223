import { describe, expect, it } from "vitest";
import { isCut, moveHandle, thumbnailTimes } from "./trim";

describe("thumbnailTimes", () => {
	it("spreads ten frames over the clip", () => {
		expect(thumbnailTimes(10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(thumbnailTimes(3, 3)).toEqual([0, 1, 2]);
	});
	it("has none for an unknown duration", () => {
		expect(thumbnailTimes(Number.NaN)).toEqual([]);
		expect(thumbnailTimes(0)).toEqual([]);
	});
});

describe("moveHandle", () => {
	const range = { start: 1, end: 2 };
	it("moves one handle, clamped to the clip", () => {
		expect(moveHandle(range, "start", 0.5, 3)).toEqual({ start: 0.5, end: 2 });
		expect(moveHandle(range, "start", -4, 3)).toEqual({ start: 0, end: 2 });
		expect(moveHandle(range, "end", 9, 3)).toEqual({ start: 1, end: 3 });
	});
	it("never takes a handle past the other", () => {
		expect(moveHandle(range, "start", 2.5, 3)).toEqual({ start: 2, end: 2 });
		expect(moveHandle(range, "end", 0.2, 3)).toEqual({ start: 1, end: 1 });
	});
});

describe("isCut", () => {
	it("is a part of the clip, neither empty nor all of it", () => {
		expect(isCut({ start: 0.5, end: 2 }, 3)).toBe(true);
		expect(isCut({ start: 0, end: 3 }, 3)).toBe(false);
		expect(isCut({ start: 1, end: 1 }, 3)).toBe(false);
	});
});
