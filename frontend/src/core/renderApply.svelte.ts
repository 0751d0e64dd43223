// gr.render in the page, applied: loaded only by apps that have a gr.render (see AppState.applyRender).

import { reconcile } from "../api/diff";
import { rememberFirstValue } from "../shared/value.svelte";
import type { AppState, NodeState } from "./app.svelte";
import { layoutIds, renderedProps, type RenderConfig } from "./render";

/**
 * Show what a run of a gr.render made: its blocks replace the previous run's in its placeholder, and
 * its listeners replace that run's. A block shown again under its id (a keyed one) keeps the props
 * its `preserved_by_key` names, such as the value the user typed.
 */
export function applyRender(app: AppState, config: RenderConfig): void {
	const placeholder = config.layout.id;
	const previous = app.renders.get(config.render_id);
	app.renders.set(config.render_id, { deps: config.dependencies, ids: config.components.map((c) => c.id) });
	app.indexDependencies();
	const all = app.allDependencies();
	const inputs = new Set(all.flatMap((d) => d.inputs));
	const outputs = new Set(all.flatMap((d) => d.outputs));
	const shownNow = layoutIds(config.layout);
	const fresh: Record<number, NodeState> = {};
	for (const component of config.components) {
		if (component.id === placeholder || !shownNow.has(component.id)) continue;
		const shown = app.nodes[component.id];
		const snapshot = shown ? { type: shown.type, props: $state.snapshot(shown.props) as Record<string, unknown> } : undefined;
		const props = renderedProps(component, app.initialProps(component, inputs, outputs), snapshot);
		if (shown && shown.type === component.type) {
			for (const key of Object.keys(shown.props)) if (!(key in props)) delete shown.props[key];
			for (const [key, value] of Object.entries(props)) reconcile(shown.props, key, value);
		} else {
			fresh[component.id] = { id: component.id, type: component.type, props };
			rememberFirstValue(component.id, props.value);
		}
	}
	Object.assign(app.nodes, fresh);
	app.rendered[placeholder] = config.layout.children ?? [];
	for (const id of previous?.ids ?? []) {
		if (id === placeholder || shownNow.has(id)) continue;
		forget(app, id);
	}
	// A render made by a run that is gone (a gr.render inside a render function) goes with its placeholder.
	let gone = true;
	while (gone) {
		gone = false;
		for (const [renderId, run] of app.renders) {
			const runPlaceholder = run.ids[0]; // a render_config lists its placeholder first
			if (renderId === config.render_id || runPlaceholder === undefined || runPlaceholder in app.nodes) continue;
			for (const id of run.ids) forget(app, id);
			delete app.rendered[runPlaceholder];
			app.renders.delete(renderId);
			gone = true;
		}
	}
	app.indexDependencies();
	// As Gradio's page: the run's listeners of the page's load (values given as functions) run now.
	const root = app.config.layout.id;
	for (const dep of config.dependencies) {
		if (dep.targets.some(([target, event]) => target === root && event === "load")) void app.run(dep, null, root);
	}
}

function forget(app: AppState, id: number): void {
	delete app.nodes[id];
	delete app.status[id];
	app.translated.delete(id);
}
