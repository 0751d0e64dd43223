import { describe, expect, it, vi } from "vitest";
import { fillTemplate, runOnLoad } from "./template";

describe("fillTemplate", () => {
	it("fills value and props like a template literal", () => {
		expect(fillTemplate("<b>${value}</b> ${props.title}", { title: "T" }, "v")).toBe("<b>v</b> T");
		expect(fillTemplate("${count * 2} ${title}", { count: 3, title: "x" }, null)).toBe("6 x");
		expect(fillTemplate("${value.map((v) => `<i>${v}</i>`).join('')}", {}, [1, 2])).toBe("<i>1</i><i>2</i>");
	});

	it("falls back to path lookups when the template does not compile", () => {
		expect(fillTemplate("${value.name} {{ props.n }} ` ${", { n: 2 }, { name: "a" })).toBe("a 2 ` ${");
	});

	it("ignores prop names that are not identifiers", () => {
		expect(fillTemplate("${value}", { "bad-name": 1, class: 2 }, "ok")).toBe("ok");
	});
});

describe("runOnLoad", () => {
	it("passes element, props and trigger", () => {
		const trigger = vi.fn();
		const element = { id: "e" } as unknown as HTMLElement;
		const props: Record<string, unknown> = { n: 1 };
		runOnLoad("props.n = props.n + 1; trigger('click', element.id);", element, props, trigger);
		expect(props.n).toBe(2);
		expect(trigger).toHaveBeenCalledWith("click", "e");
	});

	it("reports errors instead of throwing", () => {
		const error = vi.spyOn(console, "error").mockImplementation(() => {});
		expect(() => runOnLoad("throw new Error('x')", {} as HTMLElement, {}, () => {})).not.toThrow();
		expect(error).toHaveBeenCalled();
		error.mockRestore();
	});
});
