import { describe, expect, it } from "vitest";
import { navbarSettings, navLinks, showsNavbar } from "./pageLinks";

// Recorded from Gradio 6.31's page for the same apps.
const pages: [string, string, boolean][] = [
	["", "Home", true],
	["settings", "Settings", true],
	["hidden-page", "Hidden page", false],
];

describe("navbar links", () => {
	it("lists the shown pages, renames the main page, then the Navbar's own links", () => {
		const settings = navbarSettings([
			{ type: "navbar", props: { main_page_name: "Dashboard", value: [["About", "https://example.com"]] } },
		]);
		expect(navLinks(pages, settings, "", "http://h")).toEqual([
			{ name: "Dashboard", href: "http://h/", active: true, external: false },
			{ name: "Settings", href: "http://h/settings", active: false, external: false },
			{ name: "About", href: "https://example.com", active: false, external: true },
		]);
	});

	it("uses the defaults on a page without a Navbar and marks the current page", () => {
		const links = navLinks(pages, navbarSettings([]), "settings", "http://h");
		expect(links.map((l) => [l.name, l.active])).toEqual([
			["Home", false],
			["Settings", true],
		]);
	});

	it("leaves the main page out when main_page_name is false, and extra links that are pages", () => {
		const settings = navbarSettings([
			{ type: "navbar", props: { main_page_name: false, value: [["Again", "settings"]] } },
		]);
		expect(navLinks(pages, settings, "settings", "http://h").map((l) => l.name)).toEqual(["Settings"]);
	});

	it("shows only for a multipage app whose Navbar is visible", () => {
		expect(showsNavbar([["", "Home", true]], navbarSettings([]))).toBe(false);
		expect(showsNavbar(pages, navbarSettings([]))).toBe(true);
		expect(showsNavbar(pages, navbarSettings([{ type: "navbar", props: { visible: false } }]))).toBe(false);
	});
});
