// @vitest-environment happy-dom
import "./happy-dom-fixes.testutil";
import { describe, expect, it } from "vitest";
import { sanitize } from "./sanitize";


function parse(html: string): HTMLElement {
	const div = document.createElement("div");
	div.innerHTML = html;
	return div;
}

describe("sanitize", () => {
	it("removes every dangerous element, not just the first", () => {
		const out = sanitize('<script>a()</script><script>b()</script><p>x</p><object data="y"></object><img src=y onerror="c()">');
		expect(out).not.toMatch(/script|object|onerror/i);
		expect(out).toContain("<p>x</p>");
	});

	it("removes script elements", () => {
		const out = sanitize('<p>hi</p><script>alert(1)</script>');
		expect(out).not.toMatch(/<script/i);
		expect(out).not.toContain("alert(1)");
		expect(out).toContain("<p>hi</p>");
	});

	it("removes event-handler attributes", () => {
		const out = sanitize('<img src="x.png" onerror="alert(1)"><div onclick="steal()">x</div>');
		expect(out).not.toMatch(/onerror|onclick/i);
		const root = parse(out);
		expect(root.querySelector("img")?.getAttribute("src")).toBe("x.png");
	});

	it("removes javascript: URLs", () => {
		const out = sanitize('<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(2)">b</a>');
		expect(out.toLowerCase()).not.toContain("javascript:");
		expect(parse(out).querySelectorAll("a")).toHaveLength(2);
	});

	it("removes iframes and srcdoc", () => {
		const out = sanitize('<iframe srcdoc="<script>alert(1)</script>"></iframe><p>after</p>');
		expect(out).not.toMatch(/iframe|srcdoc|script/i);
		expect(out).toContain("after");
	});

	it("removes objects, embeds and svg script", () => {
		const out = sanitize('<object data="x.swf"></object><embed src="y"><p>end</p><svg><script>alert(1)</script></svg>');
		expect(out).not.toMatch(/object|embed|script/i);
		expect(out).toContain("<p>end</p>");
	});

	it("keeps safe markup, styles and data images", () => {
		const out = sanitize('<h2 class="t" style="color: red">T</h2><table><tr><td>1</td></tr></table><img src="data:image/png;base64,AAAA">');
		const root = parse(out);
		expect(root.querySelector("h2")?.getAttribute("style")).toContain("color");
		expect(root.querySelector("td")?.textContent).toBe("1");
		expect(root.querySelector("img")?.getAttribute("src")).toMatch(/^data:image\/png/);
	});

	it("adds rel=noopener noreferrer to links and keeps target=_blank", () => {
		const root = parse(sanitize('<a href="https://example.com" target="_blank" rel="author">x</a>'));
		const a = root.querySelector("a")!;
		expect(a.getAttribute("target")).toBe("_blank");
		expect(a.getAttribute("rel")?.split(" ").sort()).toEqual(["author", "noopener", "noreferrer"]);
	});

	it("drops unknown link targets", () => {
		const a = parse(sanitize('<a href="/x" target="evil">x</a>')).querySelector("a")!;
		expect(a.hasAttribute("target")).toBe(false);
		expect(a.getAttribute("rel")).toBe("noopener noreferrer");
	});
});
