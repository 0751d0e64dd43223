import { describe, expect, it } from "vitest";
import type { Run } from "../core/runs.svelte";
import { byEndpoint, formatDuration, isImage, preview } from "./format";

const file = { path: "/tmp/a.png", url: "http://h/a.png", orig_name: "a.png", meta: { _type: "gradio.FileData" as const } };

describe("run history format", () => {
	it("durations", () => {
		expect([0.4, 12.3, 1234, 12_345, 125_000].map(formatDuration)).toEqual(["<1ms", "12ms", "1.2s", "12s", "2m 5s"]);
	});

	it("groups runs by endpoint, keeping their order", () => {
		const run = (id: string, endpoint: string) => ({ id, endpoint }) as Run;
		const groups = byEndpoint([run("1", "/b"), run("2", "/a"), run("3", "/b")]);
		expect(groups.map(([e, runs]) => [e, runs.map((r) => r.id)])).toEqual([
			["/b", ["1", "3"]],
			["/a", ["2"]],
		]);
	});

	it("shows text, files, JSON, or nothing", () => {
		expect(preview(null)).toEqual({ kind: "empty" });
		expect(preview("")).toEqual({ kind: "empty" });
		expect(preview(3)).toEqual({ kind: "text", text: "3" });
		expect(preview(file)).toEqual({ kind: "files", files: [file] });
		expect(preview([file, file])).toMatchObject({ kind: "files" });
		expect(preview({ a: 1 })).toEqual({ kind: "json", text: '{\n "a": 1\n}' });
		expect((preview("x".repeat(1000)) as { text: string }).text).toHaveLength(601);
	});

	it("knows a picture by its type or name", () => {
		expect(isImage(file)).toBe(true);
		expect(isImage({ ...file, mime_type: "audio/wav" })).toBe(false);
		expect(isImage({ ...file, orig_name: "b.txt", path: "/tmp/b.txt" })).toBe(false);
	});
});
