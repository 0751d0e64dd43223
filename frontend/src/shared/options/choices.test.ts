import { describe, expect, it } from "vitest";
import { asList, indexOfValue, labelOf, normalizeChoices, sameValue, toggle } from "./choices";

describe("normalizeChoices", () => {
	it("keeps [label, value] pairs and turns plain items into pairs", () => {
		expect(normalizeChoices([["Apple", "a"], "b", 3])).toEqual([
			["Apple", "a"],
			["b", "b"],
			["3", 3],
		]);
	});
	it("treats anything but a list as no choices", () => {
		expect(normalizeChoices(null)).toEqual([]);
		expect(normalizeChoices("abc")).toEqual([]);
	});
});

describe("values", () => {
	const choices = normalizeChoices([["One", 1], ["Two", 2], ["Obj", { k: 1 }]]);
	it("finds values by identity or JSON equality", () => {
		expect(indexOfValue(choices, 2)).toBe(1);
		expect(indexOfValue(choices, { k: 1 })).toBe(2);
		expect(indexOfValue(choices, "2")).toBe(-1);
		expect(sameValue(null, undefined)).toBe(true);
		expect(sameValue(1, "1")).toBe(false);
	});
	it("labels a value, falling back to the value itself for custom values", () => {
		expect(labelOf(choices, 1)).toBe("One");
		expect(labelOf(choices, "custom")).toBe("custom");
		expect(labelOf(choices, null)).toBe("");
	});
	it("reads list values and toggles items", () => {
		expect(asList(null)).toEqual([]);
		expect(asList("a")).toEqual(["a"]);
		expect(toggle(["a", "b"], "a")).toEqual(["b"]);
		expect(toggle(["a"], "c")).toEqual(["a", "c"]);
	});
});
