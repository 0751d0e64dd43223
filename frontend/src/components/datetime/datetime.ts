// Date text of the DateTime component: "YYYY-MM-DD HH:MM:SS" (or "YYYY-MM-DD"), relative
// forms such as "now - 2h" that the server understands, and conversion to and from the
// browser's date/datetime-local picker values. Times are wall-clock (no timezone).

const ABSOLUTE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const RELATIVE = /^now\s*(?:([+-])\s*(\d+(?:\.\d+)?)\s*([smhdw]))?$/i;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

function pad(n: number, width = 2): string {
	return String(n).padStart(width, "0");
}

/** `date` as "YYYY-MM-DD HH:MM:SS" (or "YYYY-MM-DD" without the time), in local time. */
export function formatDate(date: Date, includeTime: boolean): string {
	const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
	if (!includeTime) return day;
	return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Whether `text` is a relative date ("now", "now - 1h", "now + 2d"). */
export function isRelative(text: string): boolean {
	return RELATIVE.test(text.trim());
}

/** The moment `text` names (absolute or relative to `now`), or null when it is no valid date. */
export function parseDate(text: string, now: Date = new Date()): Date | null {
	const trimmed = text.trim();
	const relative = RELATIVE.exec(trimmed);
	if (relative) {
		const [, sign, amount, unit] = relative;
		if (!sign) return new Date(now.getTime());
		const ms = Number(amount) * UNIT_SECONDS[unit.toLowerCase()] * 1000;
		return new Date(now.getTime() + (sign === "-" ? -ms : ms));
	}
	const match = ABSOLUTE.exec(trimmed);
	if (!match) return null;
	const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
	if (month < 1 || month > 12 || day < 1 || hours > 23 || minutes > 59 || seconds > 59) return null;
	const date = new Date(2000, 0, 1, hours, minutes, seconds);
	date.setFullYear(year, month - 1, day); // setFullYear keeps years below 100 as they are
	// Reject overflowed dates such as 2023-02-30 (the Date constructor rolls them over).
	if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
	return date;
}

/** Whether the text box content can be sent as a value ("" clears the value). */
export function isValidText(text: string): boolean {
	return text.trim() === "" || parseDate(text) !== null;
}

/** The value for the native picker (`datetime-local` or `date` input), "" when `text` is no date. */
export function toPickerValue(text: unknown, includeTime: boolean, now: Date = new Date()): string {
	if (typeof text !== "string") return "";
	const date = parseDate(text, now);
	if (!date) return "";
	return includeTime ? formatDate(date, true).replace(" ", "T") : formatDate(date, false);
}

/** The component value for a native picker value ("YYYY-MM-DDTHH:MM[:SS]" or "YYYY-MM-DD"). */
export function fromPickerValue(value: string, includeTime: boolean): string | null {
	if (!value) return null;
	const date = parseDate(value);
	return date ? formatDate(date, includeTime) : null;
}
