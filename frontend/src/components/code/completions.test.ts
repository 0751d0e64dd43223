import { describe, expect, it } from "vitest";
import { complete, documentNames, expandSnippet, fuzzyMatch, inStringOrComment, languageCompletions } from "./completions";

const labels = (text: string, language = "python"): string[] =>
	complete(text, text.length, language)?.options.map((o) => (o.detail ? `${o.label} [${o.detail}]` : o.label)) ?? [];

// The lists and orders below are what Gradio 6.31's gr.Code(autocomplete=True) showed in Chromium for the
// same text typed into an empty editor.
describe("complete (Python)", () => {
	it("ranks a one-letter pattern by first letter, exact case first, then alphabetically", () => {
		expect(labels("i")).toEqual([
			"id",
			"if [block]",
			"if [/ else block]",
			"import [statement]",
			"input",
			"int",
			"isinstance",
			"issubclass",
			"iter",
			"ImportError",
			"ImportWarning",
			"IndentationError",
			"IndexError",
			"InterruptedError",
			"IOError",
			"IsADirectoryError",
		]);
	});

	it("puts prefixes first, then the pattern inside words, then by word starts", () => {
		expect(labels("imp")).toEqual([
			"import [statement]",
			"ImportError",
			"ImportWarning",
			"__import__",
			"NotImplemented",
			"NotImplementedError",
		]);
		expect(labels("im")).toEqual([
			"import [statement]",
			"ImportError",
			"ImportWarning",
			"__import__",
			"RuntimeError",
			"TimeoutError",
			"RuntimeWarning",
			"NotImplemented",
			"NotImplementedError",
		]);
		expect(labels("de")).toEqual([
			"def [function]",
			"delattr",
			"DeprecationWarning",
			"__debug__",
			"__loader__",
			"IndexError",
			"UnicodeError",
			"UnicodeWarning",
			"IndentationError",
			"UnicodeDecodeError",
			"UnicodeEncodeError",
			"UnicodeTranslateError",
			"InterruptedError",
			"FileNotFoundError",
			"ModuleNotFoundError",
			"NotImplementedError",
			"ConnectionAbortedError",
			"ConnectionRefusedError",
			"PendingDeprecationWarning",
			"IsADirectoryError",
			"ZeroDivisionError",
			"NotADirectoryError",
		]);
		expect(labels("tr")).toEqual([
			"try [/ except block]",
			"True",
			"str",
			"delattr",
			"getattr",
			"hasattr",
			"setattr",
			"AttributeError",
			"UnicodeTranslateError",
		]);
		expect(labels("pr")).toEqual([
			"print",
			"property",
			"ProcessLookupError",
			"repr",
			"DeprecationWarning",
			"PendingDeprecationWarning",
			"ChildProcessError",
		]);
		expect(labels("fo")).toEqual(["for [loop]", "format", "FileNotFoundError", "ModuleNotFoundError"]);
		expect(labels("wh")).toEqual(["while [loop]"]);
	});

	it("offers the names the document defines", () => {
		expect(labels("foobar = 1\nfoo")).toEqual([
			"foobar",
			"FileNotFoundError",
			"FloatingPointError",
			"OverflowError",
			"ModuleNotFoundError",
		]);
		expect(labels("import os\no")).toEqual(["object", "oct", "open", "ord", "os", "OSError", "OverflowError"]);
		expect(labels("from x import yyy\nyy")).toEqual(["yyy"]);
		expect(labels("class Foo:\n    pass\nFo")).toEqual([
			"Foo",
			"for [loop]",
			"format",
			"FileNotFoundError",
			"ModuleNotFoundError",
		]);
		expect(labels("def hello(argx):\n    ar").slice(0, 3)).toEqual(["argx", "ArithmeticError", "vars"]);
		// a word used but never defined is not offered
		expect(labels("print(zzqq)\nzz")).toEqual([]);
	});

	it("offers nothing after a dot, in strings and comments, or after a space", () => {
		expect(labels("x.ap")).toEqual([]);
		expect(labels("# com")).toEqual([]);
		expect(labels('"str')).toEqual([]);
		expect(labels("i ")).toEqual([]);
		expect(labels("'a' + pr")).toContain("print");
	});
});

