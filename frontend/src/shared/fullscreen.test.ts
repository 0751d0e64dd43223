// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { Fullscreen } from "./fullscreen.svelte";

let shown: Element | null = null;
Object.defineProperty(document, "fullscreenElement", { configurable: true, get: () => shown });
document.exitFullscreen = vi.fn(async () => {
	shown = null;
});

function element(): HTMLElement {
	const el = document.createElement("div");
	el.requestFullscreen = vi.fn(async () => {
		shown = el;
	});
	return el;
}

afterEach(() => {
	shown = null;
});

describe("Fullscreen", () => {
	it("shows the attached element, then leaves fullscreen", async () => {
		const fs = new Fullscreen();
		const el = element();
		fs.attach(el);
		await fs.toggle();
		expect(el.requestFullscreen).toHaveBeenCalledOnce();
		fs.onchange();
		expect(fs.active).toBe(true);
		await fs.toggle();
		expect(document.exitFullscreen).toHaveBeenCalled();
		fs.onchange();
		expect(fs.active).toBe(false);
	});

	it("is not active when another element is fullscreen", () => {
		const fs = new Fullscreen();
		fs.attach(element());
		shown = element();
		fs.onchange();
		expect(fs.active).toBe(false);
	});

	it("does nothing once the element is detached", async () => {
		const fs = new Fullscreen();
		const el = element();
		const detach = fs.attach(el);
		detach();
		await fs.toggle();
		expect(el.requestFullscreen).not.toHaveBeenCalled();
	});

	it("swallows a refused request", async () => {
		const fs = new Fullscreen();
		const el = element();
		el.requestFullscreen = vi.fn(async () => {
			throw new TypeError("Permissions check failed");
		});
		fs.attach(el);
		await expect(fs.toggle()).resolves.toBeUndefined();
		fs.onchange();
		expect(fs.active).toBe(false);
	});
});
