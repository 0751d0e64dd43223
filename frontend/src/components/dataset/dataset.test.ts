import { describe, expect, it } from "vitest";
import {
	activeIndex,
	asRows,
	cellText,
	componentName,
	pageCount,
	pageItems,
	pageRange,
	preview,
	useGallery,
} from "./dataset";

describe("paging", () => {
	it("counts pages", () => {
		expect(pageCount(0, 10)).toBe(1);
		expect(pageCount(10, 10)).toBe(1);
		expect(pageCount(11, 10)).toBe(2);
	});
	it("gives each page's sample range, clamping the page", () => {
		expect(pageRange(0, 10, 25)).toEqual([0, 10]);
		expect(pageRange(2, 10, 25)).toEqual([20, 25]);
		expect(pageRange(9, 10, 25)).toEqual([20, 25]);
		expect(pageRange(-1, 10, 25)).toEqual([0, 10]);
	});
	it("lists page buttons with gaps", () => {
		expect(pageItems(0, 4)).toEqual([0, 1, 2, 3]);
		expect(pageItems(0, 20)).toEqual([0, 1, null, 19]);
		expect(pageItems(10, 20)).toEqual([0, null, 9, 10, 11, null, 19]);
		expect(pageItems(19, 20)).toEqual([0, null, 18, 19]);
		expect(pageItems(2, 20)).toEqual([0, 1, 2, 3, null, 19]);
	});
});

describe("cellText", () => {
	it("shows plain values as text", () => {
		expect(cellText("hi")).toBe("hi");
		expect(cellText(3.5)).toBe("3.5");
		expect(cellText(null)).toBe("");
		expect(cellText(["a", "b"])).toBe("a, b");
	});
	it("shows file names for file-like values", () => {
		expect(cellText({ path: "/tmp/abc/cat.png", url: "http://x/file=/tmp/abc/cat.png" }, "file")).toBe("cat.png");
		expect(cellText({ path: "/tmp/a", orig_name: "report.pdf" }, "file")).toBe("report.pdf");
		expect(cellText([{ path: "/t/a.txt" }, { path: "/t/b.txt" }], "file")).toBe("a.txt, b.txt");
	});
	it("shows checkbox values as true/false and other objects as JSON", () => {
		expect(cellText(true, "checkbox")).toBe("true");
		expect(cellText(false, "checkbox")).toBe("false");
		expect(cellText({ a: 1 })).toBe('{"a":1}');
	});
});

describe("layout", () => {
	it("wraps non-list samples into rows", () => {
		expect(asRows([["a", 1], "b"])).toEqual([["a", 1], ["b"]]);
		expect(asRows(null)).toEqual([]);
	});
	it("uses a gallery for one column or labels unless told otherwise", () => {
		expect(useGallery(null, 1, false)).toBe(true);
		expect(useGallery(null, 2, false)).toBe(false);
		expect(useGallery(null, 2, true)).toBe(true);
		expect(useGallery("table", 1, false)).toBe(false);
		expect(useGallery("gallery", 3, false)).toBe(false);
		expect(useGallery("gallery", 3, true)).toBe(true);
		expect(useGallery("table", 1, true)).toBe(false);
	});
});

describe("current sample", () => {
	it("is the value when it indexes a sample", () => {
		expect(activeIndex(0, 2)).toBe(0);
		expect(activeIndex(1, 2)).toBe(1);
		expect(activeIndex(2, 2)).toBeNull();
		expect(activeIndex(-1, 2)).toBeNull();
		expect(activeIndex(1.5, 3)).toBeNull();
		expect(activeIndex(null, 3)).toBeNull();
		expect(activeIndex("1", 3)).toBeNull();
	});
});

