// @vitest-environment happy-dom
import "./happy-dom-fixes.testutil";
import katex from "katex";
import { beforeAll, describe, expect, it } from "vitest";
import {
	DEFAULT_LATEX_DELIMITERS,
	hasFencedCode,
	hasLatex,
	highlighterIfLoaded,
	loadHighlighter,
	normalizeDelimiters,
	renderMarkdown,
	renderInlineMarkdown,
	renderMarkdownAsync,
	slugify,
	splitMarkdownBlocks,
} from "./markdown";

function dom(html: string): HTMLElement {
	const div = document.createElement("div");
	div.innerHTML = html;
	return div;
}

describe("highlighter loading", () => {
	it("shows code plain until highlight.js is loaded, then highlights", async () => {
		const text = "```python\nimport os\n```";
		expect(hasFencedCode(text)).toBe(true);
		expect(hasFencedCode("no code\n\n    indented\n\n```\nno language\n```")).toBe(false);
		expect(highlighterIfLoaded()).toBeNull();
		const plain = dom(renderMarkdown(text)).querySelector("pre code")!;
		expect(plain.querySelector("span")).toBeNull();
		expect(plain.textContent).toBe("import os\n");
		const html = await renderMarkdownAsync(text);
		expect(dom(html).querySelector("pre code .hljs-keyword")?.textContent).toBe("import");
	});
});

describe("renderMarkdown", () => {
	beforeAll(async () => {
		await loadHighlighter();
	});

	it("renders GFM tables", () => {
		const root = dom(renderMarkdown("| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |"));
		expect(root.querySelectorAll("table thead th")).toHaveLength(2);
		expect([...root.querySelectorAll("tbody td")].map((td) => td.textContent)).toEqual(["1", "2", "3", "4"]);
	});

	it("renders task lists, strikethrough and autolinks", () => {
		const root = dom(renderMarkdown("- [x] done\n- [ ] todo\n\n~~gone~~ see https://example.com/x"));
		const boxes = root.querySelectorAll('input[type="checkbox"]');
		expect(boxes).toHaveLength(2);
		expect((boxes[0] as HTMLInputElement).hasAttribute("checked")).toBe(true);
		expect(root.querySelector("del")?.textContent).toBe("gone");
		expect(root.querySelector("a")?.getAttribute("href")).toBe("https://example.com/x");
	});

	it("highlights fenced code with hljs classes", () => {
		const root = dom(renderMarkdown("```python\ndef f(x):\n    return 'hi'  # note\n```"));
		const code = root.querySelector("pre code")!;
		expect(code.className).toContain("hljs");
		expect(code.className).toContain("language-python");
		expect(code.querySelector(".hljs-keyword")?.textContent).toBe("def");
		expect(code.querySelector(".hljs-string")?.textContent).toBe("'hi'");
		expect(code.querySelector(".hljs-comment")?.textContent).toBe("# note");
	});

	it("resolves language aliases and leaves unknown languages plain", () => {
		expect(dom(renderMarkdown("```js\nconst a = 1;\n```")).querySelector("code")?.className).toContain("language-javascript");
		const plain = dom(renderMarkdown("```nosuchlang\n<b>x</b>\n```")).querySelector("code")!;
		expect(plain.querySelector("span")).toBeNull();
		expect(plain.textContent).toBe("<b>x</b>\n");
	});

	it("adds copy buttons to code blocks only when asked", () => {
		expect(renderMarkdown("```\nx\n```")).not.toContain("code-copy");
		expect(dom(renderMarkdown("```\nx\n```", { codeCopyButtons: true })).querySelector("button.code-copy")).not.toBeNull();
	});

	it("draws the copy button as an icon in the block's corner, ahead of the code, as Gradio's", () => {
		const block = dom(renderMarkdown("```\nx\n```", { codeCopyButtons: true })).querySelector(".code-block")!;
		const button = block.firstElementChild!;
		expect(button.matches("button.code-copy")).toBe(true);
		expect(button.getAttribute("aria-label")).toBe("Copy code");
		expect(button.textContent).toBe("");
		expect(button.querySelectorAll("svg")).toHaveLength(2);
		expect(block.lastElementChild!.tagName).toBe("PRE");
	});

	it("gives links rel=noopener noreferrer and opens external links in a new tab", () => {
		const root = dom(renderMarkdown("[ext](https://example.org/a) [local](/page) [anchor](#sec)"));
		const [ext, local, anchor] = [...root.querySelectorAll("a")];
		expect(ext.getAttribute("rel")).toBe("noopener noreferrer");
		expect(ext.getAttribute("target")).toBe("_blank");
		expect(local.getAttribute("rel")).toBe("noopener noreferrer");
		expect(local.hasAttribute("target")).toBe(false);
		expect(anchor.getAttribute("href")).toBe("#sec");
	});

	it("adds rel to raw HTML links too", () => {
		const a = dom(renderMarkdown('<a href="https://x.test" target="_blank">x</a>')).querySelector("a")!;
		expect(a.getAttribute("rel")).toContain("noopener");
	});

	it("sanitises raw HTML unless told not to", () => {
		const text = 'Hi <img src=x onerror="alert(1)"> <script>alert(2)</script>\n\n[x](javascript:alert(3))';
		const safe = renderMarkdown(text);
		expect(safe).not.toMatch(/onerror|<script|javascript:/i);
		const raw = renderMarkdown("Hi <span onclick=\"go()\">x</span>", { sanitize: false });
		expect(raw).toContain('onclick="go()"');
	});

	it("supports line breaks", () => {
		expect(renderMarkdown("a\nb")).not.toContain("<br");
		expect(renderMarkdown("a\nb", { lineBreaks: true })).toContain("<br");
	});

	it("adds unique header anchors", () => {
		const root = dom(renderMarkdown("# Hello, World!\n\n## Hello, World!\n\n### `code` & more\n\n## Title", { headerLinks: true }));
		const ids = [...root.querySelectorAll("h1, h2, h3")].map((h) => h.id);
		// "title" names a document property; DOMPurify would drop it from raw HTML, not from our headings.
		expect(ids).toEqual(["hello-world", "hello-world-1", "code-more", "title"]);
		expect(root.querySelector("h1 a.header-anchor")?.getAttribute("href")).toBe("#hello-world");
		expect(renderMarkdown("# T")).not.toContain("id=");
	});

	it("returns an empty string for empty input", () => {
		expect(renderMarkdown(null)).toBe("");
		expect(renderMarkdown("")).toBe("");
	});
});

