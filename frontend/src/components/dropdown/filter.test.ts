import { describe, expect, it } from "vitest";
import { normalizeChoices } from "../../shared/options/choices";
import { canAddMore, filterChoices, matchLabel, moveActive, typeAhead } from "./filter";

const choices = normalizeChoices(["Apple", "Banana", "Cherry", "Crème brûlée", ["Date fruit", "date"]]);

describe("filterChoices", () => {
	it("returns every index for an empty query", () => {
		expect(filterChoices(choices, "")).toEqual([0, 1, 2, 3, 4]);
		expect(filterChoices(choices, "   ")).toEqual([0, 1, 2, 3, 4]);
	});
	it("matches substrings case- and accent-insensitively, keeping order", () => {
		expect(filterChoices(choices, "an")).toEqual([1]);
		expect(filterChoices(choices, "CR")).toEqual([3]);
		expect(filterChoices(choices, "creme")).toEqual([3]);
		expect(filterChoices(choices, "e")).toEqual([0, 2, 3, 4]);
		expect(filterChoices(choices, "zzz")).toEqual([]);
	});
	it("filters on labels, not values", () => {
		expect(filterChoices(choices, "fruit")).toEqual([4]);
	});
});

describe("moveActive", () => {
	it("starts at the first or last option", () => {
		expect(moveActive(-1, 1, 4)).toBe(0);
		expect(moveActive(-1, -1, 4)).toBe(3);
	});
	it("wraps with the arrow keys and clamps bigger jumps", () => {
		expect(moveActive(3, 1, 4)).toBe(0);
		expect(moveActive(0, -1, 4)).toBe(3);
		expect(moveActive(1, 10, 4)).toBe(3);
		expect(moveActive(2, -10, 4)).toBe(0);
	});
	it("is -1 for an empty list", () => {
		expect(moveActive(0, 1, 0)).toBe(-1);
	});
});

describe("matchLabel", () => {
	it("prefers an exact label, then a case-insensitive one", () => {
		expect(matchLabel(choices, "Banana")).toBe(1);
		expect(matchLabel(choices, "banana ")).toBe(1);
		expect(matchLabel(choices, "Ban")).toBe(-1);
		expect(matchLabel(choices, "")).toBe(-1);
	});
});

describe("canAddMore", () => {
	it("limits selections to max_choices when set", () => {
		expect(canAddMore(5, null)).toBe(true);
		expect(canAddMore(1, 2)).toBe(true);
		expect(canAddMore(2, 2)).toBe(false);
	});
});

describe("typeAhead", () => {
	it("finds the next label starting with a letter, wrapping", () => {
		const all = [0, 1, 2, 3, 4];
		expect(typeAhead(choices, all, "c", -1)).toBe(2);
		expect(typeAhead(choices, all, "c", 2)).toBe(3);
		expect(typeAhead(choices, all, "C", 3)).toBe(2);
		expect(typeAhead(choices, all, "x", 0)).toBe(-1);
	});
});