describe("preview", () => {
	it("draws nothing for a HighlightedText sample, as Gradio (it has no preview for it)", () => {
		expect(preview([{ token: "a", class_or_confidence: "X" }], "highlightedtext", "")).toEqual({ kind: "empty" });
	});
	it("shows choice samples only when they fit the component, as Gradio's page (measured on Gradio 6.31)", () => {
		const shown = (value: unknown, component: string) => {
			const p = preview(value, component, "");
			return p.kind === "text" ? p.text : p.kind;
		};
		expect(shown(["a", "b"], "checkboxgroup")).toBe("a, b");
		expect(shown("/tmp/x.csv", "checkboxgroup")).toBe("empty");
		const choices = { choices: [["Retail", "retail"], ["Food", "food"]] };
		const picked = (value: unknown) => {
			const p = preview(value, "checkboxgroup", "", choices);
			return p.kind === "text" ? p.text : p.kind;
		};
		expect(picked(["food", "retail"])).toBe("Food, Retail");
		expect(picked(["/tmp/fraud.csv"])).toBe(""); // Gradio 6.31: a value that is no choice is not shown
		expect(shown("a", "radio")).toBe("a");
		expect(shown(["a", "b"], "radio")).toBe("empty");
		expect(shown(["p", "q"], "slider")).toBe("p,q");
		expect(shown(2, "slider")).toBe("2");
	});
	const root = "http://app";
	const file = (path: string, extra: Record<string, unknown> = {}) => ({ path, url: `${root}/gradio_api/file=${path}`, ...extra });
	it("shows images and videos as thumbnails", () => {
		expect(preview(file("/t/cat.png"), "image", root)).toEqual({ kind: "image", url: `${root}/gradio_api/file=/t/cat.png` });
		expect(preview({ video: file("/t/a.mp4"), subtitles: null }, "video", root)).toEqual({ kind: "video", url: `${root}/gradio_api/file=/t/a.mp4` });
		expect(preview(file("/t/a.mp4"), "video", root)).toEqual({ kind: "video", url: `${root}/gradio_api/file=/t/a.mp4` });
		expect(preview("/t/b.png", "image", root)).toEqual({ kind: "image", url: `${root}/gradio_api/file=/t/b.png` });
		expect(preview(null, "image", root)).toEqual({ kind: "text", text: "", wrap: false });
	});
	it("shows a gallery's first images and how many more", () => {
		const items = ["a", "b", "c", "d", "e"].map((n) => ({ image: file(`/t/${n}.png`), caption: null }));
		expect(preview(items, "gallery", root)).toEqual({
			kind: "images",
			urls: ["a", "b", "c"].map((n) => `${root}/gradio_api/file=/t/${n}.png`),
			more: 2,
		});
		expect(preview([], "gallery", root)).toEqual({ kind: "text", text: "", wrap: false });
	});
	it("shows audio, files and 3D models by name", () => {
		expect(preview("cantina.wav", "audio", root)).toEqual({ kind: "text", text: "cantina.wav", wrap: false });
		expect(preview(file("/t/x/song.wav"), "audio", root)).toEqual({ kind: "text", text: "song.wav", wrap: false });
		expect(preview([file("/t/a.txt"), file("/t/b.txt")], "file", root)).toEqual({ kind: "text", text: "a.txt, b.txt", wrap: false });
		expect(preview(file("/t/Duck.glb"), "model3d", root)).toEqual({ kind: "text", text: "Duck.glb", wrap: false });
	});
	it("renders colours, Markdown, HTML, code and JSON as such", () => {
		expect(preview("#ff0000", "colorpicker", root)).toEqual({ kind: "color", color: "#ff0000" });
		expect(preview("**b**", "markdown", root)).toEqual({ kind: "markdown", text: "**b**" });
		expect(preview("<b>x</b>", "html", root)).toEqual({ kind: "html", html: "<b>x</b>" });
		expect(preview("def f(): pass", "code", root)).toEqual({ kind: "code", text: "def f(): pass" });
		expect(preview({ a: 1 }, "json", root)).toEqual({ kind: "json", text: '{\n  "a": 1\n}' });
	});
	it("cuts long text and shows other values as text", () => {
		const long = "x".repeat(70);
		expect(preview(long, "textbox", root)).toEqual({ kind: "text", text: `${"x".repeat(60)}...`, wrap: true });
		expect(preview(["a", "b"], "dropdown", root)).toEqual({ kind: "text", text: "a, b", wrap: false });
		expect(preview(3, "slider", root)).toEqual({ kind: "text", text: "3", wrap: false });
		expect(preview(true, "checkbox", root)).toEqual({ kind: "text", text: "true", wrap: false });
	});
	it("splits a multimodal value into text, images and other files", () => {
		const value = { text: "hi", files: [file("/t/cat.png", { mime_type: "image/png" }), file("/t/doc.pdf")] };
		expect(preview(value, "multimodaltextbox", root)).toEqual({
			kind: "multimodal",
			text: "hi",
			images: [`${root}/gradio_api/file=/t/cat.png`],
			files: ["doc.pdf"],
		});
	});
	it("shows both images of an image slider", () => {
		expect(preview([file("/t/a.png"), file("/t/b.png")], "imageslider", root)).toEqual({
			kind: "pair",
			urls: [`${root}/gradio_api/file=/t/a.png`, `${root}/gradio_api/file=/t/b.png`],
		});
	});
});

describe("components", () => {
	it("are named by the config's {name, class_id} or a bare name", () => {
		expect(componentName({ name: "image", class_id: "abc" })).toBe("image");
		expect(componentName("textbox")).toBe("textbox");
	});
});
