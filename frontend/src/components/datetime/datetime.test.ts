import { describe, expect, it } from "vitest";
import { formatDate, fromPickerValue, isRelative, isValidText, parseDate, toPickerValue } from "./datetime";

const now = new Date(2024, 5, 10, 12, 30, 15);

describe("formatDate", () => {
	it("formats with or without the time, zero-padded", () => {
		const date = new Date(2023, 0, 5, 7, 8, 9);
		expect(formatDate(date, true)).toBe("2023-01-05 07:08:09");
		expect(formatDate(date, false)).toBe("2023-01-05");
	});
});

describe("parseDate", () => {
	it("reads the accepted absolute forms", () => {
		expect(formatDate(parseDate("2023-01-05 07:08:09")!, true)).toBe("2023-01-05 07:08:09");
		expect(formatDate(parseDate("2023-01-05 07:08")!, true)).toBe("2023-01-05 07:08:00");
		expect(formatDate(parseDate("2023-01-05T07:08:09")!, true)).toBe("2023-01-05 07:08:09");
		expect(formatDate(parseDate("2023-01-05")!, true)).toBe("2023-01-05 00:00:00");
		expect(formatDate(parseDate("0050-06-01")!, false)).toBe("0050-06-01");
	});
	it("rejects impossible dates and other text", () => {
		expect(parseDate("2023-02-30")).toBeNull();
		expect(parseDate("2023-13-01")).toBeNull();
		expect(parseDate("2023-01-01 24:00:00")).toBeNull();
		expect(parseDate("01/02/2023")).toBeNull();
		expect(parseDate("")).toBeNull();
	});
	it("resolves relative forms against now", () => {
		expect(parseDate("now", now)!.getTime()).toBe(now.getTime());
		expect(formatDate(parseDate("now - 1h", now)!, true)).toBe("2024-06-10 11:30:15");
		expect(formatDate(parseDate("now+2d", now)!, true)).toBe("2024-06-12 12:30:15");
		expect(formatDate(parseDate("now - 30s", now)!, true)).toBe("2024-06-10 12:29:45");
		expect(isRelative(" now - 1w ")).toBe(true);
		expect(isRelative("2024-01-01")).toBe(false);
	});
});

describe("validation and the native picker", () => {
	it("accepts empty text (clears) and valid dates only", () => {
		expect(isValidText("")).toBe(true);
		expect(isValidText("2024-01-01")).toBe(true);
		expect(isValidText("tomorrow")).toBe(false);
	});
	it("converts to the picker's format", () => {
		expect(toPickerValue("2023-01-05 07:08:09", true)).toBe("2023-01-05T07:08:09");
		expect(toPickerValue("2023-01-05 07:08:09", false)).toBe("2023-01-05");
		expect(toPickerValue("now - 1h", true, now)).toBe("2024-06-10T11:30:15");
		expect(toPickerValue(null, true)).toBe("");
		expect(toPickerValue("garbage", true)).toBe("");
	});
	it("converts picker values back to the component's format", () => {
		expect(fromPickerValue("2023-01-05T07:08", true)).toBe("2023-01-05 07:08:00");
		expect(fromPickerValue("2023-01-05T07:08:09", true)).toBe("2023-01-05 07:08:09");
		expect(fromPickerValue("2023-01-05", false)).toBe("2023-01-05");
		expect(fromPickerValue("2023-01-05", true)).toBe("2023-01-05 00:00:00");
		expect(fromPickerValue("", true)).toBeNull();
	});
});
