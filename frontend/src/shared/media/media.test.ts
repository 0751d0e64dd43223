import { describe, expect, it } from "vitest";
import { extensionFor, formatTime, pickMimeType, recordingName, webcamOptions } from "./media";
import { webcamConstraints } from "./recorder.svelte";

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

describe("webcamOptions", () => {
	it("mirrors by default and keeps an object of constraints", () => {
		expect(webcamOptions(null)).toEqual({ mirror: true, constraints: null });
		expect(webcamOptions({ mirror: false, constraints: { video: { width: 320 } } })).toEqual({
			mirror: false,
			constraints: { video: { width: 320 } },
		});
		expect(webcamOptions({ mirror: "yes", constraints: "bad" })).toEqual({ mirror: true, constraints: null });
	});
});

describe("webcamConstraints", () => {
	it("asks for Gradio's ideal 1920x1440 picture, and sound only when included", () => {
		expect(webcamConstraints(null, false)(null)).toEqual({
			video: { width: { ideal: 1920 }, height: { ideal: 1440 } },
			audio: false,
		});
		expect(webcamConstraints(null, true)(null).audio).toBe(true);
	});
	it("uses the app's constraints, also for a chosen camera", () => {
		const given = { video: { width: 320, height: 240 }, audio: { echoCancellation: false } };
		expect(webcamConstraints(given, true)(null)).toEqual(given);
		expect(webcamConstraints(given, false)("cam2")).toEqual({
			video: { deviceId: { exact: "cam2" }, width: 320, height: 240 },
			audio: false,
		});
	});
});
