import { describe, expect, it } from "vitest";
import { enteredColor, formatColor, hexToHsv, hsvToHex, toHex, typedColor } from "./color";

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

describe("hsv", () => {
	it("converts both ways", () => {
		expect(hsvToHex({ h: 0, s: 1, v: 1 })).toBe("#ff0000");
		expect(hsvToHex({ h: 120, s: 1, v: 1 })).toBe("#00ff00");
		expect(hsvToHex({ h: 240, s: 0.5, v: 0.5 })).toBe("#404080");
		expect(hsvToHex({ h: 200, s: 0, v: 1 })).toBe("#ffffff");
		const { h, s, v } = hexToHsv("#ff8800");
		expect([Math.round(h), s, v]).toEqual([32, 1, 1]);
		expect(hexToHsv("#000000")).toEqual({ h: 0, s: 0, v: 0 });
		expect(hsvToHex(hexToHsv("#9a7a56"))).toBe("#9a7a56");
	});
});

describe("formatColor", () => {
	it("writes a colour as hex, rgb() or hsl(), as the picker's modes", () => {
		expect(formatColor("#ff8800", "hex")).toBe("#ff8800");
		expect(formatColor("#ff8800", "rgb")).toBe("rgb(255, 136, 0)");
		expect(formatColor("#ff8800", "hsl")).toBe("hsl(32, 100%, 50%)");
		expect(formatColor("#808080", "hsl")).toBe("hsl(0, 0%, 50%)");
	});
});

describe("enteredColor", () => {
	it("stores a hex for known colours and the text for others", () => {
		const resolve = (text: string) => (text === "red" ? "#ff0000" : null);
		expect(enteredColor("red", resolve)).toBe("#ff0000");
		expect(enteredColor("123456")).toBe("#123456");
		expect(enteredColor("rgb(1, 2, 3)")).toBe("#010203");
		expect(enteredColor("nope", resolve)).toBe("nope");
	});
});
