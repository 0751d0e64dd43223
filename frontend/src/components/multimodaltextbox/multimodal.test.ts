import { describe, expect, it } from "vitest";
import type { FileData } from "../../api/types";
import {
	PASTED_TEXT_NAME,
	addFiles,
	asMultimodal,
	buttonText,
	inputAttributes,
	kindOf,
	matchesFileTypes,
	pastedTextFile,
	pickFiles,
	sourcesOf,
	submitsOnKey,
} from "./multimodal";

const meta = { _type: "gradio.FileData" as const };
const a: FileData = { path: "/tmp/a.png", orig_name: "a.png", mime_type: "image/png", meta };
const b: FileData = { path: "/tmp/b.pdf", orig_name: "b.pdf", meta };
const c: FileData = { path: "/tmp/c.wav", orig_name: "c.wav", meta };

describe("value", () => {
	it("normalises the value prop", () => {
		expect(asMultimodal(null)).toEqual({ text: "", files: [] });
		expect(asMultimodal("hi")).toEqual({ text: "hi", files: [] });
		expect(asMultimodal({ text: "x", files: [a, { nope: 1 }, null] })).toEqual({ text: "x", files: [a] });
		expect(asMultimodal({ files: [b] })).toEqual({ text: "", files: [b] });
		expect(asMultimodal({ text: null, files: "no" })).toEqual({ text: "", files: [] });
		expect(asMultimodal([1, 2])).toEqual({ text: "", files: [] });
	});

	it("adds uploads: single replaces, multiple and directory append", () => {
		expect(addFiles([a], [b, c], "single")).toEqual([c]);
		expect(addFiles([a], [b], "multiple")).toEqual([a, b]);
		expect(addFiles([a], [b], "directory")).toEqual([a, b]);
		expect(addFiles([a], [], "single")).toEqual([a]);
	});
});

describe("file types", () => {
	it("knows kinds by MIME type or name", () => {
		expect(kindOf({ name: "x.bin", type: "image/png" })).toBe("image");
		expect(kindOf({ name: "photo.JPG", type: "" })).toBe("image");
		expect(kindOf({ name: "song.flac" })).toBe("audio");
		expect(kindOf({ name: "clip.mov", type: null })).toBe("video");
		expect(kindOf({ name: "notes.txt", type: "text/plain" })).toBe("text");
		expect(kindOf({ name: "archive.zip", type: "application/zip" })).toBeNull();
	});

	it("checks files as the server does", () => {
		expect(matchesFileTypes({ name: "cat.png", type: "image/png" }, ["image"])).toBe(true);
		expect(matchesFileTypes({ name: "cat.png", type: "" }, ["image"])).toBe(true); // by name when no MIME type
		expect(matchesFileTypes({ name: "cat", type: "image/webp" }, ["image"])).toBe(true);
		expect(matchesFileTypes({ name: "notes.txt", type: "text/plain" }, ["image"])).toBe(false);
		expect(matchesFileTypes({ name: "evil.txt", type: "image/png" }, [".pdf"])).toBe(false);
		expect(matchesFileTypes({ name: "Doc.PDF", type: "" }, [".pdf", "image"])).toBe(true);
		expect(matchesFileTypes({ name: "data.csv", type: "text/csv" }, ["csv"])).toBe(true);
		expect(matchesFileTypes({ name: "x.json", type: "application/json" }, ["application/json"])).toBe(true);
		expect(matchesFileTypes({ name: "x.mp3", type: "audio/mpeg" }, ["audio/*"])).toBe(true);
		expect(matchesFileTypes({ name: "anything.bin", type: "" }, ["file"])).toBe(true);
		expect(matchesFileTypes({ name: "anything.bin", type: "" }, null)).toBe(true);
		expect(matchesFileTypes({ name: "anything.bin", type: "" }, [])).toBe(true);
	});

	it("picks the accepted files and explains the refused ones", () => {
		const png = { name: "a.png", type: "image/png" };
		const jpg = { name: "b.jpg", type: "image/jpeg" };
		const txt = { name: "c.txt", type: "text/plain" };
		expect(pickFiles([png, txt, jpg], ["image"], "multiple")).toEqual({
			files: [png, jpg],
			error: "This file type is not accepted: c.txt (allowed: image).",
		});
		expect(pickFiles([png, jpg], ["image"], "single")).toEqual({ files: [png], error: null });
		const refused = pickFiles([txt, { name: "d.md", type: "" }], ["image", ".pdf"], "multiple");
		expect(refused.files).toEqual([]);
		expect(refused.error).toBe("These file types are not accepted: c.txt, d.md (allowed: image, .pdf).");
		expect(pickFiles([txt], null, "single")).toEqual({ files: [txt], error: null });
	});
});

