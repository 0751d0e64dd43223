// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { i18n, initLocale, localizeProp, PAGE_LANGUAGES, pickLocale, setLocale, t, translate } from "./i18n.svelte";
import { LANGUAGE_NAMES } from "./languages";
import { loadTable, TABLE_TAGS } from "./tables";

// the marker text Gradio 6.31 (and Trellis) put in the config for i18n("greeting")
const marker = (key: string) => `__i18n__${JSON.stringify({ __type__: "translation_metadata", key }).replace(/":/g, '": ').replace(/,"/g, ', "')}`;
const APP = { en: { greeting: "Hello", only_en: "English only" }, fr: { greeting: "Bonjour" }, "zh-CN": { greeting: "你好" }, it: { greeting: "Ciao" } };

function browser(language: string): void {
	vi.stubGlobal("navigator", { language, languages: [language] });
}

describe("the page's language", () => {
	it("is the browser's, else its base language, else English (as Gradio's page picks)", () => {
		const known = ["en", ...PAGE_LANGUAGES];
		expect(pickLocale("fr-FR", known)).toBe("fr");
		expect(pickLocale("fr-CA", known)).toBe("fr");
		expect(pickLocale("pt-BR", known)).toBe("pt-BR");
		expect(pickLocale("pt-PT", known)).toBe("pt");
		expect(pickLocale("zh-cn", known)).toBe("zh-CN");
		expect(pickLocale("zh", known)).toBe("en");
		expect(pickLocale("zh-HK", known)).toBe("en");
		expect(pickLocale("nb-NO", known)).toBe("nb");
		expect(pickLocale("en-GB", known)).toBe("en");
		expect(pickLocale("xx", known)).toBe("en");
	});

	it("has a table for each of its languages, each with every string, and a name for each", async () => {
		expect([...TABLE_TAGS].sort()).toEqual([...PAGE_LANGUAGES].sort());
		expect(Object.keys(LANGUAGE_NAMES).sort()).toEqual(["en", ...PAGE_LANGUAGES].sort());
		const keys = Object.keys(await loadTable("fr")).sort();
		expect(keys).toContain("Drop Image Here");
		for (const tag of PAGE_LANGUAGES) {
			const table = await loadTable(tag);
			expect(Object.keys(table).sort(), tag).toEqual(keys);
			for (const text of Object.values(table)) expect(text.trim(), tag).not.toBe("");
		}
	});

	it("translates the page's strings and the app's markers, and switches", async () => {
		browser("fr-FR");
		await initLocale(APP);
		expect(i18n.locale).toBe("fr");
		expect(document.documentElement.lang).toBe("fr");
		expect(t("Use via API")).not.toBe("Use via API");
		expect(t("no such string")).toBe("no such string");
		expect(translate(marker("greeting"))).toBe("Bonjour");
		expect(translate(`## ${marker("greeting")} and ${marker("greeting")}!`)).toBe("## Bonjour and Bonjour!");
		// missing in French: English, then the key
		expect(translate(marker("only_en"))).toBe("English only");
		expect(translate(marker("nowhere"))).toBe("nowhere");
		expect(translate("plain greeting")).toBe("plain greeting");
		await setLocale("zh-CN");
		expect(translate(marker("greeting"))).toBe("你好");
		expect(t("Settings")).toBe("设置");
		// a language only the app has: its text, the page's strings in English
		await setLocale("it-IT");
		expect(i18n.locale).toBe("it");
		expect(translate(marker("greeting"))).toBe("Ciao");
		expect(t("Settings")).toBe("Settings");
		browser("en-US");
		await initLocale(null);
		expect(i18n.locale).toBe("en");
		expect(translate(marker("greeting"))).toBe("greeting");
	});

	it("translates what is shown, never a choice's value", async () => {
		browser("fr");
		await initLocale(APP);
		const m = marker("greeting");
		expect(localizeProp("textbox", "label", m)).toBe("Bonjour");
		expect(localizeProp("button", "value", m)).toBe("Bonjour");
		expect(localizeProp("radio", "value", m)).toBe(m);
		expect(localizeProp("radio", "choices", [[m, m], ["B", "B"]])).toEqual([["Bonjour", m], ["B", "B"]]);
		const plain = [["A", "a"]];
		expect(localizeProp("dropdown", "choices", plain)).toBe(plain);
		expect(localizeProp("textbox", "label", "Name")).toBe("Name");
	});
});
