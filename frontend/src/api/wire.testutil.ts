// Whole wire objects for tests, as the server sends them by default: the generated types require
// every field, so a test names only what it is about and takes the rest from here.

import type { AppConfig, ComponentConfig, DependencyConfig, LayoutNode } from "./types";

/** A component's config entry; its `props` are what the test gives (the view fills in the rest). */
export function componentConfig(id: number, type: string, props: Record<string, unknown> = {}): ComponentConfig {
	return { id, type, props, skip_api: false, component_class_id: type, key: null };
}

/** A listener of `targets` (a backend function, queued, in Gradio's defaults). */
export function dependencyConfig(
	fields: Pick<DependencyConfig, "id" | "targets"> & Partial<DependencyConfig>,
): DependencyConfig {
	return {
		inputs: [],
		outputs: [],
		backend_fn: true,
		js: null,
		queue: true,
		api_name: `fn${fields.id}`,
		api_description: null,
		scroll_to_output: false,
		show_progress: "full",
		show_progress_on: null,
		batch: false,
		max_batch_size: 4,
		cancels: [],
		types: { generator: false, cancel: false },
		collects_event_data: false,
		trigger_after: null,
		trigger_only_on_success: false,
		trigger_only_on_failure: false,
		trigger_mode: "once",
		api_visibility: "public",
		rendered_in: null,
		render_id: null,
		connection: "sse",
		time_limit: null,
		stream_every: 0.5,
		event_specific_args: null,
		component_prop_inputs: [],
		js_implementation: null,
		...fields,
	};
}

/** A one-page app's config with these components, listeners and layout. */
export function appConfig(
	fields: Pick<AppConfig, "components" | "dependencies" | "layout"> & Partial<AppConfig>,
): AppConfig {
	const layout: LayoutNode = fields.layout;
	return {
		version: "6.31.0",
		api_prefix: "/gradio_api",
		mode: "blocks",
		app_id: 1,
		dev_mode: false,
		vibe_mode: false,
		analytics_enabled: false,
		is_colab: false,
		stylesheets: [],
		pwa: false,
		mcp_server: false,
		i18n_translations: null,
		space_id: null,
		run_history: true,
		footer_links: ["api", "gradio", "settings"],
		css: null,
		connect_heartbeat: false,
		js: null,
		head: null,
		title: "Trellis",
		enable_queue: true,
		show_error: false,
		max_file_size: null,
		theme: "default",
		protocol: "sse_v3",
		body_css: {},
		fill_height: false,
		fill_width: false,
		theme_hash: null,
		pages: [["", "Home", true]],
		current_page: "",
		username: null,
		root: "http://host",
		page: {
			"": {
				layout,
				components: fields.components.map((c) => c.id),
				dependencies: fields.dependencies.map((d) => d.id),
			},
		},
		...fields,
	};
}
