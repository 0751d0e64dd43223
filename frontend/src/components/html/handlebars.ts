// The Handlebars part of gr.HTML's templates, written for Trellis: Gradio 6.31 reads `html_template` and
// `css_template` as Handlebars templates with the library's built-in helpers only (if, unless, each, with,
// lookup, log) before it evaluates them as JavaScript template literals, so the same subset is here:
// `{{path}}` (HTML-escaped), `{{{path}}}` / `{{&path}}` (raw), `{{! comments }}`, `{{#if}}` / `{{else}}` /
// `{{else if}}`, `{{#unless}}`, `{{#each}}` (with `this`, `@index`, `@key`, `@first`, `@last` and
// `as |item i|`), `{{#with}}`, `{{^section}}`, `{{lookup a b}}`, subexpressions `(helper ...)`, `../` and
// `@root` paths, `~` whitespace control, standalone block lines removed, and `\{{` for a literal `{{`.
// Text outside the mustaches, `${...}` included, is left as it is.

type Value = unknown;

interface PathExpr {
	kind: "path";
	/** `@` data variable (`@index`, `@root.x`). */
	data: boolean;
	/** How many `../` it starts with. */
	up: number;
	parts: string[];
	/** `this`, `.` or a path that starts with `this.`: never a helper call. */
	scoped: boolean;
	original: string;
}
interface LiteralExpr {
	kind: "literal";
	value: Value;
}
interface SubExpr {
	kind: "sub";
	call: Call;
}
type Expr = PathExpr | LiteralExpr | SubExpr;

interface Call {
	head: Expr;
	params: Expr[];
	hash: Record<string, Expr>;
}

interface TextNode {
	type: "text";
	text: string;
}
interface MustacheNode {
	type: "mustache";
	call: Call;
	escaped: boolean;
}
interface BlockNode {
	type: "block";
	call: Call;
	inverted: boolean;
	blockParams: string[];
	program: Node[];
	inverse: Node[] | null;
}
type Node = TextNode | MustacheNode | BlockNode;

/** What a template string compiled to: call it with the context. */
export type Compiled = (context: Value) => string;

// -- tokens -----------------------------------------------------------------------------------------------

interface TextToken {
	t: "text";
	text: string;
}
interface TagToken {
	t: "tag";
	/** "", "#", "/", "^", "else", "!", "{", "&", ">" */
	op: string;
	body: string;
	stripLeft: boolean;
	stripRight: boolean;
	/** Where the tag began in the source (for error messages). */
	at: number;
}
type Token = TextToken | TagToken;

export class TemplateError extends Error {}

function lineOf(source: string, at: number): number {
	return source.slice(0, at).split("\n").length;
}

function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let text = "";
	let i = 0;
	while (i < source.length) {
		const open = source.indexOf("{{", i);
		if (open === -1) {
			text += source.slice(i);
			break;
		}
		// `\{{` is a literal mustache: the text up to its `}}` is kept as it is (without the backslash).
		if (open > 0 && source[open - 1] === "\\" && !(open > 1 && source[open - 2] === "\\")) {
			text += source.slice(i, open - 1);
			const close = source.indexOf("}}", open + 2);
			const end = close === -1 ? source.length : close + 2;
			text += source.slice(open, end);
			i = end;
			continue;
		}
		text += source.slice(i, open);
		let j = open + 2;
		let triple = false;
		if (source[j] === "{") {
			triple = true;
			j += 1;
		}
		let stripLeft = false;
		if (source[j] === "~") {
			stripLeft = true;
			j += 1;
		}
		let op = "";
		let closer = triple ? "}}}" : "}}";
		if (!triple && source.startsWith("!--", j)) {
			op = "!";
			closer = "--}}";
			j += 3;
		} else if (!triple && "#/^!&>".includes(source[j] ?? "")) {
			op = source[j] as string;
			j += 1;
		}
		let close = source.indexOf(closer, j);
		if (op === "!" && closer === "--}}") {
			// `{{!-- ... --~}}` too
			const tilde = source.indexOf("--~}}", j);
			if (tilde !== -1 && (close === -1 || tilde < close)) close = tilde;
		}
		if (close === -1) throw new TemplateError(`Unclosed "{{" on line ${lineOf(source, open)}`);
		let body = source.slice(j, close);
		let stripRight = false;
		if (op === "!" && closer === "--}}") {
			if (source.startsWith("--~}}", close)) stripRight = true;
			i = close + (stripRight ? 5 : 4);
		} else {
			if (body.endsWith("~")) {
				stripRight = true;
				body = body.slice(0, -1);
			}
			i = close + closer.length;
		}
		if (triple) op = "{";
		const trimmed = body.trim();
		if (op === "" && (trimmed === "else" || trimmed.startsWith("else ") || trimmed.startsWith("else\n"))) {
			op = "else";
			body = trimmed.slice(4);
		} else if (op === "^" && trimmed === "") {
			op = "else";
			body = "";
		}
		if (text) tokens.push({ t: "text", text });
		text = "";
		tokens.push({ t: "tag", op, body, stripLeft, stripRight, at: open });
	}
	if (text) tokens.push({ t: "text", text });
	return tokens;
}

