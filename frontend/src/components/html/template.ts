// html_template / css_template filling and js_on_load for the HTML component. Templates are
// written by the app's author (they come from the config, like `js=`), and use JavaScript
// template-literal syntax: `${value}`, `${props.title}`, `${count * 2}`; the extra props are also
// in scope by name. A template that is not a valid template literal falls back to plain
// `${path}` / `{{path}}` lookups.

type Scope = Record<string, unknown>;
type Compiled = (...args: unknown[]) => string;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(
	"break case catch class const continue debugger default delete do else export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static enum await implements package protected interface private public arguments eval".split(
		" ",
	),
);
const cache = new Map<string, Compiled | null>();

function compile(template: string, names: string[]): Compiled | null {
	const key = `${names.join(",")}\u0000${template}`;
	if (cache.has(key)) return cache.get(key) ?? null;
	let fn: Compiled | null;
	try {
		fn = new Function(...names, `return \`${template}\`;`) as Compiled;
	} catch {
		fn = null;
	}
	if (cache.size > 200) cache.clear();
	cache.set(key, fn);
	return fn;
}

function lookup(path: string, scope: Scope): unknown {
	let current: unknown = scope;
	for (const part of path.split(".")) {
		if (current === null || typeof current !== "object") return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

function show(value: unknown): string {
	if (value === null || value === undefined) return "";
	return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Fill `template` from `value` and `props` (any prop is also a variable of its own name). */
export function fillTemplate(template: string, props: Scope, value: unknown): string {
	const names = Object.keys(props).filter((n) => IDENTIFIER.test(n) && !RESERVED.has(n) && n !== "value" && n !== "props");
	const fn = compile(template, ["value", "props", ...names]);
	if (fn) {
		try {
			return fn(value, props, ...names.map((n) => props[n]));
		} catch (error) {
			console.error("html_template failed:", error);
		}
	}
	const scope: Scope = { ...props, value, props };
	return template.replace(/\$\{\s*([\w$.]+)\s*\}|\{\{\s*([\w$.]+)\s*\}\}/g, (_, a?: string, b?: string) =>
		show(lookup((a ?? b) as string, scope)),
	);
}

/** Run a `js_on_load` script with `element`, `props` and `trigger(event, data)` in scope. */
export function runOnLoad(
	code: string,
	element: HTMLElement,
	props: Scope,
	trigger: (event: string, data?: unknown) => void,
): void {
	try {
		const fn = new Function("element", "props", "trigger", code) as (...args: unknown[]) => unknown;
		const result = fn(element, props, trigger);
		if (result instanceof Promise) result.catch((error) => console.error("js_on_load failed:", error));
	} catch (error) {
		console.error("js_on_load failed:", error);
	}
}
