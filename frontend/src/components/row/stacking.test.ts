import { describe, expect, it } from "vitest";
import { wrapsOntoLines } from "./stacking";

describe("row stacking", () => {
	it("sees children on one line", () => {
		expect(wrapsOntoLines([])).toBe(false);
		expect(wrapsOntoLines([12])).toBe(false);
		expect(wrapsOntoLines([0, 0, 0.5])).toBe(false);
	});
	it("sees children wrapped onto several lines", () => {
		expect(wrapsOntoLines([0, 120])).toBe(true);
		expect(wrapsOntoLines([0, 0, 48])).toBe(true);
	});
});
