// gr.render in the page: the `render_config` a render event's completion carries, and how its blocks
// replace the previous run's. See trellis/blocks/render.py for the wire format (as Gradio 6.31 sends it).

import type { ComponentConfig, DependencyConfig, LayoutNode } from "../api/types";

/** What one run of a render made: its blocks (the placeholder first), its listeners and its layout. */
export interface RenderConfig {
	render_id: number;
	components: ComponentConfig[];
	dependencies: DependencyConfig[];
	layout: LayoutNode;
}

/** Whether an event output's `render_config` is one to apply (other listeners send `null`). */
export function isRenderConfig(value: unknown): value is RenderConfig {
	if (typeof value !== "object" || value === null) return false;
	const config = value as Partial<RenderConfig>;
	return (
		typeof config.render_id === "number" &&
		Array.isArray(config.components) &&
		Array.isArray(config.dependencies) &&
		typeof config.layout === "object" &&
		config.layout !== null
	);
}

/** The names of the props a re-rendered component keeps from the one shown under its id. */
export function preservedProps(fresh: Record<string, unknown>, shown: Record<string, unknown> | undefined): string[] {
	const names = fresh.preserved_by_key ?? shown?.preserved_by_key ?? ["value"];
	if (typeof names === "string") return [names];
	return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
}

/**
 * The props to show for a block of a render. A keyed block that the page already shows under the
 * same id and type keeps the props named in its `preserved_by_key` (by default what the user typed).
 */
export function renderedProps(
	component: ComponentConfig,
	fresh: Record<string, unknown>,
	shown: { type: string; props: Record<string, unknown> } | undefined,
): Record<string, unknown> {
	if (!shown || shown.type !== component.type || component.key === null || component.key === undefined) return fresh;
	const props = { ...fresh };
	for (const name of preservedProps(fresh, shown.props)) {
		if (name in shown.props) props[name] = shown.props[name];
	}
	return props;
}

/** The ids of every block in a layout subtree. */
export function layoutIds(node: LayoutNode, into: Set<number> = new Set()): Set<number> {
	into.add(node.id);
	for (const child of node.children ?? []) layoutIds(child, into);
	return into;
}
