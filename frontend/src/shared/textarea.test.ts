import { describe, expect, it } from "vitest";
import { rowsFor } from "./textarea";

describe("textarea growth", () => {
	it("grows from lines to max_lines", () => {
		expect(rowsFor(20, 24, 1, 5)).toBe(1);
		expect(rowsFor(24, 24, 1, 5)).toBe(1);
		expect(rowsFor(72, 24, 1, 5)).toBe(3);
		expect(rowsFor(1000, 24, 1, 5)).toBe(5);
		expect(rowsFor(0, 24, 2, 5)).toBe(2);
	});
	it("allows for pixel rounding", () => {
		// one 22.5px line measured as 23px (scrollHeight is an integer)
		expect(rowsFor(23, 22.5, 1, 20)).toBe(1);
		expect(rowsFor(46, 22.5, 1, 20)).toBe(2);
	});
	it("never goes below lines", () => {
		expect(rowsFor(1000, 24, 4, 2)).toBe(4); // max_lines below lines: lines wins
		expect(rowsFor(100, 0, 2, 5)).toBe(2);
	});
});
