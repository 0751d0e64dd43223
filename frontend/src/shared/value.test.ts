import { describe, expect, it } from "vitest";
import { groupName, hasButton } from "./value.svelte";

describe("hasButton", () => {
	it("shows every button when `buttons` is not a list", () => {
		expect(hasButton(null, "download")).toBe(true);
		expect(hasButton(undefined, "fullscreen")).toBe(true);
	});

	it("shows only the listed buttons", () => {
		expect(hasButton(["download"], "download")).toBe(true);
		expect(hasButton(["download"], "fullscreen")).toBe(false);
		expect(hasButton([], "download")).toBe(false);
	});
});

describe("groupName", () => {
	it("points at the visible label", () => {
		expect(groupName({ label: "Photo" }, "image-1-label", "Image")).toEqual({ "aria-labelledby": "image-1-label" });
	});

	it("names the group itself when the label is hidden or missing", () => {
		expect(groupName({ label: "Photo", show_label: false }, "l", "Image")).toEqual({ "aria-label": "Photo" });
		expect(groupName({ label: null }, "l", "Image")).toEqual({ "aria-label": "Image" });
		expect(groupName({}, "l", "3D model")).toEqual({ "aria-label": "3D model" });
	});
});
