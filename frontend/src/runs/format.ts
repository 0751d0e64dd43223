// How the run history page shows a saved run: its duration, its date, and each value as text, files
// or JSON.

import type { FileData } from "../api/types";
import type { Run } from "../core/runs.svelte";
import { isFileData } from "../shared/files";

/** "<1ms", "12ms", "1.2s", "2m 5s". */
export function formatDuration(ms: number): string {
	if (ms < 1) return "<1ms";
	if (ms < 1000) return `${Math.round(ms)}ms`;
	if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;
	return `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`;
}

/** "Dec 3, 2026, 10:39 PM" (in the browser's language). */
export function formatTime(time: number, locale?: string): string {
	return new Date(time).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

/** The runs by endpoint, in the order each endpoint last ran (the runs are newest first). */
export function byEndpoint(runs: readonly Run[]): [string, Run[]][] {
	const groups = new Map<string, Run[]>();
	for (const run of runs) {
		const list = groups.get(run.endpoint) ?? [];
		list.push(run);
		groups.set(run.endpoint, list);
	}
	return [...groups.entries()];
}

export type Preview =
	| { kind: "empty" }
	| { kind: "text"; text: string }
	| { kind: "files"; files: FileData[] }
	| { kind: "json"; text: string };

/** At most this many characters of a long value. */
const MAX_TEXT = 600;

function clip(text: string): string {
	return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** How to show one saved value. */
export function preview(value: unknown): Preview {
	if (value === null || value === undefined || value === "") return { kind: "empty" };
	if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
		return { kind: "text", text: clip(String(value)) };
	}
	if (isFileData(value)) return { kind: "files", files: [value] };
	if (Array.isArray(value) && value.length && value.every(isFileData)) return { kind: "files", files: value };
	let text: string;
	try {
		text = JSON.stringify(value, null, 1);
	} catch {
		text = String(value);
	}
	return { kind: "json", text: clip(text) };
}

/** Whether a file can be shown as a picture. */
export function isImage(file: FileData): boolean {
	if (file.mime_type) return file.mime_type.startsWith("image/");
	return /\.(png|jpe?g|gif|webp|avif|bmp|svg)$/i.test(file.orig_name || file.path || file.url || "");
}
