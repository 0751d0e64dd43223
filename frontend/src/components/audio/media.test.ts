import { describe, expect, it } from "vitest";
import { computePeaks, extensionFor, formatTime, normalizePeaks, pickMimeType, recordingName, seekTime } from "./media";

describe("formatTime", () => {
	it("formats minutes and seconds", () => {
		expect(formatTime(0)).toBe("0:00");
		expect(formatTime(5.9)).toBe("0:05");
		expect(formatTime(65)).toBe("1:05");
		expect(formatTime(3600 + 62)).toBe("1:01:02");
	});
	it("treats bad input as zero", () => {
		expect(formatTime(NaN)).toBe("0:00");
		expect(formatTime(Infinity)).toBe("0:00");
		expect(formatTime(-3)).toBe("0:00");
		expect(formatTime("7")).toBe("0:00");
	});
});

describe("computePeaks", () => {
	it("takes the max absolute sample per bucket", () => {
		const samples = [0, 0.5, -0.25, 0.1, -0.9, 0.2, 0, 0];
		expect(computePeaks([samples], 4)).toEqual([0.5, 0.25, 0.9, 0]);
	});
	it("uses the loudest channel", () => {
		expect(computePeaks([[0.1, 0.1], [-0.8, 0.2]], 2)).toEqual([0.8, 0.2]);
	});
	it("handles more buckets than samples and empty input", () => {
		expect(computePeaks([[0.5, -1]], 4)).toEqual([0.5, 0.5, 1, 1]);
		expect(computePeaks([], 4)).toEqual([]);
		expect(computePeaks([[1, 2]], 0)).toEqual([]);
	});
	it("clamps to 1", () => {
		expect(computePeaks([[3]], 1)).toEqual([1]);
	});
	it("normalizes", () => {
		expect(normalizePeaks([0.25, 0.5])).toEqual([0.5, 1]);
		expect(normalizePeaks([0, 0])).toEqual([0, 0]);
	});
});

describe("seekTime", () => {
	it("maps x to a time and clamps", () => {
		expect(seekTime(50, 200, 10)).toBe(2.5);
		expect(seekTime(-5, 200, 10)).toBe(0);
		expect(seekTime(500, 200, 10)).toBe(10);
		expect(seekTime(50, 0, 10)).toBe(0);
		expect(seekTime(50, 100, NaN)).toBe(0);
	});
});

describe("recording", () => {
	it("picks the first supported type", () => {
		expect(pickMimeType(["a", "b", "c"], (t) => t !== "a")).toBe("b");
		expect(pickMimeType(["a"], () => false)).toBe("");
		expect(
			pickMimeType(["a", "b"], (t) => {
				if (t === "a") throw new Error("nope");
				return true;
			}),
		).toBe("b");
	});
	it("derives extensions and names", () => {
		expect(extensionFor("audio/webm;codecs=opus", "bin")).toBe("webm");
		expect(extensionFor("audio/ogg", "bin")).toBe("ogg");
		expect(extensionFor("", "webm")).toBe("webm");
		expect(recordingName("audio", "webm", new Date(2026, 10, 22, 15, 1, 2))).toBe("audio-20261122-150102.webm");
	});
});
