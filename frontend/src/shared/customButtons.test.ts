import { describe, expect, it } from "vitest";
import { customButtonTarget, customButtons, hasCustomButtons } from "./customButtons";

describe("customButtons", () => {
	it("keeps the Buttons of a buttons prop, in order, and leaves the icon names out", () => {
		const buttons = ["copy", { value: "Hi", id: 4, variant: "primary" }, "download", { value: null, id: 7 }];
		expect(customButtons(buttons)).toEqual([
			{ id: 4, value: "Hi" },
			{ id: 7, value: "" },
		]);
		expect(hasCustomButtons(buttons)).toBe(true);
	});

	it("finds none in a list of names, null or a malformed entry", () => {
		expect(customButtons(["copy"])).toEqual([]);
		expect(customButtons(null)).toEqual([]);
		expect(customButtons([{ value: "no id" }, 3])).toEqual([]);
		expect(hasCustomButtons(undefined)).toBe(false);
	});

	it("reads the Button's id from a custom_button_click event only", () => {
		expect(customButtonTarget("custom_button_click", { id: 4 })).toBe(4);
		expect(customButtonTarget("click", { id: 4 })).toBeNull();
		expect(customButtonTarget("custom_button_click", null)).toBeNull();
	});
});
