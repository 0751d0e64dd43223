import { describe, expect, it } from "vitest";
import { seal, unseal } from "./storage";

describe("BrowserState storage", () => {
	it("round-trips values through the encrypted form", async () => {
		const value = { chats: [[{ role: "user", content: "hé 📎" }]], n: 3 };
		const sealed = await seal(value, "s3cret");
		expect(sealed.startsWith("v1:")).toBe(true);
		expect(sealed).not.toContain("chats");
		expect(await unseal(sealed, "s3cret")).toEqual(value);
	});

	it("cannot be read with another secret or when corrupt", async () => {
		const sealed = await seal([1, 2], "a");
		expect(await unseal(sealed, "b")).toBeUndefined();
		expect(await unseal("v1:!!!", "a")).toBeUndefined();
		expect(await unseal("something else", "a")).toBeUndefined();
	});

	it("reads the plain form", async () => {
		expect(await unseal('p1:{"x":1}', "any")).toEqual({ x: 1 });
	});
});