/** Whitespace control: `~` strips the whitespace next to it; block tags alone on a line take the line out. */
function strip(tokens: Token[]): Token[] {
	const isStandaloneOp = (op: string) => op === "#" || op === "/" || op === "^" || op === "else" || op === "!";
	for (let k = 0; k < tokens.length; k += 1) {
		const token = tokens[k];
		if (token.t !== "tag") continue;
		const before = tokens[k - 1];
		const after = tokens[k + 1];
		if (token.stripLeft && before?.t === "text") before.text = before.text.replace(/\s+$/, "");
		if (token.stripRight && after?.t === "text") after.text = after.text.replace(/^\s+/, "");
		if (!isStandaloneOp(token.op)) continue;
		const prevOk = before === undefined ? k === 0 : before.t === "text" && /(^|\n)[ \t]*$/.test(before.text);
		const nextOk = after === undefined ? true : after.t === "text" && /^[ \t]*(\r?\n|$)/.test(after.text);
		// A text token before that is not at the template's start must end a line (or be only blanks at the start).
		const startsLine =
			before === undefined ||
			(before.t === "text" && (/\n[ \t]*$/.test(before.text) || (k === 1 && /^[ \t]*$/.test(before.text))));
		if (prevOk && nextOk && startsLine) {
			if (before?.t === "text") before.text = before.text.replace(/[ \t]*$/, "");
			if (after?.t === "text") after.text = after.text.replace(/^[ \t]*(\r?\n)?/, "");
		}
	}
	return tokens;
}

// -- expressions ------------------------------------------------------------------------------------------

class ExprReader {
	private i = 0;
	constructor(private readonly src: string) {}

	private skip(): void {
		while (this.i < this.src.length && /\s/.test(this.src[this.i])) this.i += 1;
	}

	done(): boolean {
		this.skip();
		return this.i >= this.src.length;
	}

	peek(): string {
		this.skip();
		return this.src[this.i] ?? "";
	}

	rest(): string {
		this.skip();
		return this.src.slice(this.i);
	}

	/** `as |a b|` at the end of a block's opening tag. */
	blockParams(): string[] {
		this.skip();
		const m = /^as\s+\|([^|]*)\|\s*$/.exec(this.src.slice(this.i));
		if (!m) return [];
		this.i = this.src.length;
		return m[1].trim().split(/\s+/).filter(Boolean);
	}

	call(closing = ""): Call {
		const head = this.expr();
		const params: Expr[] = [];
		const hash: Record<string, Expr> = {};
		for (;;) {
			this.skip();
			if (this.i >= this.src.length || (closing && this.src[this.i] === closing)) break;
			if (/^as\s+\|/.test(this.src.slice(this.i))) break;
			const key = /^([A-Za-z_$][\w$-]*)=/.exec(this.src.slice(this.i));
			if (key) {
				this.i += key[0].length;
				hash[key[1]] = this.expr();
			} else {
				params.push(this.expr());
			}
		}
		return { head, params, hash };
	}

	expr(): Expr {
		this.skip();
		const c = this.src[this.i];
		if (c === undefined) throw new TemplateError("Expected an expression");
		if (c === "(") {
			this.i += 1;
			const call = this.call(")");
			this.skip();
			if (this.src[this.i] !== ")") throw new TemplateError("Unclosed subexpression");
			this.i += 1;
			return { kind: "sub", call };
		}
		if (c === '"' || c === "'") {
			const end = this.src.indexOf(c, this.i + 1);
			if (end === -1) throw new TemplateError("Unclosed string");
			const value = this.src.slice(this.i + 1, end);
			this.i = end + 1;
			return { kind: "literal", value };
		}
		const m = /^(\[[^\]]*\]|[^\s()=]+)+/.exec(this.src.slice(this.i));
		if (!m) throw new TemplateError(`Unexpected "${c}"`);
		const word = m[0];
		this.i += word.length;
		if (/^-?\d+(\.\d+)?$/.test(word)) return { kind: "literal", value: Number(word) };
		if (word === "true" || word === "false") return { kind: "literal", value: word === "true" };
		if (word === "null") return { kind: "literal", value: null };
		if (word === "undefined") return { kind: "literal", value: undefined };
		return path(word);
	}
}

