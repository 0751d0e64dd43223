import { describe, expect, it } from "vitest";
import type { FileData } from "../../api/types";
import { alphaOf, annotationColor, asAnnotated, cssUrl, defaultHue, hitIndex } from "./annotated";

const meta = { _type: "gradio.FileData" as const };
const base: FileData = { path: "/base.webp", url: "http://x/base.webp", meta };
const mask: FileData = { path: "/m.png", url: "http://x/m.png", meta };

describe("asAnnotated", () => {
	it("reads the base image and annotations, skipping junk", () => {
		const value = asAnnotated({
			image: base,
			annotations: [{ image: mask, label: "cat" }, { label: "no image" }, null, { image: mask, label: 3 }],
		});
		expect(value).toEqual({
			image: base,
			annotations: [
				{ file: mask, label: "cat" },
				{ file: mask, label: "3" },
			],
		});
	});
	it("is null without a base image", () => {
		expect(asAnnotated(null)).toBeNull();
		expect(asAnnotated({ annotations: [] })).toBeNull();
		expect(asAnnotated([base])).toBeNull();
	});
	it("tolerates missing annotations", () => {
		expect(asAnnotated({ image: base })).toEqual({ image: base, annotations: [] });
	});
});

describe("colours", () => {
	it("spreads default hues around the wheel", () => {
		expect([0, 1, 2, 3].map((i) => defaultHue(i, 4))).toEqual([0, 90, 180, 270]);
		expect(defaultHue(0, 0)).toBe(0);
	});
	it("uses color_map when it names the label", () => {
		expect(annotationColor("cat", 0, 2, { cat: "#00ff00" })).toBe("#00ff00");
		expect(annotationColor("dog", 1, 2, { cat: "#00ff00" })).toBe("hsl(180 100% 50%)");
		expect(annotationColor("dog", 1, 2, null)).toBe("hsl(180 100% 50%)");
		expect(annotationColor("dog", 0, 2, { dog: 5 })).toBe("hsl(0 100% 50%)");
	});
	it("quotes URLs for CSS", () => {
		expect(cssUrl('http://x/a"b.png')).toBe('url("http://x/a%22b.png")');
		expect(cssUrl("http://x/a\\b")).toBe('url("http://x/a%5Cb")');
	});
});

describe("hitIndex", () => {
	// two 4×2 layers: layer 0 covers the left half, layer 1 the top-right pixel
	const left = { width: 4, height: 2, alpha: Uint8Array.from([9, 9, 0, 0, 9, 9, 0, 0]) };
	const corner = { width: 4, height: 2, alpha: Uint8Array.from([0, 0, 0, 255, 0, 0, 0, 0]) };
	it("finds the topmost covering layer", () => {
		expect(hitIndex([left, corner], 0, 0, 4, 2)).toBe(0);
		expect(hitIndex([left, corner], 3, 0, 4, 2)).toBe(1);
		expect(hitIndex([left, corner], 3, 1, 4, 2)).toBeNull();
		expect(hitIndex([corner, left], 1, 0, 4, 2)).toBe(1);
	});
	it("scales the pixel to layers of another size and skips missing ones", () => {
		expect(hitIndex([left], 7, 3, 8, 4)).toBeNull(); // bottom-right of a 2× base
		expect(hitIndex([left], 2, 3, 8, 4)).toBe(0);
		expect(hitIndex([null, left], 0, 0, 4, 2)).toBe(1);
	});
	it("extracts alpha from RGBA", () => {
		expect(Array.from(alphaOf(Uint8ClampedArray.from([1, 2, 3, 4, 5, 6, 7, 8])))).toEqual([4, 8]);
	});
});
