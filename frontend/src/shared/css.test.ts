import { describe, expect, it } from "vitest";
import { cssSize } from "./css";

describe("cssSize", () => {
	it("reads numbers as pixels and keeps strings", () => {
		expect(cssSize(300)).toBe("300px");
		expect(cssSize("50vh")).toBe("50vh");
		expect(cssSize(null)).toBeUndefined();
	});
});
