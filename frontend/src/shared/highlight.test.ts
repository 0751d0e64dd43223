import { describe, expect, it } from "vitest";
import { escapeHtml, highlight, languageFor, splitHighlightedLines } from "./highlight";

describe("languageFor", () => {
	it("resolves names and aliases to registered grammars", () => {
		expect(languageFor("Python")).toBe("python");
		expect(languageFor("py")).toBe("python");
		expect(languageFor("js")).toBe("javascript");
		expect(languageFor("ts")).toBe("typescript");
		expect(languageFor("html")).toBe("xml");
		expect(languageFor("shell")).toBe("bash");
		expect(languageFor("sh")).toBe("bash");
		expect(languageFor("yml")).toBe("yaml");
		expect(languageFor("c++")).toBe("cpp");
		expect(languageFor("sql-postgreSQL")).toBe("sql");
		expect(languageFor("rs")).toBe("rust");
		expect(languageFor("golang")).toBe("go");
	});

	it("returns null for unknown or empty names", () => {
		expect(languageFor("cobol")).toBeNull();
		expect(languageFor("")).toBeNull();
		expect(languageFor(null)).toBeNull();
	});
});

describe("highlight", () => {
	it("escapes HTML in plain and highlighted code", () => {
		expect(highlight("<script>alert('x')</script>")).toBe("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
		expect(highlight('x = "<b>"', "python")).not.toContain("<b>");
	});

	it("marks tokens with hljs classes", () => {
		expect(highlight("fn main() {}", "rust")).toContain('<span class="hljs-keyword">fn</span>');
		expect(highlight('{"a": 1}', "json")).toContain('<span class="hljs-number">1</span>');
	});

	it("escapes attribute quotes", () => {
		expect(escapeHtml(`"'&`)).toBe("&quot;&#39;&amp;");
	});
});

describe("splitHighlightedLines", () => {
	it("splits per line and keeps spans balanced across lines", () => {
		const html = highlight('x = """one\ntwo"""\ny = 1', "python");
		const lines = splitHighlightedLines(html);
		expect(lines).toHaveLength(3);
		for (const line of lines) {
			expect((line.match(/<span/g) ?? []).length).toBe((line.match(/<\/span>/g) ?? []).length);
		}
		expect(lines[1]).toMatch(/^<span class="hljs-string">two(&quot;){3}<\/span>/);
	});

	it("keeps empty lines, including a trailing one", () => {
		expect(splitHighlightedLines("a\n\nb\n")).toEqual(["a", "", "b", ""]);
		expect(splitHighlightedLines("")).toEqual([""]);
	});
});
