import { describe, expect, it } from "vitest";
import type { FileData } from "../../api/types";
import { afterRemove, asItems, clampIndex, columnCount, gridMove, step, toPayload } from "./gallery";

const meta = { _type: "gradio.FileData" as const };
const img: FileData = { path: "/a.png", url: "http://x/a.png", meta };
const vid: FileData = { path: "/b.mp4", url: "http://x/b.mp4", meta };

describe("items", () => {
	it("reads images and videos, skipping junk", () => {
		const items = asItems([{ image: img, caption: "cat" }, { video: vid }, { foo: 1 }, null, "x"]);
		expect(items).toEqual([
			{ kind: "image", file: img, caption: "cat" },
			{ kind: "video", file: vid, caption: null },
		]);
		expect(asItems(null)).toEqual([]);
	});
	it("round-trips to the payload", () => {
		expect(toPayload(asItems([{ image: img, caption: "c" }]))).toEqual([{ image: img, caption: "c" }]);
	});
});

describe("columns", () => {
	it("accepts numbers and lists", () => {
		expect(columnCount(3)).toBe(3);
		expect(columnCount([2, 4, 3])).toBe(4);
		expect(columnCount(null)).toBe(2);
		expect(columnCount(0, 5)).toBe(5);
	});
});

describe("navigation", () => {
	it("steps with wrap-around", () => {
		expect(step(0, 1, 3)).toBe(1);
		expect(step(2, 1, 3)).toBe(0);
		expect(step(0, -1, 3)).toBe(2);
		expect(step(null, 1, 3)).toBe(0);
		expect(step(null, -1, 3)).toBe(2);
		expect(step(1, 1, 0)).toBeNull();
	});
	it("clamps selected_index", () => {
		expect(clampIndex(1, 3)).toBe(1);
		expect(clampIndex(3, 3)).toBeNull();
		expect(clampIndex(-1, 3)).toBe(2);
		expect(clampIndex(null, 3)).toBeNull();
		expect(clampIndex(1.5, 3)).toBeNull();
	});
	it("adjusts selection after removal", () => {
		expect(afterRemove(2, 0, 3)).toBe(1);
		expect(afterRemove(0, 2, 3)).toBe(0);
		expect(afterRemove(2, 2, 2)).toBe(1);
		expect(afterRemove(0, 0, 0)).toBeNull();
		expect(afterRemove(null, 0, 3)).toBeNull();
	});
	it("moves in the grid", () => {
		expect(gridMove(0, "ArrowRight", 3, 7)).toBe(1);
		expect(gridMove(0, "ArrowDown", 3, 7)).toBe(3);
		expect(gridMove(5, "ArrowDown", 3, 7)).toBe(6);
		expect(gridMove(1, "ArrowUp", 3, 7)).toBe(0);
		expect(gridMove(4, "End", 3, 7)).toBe(6);
		expect(gridMove(4, "Home", 3, 7)).toBe(0);
		expect(gridMove(4, "Enter", 3, 7)).toBeNull();
	});
});
