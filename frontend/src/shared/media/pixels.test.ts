import { describe, expect, it } from "vitest";
import { pixelAt } from "./pixels";

describe("pixelAt", () => {
	const box = { left: 10, top: 20, width: 200, height: 100 };
	it("maps a click inside a letterboxed image", () => {
		// 100×100 image in a 200×100 box: scale 1, offset x 50
		expect(pixelAt(10 + 50, 20, box, 100, 100)).toEqual([0, 0]);
		expect(pixelAt(10 + 100, 20 + 50, box, 100, 100)).toEqual([50, 50]);
		expect(pixelAt(10 + 150, 20 + 100, box, 100, 100)).toEqual([99, 99]);
	});
	it("scales to natural size", () => {
		// 400×200 image in 200×100: scale 0.5
		expect(pixelAt(10 + 100, 20 + 50, box, 400, 200)).toEqual([200, 100]);
	});
	it("returns null outside the picture or without size", () => {
		expect(pixelAt(10 + 10, 20 + 10, box, 100, 100)).toBeNull();
		expect(pixelAt(0, 0, box, 0, 0)).toBeNull();
	});
});
