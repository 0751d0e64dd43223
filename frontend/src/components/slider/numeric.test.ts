import { describe, expect, it } from "vitest";
import { clamp, parseNumber, percent, tidy } from "./numeric";

describe("slider numbers", () => {
	it("clamps to the bounds", () => {
		expect(clamp(5, 0, 10)).toBe(5);
		expect(clamp(-1, 0, 10)).toBe(0);
		expect(clamp(11, 0, 10)).toBe(10);
		expect(clamp(11, null, undefined)).toBe(11);
	});
	it("rounds to the precision, or only removes float noise", () => {
		expect(tidy(3.14159, 2)).toBe(3.14);
		expect(tidy(2.5, 0)).toBe(3);
		expect(tidy(0.1 + 0.2, null)).toBe(0.3);
		expect(tidy(3.14159, null)).toBe(3.14159);
	});
	it("parses typed numbers", () => {
		expect(parseNumber(" 42 ")).toBe(42);
		expect(parseNumber("-1.5")).toBe(-1.5);
		expect(parseNumber("")).toBeNull();
		expect(parseNumber("-")).toBeNull();
		expect(parseNumber("abc")).toBeNull();
	});
	it("places the value on the track", () => {
		expect(percent(25, 0, 100)).toBe(25);
		expect(percent(0, -10, 10)).toBe(50);
		expect(percent(200, 0, 100)).toBe(100);
		expect(percent(1, 1, 1)).toBe(0);
	});
});
