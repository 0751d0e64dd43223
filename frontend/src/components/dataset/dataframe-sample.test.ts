import { describe, expect, it } from "vitest";
import { preview } from "./dataset";

describe("a Dataframe sample in the examples", () => {
	it("shows its first 3 rows and 3 columns, and marks more", () => {
		const rows = [
			["Alice", 30, 1.5, true],
			["Bob", 25, 22.25, false],
			["Carol", 41, 3, true],
			["Dave", 19, 4.75, false],
		];
		expect(preview(rows, "dataframe", "")).toEqual({
			kind: "table",
			rows: [
				["Alice", "30", "1.5"],
				["Bob", "25", "22.25"],
				["Carol", "41", "3"],
			],
			moreColumns: true,
			moreRows: true,
		});
	});
	it("reads a payload's data and draws nothing special for an empty one", () => {
		expect(preview({ headers: ["a"], data: [[1]] }, "dataframe", "")).toEqual({
			kind: "table",
			rows: [["1"]],
			moreColumns: false,
			moreRows: false,
		});
		expect(preview([], "dataframe", "").kind).toBe("text");
	});
});