describe("complete (JavaScript) and other languages", () => {
	it("offers keywords and snippets", () => {
		expect(labels("f", "javascript")).toEqual([
			"false",
			"finally",
			"for [loop]",
			"for [of loop]",
			"function [definition]",
		]);
		expect(labels("co", "javascript")).toEqual(["const", "continue"]);
		expect(labels("re", "javascript")).toEqual(["return", "break"]);
		expect(labels("le", "javascript")).toEqual(["let", "while [loop]", "delete"]);
		expect(labels("wi", "javascript")).toEqual(["switch"]);
		expect(labels("let foobar = 1\nfoo", "javascript")).toEqual(["foobar"]);
		expect(labels("function hello(){}\nhe", "javascript")).toEqual(["hello"]);
		expect(labels('"st', "javascript")).toEqual([]);
		expect(labels("x.le", "javascript")).toEqual([]);
	});

	it("has none for languages without completions", () => {
		expect(languageCompletions("markdown")).toBeNull();
		expect(languageCompletions(null)).toBeNull();
		expect(labels("hello world\nhe", "markdown")).toEqual([]);
	});
});

describe("helpers", () => {
	it("marks the matched characters", () => {
		expect(fuzzyMatch("imp", "__import__")?.matched).toEqual([2, 5]);
		expect(fuzzyMatch("de", "IsADirectoryError")?.matched).toEqual([3, 4, 12, 13]);
		expect(fuzzyMatch("x", "abc")).toBeNull();
	});

	it("knows strings and comments", () => {
		expect(inStringOrComment("a = 'x' + b", 11, "python")).toBe(false);
		expect(inStringOrComment('"""doc\nmore', 10, "python")).toBe(true);
		expect(inStringOrComment("/* a */ b", 9, "javascript")).toBe(false);
		expect(inStringOrComment("`a ${", 5, "javascript")).toBe(true);
	});

	it("finds definitions", () => {
		const names = documentNames("def f(a, *b, c=1):\n    x, y = 1, 2\nfor i in r:\n    pass\nwith o as w:\n", "python");
		expect(names.map((n) => `${n.kind}:${n.label}`)).toEqual([
			"function:f",
			"variable:a",
			"variable:b",
			"variable:c",
			"variable:x",
			"variable:y",
			"variable:i",
			"variable:w",
		]);
	});

	it("expands snippets as Gradio's editor writes them", () => {
		// Gradio: accepting "def" gives "def name(params):\n  " with "name" selected, Tab then params, then the body
		expect(expandSnippet("def ${name}(${params}):\n\t${}", "")).toEqual({
			text: "def name(params):\n  ",
			fields: [
				[4, 8],
				[9, 15],
				[20, 20],
			],
		});
		expect(expandSnippet("import ${module}", "    ")).toEqual({ text: "import module", fields: [[7, 13]] });
		expect(expandSnippet("while ${}:\n\t${}", "  ").text).toBe("while :\n    ");
	});
});

describe("names being defined", () => {
	it("offers the word being typed when it is itself a definition", () => {
		// Gradio: typing "fn" into the name field of an accepted def offers "fn" (2 rows), and "os" after import
		const field = "def fn(params):\n  ";
		expect(complete(field, 6, "python")?.options.map((o) => o.label)).toEqual(["fn", "FileNotFoundError"]);
		expect(labels("def fn")).toEqual(["fn", "FileNotFoundError"]);
		expect(labels("  import os")).toEqual(["os", "OSError"]);
		expect(labels("def f(a")).toContain("a");
		expect(labels("class Fo")).toEqual(["Fo", "for [loop]", "format", "FileNotFoundError", "ModuleNotFoundError"]);
		expect(labels("fo = 1\nfor fo")[0]).toBe("fo");
		// Gradio's JavaScript offers nothing where a name is declared
		expect(labels("let fo", "javascript")).toEqual([]);
		expect(labels("function fo", "javascript")).toEqual([]);
	});
});