describe("pasted text", () => {
	it("becomes a text file past the limit", async () => {
		expect(pastedTextFile("short", 10)).toBeNull();
		expect(pastedTextFile("x".repeat(10), 10)).toBeNull();
		expect(pastedTextFile("", 0)).toBeNull();
		const file = pastedTextFile("y".repeat(11), 10);
		expect(file?.name).toBe(PASTED_TEXT_NAME);
		expect(file?.type).toBe("text/plain");
		expect(await file?.text()).toBe("y".repeat(11));
		expect(pastedTextFile("z".repeat(1001), undefined)?.size).toBe(1001); // 1000 by default
		expect(pastedTextFile("z".repeat(1000), undefined)).toBeNull();
	});
});

describe("keyboard", () => {
	it("submits a one-line box on Enter, not Shift+Enter", () => {
		expect(submitsOnKey({ key: "Enter" }, 1)).toBe(true);
		expect(submitsOnKey({ key: "Enter", shiftKey: true }, 1)).toBe(false);
		expect(submitsOnKey({ key: "a" }, 1)).toBe(false);
	});
	it("never submits while an IME composes", () => {
		expect(submitsOnKey({ key: "Enter", isComposing: true }, 1)).toBe(false);
		expect(submitsOnKey({ key: "Enter", keyCode: 229 }, 1)).toBe(false);
		expect(submitsOnKey({ key: "Enter", ctrlKey: true, isComposing: true }, 3)).toBe(false);
	});
	it("submits a taller box on Shift+Enter or Ctrl/Cmd+Enter", () => {
		expect(submitsOnKey({ key: "Enter" }, 3)).toBe(false);
		expect(submitsOnKey({ key: "Enter", shiftKey: true }, 3)).toBe(true);
		expect(submitsOnKey({ key: "Enter", ctrlKey: true }, 3)).toBe(true);
		expect(submitsOnKey({ key: "Enter", metaKey: true }, 1)).toBe(true);
	});
});

describe("props", () => {
	it("maps html_attributes to textarea attributes", () => {
		expect(
			inputAttributes({
				spellcheck: false,
				autocorrect: "off",
				autocapitalize: "none",
				enterkeyhint: "send",
				tabindex: 3,
				lang: "fr",
				autocomplete: null,
				onclick: "alert(1)",
			}),
		).toEqual({ spellcheck: "false", autocorrect: "off", autocapitalize: "none", enterkeyhint: "send", tabindex: 3, lang: "fr" });
		expect(inputAttributes({ autocorrect: true, spellcheck: true })).toEqual({ autocorrect: "on", spellcheck: "true" });
		expect(inputAttributes(null)).toEqual({});
		expect(inputAttributes("x")).toEqual({});
	});
	it("reads sources and button labels", () => {
		expect(sourcesOf(undefined)).toEqual(["upload"]);
		expect(sourcesOf("microphone")).toEqual(["microphone"]);
		expect(sourcesOf(["upload", "microphone"])).toEqual(["upload", "microphone"]);
		expect(buttonText(true)).toBeNull();
		expect(buttonText("Send")).toBe("Send");
		expect(buttonText("  ")).toBeNull();
		expect(buttonText(false)).toBeNull();
	});
});
