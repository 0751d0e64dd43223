// Completion suggestions of the editable Code view (gr.Code(autocomplete=True)), as Gradio 6.31's editor
// offers them: for Python its builtins (constants, exception types, classes, functions) and statement
// snippets; for JavaScript/TypeScript its keywords and statement snippets; for both, the names the
// document itself defines (assignments, functions, classes, parameters, imports). Nothing inside
// strings or comments, nor after a "." (no property completions). Other languages get none.
//
// Matching and ranking follow the editor's observed order: an exact-case prefix first, then a
// case-folded prefix, then the pattern elsewhere in the word, then by word starts, then scattered
// letters; shorter words first within a tier, ties alphabetical (locale order).

export type CompletionKind =
	| "keyword"
	| "function"
	| "class"
	| "type"
	| "constant"
	| "variable"
	| "namespace"
	| "property";

export interface Completion {
	label: string;
	kind: CompletionKind;
	/** Shown in italics after the label (snippets: what they write). */
	detail?: string;
	/** A snippet: `${name}` fields (selected in turn by Tab), `${}` empty stops, "\t" one indent level. */
	snippet?: string;
}

export interface Option extends Completion {
	score: number;
	/** The label's matched characters, as [from, to) pairs, underlined in the list. */
	matched: number[];
}

export interface CompletionResult {
	/** Where the completed word starts in the text. */
	from: number;
	options: Option[];
}

const words = (list: string, kind: CompletionKind): Completion[] =>
	list.split(" ").map((label) => ({ label, kind }));

// Python's builtins module, by kind.
const PYTHON_GLOBALS: Completion[] = [
	...words(
		"__annotations__ __builtins__ __debug__ __doc__ __import__ __name__ __loader__ __package__ __spec__ False None True",
		"constant",
	),
	...words(
		"ArithmeticError AssertionError AttributeError BaseException BlockingIOError BrokenPipeError BufferError " +
			"BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError " +
			"ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception " +
			"FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError " +
			"ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt " +
			"LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError NotImplemented " +
			"NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError " +
			"RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration " +
			"StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError " +
			"UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError " +
			"UnicodeWarning UserWarning ValueError Warning ZeroDivisionError",
		"type",
	),
	...words(
		"bool bytearray bytes classmethod complex float frozenset int list map memoryview object range set " +
			"staticmethod str super tuple type",
		"class",
	),
	...words(
		"abs aiter all anext any ascii bin breakpoint callable chr compile delattr dict dir divmod enumerate eval " +
			"exec exit filter format getattr globals hasattr hash help hex id input isinstance issubclass iter len " +
			"license locals max min next oct open ord pow print property quit repr reversed round setattr slice " +
			"sorted sum vars zip",
		"function",
	),
];

const snippet = (label: string, detail: string, body: string): Completion => ({
	label,
	kind: "keyword",
	detail,
	snippet: body,
});

const PYTHON_SNIPPETS: Completion[] = [
	snippet("def", "function", "def ${name}(${params}):\n\t${}"),
	snippet("for", "loop", "for ${name} in ${collection}:\n\t${}"),
	snippet("while", "loop", "while ${}:\n\t${}"),
	snippet("try", "/ except block", "try:\n\t${}\nexcept ${error}:\n\t${}"),
	snippet("if", "block", "if ${}:\n\t\n"),
	snippet("if", "/ else block", "if ${}:\n\t${}\nelse:\n\t${}"),
	snippet("class", "definition", "class ${name}:\n\tdef __init__(self, ${params}):\n\t\t\t${}"),
	snippet("import", "statement", "import ${module}"),
	snippet("from", "import", "from ${module} import ${names}"),
];

