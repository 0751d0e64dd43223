// Helpers of the Code view: Gradio-like token classes on top of highlight.js output, fold ranges,
// the editor's row limits and the download's file name.

/** Languages whose bare identifiers, operators and brackets get their own colours (as CodeMirror's). */
const PROGRAM = new Set(["python", "javascript", "typescript", "c", "cpp", "java", "go", "rust"]);
/** Languages whose brackets and separators get their own colours. */
const BRACKETED = new Set([...PROGRAM, "json"]);
/** hljs spans whose plain text is still split into tokens. */
const OPEN_SPANS = /class="hljs-(params|subst|punctuation)"/;

const TOKEN =
	/(&(?:[a-z]+|#x?[0-9a-f]+);)|([A-Za-z_$][\w$]*)|([+\-*/%=!|^~<>?&]+)|(\.)|([,;])|([{}])|([[\]])|(@)|(\s+)|([^\s])/gi;

/**
 * Add token classes to highlight.js HTML: identifiers (`tok-var`, `tok-fn` before "(", `tok-prop`
 * after "."), operators (`tok-op`; `tok-mod` for * and ** in
 * parameters), separators (`tok-sep`), braces (`tok-brace`), square brackets
 * (`tok-square`), and `tok-bool` on true/false literals, so Code can colour them as Gradio's editor does.
 */
export function refineTokens(html: string, language: string | null): string {
	if (!language || !BRACKETED.has(language)) return html;
	const identifiers = PROGRAM.has(language);
	const stack: boolean[] = [];
	const params: boolean[] = [];
	let previous = "";
	let out = "";
	const part = /<span[^>]*>|<\/span>|[^<]+|</g;
	for (const match of html.matchAll(part)) {
		const piece = match[0];
		if (piece.startsWith("<span")) {
			stack.push(OPEN_SPANS.test(piece));
			params.push(piece.includes('"hljs-params"'));
			out += piece;
			continue;
		}
		if (piece === "</span>") {
			stack.pop();
			params.pop();
			out += piece;
			continue;
		}
		if (stack.length && !stack[stack.length - 1]) {
			out += piece;
			const last = piece.replace(/&[^;]*;/g, "x").trimEnd();
			if (last) previous = last[last.length - 1];
			continue;
		}
		out += piece.replace(TOKEN, (token, entity, ident, op, dot, sep, brace, square, at, space, other, offset) => {
			let cls = "";
			if (ident && identifiers) {
				const rest = piece.slice(offset + token.length);
				cls = previous === "." ? "tok-prop" : /^\s*\(/.test(rest) ? "tok-fn" : "tok-var";
			} else if (op && identifiers && params[params.length - 1] && /^\*{1,2}$/.test(op)) cls = "tok-mod";
			else if (op || dot || (entity && /^&(lt|gt|amp);$/.test(entity))) cls = identifiers ? "tok-op" : "";
			else if (sep || (other === ":" && !identifiers)) cls = "tok-sep";
			else if (brace) cls = "tok-brace";
			else if (square) cls = "tok-square";
			else if (at) cls = "tok-meta";
			if (!space) previous = entity ? "x" : token[token.length - 1];
			return cls ? `<span class="${cls}">${token}</span>` : token;
		});
	}
	return out.replace(
		/<span class="hljs-literal">(?=(?:<span class="hljs-keyword">)?(?:true|false|True|False)<)/g,
		'<span class="hljs-literal tok-bool">',
	);
}

/**
 * Foldable ranges, by indentation: a line whose next non-blank line is indented deeper folds the lines
 * after it up to the last one indented deeper (blank lines at its end stay out). Returns, per line
 * index, the index of the range's last line.
 */
export function foldRanges(lines: string[]): Map<number, number> {
	const indent = (line: string): number | null => (line.trim() ? /^[ \t]*/.exec(line)![0].replace(/\t/g, "    ").length : null);
	const levels = lines.map(indent);
	const ranges = new Map<number, number>();
	for (let i = 0; i < lines.length; i++) {
		const own = levels[i];
		if (own === null) continue;
		let end = -1;
		for (let j = i + 1; j < lines.length; j++) {
			const level = levels[j];
			if (level === null) continue;
			if (level <= own) break;
			end = j;
		}
		if (end > i) ranges.set(i, end);
	}
	return ranges;
}

/** Gradio's editor height in rows of 14px: `lines` + 1 (1 stays 1); `max_lines` + 1 when set. */
export function editorRows(lines: unknown, maxLines: unknown): { min: number; max: number | null } {
	const min = Math.max(1, Math.floor(Number(lines ?? 5)) || 1);
	const max = typeof maxLines === "number" && maxLines > 0 ? Math.floor(maxLines) + 1 : null;
	return { min: min === 1 ? 1 : min + 1, max };
}

const EXTENSIONS: Record<string, string> = {
	py: "py",
	python: "py",
	md: "md",
	markdown: "md",
	json: "json",
	html: "html",
	css: "css",
	js: "js",
	javascript: "js",
	ts: "ts",
	typescript: "ts",
	yaml: "yaml",
	yml: "yml",
	dockerfile: "dockerfile",
	sh: "sh",
	shell: "sh",
	r: "r",
	c: "c",
	cpp: "cpp",
	latex: "tex",
};

/** The downloaded file's name, as Gradio's: `file.<extension of the language>` (`file.txt` otherwise). */
export function downloadName(language: string | null | undefined): string {
	return `file.${(language && EXTENSIONS[language]) || "txt"}`;
}