function path(word: string): PathExpr {
	let rest = word;
	const data = rest.startsWith("@");
	if (data) rest = rest.slice(1);
	let up = 0;
	while (rest.startsWith("../")) {
		up += 1;
		rest = rest.slice(3);
	}
	const parts = rest
		.split(/[./]/)
		.filter((p) => p !== "")
		.map((p) => (p.startsWith("[") && p.endsWith("]") ? p.slice(1, -1) : p));
	let scoped = false;
	if (!data && (parts[0] === "this" || rest === "." || rest === "")) {
		scoped = true;
		if (parts[0] === "this") parts.shift();
	}
	return { kind: "path", data, up, parts, scoped, original: word };
}

// -- parsing ------------------------------------------------------------------------------------------------

function parse(source: string): Node[] {
	const tokens = strip(tokenize(source));
	let k = 0;

	function program(closer: string | null): { nodes: Node[]; end: TagToken | null } {
		const nodes: Node[] = [];
		while (k < tokens.length) {
			const token = tokens[k];
			if (token.t === "text") {
				if (token.text) nodes.push({ type: "text", text: token.text });
				k += 1;
				continue;
			}
			if (token.op === "/" || token.op === "else") {
				if (closer === null) {
					throw new TemplateError(
						`Unexpected {{${token.op === "/" ? "/" : ""}${token.body.trim() || "else"}}} on line ${lineOf(source, token.at)}`,
					);
				}
				return { nodes, end: token };
			}
			k += 1;
			if (token.op === "!") continue;
			if (token.op === ">") throw new TemplateError(`Partials are not supported ({{>${token.body.trim()}}})`);
			if (token.op === "#" || token.op === "^") {
				nodes.push(block(token));
				continue;
			}
			const reader = new ExprReader(token.body);
			const call = reader.call();
			if (!reader.done()) throw new TemplateError(`Cannot read {{${token.body}}}`);
			nodes.push({ type: "mustache", call, escaped: token.op === "" });
		}
		if (closer !== null) throw new TemplateError(`{{#${closer}}} is not closed`);
		return { nodes, end: null };
	}

	function block(open: TagToken): BlockNode {
		const reader = new ExprReader(open.body);
		const call = reader.call();
		const blockParams = reader.blockParams();
		const name = call.head.kind === "path" ? call.head.original : "";
		const body = program(name);
		const node: BlockNode = {
			type: "block",
			call,
			inverted: open.op === "^",
			blockParams,
			program: body.nodes,
			inverse: null,
		};
		let end = body.end;
		if (end && end.op === "else") {
			k += 1;
			const rest = end.body.trim();
			if (rest) {
				// `{{else if x}}`: the rest of the chain is a block of its own, closed by this block's closing tag.
				const chained = block({ ...end, op: "#", body: rest });
				node.inverse = [chained];
				return node;
			}
			const inverse = program(name);
			node.inverse = inverse.nodes;
			end = inverse.end;
		}
		if (!end || end.op !== "/") throw new TemplateError(`{{#${name}}} is not closed`);
		if (end.body.trim() !== name) {
			throw new TemplateError(`{{#${name}}} is closed by {{/${end.body.trim()}}} on line ${lineOf(source, end.at)}`);
		}
		k += 1;
		return node;
	}

	return program(null).nodes;
}

// -- evaluation ---------------------------------------------------------------------------------------------

interface Frame {
	context: Value;
	data: Record<string, Value>;
	params: Record<string, Value>;
}

interface Options {
	fn: (context: Value, extra?: { data?: Record<string, Value>; params?: Value[] }) => string;
	inverse: (context: Value) => string;
	hash: Record<string, Value>;
	context: Value;
}

type Helper = (params: Value[], options: Options | null, hash: Record<string, Value>) => Value;