describe("LaTeX", () => {
	const dollars = normalizeDelimiters([
		{ left: "$$", right: "$$", display: true },
		{ left: "$", right: "$", display: false },
		{ left: "\\(", right: "\\)", display: false },
	]);

	it("detects delimiters", () => {
		expect(hasLatex("no math here", DEFAULT_LATEX_DELIMITERS)).toBe(false);
		expect(hasLatex("only $$ one", DEFAULT_LATEX_DELIMITERS)).toBe(false);
		expect(hasLatex("x $$a^2$$ y", DEFAULT_LATEX_DELIMITERS)).toBe(true);
		expect(hasLatex("cost $5", dollars)).toBe(false);
		expect(hasLatex("inline \\(x\\)", dollars)).toBe(true);
		expect(hasLatex("$$a$$", [])).toBe(false);
	});

	it("shows math source until KaTeX is given", () => {
		const html = renderMarkdown("Area: $$\\pi r^2$$", { latexDelimiters: DEFAULT_LATEX_DELIMITERS });
		const pending = dom(html).querySelector(".math-pending");
		expect(pending?.textContent).toBe("$$\\pi r^2$$");
	});

	it("renders math with KaTeX, outside code only", () => {
		const text = "Inline $x_1 + y_2$ and\n\n$$\n\\frac{a}{b}\n$$\n\n`$not math$` and\n\n```\n$$also not$$\n```";
		const root = dom(renderMarkdown(text, { latexDelimiters: dollars, katex }));
		expect(root.querySelectorAll(".katex")).toHaveLength(2);
		expect(root.querySelector(".katex-display")).not.toBeNull();
		expect(root.querySelector("p code")?.textContent).toBe("$not math$");
		expect(root.querySelector("pre code")?.textContent).toBe("$$also not$$\n");
		// Underscores inside math are not turned into emphasis.
		expect(root.querySelector("em")).toBeNull();
	});

	it("leaves prices and escaped dollars alone", () => {
		const root = dom(renderMarkdown("It costs $5 and $10. Escaped \\$x\\$.", { latexDelimiters: dollars, katex }));
		expect(root.querySelector(".katex")).toBeNull();
		expect(root.textContent).toContain("$5 and $10");
	});

	it("does not trust \\href in math", () => {
		const root = dom(renderMarkdown("$$\\href{javascript:alert(1)}{x}$$", { latexDelimiters: DEFAULT_LATEX_DELIMITERS, katex }));
		expect(root.querySelector('a[href^="javascript"]')).toBeNull();
	});

	it("loads KaTeX on demand", async () => {
		const html = await renderMarkdownAsync("$$E = mc^2$$", { latexDelimiters: DEFAULT_LATEX_DELIMITERS });
		expect(dom(html).querySelector(".katex")).not.toBeNull();
	});
});

