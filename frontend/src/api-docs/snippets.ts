// Code samples for the "Use via API" page: Python (gradio_client), JavaScript (@gradio/client) and curl
// (the /call REST routes), built from one endpoint of the API info (PROTOCOL.md section 3).

export interface PythonType {
	type: string;
	description?: string;
}

/** A label in the API info: text, or a gr.I18n key as Gradio writes one there. */
export type ApiLabel = string | { key: string; _type?: string } | null;

export interface ApiParameter {
	label?: ApiLabel;
	parameter_name?: string | null;
	parameter_has_default?: boolean;
	parameter_default?: unknown;
	python_type?: PythonType;
	component?: string;
	example_input?: unknown;
}

export interface ApiReturn {
	label?: ApiLabel;
	python_type?: PythonType;
	component?: string;
}

export interface ApiEndpoint {
	parameters: ApiParameter[];
	returns: ApiReturn[];
	description?: string | null;
}

export interface ApiInfo {
	named_endpoints: Record<string, ApiEndpoint>;
	unnamed_endpoints?: Record<string, ApiEndpoint>;
}

export type Language = "python" | "javascript" | "curl";

const PY_KEYWORDS = new Set(
	(
		"False None True and as assert async await break class continue def del elif else except finally for from " +
		"global if import in is lambda nonlocal not or pass raise return try while with yield"
	).split(" "),
);
// The Python client reserves these keyword arguments for itself.
const PY_RESERVED = new Set(["api_name", "fn_index", "result_callbacks"]);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const JS_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A FileData payload: `{path, meta: {_type: "gradio.FileData"}}`. */
export function isFileData(value: unknown): value is { path: string; url?: string | null } {
	if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
	const v = value as { path?: unknown; meta?: { _type?: unknown } };
	return typeof v.path === "string" && v.meta?._type === "gradio.FileData";
}

function fileSource(file: { path: string; url?: string | null }): string {
	return file.url || file.path;
}

function containsFile(value: unknown): boolean {
	if (isFileData(value)) return true;
	if (Array.isArray(value)) return value.some(containsFile);
	if (typeof value === "object" && value !== null) return Object.values(value).some(containsFile);
	return false;
}

/** The example value of a parameter: its example input, else its default. */
export function exampleValue(param: ApiParameter): unknown {
	if (param.example_input !== undefined) return param.example_input;
	return param.parameter_has_default ? param.parameter_default : null;
}

/** A JSON value written as a Python literal; FileData payloads become `handle_file("…")`. */
export function pyLiteral(value: unknown): string {
	if (value === null || value === undefined) return "None";
	if (value === true) return "True";
	if (value === false) return "False";
	if (typeof value === "number") {
		if (Number.isNaN(value)) return 'float("nan")';
		if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
		return String(value);
	}
	if (typeof value === "string") return JSON.stringify(value);
	if (isFileData(value)) return `handle_file(${JSON.stringify(fileSource(value))})`;
	if (Array.isArray(value)) return `[${value.map(pyLiteral).join(", ")}]`;
	if (typeof value === "object") {
		const entries = Object.entries(value as Record<string, unknown>);
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pyLiteral(v)}`).join(", ")}}`;
	}
	return JSON.stringify(String(value));
}

/** A JSON value written as JavaScript; FileData payloads become `handle_file("…")`. */
export function jsLiteral(value: unknown): string {
	if (value === null || value === undefined) return "null";
	if (isFileData(value)) return `handle_file(${JSON.stringify(fileSource(value))})`;
	if (Array.isArray(value)) return `[${value.map(jsLiteral).join(", ")}]`;
	if (typeof value === "object") {
		const entries = Object.entries(value as Record<string, unknown>);
		return `{ ${entries.map(([k, v]) => `${jsKey(k)}: ${jsLiteral(v)}`).join(", ")} }`;
	}
	if (typeof value === "number" && !Number.isFinite(value)) {
		return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
	}
	return JSON.stringify(value);
}