const ESCAPES: Record<string, string> = {
	"&": "&amp;",
	"<": "&lt;",
	">": "&gt;",
	'"': "&quot;",
	"'": "&#x27;",
	"`": "&#x60;",
	"=": "&#x3D;",
};

/** A value as Handlebars prints it (`null`/`undefined` as nothing, `false` and `0` as themselves). */
function show(value: Value): string {
	if (value === null || value === undefined) return "";
	if (typeof value === "string") return value;
	return String(value as string);
}

/** Handlebars' HTML escaping of `{{...}}` output. */
export function escapeExpression(value: Value): string {
	return show(value).replace(/[&<>"'`=]/g, (c) => ESCAPES[c]);
}

function isEmpty(value: Value): boolean {
	if (!value && value !== 0) return true;
	return Array.isArray(value) && value.length === 0;
}

/** The `#if` / `#unless` test: falsy values and empty lists, but 0 counts with `includeZero=true`. */
function falsy(cond: Value, hash: Record<string, Value>): boolean {
	return (hash.includeZero !== true && !cond) || isEmpty(cond);
}

function isFunction(value: Value): value is (...args: unknown[]) => unknown {
	return typeof value === "function";
}

function entries(value: Value): [Value, Value][] | null {
	if (value === null || value === undefined) return null;
	if (Array.isArray(value)) return value.map((item, index) => [index, item]);
	if (value instanceof Map) return [...value.entries()];
	if (typeof value === "object" && Symbol.iterator in value && typeof value !== "string") {
		return [...(value as Iterable<Value>)].map((item, index) => [index, item]);
	}
	if (typeof value === "object") return Object.keys(value).map((key) => [key, (value as Record<string, Value>)[key]]);
	return null;
}

const HELPERS: Record<string, Helper> = {
	if(params, options, hash) {
		if (!options) throw new TemplateError("#if needs a block");
		let cond = params[0];
		if (isFunction(cond)) cond = cond.call(options.context);
		return falsy(cond, hash) ? options.inverse(options.context) : options.fn(options.context);
	},
	unless(params, options, hash) {
		if (!options) throw new TemplateError("#unless needs a block");
		let cond = params[0];
		if (isFunction(cond)) cond = cond.call(options.context);
		return falsy(cond, hash) ? options.fn(options.context) : options.inverse(options.context);
	},
	each(params, options) {
		if (!options) throw new TemplateError("Must pass iterator to #each");
		let target = params[0];
		if (isFunction(target)) target = target.call(options.context);
		const items = entries(target);
		if (!items || items.length === 0) return options.inverse(options.context);
		const byIndex = Array.isArray(target) || !(target instanceof Map || typeof target === "object");
		return items
			.map(([key, item], index) =>
				options.fn(item, {
					data: { index, key, first: index === 0, last: index === items.length - 1 },
					params: [item, byIndex ? index : key],
				}),
			)
			.join("");
	},
	with(params, options) {
		if (!options) throw new TemplateError("#with needs a block");
		let target = params[0];
		if (isFunction(target)) target = target.call(options.context);
		return isEmpty(target) ? options.inverse(options.context) : options.fn(target, { params: [target] });
	},
	lookup(params) {
		const [obj, key] = params;
		if (obj === null || obj === undefined) return undefined;
		if (typeof key !== "string" && typeof key !== "number") return undefined;
		return (obj as Record<string | number, Value>)[key];
	},
	log(params) {
		console.log(...params);
		return "";
	},
};

class Evaluator {
	constructor(private readonly root: Value) {}

	private resolve(expr: PathExpr, frames: Frame[]): Value {
		const top = frames.length - 1;
		const frame = frames[Math.max(0, top - expr.up)];
		let value: Value;
		let parts = expr.parts;
		if (expr.data) {
			if (parts[0] === "root") {
				value = this.root;
			} else {
				value = frame.data[parts[0]];
			}
			parts = parts.slice(1);
		} else if (!expr.scoped && expr.up === 0 && parts.length > 0 && this.param(parts[0], frames) !== NOT_FOUND) {
			value = this.param(parts[0], frames);
			parts = parts.slice(1);
		} else {
			value = frame.context;
		}
		for (const part of parts) {
			if (value === null || value === undefined) return undefined;
			value = (value as Record<string, Value>)[part];
		}
		return value;
	}

	private param(name: string, frames: Frame[]): Value {
		for (let i = frames.length - 1; i >= 0; i -= 1) {
			if (Object.prototype.hasOwnProperty.call(frames[i].params, name)) return frames[i].params[name];
		}
		return NOT_FOUND;
	}

	private value(expr: Expr, frames: Frame[]): Value {
		if (expr.kind === "literal") return expr.value;
		if (expr.kind === "sub") return this.call(expr.call, frames, null);
		return this.resolve(expr, frames);
	}

	private helperName(call: Call): string | null {
		const head = call.head;
		if (head.kind !== "path" || head.data || head.up || head.scoped || head.parts.length !== 1) return null;
		return head.parts[0];
	}

	/** Evaluate a mustache or subexpression (`options` given for a block). */
	private call(call: Call, frames: Frame[], options: Options | null): Value {
		const name = this.helperName(call);
		const params = call.params.map((p) => this.value(p, frames));
		const hash = Object.fromEntries(Object.entries(call.hash).map(([k, v]) => [k, this.value(v, frames)]));
		if (name !== null && this.param(name, frames) === NOT_FOUND && Object.hasOwn(HELPERS, name)) {
			return HELPERS[name](params, options, hash);
		}
		const target = this.value(call.head, frames);
		if (isFunction(target)) {
			const context = frames[frames.length - 1].context;
			return target.call(context, ...params);
		}
		if (params.length || Object.keys(hash).length) {
			const shown = call.head.kind === "path" ? call.head.original : "expression";
			throw new TemplateError(`Missing helper: "${shown}"`);
		}
		return target;
	}

	render(nodes: Node[], frames: Frame[]): string {
		let out = "";
		for (const node of nodes) {
			if (node.type === "text") out += node.text;
			else if (node.type === "mustache") {
				const value = this.call(node.call, frames, null);
				out += node.escaped ? escapeExpression(value) : show(value);
			} else out += this.block(node, frames);
		}
		return out;
	}

	private block(node: BlockNode, frames: Frame[]): string {
		const current = frames[frames.length - 1];
		const options: Options = {
			context: current.context,
			hash: {},
			fn: (context, extra) => {
				const params: Record<string, Value> = {};
				node.blockParams.forEach((name, i) => (params[name] = extra?.params?.[i]));
				const data = extra?.data ? { ...current.data, ...extra.data } : current.data;
				return this.render(node.program, [...frames, { context, data, params }]);
			},
			inverse: (context) =>
				node.inverse ? this.render(node.inverse, [...frames, { context, data: current.data, params: {} }]) : "",
		};
		if (node.inverted) {
			// `{{^x}}`: shown where `{{#x}}` would show its {{else}}.
			let value = this.value(node.call.head, frames);
			if (isFunction(value)) value = value.call(current.context);
			const missing = value === false || value === null || value === undefined;
			return missing || (Array.isArray(value) && value.length === 0) ? options.fn(current.context) : "";
		}
		const name = this.helperName(node.call);
		if (name !== null && this.param(name, frames) === NOT_FOUND && Object.hasOwn(HELPERS, name)) {
			return show(this.call(node.call, frames, options));
		}
		if (node.call.params.length) {
			return show(this.call(node.call, frames, options));
		}
		// No such helper: Handlebars' "block helper missing" rule, by the value's kind.
		let value = this.value(node.call.head, frames);
		if (isFunction(value)) value = value.call(current.context);
		if (value === true) return options.fn(current.context);
		if (value === false || value === null || value === undefined) return options.inverse(current.context);
		if (Array.isArray(value)) {
			if (value.length === 0) return options.inverse(current.context);
			return value
				.map((item, index) =>
					options.fn(item, { data: { index, first: index === 0, last: index === value.length - 1 } }),
				)
				.join("");
		}
		return options.fn(value);
	}
}

const NOT_FOUND = Symbol("not found");

const cache = new Map<string, Node[] | TemplateError>();

/** Compile `source` (parsed once and cached; a syntax error is thrown when it is called). */
export function compile(source: string): Compiled {
	let parsed = cache.get(source);
	if (parsed === undefined) {
		try {
			parsed = parse(source);
		} catch (error) {
			parsed = error instanceof TemplateError ? error : new TemplateError(String(error));
		}
		if (cache.size > 200) cache.clear();
		cache.set(source, parsed);
	}
	const nodes = parsed;
	return (context) => {
		if (nodes instanceof TemplateError) throw nodes;
		const evaluator = new Evaluator(context);
		return evaluator.render(nodes, [{ context, data: { root: context }, params: {} }]);
	};
}
