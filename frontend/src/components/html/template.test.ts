import { describe, expect, it, vi } from "vitest";
import { compile } from "./handlebars";
import { fillTemplate, runOnLoad, splitChildren } from "./template";

describe("fillTemplate", () => {
	it("evaluates JavaScript template literals with each prop a variable", () => {
		expect(fillTemplate("<b>${value}</b> ${title}", { value: "v", title: "T" })).toBe("<b>v</b> T");
		expect(fillTemplate("${count * 2} ${title}", { value: "", count: 3, title: "x" })).toBe("6 x");
		expect(fillTemplate("${value.map((v) => `<i>${v}</i>`).join('')}", { value: [1, 2] })).toBe("<i>1</i><i>2</i>");
		expect(fillTemplate("${flag ? 'on' : 'off'}", { value: "", flag: false })).toBe("off");
	});

	it("runs Handlebars first, then the template literal", () => {
		const scope = { value: ["a", "b"], title: "<T>", n: 2 };
		expect(fillTemplate("{{#each value}}[{{this}}]{{/each}} {{title}} ${n + 1}", scope)).toBe("[a][b] &lt;T&gt; 3");
	});

	it("throws a broken template's error for the view to show", () => {
		expect(() => fillTemplate("${value.name.first}", { value: {} })).toThrow(TypeError);
		expect(() => fillTemplate("${", { value: "" })).toThrow(SyntaxError);
		expect(() => fillTemplate("{{#if value}}x", { value: "" })).toThrow(/not closed/);
	});

	it("leaves out prop names that are no identifiers", () => {
		expect(fillTemplate("${value}", { value: "ok", "bad-name": 1, class: 2 })).toBe("ok");
	});
});

describe("handlebars", () => {
	const render = (source: string, context: unknown) => compile(source)(context);

	it("escapes {{}} and not {{{}}} or {{&}}", () => {
		const context = { html: `<a href="x">'=\`&` };
		expect(render("{{html}}", context)).toBe("&lt;a href&#x3D;&quot;x&quot;&gt;&#x27;&#x3D;&#x60;&amp;");
		expect(render("{{{html}}}|{{& html}}", context)).toBe(`<a href="x">'=\`&|<a href="x">'=\`&`);
	});

	it("prints values as Handlebars does", () => {
		expect(render("[{{a}}][{{b}}][{{c}}][{{d}}][{{e}}][{{missing.deep}}]", { a: null, b: 0, c: false, d: [1, 2], e: 1.5 })).toBe(
			"[][0][false][1,2][1.5][]",
		);
	});

	it("has if / else if / else / unless, with empty lists and 0 falsy", () => {
		const source = "{{#if a}}A{{else if b}}B{{else}}C{{/if}}";
		expect(render(source, { a: 1 })).toBe("A");
		expect(render(source, { a: [], b: "x" })).toBe("B");
		expect(render(source, { a: 0, b: "" })).toBe("C");
		expect(render("{{#if n includeZero=true}}yes{{/if}}", { n: 0 })).toBe("yes");
		expect(render("{{#unless a}}none{{else}}some{{/unless}}", { a: [] })).toBe("none");
		expect(render("{{^a}}none{{/a}}", { a: [] })).toBe("none");
	});

	it("iterates lists and objects with @index, @key, @first, @last, block params and ../", () => {
		const context = { items: ["x", "y", "z"], obj: { k1: 1, k2: 2 }, sep: "-" };
		expect(render("{{#each items}}{{@index}}{{this}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}}{{../sep}}{{/each}}", context)).toBe(
			"0xF-1y-2zL-",
		);
		expect(render("{{#each obj}}{{@key}}={{.}};{{/each}}", context)).toBe("k1=1;k2=2;");
		expect(render("{{#each items as |item i|}}{{i}}:{{item}} {{/each}}", context)).toBe("0:x 1:y 2:z ");
		expect(render("{{#each none}}x{{else}}empty{{/each}}", context)).toBe("empty");
		expect(render("{{#each rows}}{{name}}:{{@root.sep}}{{/each}}", { rows: [{ name: "a" }], sep: "!" })).toBe("a:!");
	});

	it("has with, lookup and subexpressions", () => {
		const context = { user: { name: "Ann" }, names: ["p", "q"], i: 1, map: { a: { b: "deep" } } };
		expect(render("{{#with user}}{{name}}{{/with}}", context)).toBe("Ann");
		expect(render("{{lookup names i}}", context)).toBe("q");
		expect(render("{{#with (lookup map 'a')}}{{b}}{{/with}}", context)).toBe("deep");
	});

	it("refuses unknown helpers and leaves ${...} and comments alone", () => {
		expect(() => render("{{range 1 5}}", {})).toThrow(/Missing helper/);
		expect(render("a{{! note }}b{{!-- {{x}} --}}c ${value}", {})).toBe("abc ${value}");
		expect(render("\\{{literal}} {{x}}", { x: 1 })).toBe("{{literal}} 1");
	});

	it("removes the lines of standalone block tags and honours ~", () => {
		expect(render("<ul>\n  {{#each items}}\n  <li>{{this}}</li>\n  {{/each}}\n</ul>", { items: [1, 2] })).toBe(
			"<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>",
		);
		expect(render("a  {{~x~}}  b", { x: "-" })).toBe("a-b");
	});
});

describe("splitChildren", () => {
	it("splits around the first @children", () => {
		expect(splitChildren("<b>x</b>@children<i>y</i>")).toEqual([true, "<b>x</b>", "<i>y</i>"]);
		expect(splitChildren("no children")).toEqual([false, "no children", ""]);
	});
});

describe("runOnLoad", () => {
	it("passes element, trigger, props, server, upload and watch", () => {
		const trigger = vi.fn();
		const element = { id: "e" } as unknown as HTMLElement;
		const props: Record<string, unknown> = { n: 1 };
		const server = { f: vi.fn() };
		runOnLoad("props.n = props.n + 1; trigger('click', element.id); server.f(2); watch('n', () => {});", [
			element,
			trigger,
			props,
			server,
			() => {},
			vi.fn(),
		]);
		expect(props.n).toBe(2);
		expect(trigger).toHaveBeenCalledWith("click", "e");
		expect(server.f).toHaveBeenCalledWith(2);
	});

	it("reports errors instead of throwing", () => {
		const error = vi.spyOn(console, "error").mockImplementation(() => {});
		expect(() => runOnLoad("throw new Error('x')", [])).not.toThrow();
		expect(error).toHaveBeenCalled();
		error.mockRestore();
	});
});
