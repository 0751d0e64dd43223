// Shapes of the config and queue messages (PROTOCOL.md sections 2 and 4).

export interface LayoutNode {
	id: number;
	children?: LayoutNode[];
}

export interface ComponentConfig {
	id: number;
	type: string;
	props: Record<string, unknown>;
	skip_api?: boolean;
	key?: unknown;
}

export type ShowProgress = "full" | "minimal" | "hidden";
export type TriggerMode = "once" | "multiple" | "always_last";

export interface DependencyConfig {
	id: number;
	targets: [number, string][];
	inputs: number[];
	outputs: number[];
	backend_fn: boolean;
	js: string | null;
	queue: boolean;
	api_name: string;
	show_progress: ShowProgress;
	show_progress_on: number[] | null;
	scroll_to_output: boolean;
	cancels: number[];
	types: { generator: boolean; cancel: boolean };
	trigger_after: number | null;
	trigger_only_on_success: boolean;
	trigger_only_on_failure: boolean;
	trigger_mode: TriggerMode;
	api_visibility: "public" | "undocumented" | "private";
	collects_event_data?: boolean;
}

export interface AppConfig {
	version: string;
	api_prefix: string;
	root: string;
	mode: string;
	title: string;
	components: ComponentConfig[];
	dependencies: DependencyConfig[];
	layout: LayoutNode;
	css: string | null;
	js: string | null;
	head: string | null;
	theme: string | null;
	theme_vars?: Record<string, string> | null;
	fill_height?: boolean;
	fill_width?: boolean;
	show_error?: boolean;
	max_file_size?: number | null;
	username?: string | null;
	footer_links?: unknown[];
	auth_required?: boolean;
}

export interface ProgressUnit {
	index: number | null;
	length: number | null;
	unit: string;
	progress: number | null;
	desc: string | null;
}

export interface OutputData {
	data: unknown[];
	is_generating?: boolean;
	duration?: number;
	average_duration?: number | null;
	changed_state_ids?: number[];
}

export interface ErrorOutput {
	error: string | null;
	duration?: number | null;
	visible?: boolean;
	title?: string;
}

export type QueueMessage =
	| { msg: "estimation"; event_id: string; rank: number; queue_size: number; rank_eta: number | null }
	| { msg: "process_starts"; event_id: string; eta: number | null }
	| { msg: "progress"; event_id: string; progress_data: ProgressUnit[] }
	| {
			msg: "log";
			event_id: string;
			log: string;
			level: "info" | "warning" | "success" | "error";
			duration: number | null;
			visible: boolean;
			title: string;
	  }
	| { msg: "process_generating"; event_id: string; output: OutputData; success: true }
	| { msg: "process_completed"; event_id: string; output: OutputData | ErrorOutput | Record<string, never>; success: boolean; title?: string | null }
	| { msg: "heartbeat"; event_id: null }
	| { msg: "close_stream"; event_id: null }
	| { msg: "unexpected_error"; event_id: null; message: string; session_not_found?: boolean; success: false };

export interface FileData {
	path: string;
	url?: string | null;
	size?: number | null;
	orig_name?: string | null;
	mime_type?: string | null;
	is_stream?: boolean;
	meta: { _type: "gradio.FileData" };
}