const JS_SNIPPETS: Completion[] = [
	snippet("function", "definition", "function ${name}(${params}) {\n\t${}\n}"),
	snippet("for", "loop", "for (let ${index} = 0; ${index} < ${bound}; ${index}++) {\n\t${}\n}"),
	snippet("for", "of loop", "for (let ${name} of ${collection}) {\n\t${}\n}"),
	snippet("do", "loop", "do {\n\t${}\n} while (${})"),
	snippet("while", "loop", "while (${}) {\n\t${}\n}"),
	snippet("try", "/ catch block", "try {\n\t${}\n} catch (${error}) {\n\t${}\n}"),
	snippet("if", "block", "if (${}) {\n\t${}\n}"),
	snippet("if", "/ else block", "if (${}) {\n\t${}\n} else {\n\t${}\n}"),
	snippet("class", "definition", "class ${name} {\n\tconstructor(${params}) {\n\t\t${}\n\t}\n}"),
	snippet("import", "named", 'import {${names}} from "${module}"\n${}'),
	snippet("import", "default", 'import ${name} from "${module}"\n${}'),
];

const JS_KEYWORDS = words(
	"break case const continue default delete export extends false finally in instanceof let new return static " +
		"super switch this throw true typeof var yield",
	"keyword",
);

const TS_EXTRA: Completion[] = [
	snippet("interface", "definition", "interface ${name} {\n\t${}\n}"),
	snippet("type", "definition", "type ${name} = ${type}"),
	snippet("enum", "definition", "enum ${name} {\n\t${}\n}"),
	...words("declare implements private protected public", "keyword"),
];

type Family = "python" | "javascript" | "typescript";

function family(language: string | null | undefined): Family | null {
	const key = (language ?? "").trim().toLowerCase();
	if (key === "python" || key === "py") return "python";
	if (key === "javascript" || key === "js") return "javascript";
	if (key === "typescript" || key === "ts") return "typescript";
	return null;
}

/** The fixed suggestions of a language (null: the language has none). */
export function languageCompletions(language: string | null | undefined): Completion[] | null {
	switch (family(language)) {
		case "python":
			return [...PYTHON_GLOBALS, ...PYTHON_SNIPPETS];
		case "javascript":
			return [...JS_SNIPPETS, ...JS_KEYWORDS];
		case "typescript":
			return [...JS_SNIPPETS, ...TS_EXTRA.filter((c) => c.snippet), ...JS_KEYWORDS, ...TS_EXTRA.filter((c) => !c.snippet)];
		default:
			return null;
	}
}

const isUpper = (ch: string): boolean => ch !== ch.toLowerCase();
const isLower = (ch: string): boolean => ch !== ch.toUpperCase() || /[0-9]/.test(ch);
const isWordChar = (ch: string): boolean => isUpper(ch) || isLower(ch);
const fold = (ch: string): string => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase());

/** [from, to) pairs covering the given character positions (merged when adjacent). */
function spans(positions: number[]): number[] {
	const out: number[] = [];
	for (const pos of positions) {
		if (out.length && out[out.length - 1] === pos) out[out.length - 1] = pos + 1;
		else out.push(pos, pos + 1);
	}
	return out;
}

/**
 * How well `word` matches the typed `pattern`: a score (higher is better, 0 an exact match) and the
 * matched characters, or null when it does not match. A one-letter pattern only matches a word's first
 * letter; a two-letter one only adjacent or word-start letters.
 */
