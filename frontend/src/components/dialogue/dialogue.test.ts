import { describe, expect, it } from "vitest";
import { asLines, insertTag, matchingTags, speakerColors, tagQuery } from "./dialogue";

describe("Dialogue helpers (as Gradio 6.31's dialogue)", () => {
	it("reads lines", () => {
		expect(asLines([{ speaker: "A", text: "hi" }, { speaker: 1 }])).toEqual([{ speaker: "A", text: "hi" }]);
		expect(asLines("text")).toBeNull();
	});

	it("colours speakers with the palette in turn, or the app's color_map", () => {
		const colors = speakerColors(["A", "B"], null);
		expect(colors.A).toBe("rgba(254, 202, 202, 0.7)");
		expect(colors.B).toBe("rgba(209, 250, 229, 0.7)");
		expect(speakerColors(["A"], { A: "red" })).toEqual({ A: "red" });
	});

	it("finds the tag being typed after a colon", () => {
		expect(tagQuery("Hello :", 7)).toEqual({ start: 7, query: "" });
		expect(tagQuery("Hello :si", 9)).toEqual({ start: 7, query: "si" });
		expect(tagQuery("Hello :si more", 14)).toBeNull();
		expect(tagQuery("Hello", 5)).toBeNull();
		expect(matchingTags(["(laughs)", "(sighs)"], "SI")).toEqual(["(sighs)"]);
		expect(matchingTags(["(laughs)", "(sighs)"], "")).toEqual(["(laughs)", "(sighs)"]);
	});

	it("inserts a tag as Gradio does (the text before the colon trimmed in a line)", () => {
		expect(insertTag("Hello, how are you? :si", 23, "(sighs)", true)).toEqual({
			text: "Hello, how are you?(sighs) ",
			caret: 27,
		});
		expect(insertTag("[A] Hi :la end", 10, "(laughs)", false)).toEqual({ text: "[A] Hi (laughs)  end", caret: 16 });
	});
});
