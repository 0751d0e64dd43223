import { describe, expect, it } from "vitest";
import {
	type ApiEndpoint,
	curlSnippet,
	exampleValue,
	isFileData,
	javascriptSnippet,
	jsLiteral,
	pyLiteral,
	pythonSnippet,
	shellQuote,
	snippet,
} from "./snippets";

const ROOT = "http://127.0.0.1:7860";

const greet: ApiEndpoint = {
	parameters: [
		{
			label: "Name",
			parameter_name: "name",
			parameter_has_default: false,
			parameter_default: null,
			python_type: { type: "str", description: "" },
			component: "Textbox",
			example_input: "Hello!!",
		},
		{
			label: "Times",
			parameter_name: "times",
			parameter_has_default: true,
			parameter_default: 1,
			python_type: { type: "float", description: "" },
			component: "Number",
			example_input: 3,
		},
	],
	returns: [{ label: "Greeting", python_type: { type: "str", description: "" }, component: "Textbox" }],
};

const sample = "https://example.com/files/sample_file.pdf";
const fileEndpoint: ApiEndpoint = {
	parameters: [
		{
			label: "In file",
			parameter_name: "f",
			parameter_has_default: false,
			python_type: { type: "filepath" },
			component: "File",
			example_input: { path: sample, url: sample, orig_name: "sample_file.pdf", meta: { _type: "gradio.FileData" } },
		},
	],
	returns: [{ label: "Out file", python_type: { type: "filepath" }, component: "File" }],
};

