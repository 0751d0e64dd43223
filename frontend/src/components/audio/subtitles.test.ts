import { describe, expect, it } from "vitest";
import { asCues } from "./subtitles";

describe("asCues", () => {
	it("keeps the cues and drops what is not one", () => {
		const cue = { start: 0, end: 1.5, text: "Hello" };
		expect(asCues([cue, { start: "0", end: 1, text: "x" }, null])).toEqual([cue]);
		expect(asCues("captions.vtt")).toEqual([]);
		expect(asCues(null)).toEqual([]);
	});
});
