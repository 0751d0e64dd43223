import { describe, expect, it } from "vitest";
import { toHex, typedColor } from "./color";

describe("toHex", () => {
	it("normalizes hex forms to #rrggbb", () => {
		expect(toHex("#ABC")).toBe("#aabbcc");
		expect(toHex("#a1b2c3")).toBe("#a1b2c3");
		expect(toHex("a1b2c3")).toBe("#a1b2c3");
		expect(toHex("#11223344")).toBe("#112233");
		expect(toHex("#1234")).toBe("#112233");
	});
	it("reads rgb() and rgba() strings", () => {
		expect(toHex("rgb(255, 0, 128)")).toBe("#ff0080");
		expect(toHex("rgba(0,0,0,0.5)")).toBe("#000000");
		expect(toHex("rgb(100% 0% 0% / 50%)")).toBe("#ff0000");
	});
	it("uses the resolver for other colours and rejects nonsense", () => {
		const resolve = (text: string) => (text === "red" ? "#ff0000" : null);
		expect(toHex("red", resolve)).toBe("#ff0000");
		expect(toHex("red")).toBeNull();
		expect(toHex("not a colour", resolve)).toBeNull();
		expect(toHex(null)).toBeNull();
		expect(toHex("#12")).toBeNull();
	});
});

describe("typedColor", () => {
	it("adds # to bare hex digits and keeps other colours as typed", () => {
		expect(typedColor("FF8800")).toBe("#ff8800");
		expect(typedColor(" #FF8800 ")).toBe("#FF8800");
		expect(typedColor("rgb(1, 2, 3)")).toBe("rgb(1, 2, 3)");
		expect(typedColor("nope")).toBeNull();
	});
});