describe("pyLiteral", () => {
	it("writes JSON values as Python literals", () => {
		expect(pyLiteral(null)).toBe("None");
		expect(pyLiteral(true)).toBe("True");
		expect(pyLiteral(false)).toBe("False");
		expect(pyLiteral(2.5)).toBe("2.5");
		expect(pyLiteral('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
		expect(pyLiteral([1, "a", null])).toBe('[1, "a", None]');
		expect(pyLiteral({ a: [true], "b c": {} })).toBe('{"a": [True], "b c": {}}');
	});

	it("writes non-finite numbers as float() calls", () => {
		expect(pyLiteral(Number.NaN)).toBe('float("nan")');
		expect(pyLiteral(Number.NEGATIVE_INFINITY)).toBe('-float("inf")');
	});

	it("wraps FileData payloads, also inside lists, in handle_file", () => {
		const file = { path: "/tmp/a.txt", meta: { _type: "gradio.FileData" } };
		expect(pyLiteral([file, file])).toBe('[handle_file("/tmp/a.txt"), handle_file("/tmp/a.txt")]');
	});
});

describe("jsLiteral", () => {
	it("quotes keys only when they are not identifiers", () => {
		expect(jsLiteral({ a: 1, "b-c": [null, "x"] })).toBe('{ a: 1, "b-c": [null, "x"] }');
	});

	it("prefers a FileData url over its path", () => {
		expect(jsLiteral({ path: "p", url: "https://u/f.png", meta: { _type: "gradio.FileData" } })).toBe(
			'handle_file("https://u/f.png")',
		);
	});
});

describe("isFileData and exampleValue", () => {
	it("recognise FileData only by path and meta._type", () => {
		expect(isFileData({ path: "x", meta: { _type: "gradio.FileData" } })).toBe(true);
		expect(isFileData({ path: "x" })).toBe(false);
		expect(isFileData([{ path: "x", meta: { _type: "gradio.FileData" } }])).toBe(false);
	});

	it("falls back to the default, then to null, when there is no example", () => {
		expect(exampleValue({ parameter_has_default: true, parameter_default: 7 })).toBe(7);
		expect(exampleValue({ parameter_has_default: false })).toBe(null);
		expect(exampleValue({ example_input: false, parameter_has_default: true, parameter_default: true })).toBe(false);
	});
});

describe("pythonSnippet", () => {
	it("calls predict with keyword arguments and the api_name", () => {
		expect(pythonSnippet(ROOT, "/greet", greet)).toBe(
			[
				"from gradio_client import Client",
				"",
				'client = Client("http://127.0.0.1:7860/")',
				"result = client.predict(",
				'    name="Hello!!",',
				"    times=3,",
				'    api_name="/greet",',
				")",
				"print(result)",
				"",
			].join("\n"),
		);
	});

	it("imports handle_file for file parameters", () => {
		const code = pythonSnippet(`${ROOT}/`, "/echo_file", fileEndpoint);
		expect(code.split("\n")[0]).toBe("from gradio_client import Client, handle_file");
		expect(code).toContain(`    f=handle_file("${sample}"),`);
		expect(code).toContain('client = Client("http://127.0.0.1:7860/")');
	});

	it("falls back to positional arguments when a name can't be a keyword", () => {
		const endpoint: ApiEndpoint = {
			parameters: [
				{ parameter_name: "x", example_input: 1 },
				{ parameter_name: "class", example_input: 2 },
			],
			returns: [],
		};
		expect(pythonSnippet(ROOT, "/f", endpoint)).toContain("result = client.predict(\n    1,\n    2,\n    api_name=");
	});

	it("accepts an api name without its leading slash", () => {
		expect(pythonSnippet(ROOT, "greet", greet)).toContain('api_name="/greet"');
	});
});

describe("javascriptSnippet", () => {
	it("connects and predicts with named parameters", () => {
		expect(javascriptSnippet(ROOT, "/greet", greet)).toBe(
			[
				'import { Client } from "@gradio/client";',
				"",
				'const client = await Client.connect("http://127.0.0.1:7860/");',
				'const result = await client.predict("/greet", {',
				'  name: "Hello!!",',
				"  times: 3,",
				"});",
				"",
				"console.log(result.data);",
				"",
			].join("\n"),
		);
	});

	it("imports handle_file for file parameters", () => {
		const code = javascriptSnippet(ROOT, "/echo_file", fileEndpoint);
		expect(code.split("\n")[0]).toBe('import { Client, handle_file } from "@gradio/client";');
		expect(code).toContain(`  f: handle_file("${sample}"),`);
	});

	it("passes no data for an endpoint without parameters", () => {
		expect(javascriptSnippet(ROOT, "/now", { parameters: [], returns: [] })).toContain(
			'const result = await client.predict("/now");',
		);
	});
});

describe("curlSnippet", () => {
	it("posts the data to /call and then reads the event stream", () => {
		expect(curlSnippet(ROOT, "/greet", greet)).toBe(
			[
				'EVENT_ID=$(curl -s -X POST "http://127.0.0.1:7860/gradio_api/call/greet" \\',
				"  -H 'Content-Type: application/json' \\",
				`  -d '{"data":["Hello!!",3]}' \\`,
				`  | sed -E 's/.*"event_id" *: *"([^"]+)".*/\\1/')`,
				'curl -sN "http://127.0.0.1:7860/gradio_api/call/greet/$EVENT_ID"',
				"",
			].join("\n"),
		);
	});

	it("sends FileData payloads as they are", () => {
		expect(curlSnippet(ROOT, "/echo_file", fileEndpoint)).toContain(`"path":"${sample}"`);
	});

	it("escapes single quotes in the data", () => {
		expect(shellQuote(`{"data":["it's"]}`)).toBe(`'{"data":["it'\\''s"]}'`);
	});
});

describe("snippet", () => {
	it("dispatches on the language", () => {
		expect(snippet("python", ROOT, "/greet", greet)).toBe(pythonSnippet(ROOT, "/greet", greet));
		expect(snippet("javascript", ROOT, "/greet", greet)).toBe(javascriptSnippet(ROOT, "/greet", greet));
		expect(snippet("curl", ROOT, "/greet", greet)).toBe(curlSnippet(ROOT, "/greet", greet));
	});
});
