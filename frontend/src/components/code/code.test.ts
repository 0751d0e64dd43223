import { describe, expect, it } from "vitest";
import { downloadName, editorRows, foldRanges, refineTokens } from "./code";

describe("refineTokens", () => {
	it("marks bare identifiers, calls, properties, operators and brackets in code", () => {
		const html = 'd = {<span class="hljs-string">&#x27;a&#x27;</span>: [1], f(x).s}';
		const out = refineTokens(html, "python");
		expect(out).toContain('<span class="tok-var">d</span> <span class="tok-op">=</span>');
		expect(out).toContain('<span class="tok-brace">{</span>');
		expect(out).toContain('<span class="tok-square">[</span>');
		expect(out).toContain('<span class="tok-sep">,</span>');
		expect(out).toContain('<span class="tok-fn">f</span>(<span class="tok-var">x</span>)');
		expect(out).toContain('<span class="tok-op">.</span><span class="tok-prop">s</span>');
		// the string's entities are left alone
		expect(out).toContain('<span class="hljs-string">&#x27;a&#x27;</span>');
	});

	it("marks star parameters, true/false literals, and leaves other spans alone", () => {
		const html =
			'<span class="hljs-params">self, *a, **k</span> <span class="hljs-literal">True</span> <span class="hljs-literal">None</span> <span class="hljs-comment"># a + b</span>';
		const out = refineTokens(html, "python");
		expect(out).toContain('<span class="tok-mod">*</span><span class="tok-var">a</span>');
		expect(out).toContain('<span class="tok-mod">**</span>');
		expect(out).toContain('<span class="hljs-literal tok-bool">True</span>');
		expect(out).toContain('<span class="hljs-literal">None</span>');
		expect(out).toContain('<span class="hljs-comment"># a + b</span>');
	});

	it("colours only brackets and separators in JSON, and nothing in other languages", () => {
		const json = '<span class="hljs-punctuation">[</span>1<span class="hljs-punctuation">,</span>';
		expect(refineTokens(json, "json")).toContain('<span class="tok-square">[</span>');
		expect(refineTokens(json, "json")).toContain('<span class="tok-sep">,</span>');
		expect(refineTokens("a = b", "sql")).toBe("a = b");
		expect(refineTokens("a = b", null)).toBe("a = b");
	});
});

describe("foldRanges", () => {
	it("folds a line over the deeper-indented lines after it, blank lines at the end left out", () => {
		const lines = ["def f(x):", "    # c", "    return x", "", "class A:", "    s = 1", "", "", "d = 1"];
		expect([...foldRanges(lines)]).toEqual([
			[0, 2],
			[4, 5],
		]);
	});
});

describe("editorRows and downloadName", () => {
	it("gives Gradio's rows: lines + 1 (1 stays 1) and max_lines + 1", () => {
		expect(editorRows(5, null)).toEqual({ min: 6, max: null });
		expect(editorRows(1, undefined)).toEqual({ min: 1, max: null });
		expect(editorRows(3, 6)).toEqual({ min: 4, max: 7 });
	});

	it("names the download file.<extension>", () => {
		expect(downloadName("python")).toBe("file.py");
		expect(downloadName("typescript")).toBe("file.ts");
		expect(downloadName("sql")).toBe("file.txt");
		expect(downloadName(null)).toBe("file.txt");
	});
});
