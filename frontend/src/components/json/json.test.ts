import { describe, expect, it } from "vitest";
import { isEmptyJson, lineCount } from "./json";

describe("lineCount", () => {
	it("counts a primitive as one line and an object as its brackets plus its members", () => {
		expect(lineCount(1)).toBe(1);
		expect(lineCount({ a: 1, b: [1, 2] })).toBe(7);
		expect(lineCount({})).toBe(2);
		expect(lineCount([[], {}])).toBe(6);
	});
});

describe("isEmptyJson", () => {
	it("is Gradio's rule: falsy values, '\"\"' and a plain empty object are empty, an empty array is not", () => {
		for (const value of [null, undefined, 0, false, "", '""', {}]) expect(isEmptyJson(value)).toBe(true);
		for (const value of [[], { a: 1 }, 1, "x", true]) expect(isEmptyJson(value)).toBe(false);
	});
});
