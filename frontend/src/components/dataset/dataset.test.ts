import { describe, expect, it } from "vitest";
import { activeIndex, asRows, cellText, pageCount, pageItems, pageRange, useGallery } from "./dataset";

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
	it("shows checkbox values as marks and other objects as JSON", () => {
		expect(cellText(true, "checkbox")).toBe("✓");
		expect(cellText(false, "checkbox")).toBe("✗");
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
		expect(useGallery("gallery", 3, false)).toBe(true);
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
