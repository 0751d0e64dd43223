import { describe, expect, it } from "vitest";
import { appConfig, componentConfig, dependencyConfig } from "../api/wire.testutil";
import { AppState } from "./app.svelte";
import { isRenderConfig, layoutIds, preservedProps, renderedProps, type RenderConfig } from "./render";

function run(renderId: number, boxes: { id: number; key: number | null; value?: string }[], depId: number): RenderConfig {
	return {
		render_id: renderId,
		components: [
			componentConfig(2, "column"),
			...boxes.map((b) => ({
				...componentConfig(b.id, "textbox", b.value === undefined ? {} : { value: b.value }),
				key: b.key,
			})),
		],
		dependencies: [dependencyConfig({ id: depId, targets: [[1, "click"]], inputs: boxes.map((b) => b.id), outputs: [3] })],
		layout: { id: 2, children: boxes.map((b) => ({ id: b.id })) },
	};
}

describe("render_config", () => {
	it("is recognised only when complete", () => {
		expect(isRenderConfig(null)).toBe(false);
		expect(isRenderConfig({ render_id: 0, components: [] })).toBe(false);
		expect(isRenderConfig(run(0, [], 5))).toBe(true);
	});

	it("keeps the preserved props of a keyed block shown under the same id", () => {
		const component = { ...componentConfig(7, "textbox"), key: 123 };
		const shown = { type: "textbox", props: { value: "typed", label: "old" } };
		expect(renderedProps(component, { value: "", label: "new" }, shown)).toEqual({ value: "typed", label: "new" });
		expect(renderedProps({ ...component, key: null }, { value: "", label: "new" }, shown)).toEqual({ value: "", label: "new" });
		expect(preservedProps({ preserved_by_key: "label" }, undefined)).toEqual(["label"]);
		expect([...layoutIds({ id: 1, children: [{ id: 2, children: [{ id: 3 }] }] })]).toEqual([1, 2, 3]);
	});

	it("replaces the previous run's blocks and listeners in the app state", async () => {
		const app = new AppState(
			appConfig({
				components: [componentConfig(1, "button"), componentConfig(2, "column"), componentConfig(3, "textbox")],
				dependencies: [],
				layout: { id: 0, children: [{ id: 1 }, { id: 2, children: [] }, { id: 3 }] },
			}),
			"",
		);
		await app.applyRender(run(0, [{ id: 10, key: 1 }, { id: 11, key: null, value: "x" }], 5));
		expect(app.layoutOf({ id: 2, children: [] }).children).toEqual([{ id: 10 }, { id: 11 }]);
		expect(app.hasListener(1, "click")).toBe(true);
		app.nodes[10].props.value = "typed";
		await app.applyRender(run(0, [{ id: 10, key: 1 }, { id: 12, key: 2 }], 6));
		expect(app.nodes[10].props.value).toBe("typed");
		expect(app.nodes[11]).toBeUndefined();
		expect(app.nodes[12].props.interactive).toBe(true);
		expect(app.layoutOf({ id: 2, children: [] }).children).toEqual([{ id: 10 }, { id: 12 }]);
		await app.applyRender({
			render_id: 0,
			components: [componentConfig(2, "column")],
			dependencies: [],
			layout: { id: 2, children: [] },
		});
		expect(app.hasListener(1, "click")).toBe(false);
	});

	it("drops a nested render's blocks and listeners when the run that made it is replaced", async () => {
		const app = new AppState(
			appConfig({
				components: [componentConfig(1, "button"), componentConfig(2, "column"), componentConfig(3, "textbox")],
				dependencies: [],
				layout: { id: 0, children: [{ id: 1 }, { id: 2, children: [] }, { id: 3 }] },
			}),
			"",
		);
		// The outer run (render 0) makes the placeholder 20 of a nested render (render 7).
		const outer = (placeholder: number): RenderConfig => ({
			render_id: 0,
			components: [componentConfig(2, "column"), componentConfig(placeholder, "column")],
			dependencies: [],
			layout: { id: 2, children: [{ id: placeholder, children: [] }] },
		});
		await app.applyRender(outer(20));
		await app.applyRender({
			render_id: 7,
			components: [componentConfig(20, "column"), componentConfig(21, "textbox")],
			dependencies: [dependencyConfig({ id: 8, targets: [[1, "click"]], inputs: [], outputs: [21] })],
			layout: { id: 20, children: [{ id: 21 }] },
		});
		expect(app.nodes[21]).toBeDefined();
		expect(app.hasListener(1, "click")).toBe(true);
		await app.applyRender(outer(30));
		expect(app.nodes[20]).toBeUndefined();
		expect(app.nodes[21]).toBeUndefined();
		expect(app.renders.has(7)).toBe(false);
		expect(app.hasListener(1, "click")).toBe(false);
		expect(app.nodes[30]).toBeDefined();
	});
});
