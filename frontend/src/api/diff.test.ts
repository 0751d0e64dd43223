import { describe, expect, it } from "vitest";
import { applyDiff, applyEditsInPlace, reconcile, type Edit } from "./diff";

const history = () => [
	{ role: "user", content: [{ type: "text", text: "hi" }] },
	{ role: "assistant", content: [{ type: "text", text: "Hel" }] },
];

describe("applyEditsInPlace", () => {
	it("appends to one string and leaves every other object as it was", () => {
		const slot = { value: history() };
		const first = slot.value[0];
		const reply = slot.value[1];
		applyEditsInPlace(slot, [["append", [1, "content", 0, "text"], "lo"]]);
		expect(slot.value[1].content[0].text).toBe("Hello");
		expect(slot.value[0]).toBe(first);
		expect(slot.value[1]).toBe(reply);
	});

	it("adds, replaces and deletes at any depth and at the root", () => {
		const slot: { value: unknown } = { value: { a: [1, 2], b: "x" } };
		applyEditsInPlace(slot, [
			["add", ["a", 2], 3],
			["delete", ["a", 0], null],
			["replace", ["b"], { c: 1 }],
			["add", ["d"], true],
			["delete", ["d"], null],
		]);
		expect(slot.value).toEqual({ a: [2, 3], b: { c: 1 } });
		applyEditsInPlace(slot, [["replace", [], "text"]]);
		applyEditsInPlace(slot, [["append", [], " more"]]);
		expect(slot.value).toBe("text more");
	});

	it("copies inserted values when asked, so two trees fed the same edits share nothing", () => {
		const item = { role: "assistant", content: [] as unknown[] };
		const a = { value: [] as unknown[] };
		const b = { value: [] as unknown[] };
		const edits: Edit[] = [["add", [0], item]];
		applyEditsInPlace(a, edits);
		applyEditsInPlace(b, edits, (v) => structuredClone(v));
		expect(b.value[0]).toEqual(a.value[0]);
		expect(b.value[0]).not.toBe(a.value[0]);
	});
});

describe("applyDiff", () => {
	it("leaves the original untouched", () => {
		const original = history();
		const next = applyDiff(original, [["append", [1, "content", 0, "text"], "p!"]]) as ReturnType<typeof history>;
		expect(next[1].content[0].text).toBe("Help!");
		expect(original[1].content[0].text).toBe("Hel");
	});
});

describe("reconcile", () => {
	it("updates a list in place, keeping unchanged items", () => {
		const holder: Record<string, unknown> = { value: history() };
		const list = holder.value as ReturnType<typeof history>;
		const first = list[0];
		const next = [...history(), { role: "user", content: [{ type: "text", text: "again" }] }];
		next[1].content[0].text = "Hello there";
		expect(reconcile(holder, "value", next)).toBe(true);
		expect(holder.value).toBe(list);
		expect(list[0]).toBe(first);
		expect(list).toEqual(next);
		expect(list[2]).not.toBe(next[2]); // stored as a copy
		expect(reconcile(holder, "value", structuredClone(next))).toBe(false);
	});

	it("shrinks lists, drops keys and replaces values of another kind", () => {
		const holder: Record<string, unknown> = { value: { a: [1, 2, 3], b: 1, c: { d: 1 } } };
		reconcile(holder, "value", { a: [1], c: "now text" });
		expect(holder.value).toEqual({ a: [1], c: "now text" });
		reconcile(holder, "value", null);
		expect(holder.value).toBeNull();
	});
});
