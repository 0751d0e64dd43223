import { describe, expect, it } from "vitest";
import type { FileData } from "../../api/types";
import { asPair, clampPosition, fillSlots, keyPosition, positionAt, toValue } from "./slider";

const meta = { _type: "gradio.FileData" as const };
const a: FileData = { path: "/a.webp", url: "http://x/a.webp", meta };
const b: FileData = { path: "/b.webp", url: "http://x/b.webp", meta };
const c: FileData = { path: "/c.webp", url: "http://x/c.webp", meta };

describe("value", () => {
	it("reads a pair with nulls and junk", () => {
		expect(asPair([a, b])).toEqual([a, b]);
		expect(asPair([null, b])).toEqual([null, b]);
		expect(asPair([a, "x"])).toEqual([a, null]);
		expect(asPair(null)).toEqual([null, null]);
		expect(asPair(a)).toEqual([null, null]);
	});
	it("stores null for an empty pair", () => {
		expect(toValue([null, null])).toBeNull();
		expect(toValue([a, null])).toEqual([a, null]);
	});
});

describe("position", () => {
	it("clamps", () => {
		expect(clampPosition(30)).toBe(30);
		expect(clampPosition(-5)).toBe(0);
		expect(clampPosition(150)).toBe(100);
		expect(clampPosition("40")).toBe(40);
		expect(clampPosition(null)).toBe(50);
		expect(clampPosition(NaN, 20)).toBe(20);
	});
	it("follows the pointer", () => {
		const box = { left: 100, width: 200 };
		expect(positionAt(150, box)).toBe(25);
		expect(positionAt(50, box)).toBe(0);
		expect(positionAt(400, box)).toBe(100);
		expect(positionAt(150, { left: 0, width: 0 })).toBe(50);
	});
	it("moves with keys", () => {
		expect(keyPosition(50, "ArrowRight")).toBe(51);
		expect(keyPosition(50, "ArrowLeft", true)).toBe(40);
		expect(keyPosition(0.5, "ArrowLeft")).toBe(0);
		expect(keyPosition(95, "PageUp")).toBe(100);
		expect(keyPosition(50, "Home")).toBe(0);
		expect(keyPosition(50, "End")).toBe(100);
		expect(keyPosition(50, "Enter")).toBeNull();
	});
});

describe("fillSlots", () => {
	it("fills the chosen slot first, then the other", () => {
		expect(fillSlots([null, null], [a], 1)).toEqual([null, a]);
		expect(fillSlots([null, null], [a, b], 0)).toEqual([a, b]);
		expect(fillSlots([null, null], [a, b], 1)).toEqual([b, a]);
		expect(fillSlots([c, null], [a, b, c], 1)).toEqual([b, a]);
		expect(fillSlots([c, null], [a], 1)).toEqual([c, a]);
	});
});
