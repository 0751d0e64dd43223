// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import { dependencyConfig } from "../api/wire.testutil";
import { historyKey, outputValue, RUN_LIMIT, RunHistory } from "./runs.svelte";

const KEY = historyKey("/");
const greet = dependencyConfig({ id: 0, targets: [[3, "click"]], inputs: [1, 2], outputs: [4], api_name: "greet" });

beforeEach(() => localStorage.clear());

describe("RunHistory", () => {
	it("saves a finished call of a public endpoint, newest first, and reads it back", () => {
		const history = new RunHistory(KEY, true);
		history.record(greet, ["Ann", 3], ["Hello Ann"], null, 1000, 1012);
		history.record(greet, ["Bob", 0], null, "boom", 2000, 2005);
		expect(history.runs.map((r) => [r.endpoint, r.status, r.duration, r.inputs[0].value])).toEqual([
			["/greet", "error", 5, "Bob"],
			["/greet", "complete", 12, "Ann"],
		]);
		expect(history.runs[0]).toMatchObject({ outputs: [], error: "boom" });
		expect(history.runs[1].outputs).toEqual([{ id: 4, value: "Hello Ann" }]);
		expect(new RunHistory(KEY, true).runs).toEqual(history.runs);
	});

	it("skips listeners without a public name", () => {
		const history = new RunHistory(KEY, true);
		history.record({ ...greet, api_name: null }, ["x"], ["y"], null, 0);
		history.record({ ...greet, api_visibility: "private" }, ["x"], ["y"], null, 0);
		expect(history.runs).toEqual([]);
	});

	it("deletes one run, or all of them", () => {
		const history = new RunHistory(KEY, true);
		for (const name of ["a", "b", "c"]) history.record(greet, [name], ["y"], null, 0);
		history.remove(history.runs[1].id);
		expect(history.runs.map((r) => r.inputs[0].value)).toEqual(["c", "a"]);
		history.clear();
		expect(new RunHistory(KEY, true).runs).toEqual([]);
	});

	it(`keeps the newest ${RUN_LIMIT}`, () => {
		const history = new RunHistory(KEY, true);
		for (let i = 0; i < RUN_LIMIT + 5; i++) history.record(greet, [i], [i], null, i);
		expect(history.runs).toHaveLength(RUN_LIMIT);
		expect(history.runs[0].inputs[0].value).toBe(RUN_LIMIT + 4);
	});

	it("run_history=False saves nothing and deletes what was saved", () => {
		new RunHistory(KEY, true).record(greet, ["a"], ["b"], null, 0);
		const off = new RunHistory(KEY, false);
		off.record(greet, ["a"], ["b"], null, 0);
		expect(off.runs).toEqual([]);
		expect(localStorage.getItem(KEY)).toBeNull();
	});

	it("each logged-in user has a history of their own", () => {
		expect(historyKey("/app/", "ann")).not.toBe(historyKey("/app/", "bob"));
		expect(historyKey("/app/", null)).toBe("trellis:run-history:/app/");
	});

	it("an output set by an update is its value", () => {
		expect(outputValue({ __type__: "update", value: 3, visible: true })).toBe(3);
		expect(outputValue("x")).toBe("x");
	});
});