describe("slugify", () => {
	it("keeps letters and digits of any script", () => {
		expect(slugify("Ünïcode — 2024 Notes")).toBe("ünïcode-2024-notes");
		expect(slugify("!!!")).toBe("section");
	});
});

describe("allowTags", () => {
	it("shows non-standard tags as text and leaves standard ones to the sanitiser", () => {
		const text = "<thinking>plan</thinking> and <b>bold</b> <script>window.x = 1</script>";
		const root = dom(renderMarkdown(text, { allowTags: true }));
		expect(root.textContent).toContain("<thinking>plan</thinking>");
		expect(root.querySelector("b")?.textContent).toBe("bold");
		expect(root.querySelector("script")).toBeNull();
		expect(root.querySelector("thinking")).toBeNull();
	});

	it("shows only the listed tags with a list, and none without", () => {
		const text = "<thinking>a</thinking> <tool>b</tool>";
		expect(dom(renderMarkdown(text, { allowTags: ["thinking"] })).textContent).toContain("<thinking>a</thinking>");
		expect(dom(renderMarkdown(text, { allowTags: ["thinking"] })).textContent).not.toContain("<tool>");
		expect(dom(renderMarkdown(text)).textContent).not.toContain("<thinking>");
	});

	it("leaves code alone", () => {
		const root = dom(renderMarkdown("`<thinking>`\n\n```\n<thinking>\n```", { allowTags: true }));
		expect(root.querySelector("p code")?.textContent).toBe("<thinking>");
		expect(root.querySelector("pre code")?.textContent).toBe("<thinking>\n");
	});
});

describe("splitMarkdownBlocks", () => {
	it("cuts text into top-level blocks that add up to the text", () => {
		const text = "# Title\n\nA paragraph\nstill it.\n\n- a\n- b\n\n```py\nx = 1\n\ny = 2\n```\n\n$$x^2$$\n\nlast";
		const blocks = splitMarkdownBlocks(text, { latexDelimiters: DEFAULT_LATEX_DELIMITERS });
		expect(blocks.join("")).toBe(text);
		expect(blocks.map((b) => b.trim().split("\n")[0])).toEqual(["# Title", "A paragraph", "- a", "```py", "$$x^2$$", "last"]);
	});

	it("keeps text whose blocks depend on each other whole", () => {
		const refs = "See [the docs][d].\n\n[d]: https://example.com";
		expect(splitMarkdownBlocks(refs)).toEqual([refs]);
		const html = "<details>\n\nInside\n\n</details>";
		expect(splitMarkdownBlocks(html)).toEqual([html]);
		expect(splitMarkdownBlocks("")).toEqual([]);
	});
});

describe("renderInlineMarkdown", () => {
	it("renders inline Markdown without paragraphs, sanitised", () => {
		const root = dom(renderInlineMarkdown("Used **search** <img src=x onerror=alert(1)>"));
		expect(root.querySelector("p")).toBeNull();
		expect(root.querySelector("strong")?.textContent).toBe("search");
		expect(root.querySelector("img")?.getAttribute("onerror")).toBeNull();
	});
});
