// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyScheme, chooseScheme, schemeOf, withScheme } from "./colorscheme";

let systemDark = false;
const listeners = new Set<(event: { matches: boolean }) => void>();
vi.stubGlobal("matchMedia", () => ({
	get matches() {
		return systemDark;
	},
	addEventListener: (_: string, fn: (event: { matches: boolean }) => void) => listeners.add(fn),
	removeEventListener: (_: string, fn: (event: { matches: boolean }) => void) => listeners.delete(fn),
}));

function systemTurns(dark: boolean): void {
	systemDark = dark;
	for (const fn of listeners) fn({ matches: dark });
}

const dark = () => document.documentElement.classList.contains("dark");

afterEach(() => {
	systemDark = false;
	applyScheme("light");
});

describe("color scheme", () => {
	it("reads __theme from the URL, else follows the system", () => {
		expect(schemeOf("http://h/?__theme=dark")).toBe("dark");
		expect(schemeOf("http://h/app?__theme=light&view=api")).toBe("light");
		expect(schemeOf("http://h/?__theme=blue")).toBe("system");
		expect(schemeOf("http://h/")).toBe("system");
	});

	it("sets __theme in the URL, or removes it for system", () => {
		expect(withScheme("http://h/?view=api", "dark").href).toBe("http://h/?view=api&__theme=dark");
		expect(withScheme("http://h/?__theme=dark&x=1", "system").href).toBe("http://h/?x=1");
	});

	it("a fixed mode ignores the system; system mode follows its changes", () => {
		applyScheme("dark");
		systemTurns(false);
		expect(dark()).toBe(true);
		applyScheme("system");
		expect(dark()).toBe(false);
		systemTurns(true);
		expect(dark()).toBe(true);
		applyScheme("light");
		systemTurns(true);
		expect(dark()).toBe(false);
		expect(listeners.size).toBe(0);
	});

	it("the Settings choice is kept in the page's URL", () => {
		chooseScheme("dark");
		expect(dark()).toBe(true);
		expect(new URL(location.href).searchParams.get("__theme")).toBe("dark");
		chooseScheme("system");
		expect(new URL(location.href).searchParams.has("__theme")).toBe(false);
	});
});
