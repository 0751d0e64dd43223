import { describe, expect, it } from "vitest";
import { clock, played, playState, timeAt, volumeLevel } from "./player";

describe("clock", () => {
	it("rounds to the nearest second, as Gradio's video player", () => {
		expect(clock(0)).toBe("0:00");
		expect(clock(1.4)).toBe("0:01");
		expect(clock(1.6)).toBe("0:02");
		expect(clock(3)).toBe("0:03");
		expect(clock(59.6)).toBe("1:00");
		expect(clock(754)).toBe("12:34");
		expect(clock(3600 + 62)).toBe("1:01:02");
	});
	it("shows 0:00 for unknown times", () => {
		expect(clock(Number.NaN)).toBe("0:00");
		expect(clock(Number.POSITIVE_INFINITY)).toBe("0:00");
		expect(clock(-3)).toBe("0:00");
	});
});

describe("played", () => {
	it("is the fraction played, clamped", () => {
		expect(played(1.5, 3)).toBe(0.5);
		expect(played(4, 3)).toBe(1);
		expect(played(-1, 3)).toBe(0);
		expect(played(1, Number.NaN)).toBe(0);
		expect(played(1, 0)).toBe(0);
	});
});

describe("timeAt", () => {
	it("maps a point on the bar to a time", () => {
		expect(timeAt(150, 100, 200, 10)).toBe(2.5);
		expect(timeAt(50, 100, 200, 10)).toBe(0);
		expect(timeAt(400, 100, 200, 10)).toBe(10);
		expect(timeAt(150, 100, 0, 10)).toBe(0);
		expect(timeAt(150, 100, 200, Number.NaN)).toBe(0);
	});
});

describe("volumeLevel", () => {
	it("picks the icon as Gradio does", () => {
		expect(volumeLevel(1, false)).toBe("high");
		expect(volumeLevel(0.5, false)).toBe("high");
		expect(volumeLevel(0.3, false)).toBe("low");
		expect(volumeLevel(0, false)).toBe("muted");
		expect(volumeLevel(0.8, true)).toBe("muted");
	});
});

describe("playState", () => {
	it("is replay at the end, else play or pause", () => {
		expect(playState(true, false)).toBe("play");
		expect(playState(false, false)).toBe("pause");
		expect(playState(true, true)).toBe("replay");
	});
});
