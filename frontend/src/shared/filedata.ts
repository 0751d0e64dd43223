// The FileData test alone, so that views which only need it (the eager buttons) do not pull in files.ts.

import type { FileData } from "../api/types";

/** Whether `value` looks like a FileData payload (a dict with a string `path` or `url`). */
export function isFileData(value: unknown): value is FileData {
	if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
	const v = value as Record<string, unknown>;
	return typeof v.path === "string" || typeof v.url === "string";
}