function jsKey(key: string): string {
	return JS_IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/** The app's URL as the clients want it: absolute, ending in `/`. */
function clientUrl(root: string): string {
	return root.replace(/\/+$/, "") + "/";
}

/** The endpoint path without its leading `/` (the key of `named_endpoints` is `"/" + api_name`). */
function bareName(apiName: string): string {
	return apiName.replace(/^\//, "");
}

function usableAsKeyword(name: string | null | undefined): name is string {
	return !!name && IDENTIFIER.test(name) && !PY_KEYWORDS.has(name) && !PY_RESERVED.has(name);
}

export function pythonSnippet(root: string, apiName: string, endpoint: ApiEndpoint): string {
	const params = endpoint.parameters;
	const needsFile = params.some((p) => containsFile(exampleValue(p)));
	// Keyword arguments read best; fall back to positional ones when some name can't be a keyword.
	const keywords = params.every((p) => usableAsKeyword(p.parameter_name));
	const args = params.map((p) => {
		const value = pyLiteral(exampleValue(p));
		return keywords ? `${p.parameter_name}=${value}` : value;
	});
	args.push(`api_name=${JSON.stringify("/" + bareName(apiName))}`);
	return [
		`from gradio_client import ${needsFile ? "Client, handle_file" : "Client"}`,
		"",
		`client = Client(${JSON.stringify(clientUrl(root))})`,
		"result = client.predict(",
		...args.map((a) => `    ${a},`),
		")",
		"print(result)",
		"",
	].join("\n");
}

export function javascriptSnippet(root: string, apiName: string, endpoint: ApiEndpoint): string {
	const params = endpoint.parameters;
	const needsFile = params.some((p) => containsFile(exampleValue(p)));
	const named = params.every((p) => !!p.parameter_name);
	const lines = [
		`import { ${needsFile ? "Client, handle_file" : "Client"} } from "@gradio/client";`,
		"",
		`const client = await Client.connect(${JSON.stringify(clientUrl(root))});`,
	];
	const path = JSON.stringify("/" + bareName(apiName));
	if (params.length === 0) {
		lines.push(`const result = await client.predict(${path});`);
	} else if (named) {
		lines.push(`const result = await client.predict(${path}, {`);
		for (const p of params) lines.push(`  ${jsKey(p.parameter_name as string)}: ${jsLiteral(exampleValue(p))},`);
		lines.push("});");
	} else {
		lines.push(`const result = await client.predict(${path}, [`);
		for (const p of params) lines.push(`  ${jsLiteral(exampleValue(p))},`);
		lines.push("]);");
	}
	lines.push("", "console.log(result.data);", "");
	return lines.join("\n");
}

/** Quote `text` for a POSIX shell: single quotes, with embedded ones closed and escaped. */
export function shellQuote(text: string): string {
	return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Escape `text` for use inside double quotes in a POSIX shell. */
function inDoubleQuotes(text: string): string {
	return text.replace(/["\\$`]/g, "\\$&");
}

export function curlSnippet(root: string, apiName: string, endpoint: ApiEndpoint): string {
	const url = `${root.replace(/\/+$/, "")}/gradio_api/call/${encodeURIComponent(bareName(apiName))}`;
	const body = JSON.stringify({ data: endpoint.parameters.map(exampleValue) });
	return [
		`EVENT_ID=$(curl -s -X POST "${inDoubleQuotes(url)}" \\`,
		`  -H 'Content-Type: application/json' \\`,
		`  -d ${shellQuote(body)} \\`,
		`  | sed -E 's/.*"event_id" *: *"([^"]+)".*/\\1/')`,
		`curl -sN "${inDoubleQuotes(url)}/$EVENT_ID"`,
		"",
	].join("\n");
}

export function snippet(language: Language, root: string, apiName: string, endpoint: ApiEndpoint): string {
	if (language === "python") return pythonSnippet(root, apiName, endpoint);
	if (language === "javascript") return javascriptSnippet(root, apiName, endpoint);
	return curlSnippet(root, apiName, endpoint);
}
