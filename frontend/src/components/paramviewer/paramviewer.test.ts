import { describe, expect, it } from "vitest";
import { anchorId, cssLength, describe as describeText, highlight, rowsOf, tokenize } from "./paramviewer";

describe("the Python highlighting of types and defaults", () => {
	it("classifies builtins, None, operators and strings as Gradio's highlighter", () => {
		expect(tokenize("str | None")).toEqual([
			["str", "builtin"],
			[" ", null],
			["|", "operator"],
			[" ", null],
			["None", "boolean"],
		]);
		expect(tokenize('"hello"')).toEqual([['"hello"', "string"]]);
		expect(tokenize("dict[str, int]").map(([, kind]) => kind)).toEqual([
			"builtin",
			"punctuation",
			"builtin",
			"punctuation",
			null,
			"builtin",
			"punctuation",
		]);
		expect(tokenize("Callable(x) 3.5 lambda")).toContainEqual(["Callable", "function"]);
		expect(tokenize("3.5")).toEqual([["3.5", "number"]]);
		expect(tokenize("lambda")).toEqual([["lambda", "keyword"]]);
	});

	it("escapes HTML and links the linkified words", () => {
		expect(highlight("list[<T>]")).toContain("&lt;");
		expect(highlight("Timer | None", ["Timer"])).toBe(
			'<a href="#h-timer">Timer</a> <span class="token operator">|</span> <span class="token boolean">None</span>',
		);
	});
});

describe("the ParamViewer rows", () => {
	it("reads each parameter in order, leaving out what is not given", () => {
		const rows = rowsOf({ a: { type: "int", description: "A.", default: "1" }, b: { type: "str", default: null } });
		expect(rows.map((r) => r.name)).toEqual(["a", "b"]);
		expect(rows[0].type).toBe('<span class="token builtin">int</span>');
		expect(rows[0].default).toBe('<span class="token number">1</span>');
		expect(rows[1].default).toBeNull();
		expect(rows[1].description).toBeNull();
		expect(rowsOf(null)).toEqual([]);
	});

	it("makes Markdown links of descriptions, escaping the rest", () => {
		expect(describeText("See [docs](https://x.y) <b>")).toBe(
			'See <a href="https://x.y" target="_blank" rel="noopener noreferrer">docs</a> &lt;b&gt;',
		);
	});

	it("names anchors as Gradio", () => {
		expect(anchorId("Max Height", true)).toBe("param-max-height");
		expect(anchorId("value", "x")).toBe("param-x-value");
		expect(cssLength(100)).toBe("100px");
		expect(cssLength("50vh")).toBe("50vh");
		expect(cssLength(null)).toBeUndefined();
	});
});
