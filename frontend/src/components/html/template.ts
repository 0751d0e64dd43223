// Filling gr.HTML's html_template / css_template, as Gradio 6.31 evaluates them: the template is read as
// a Handlebars template first (handlebars.ts) and its output is then evaluated as a JavaScript template
// literal, with each of the component's props (`value`, `label`, `visible` and the extra props) a variable of
// its own name: `${value.length}`, `${items.map(i => `<li>${i}</li>`).join('')}`, `${flag ? 'on' : ''}`.
// Templates are written by the app's author (they come from the config, like `js=`). An error is thrown as
// is, for the view to show.

import { compile } from "./handlebars";

type Scope = Record<string, unknown>;
type Literal = (...args: unknown[]) => string;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(
	"break case catch class const continue debugger default delete do else export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static enum await implements package protected interface private public arguments eval".split(
		" ",
	),
);
const literals = new Map<string, Literal>();

function literal(body: string, names: string[]): Literal {
	const key = `${names.join(",")}\u0000${body}`;
	let fn = literals.get(key);
	if (!fn) {
		fn = new Function(...names, `return \`${body}\`;`) as Literal;
		if (literals.size > 200) literals.clear();
		literals.set(key, fn);
	}
	return fn;
}

/** `template` filled from `scope` (throws the template's error). */
export function fillTemplate(template: string, scope: Scope): string {
	const afterHandlebars = compile(template)(scope);
	const names = Object.keys(scope).filter((n) => IDENTIFIER.test(n) && !RESERVED.has(n));
	return literal(afterHandlebars, names)(...names.map((n) => scope[n]));
}

/** A template's parts around its top-level `@children`: [has children, before, after]. */
export function splitChildren(template: string): [boolean, string, string] {
	const at = template.indexOf("@children");
	if (at === -1) return [false, template, ""];
	const rest = template.slice(at + "@children".length);
	return [true, template.slice(0, at), rest];
}

/** The names a `js_on_load` script gets, in order. */
export const SCRIPT_ARGS = ["element", "trigger", "props", "server", "upload", "watch"] as const;

/** Run a `js_on_load` script with `element`, `trigger`, `props`, `server`, `upload` and `watch` in scope. */
export function runOnLoad(code: string, args: unknown[]): void {
	try {
		const fn = new Function(...SCRIPT_ARGS, code) as (...a: unknown[]) => unknown;
		const result = fn(...args);
		if (result instanceof Promise) result.catch((error: unknown) => console.error("js_on_load failed:", error));
	} catch (error) {
		console.error("js_on_load failed:", error);
	}
}
