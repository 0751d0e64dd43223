import { describe, expect, it } from "vitest";
import { applyCheck, asEntries, asPaths, below, holds, samePath, within } from "./fileexplorer";

describe("FileExplorer selection (as Gradio 6.31's oncheck)", () => {
	const empty = { files: [], folders: [] };

	it("checks a file once, and one file only with file_count single", () => {
		let sel = applyCheck(empty, { path: ["a.txt"], checked: true, type: "file" }, false);
		sel = applyCheck(sel, { path: ["a.txt"], checked: true, type: "file" }, false);
		expect(sel.files).toEqual([["a.txt"]]);
		sel = applyCheck(sel, { path: ["sub", "c.txt"], checked: true, type: "file" }, true);
		expect(sel.files).toEqual([["sub", "c.txt"]]);
	});

	it("a checked folder is kept apart from the value; unchecking it drops everything under it", () => {
		let sel = applyCheck(empty, { path: ["sub"], checked: true, type: "folder" }, false);
		sel = applyCheck(sel, { path: ["sub", "c.txt"], checked: true, type: "file" }, false);
		sel = applyCheck(sel, { path: ["a.txt"], checked: true, type: "file" }, false);
		expect(sel).toEqual({ files: [["sub", "c.txt"], ["a.txt"]], folders: [["sub"]] });
		sel = applyCheck(sel, { path: ["sub"], checked: false, type: "folder" }, false);
		expect(sel).toEqual({ files: [["a.txt"]], folders: [] });
	});

	it("unchecking a file unchecks the folders holding it", () => {
		let sel = applyCheck(empty, { path: ["sub"], checked: true, type: "folder" }, false);
		sel = applyCheck(sel, { path: ["sub", "c.txt"], checked: true, type: "file" }, false);
		sel = applyCheck(sel, { path: ["sub", "c.txt"], checked: false, type: "file" }, false);
		expect(sel).toEqual({ files: [], folders: [] });
	});

	it("path helpers", () => {
		expect(samePath(["a", "b"], ["a", "b"])).toBe(true);
		expect(within(["sub", "x"], ["sub"])).toBe(true);
		expect(within(["sub2", "x"], ["sub"])).toBe(false);
		expect(below([["sub", "c.txt"], ["a.txt"], ["sub"]], "sub")).toEqual([["c.txt"]]);
		expect(holds([["sub"]], "sub")).toBe(true);
		expect(holds([["sub", "c"]], "sub")).toBe(false);
	});

	it("keeps only well-formed listings and values", () => {
		expect(asEntries([{ name: "a", type: "file", valid: true }, { name: 1 }, null, "x"])).toEqual([
			{ name: "a", type: "file", valid: true },
		]);
		expect(asEntries({})).toEqual([]);
		expect(asPaths([["a"], "b", [1]])).toEqual([["a"]]);
		expect(asPaths(null)).toEqual([]);
	});
});