export function fuzzyMatch(pattern: string, word: string): { score: number; matched: number[] } | null {
	const CASE = -200;
	const ELSEWHERE = -700;
	const WORDS = -100;
	const PARTIAL = -100;
	const GAP = -1100;
	if (!pattern) return { score: PARTIAL, matched: [] };
	const pat = [...pattern];
	const chars = [...word];
	if (chars.length < pat.length) return null;
	if (pat.length === 1) {
		const base = chars.length === 1 ? 0 : PARTIAL;
		if (chars[0] === pat[0]) return { score: base, matched: [0, 1] };
		if (chars[0] === fold(pat[0])) return { score: base + CASE, matched: [0, 1] };
		return null;
	}
	const same = (a: string, i: number): boolean => a === pat[i] || a === fold(pat[i]);
	const exact = word.indexOf(pattern);
	if (exact === 0) return { score: chars.length === pat.length ? 0 : PARTIAL, matched: [0, pat.length] };

	// The pattern, case-folded, as a contiguous run.
	let run = -1;
	for (let i = 0; i + pat.length <= chars.length && run < 0; i++) {
		if (pat.every((_, k) => same(chars[i + k], k))) run = i;
	}
	// The pattern's letters on word starts (the first letter, an upper-case letter after lower-case
	// letters, a letter after a non-letter), in order.
	const hasLower = /[a-z]/.test(word);
	const starts: number[] = [];
	let folded = false;
	let adjacent = true;
	for (let i = 0; i < chars.length && starts.length < pat.length; i++) {
		const ch = chars[i];
		const prev = i ? chars[i - 1] : "";
		const start = i === 0 || (isUpper(ch) && hasLower) || (!isWordChar(prev) && isWordChar(ch));
		if (!start) continue;
		if (ch === pat[starts.length]) starts.push(i);
		else if (ch === fold(pat[starts.length])) {
			folded = true;
			starts.push(i);
		} else if (starts.length) adjacent = false;
	}
	const byWord = starts.length === pat.length;
	if (byWord && starts[0] === 0 && adjacent)
		return { score: WORDS + (folded ? CASE : 0) - chars.length, matched: spans(starts) };
	if (run === 0)
		return {
			score: CASE - chars.length + (pat.length === chars.length ? 0 : PARTIAL),
			matched: [0, pat.length],
		};
	if (exact > 0) return { score: ELSEWHERE - chars.length, matched: [exact, exact + pat.length] };
	if (run > 0) return { score: CASE + ELSEWHERE - chars.length, matched: [run, run + pat.length] };
	if (byWord)
		return {
			score: WORDS + (folded ? CASE : 0) + ELSEWHERE + (adjacent ? 0 : GAP) - chars.length,
			matched: spans(starts),
		};
	if (pat.length === 2) return null;
	// Scattered letters, in order.
	const any: number[] = [];
	for (let i = 0; i < chars.length && any.length < pat.length; i++) if (same(chars[i], any.length)) any.push(i);
	if (any.length < pat.length) return null;
	return { score: (any[0] ? ELSEWHERE : 0) + CASE + GAP - chars.length, matched: spans(any) };
}

/**
 * Whether `pos` lies in a string or a comment (Python: #, quotes and triple quotes; JavaScript: //,
 * /* *\/, quotes and template literals).
 */
export function inStringOrComment(text: string, pos: number, language: string | null | undefined): boolean {
	const fam = family(language);
	if (!fam) return false;
	const python = fam === "python";
	let i = 0;
	while (i < pos) {
		const ch = text[i];
		if (python ? ch === "#" : text.startsWith("//", i)) {
			const end = text.indexOf("\n", i);
			if (end < 0 || end >= pos) return true;
			i = end + 1;
		} else if (!python && text.startsWith("/*", i)) {
			const end = text.indexOf("*/", i + 2);
			if (end < 0 || end + 2 > pos) return true;
			i = end + 2;
		} else if (ch === '"' || ch === "'" || (!python && ch === "`")) {
			const triple = python && text.startsWith(ch.repeat(3), i);
			const close = triple ? ch.repeat(3) : ch;
			let j = i + close.length;
			let closed = -1;
			while (j < text.length) {
				if (text[j] === "\\") j += 2;
				else if (text.startsWith(close, j)) {
					closed = j + close.length;
					break;
				} else if (text[j] === "\n" && !triple && ch !== "`") break;
				else j++;
			}
			if (closed < 0) {
				// unterminated: the string runs to the line's end (or the text's, for long strings)
				const end = triple || ch === "`" ? text.length : j;
				if (pos <= end) return true;
				i = end;
			} else if (closed > pos) return true;
			else i = closed;
		} else i++;
	}
	return false;
}

const IDENT = "[A-Za-z_$\\u00a1-\\uffff][\\w$\\u00a1-\\uffff]*";

