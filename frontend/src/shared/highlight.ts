// Syntax highlighting with highlight.js core and a small set of languages (keeps the chunk small).
// Output is HTML-escaped text with `<span class="hljs-…">` tokens; colours come from the
// `--code-*` theme variables (see shared/HighlightTheme.svelte).

import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import css from "highlight.js/lib/languages/css";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import markdown from "highlight.js/lib/languages/markdown";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";

const languages = { bash, c, cpp, css, go, java, javascript, json, markdown, python, rust, shell, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

// Names used by the Code component (and common fence tags) that the grammars don't alias themselves.
const extraAliases: Record<string, string> = {
	html: "xml",
	svg: "xml",
	jinja2: "xml",
	dockerfile: "bash",
	shell: "bash", // Code(language="shell") holds scripts; the "shell" grammar is for console sessions
	sh: "bash",
	console: "shell",
	zsh: "bash",
	jsonc: "json",
	json5: "json",
	jsx: "javascript",
	tsx: "typescript",
	mjs: "javascript",
	cjs: "javascript",
	"c++": "cpp",
	golang: "go",
	rs: "rust",
	yml: "yaml",
	md: "markdown",
	py: "python",
	python3: "python",
	ipython: "python",
};

/** The registered highlight.js language for a name or alias (`"py"`, `"sql-postgreSQL"`, …), or null. */
export function languageFor(name: string | null | undefined): string | null {
	if (!name) return null;
	let key = name.trim().toLowerCase();
	if (key.startsWith("sql-")) key = "sql";
	key = extraAliases[key] ?? key;
	const language = hljs.getLanguage(key);
	if (!language) return null;
	// getLanguage also resolves the grammars' own aliases; return the canonical registered name.
	return Object.keys(languages).find((k) => hljs.getLanguage(k) === language) ?? key;
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escape text for use in HTML text or a quoted attribute. (sanitize.ts has the same helper: each
 * chunk keeps its own copy so HTML does not pull in highlight.js, nor Code DOMPurify.)
 */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => entities[ch]);
}

/** Highlighted HTML for `code`; plain escaped text when the language is unknown or missing. */
export function highlight(code: string, language?: string | null): string {
	const lang = languageFor(language);
	if (!lang) return escapeHtml(code);
	try {
		return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
	} catch {
		return escapeHtml(code);
	}
}

/**
 * Split highlighted HTML into one string per source line, closing the spans still open at each
 * line end and reopening them on the next line, so every line is well-formed HTML on its own.
 */
export function splitHighlightedLines(html: string): string[] {
	const lines: string[] = [];
	const open: string[] = [];
	let current = "";
	const token = /<span[^>]*>|<\/span>|\n|[^<\n]+|</g;
	for (const match of html.matchAll(token)) {
		const part = match[0];
		if (part === "\n") {
			current += "</span>".repeat(open.length);
			lines.push(current);
			current = open.join("");
		} else if (part.startsWith("<span")) {
			open.push(part);
			current += part;
		} else if (part === "</span>") {
			open.pop();
			current += part;
		} else {
			current += part;
		}
	}
	lines.push(current + "</span>".repeat(open.length));
	return lines;
}