/** Names the document defines, with their kind (the first kind wins for a name). */
export function documentNames(text: string, language: string | null | undefined): Completion[] {
	const fam = family(language);
	if (!fam) return [];
	const found = new Map<string, CompletionKind>();
	const add = (name: string | undefined, kind: CompletionKind): void => {
		if (name && !found.has(name)) found.set(name, kind);
	};
	const params = (list: string): void => {
		for (const part of list.split(",")) add(new RegExp(`^\\s*[*.]*\\s*(${IDENT})`).exec(part)?.[1], "variable");
	};
	if (fam === "python") {
		for (const line of text.split("\n")) {
			let m: RegExpExecArray | null;
			if ((m = new RegExp(`^\\s*(?:async\\s+)?def\\s+(${IDENT})\\s*(?:\\(([^)]*))?`).exec(line))) {
				add(m[1], "function");
				params(m[2] ?? "");
			} else if ((m = new RegExp(`^\\s*class\\s+(${IDENT})`).exec(line))) add(m[1], "class");
			else if ((m = /^\s*import\s+(.+)$/.exec(line))) {
				for (const part of m[1].split(",")) {
					const alias = new RegExp(`\\bas\\s+(${IDENT})`).exec(part)?.[1];
					add(alias ?? new RegExp(`^\\s*(${IDENT})`).exec(part)?.[1], "namespace");
				}
			} else if ((m = /^\s*from\s+\S+\s+import\s+\(?([^)#]+)/.exec(line))) {
				for (const part of m[1].split(",")) {
					const alias = new RegExp(`\\bas\\s+(${IDENT})`).exec(part)?.[1];
					add(alias ?? new RegExp(`^\\s*(${IDENT})`).exec(part)?.[1], "variable");
				}
			} else if ((m = /^\s*(?:async\s+)?for\s+(.+?)\s+in\b/.exec(line))) {
				for (const name of m[1].split(",")) add(new RegExp(`(${IDENT})`).exec(name)?.[1], "variable");
			} else if ((m = /^\s*([\w\s,]+?)\s*(?::[^=]*)?=(?!=)/.exec(line))) {
				for (const name of m[1].split(",")) {
					const n = name.trim();
					if (new RegExp(`^${IDENT}$`).test(n)) add(n, "variable");
				}
			}
			for (const as of line.matchAll(new RegExp(`\\b(?:with|except)\\b.*?\\bas\\s+(${IDENT})`, "g")))
				add(as[1], "variable");
			for (const lam of line.matchAll(/\blambda\s+([^:]*):/g)) params(lam[1]);
		}
	} else {
		const patterns: [RegExp, CompletionKind][] = [
			[new RegExp(`\\bfunction\\s*\\*?\\s*(${IDENT})`, "g"), "function"],
			[new RegExp(`\\bclass\\s+(${IDENT})`, "g"), "class"],
			[new RegExp(`\\b(?:let|const|var)\\s+(${IDENT})`, "g"), "variable"],
			[new RegExp(`\\bimport\\s+(${IDENT})\\s+from\\b`, "g"), "variable"],
			[new RegExp(`\\bcatch\\s*\\(\\s*(${IDENT})`, "g"), "variable"],
		];
		if (fam === "typescript") {
			patterns.push([new RegExp(`\\b(?:interface|type)\\s+(${IDENT})`, "g"), "type"]);
			patterns.push([new RegExp(`\\benum\\s+(${IDENT})`, "g"), "constant"]);
		}
		for (const [re, kind] of patterns) for (const m of text.matchAll(re)) add(m[1], kind);
		for (const m of text.matchAll(/\bimport\s*\{([^}]*)\}/g))
			for (const part of m[1].split(",")) {
				const alias = new RegExp(`\\bas\\s+(${IDENT})`).exec(part)?.[1];
				add(alias ?? new RegExp(`^\\s*(${IDENT})`).exec(part)?.[1], "variable");
			}
		for (const m of text.matchAll(new RegExp(`\\bfunction\\s*\\*?\\s*(?:${IDENT})?\\s*\\(([^)]*)\\)`, "g")))
			params(m[1].replace(/=[^,]*/g, ""));
		for (const m of text.matchAll(new RegExp(`\\(([^()]*)\\)\\s*=>|\\b(${IDENT})\\s*=>`, "g"))) {
			if (m[1] !== undefined) params(m[1].replace(/=[^,]*/g, ""));
			else add(m[2], "variable");
		}
	}
	return [...found].map(([label, kind]) => ({ label, kind }));
}

/** Whether the word at [from, to) is a name being defined (so the document's names include it). */
function defines(text: string, from: number, to: number, language: string | null | undefined): boolean {
	const lineStart = text.lastIndexOf("\n", from - 1) + 1;
	const lineEnd = text.indexOf("\n", to);
	const before = text.slice(lineStart, from);
	const after = text.slice(to, lineEnd < 0 ? text.length : lineEnd);
	if (family(language) === "python")
		return (
			/^\s*(?:(?:async\s+)?def|class|import|from\s+\S+\s+import|(?:async\s+)?for)\s+(?:[\w.]+\s*,\s*)*$/.test(before) ||
			/^\s*(?:async\s+)?def\s+\w+\s*\((?:[^)]*,)?\s*[*]*$/.test(before) ||
			(/^\s*(?:\w+\s*,\s*)*$/.test(before) && /^\s*(?:,\s*\w+\s*)*(?::[^=]*)?=(?!=)/.test(after))
		);
	return /\b(?:function\s*\*?|class|let|const|var|import)\s+$/.test(before) || /\bimport\s*\{[^}]*$/.test(before);
}

/**
 * The suggestions at `pos` in `text`: null when the language has none, the cursor is in a string or
 * comment or after ".", no word is being typed (unless `explicit`), or nothing matches.
 */
export function complete(
	text: string,
	pos: number,
	language: string | null | undefined,
	explicit = false,
): CompletionResult | null {
	const fixed = languageCompletions(language);
	if (!fixed) return null;
	const before = text.slice(0, pos);
	const word = /[\w$\u00a1-\uffff]*$/.exec(before)![0];
	const from = pos - word.length;
	if (!word && !explicit) return null;
	if (word && /^\d/.test(word)) return null;
	if (/\.\s*$/.test(text.slice(0, from)) || inStringOrComment(text, pos, language)) return null;
	// The document's own names, except the word being typed (as it stands in the text) unless it is
	// itself being defined there (a def's or class's name, an import, a parameter...).
	const after = /^[\w$\u00a1-\uffff]*/.exec(text.slice(pos))![0];
	const defining = word !== "" && defines(text, from, pos + after.length, language);
	// JavaScript offers nothing for a name being declared; Python offers the name itself and the rest.
	if (defining && family(language) !== "python") return null;
	const rest = text.slice(0, from) + text.slice(pos + after.length);
	const own = documentNames(rest, language);
	const whole = word + after;
	if (defining && !own.some((c) => c.label === whole)) {
		const self = documentNames(text, language).find((c) => c.label === whole);
		if (self) own.unshift(self);
	}
	const options: Option[] = [];
	for (const completion of [...own, ...fixed]) {
		const match = fuzzyMatch(word, completion.label);
		if (match) options.push({ ...completion, ...match });
	}
	if (!options.length) return null;
	// Stable sort: equal labels keep their list order.
	options.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
	return { from, options };
}

export interface Expansion {
	text: string;
	/** Tab stops, in order, as [from, to) offsets in `text` (the first is selected on accept). */
	fields: [number, number][];
}

/**
 * A snippet's text at a line indented by `indent`: each "\t" one level of two spaces, each new line
 * keeping the line's indentation, `${name}` written as its name and `${}` as nothing.
 */
export function expandSnippet(template: string, indent: string): Expansion {
	const lines = template.split("\n").map((line, i) => {
		const tabs = /^\t*/.exec(line)![0].length;
		return (i ? indent : "") + "  ".repeat(tabs) + line.slice(tabs);
	});
	const source = lines.join("\n");
	let text = "";
	const named = new Map<string, number>();
	const stops: { order: number; range: [number, number] }[] = [];
	let order = 0;
	let last = 0;
	for (const m of source.matchAll(/\$\{([^}]*)\}/g)) {
		text += source.slice(last, m.index);
		const name = m[1];
		const start = text.length;
		text += name;
		last = m.index! + m[0].length;
		if (name && named.has(name)) continue; // a repeated field: its first place is the stop
		if (name) named.set(name, order);
		stops.push({ order: order++, range: [start, text.length] });
	}
	text += source.slice(last);
	return { text, fields: stops.map((s) => s.range) };
}
