// The running app in the browser: component props, loading status, toasts, and event dispatch.

import { applyEditsInPlace, reconcile, type Edit } from "../api/diff";
import { QueueClient, ValidationRefusal, type ValidationEntry } from "../api/queue";
import { withDefaults } from "../components/defaults";
import { defaultLabel, localizeProp, onLocaleChange } from "../i18n/i18n.svelte";
import { historyKey, outputValue, type Run, RunHistory } from "./runs.svelte";
import { customButtonTarget } from "../shared/customButtons";
import { scrollToNode } from "../shared/nodeId";
import { isStreamChunk, postChunk, postClose, streamEventData } from "../shared/streamWire";
import { noteValueSet, rememberFirstValue } from "../shared/value.svelte";
import { isRenderConfig, type RenderConfig } from "./render";
import type {
	AppConfig,
	ComponentConfig,
	DependencyConfig,
	LayoutNode,
	ErrorOutput,
	OutputData,
	ProcessCompletedMessage,
	ProgressUnit,
	QueueMessage,
	ShowProgress,
} from "../api/types";

export type Status = "pending" | "generating" | "complete" | "error";

export interface LoadingStatus {
	status: Status;
	showProgress: ShowProgress;
	queuePosition: number | null;
	queueSize: number | null;
	eta: number | null;
	startedAt: number;
	progress: ProgressUnit[] | null;
	message: string | null;
	/** Why a listener's `validator` refused this input (shown by the input until it changes or runs again). */
	validation?: string | null;
	/** Set when the status exists only to show `validation` (dropped with it). */
	validationOnly?: boolean;
	/** A run a cache answered (`used_cache`): what the output's corner says for a moment, as in Gradio. */
	cache?: CacheNote | null;
}

/** "⚡ from cache: 0.0s", or with the usual time "⚡ used cache: ~2.0s → 0.0s" (seconds with one decimal). */
export interface CacheNote {
	label: "from cache" | "used cache";
	duration: string;
	average: string | null;
}

export interface Toast {
	id: number;
	level: "info" | "warning" | "success" | "error";
	title: string;
	message: string;
	duration: number | null;
}

/** One component's reactive state: its id, type string and props (the config's, then updated). */
export interface NodeState<P = Record<string, unknown>> {
	id: number;
	type: string;
	props: P;
}

type Dispatch = (event: string, data?: unknown) => void;

interface Pending {
	eventData: unknown;
	triggerId: number | null;
}

let toastIds = 0;
let directIds = 0;
/** Prefix of the ids that track direct (queue=false) calls in `running`: they have no queue event. */
const DIRECT = "direct-";
/** Marks a queued run whose join is on its way (it has no event id yet, and already counts as running). */
const JOINING = "joining-";

/** A status waiting for a result from now on: the timer restarts, no queue place, ETA or progress yet. */
function freshPending(): Partial<LoadingStatus> {
	return { status: "pending", startedAt: performance.now(), queuePosition: null, queueSize: null, eta: null, progress: null };
}

/** Turn a `js=` listener string into a function. */
export function compileJs(source: string): (...args: unknown[]) => unknown {
	const fn: unknown = new Function(`return (${source});`)();
	if (typeof fn !== "function") throw new Error("js= must be a JavaScript function");
	return (...args) => fn(...args);
}

function isUpdate(value: unknown): value is Record<string, unknown> & { __type__: "update" } {
	return typeof value === "object" && value !== null && "__type__" in value && value.__type__ === "update";
}

/** A failed event's output: its error (a cancelled event's output is empty, `{}`). */
function errorOutput(output: ProcessCompletedMessage["output"]): Partial<ErrorOutput> {
	return "data" in output ? {} : output;
}

/**
 * Whether a component left at interactive=None can be edited, as Gradio's page decides: yes when an
 * event reads it, no when events only write it; one no event touches is editable while the app gives
 * it no value (null, "", 0, false or an empty list) and shown read-only when it holds one.
 */
export function inferInteractive(id: number, value: unknown, inputs: Set<number>, outputs: Set<number>): boolean {
	if (inputs.has(id)) return true;
	if (outputs.has(id)) return false;
	return !value || (Array.isArray(value) && value.length === 0);
}

/** How long an error's toast stays: the seconds it names, `null` (until closed) when it says so, else 10. */
export function toastDuration(error: { duration?: number | null }): number | null {
	return error.duration === undefined ? 10 : error.duration;
}

/** A successful event's output: its data (a cancelled event's output is empty, `{}`). */
function outputData(output: ProcessCompletedMessage["output"]): Partial<OutputData> {
	return "error" in output ? {} : output;
}

/** What Gradio's share buttons say off Hugging Face Spaces. */
export const SHARE_UNAVAILABLE = "Must be on Spaces to share.";

/** A component's status with nothing running: what a cache note or a validator's message is added to. */
function settledStatus(showProgress: DependencyConfig["show_progress"]): LoadingStatus {
	return {
		status: "complete",
		showProgress,
		queuePosition: null,
		queueSize: null,
		eta: null,
		startedAt: performance.now(),
		progress: null,
		message: null,
	};
}

export class AppState {
	readonly config: AppConfig;
	readonly queue: QueueClient;
	nodes: Record<number, NodeState> = $state({});
	status: Record<number, LoadingStatus | undefined> = $state({});
	toasts: Toast[] = $state([]);
	apiDocsOpen = $state(false);
	/** The calls saved in this browser (the footer's "Runs"). */
	readonly runs: RunHistory;
	private deps: DependencyConfig[];
	private byTarget = new Map<string, DependencyConfig[]>();
	private byTriggerAfter = new Map<number, DependencyConfig[]>();
	/** Per gr.render (its render_id): the listeners and block ids of its latest run. */
	renders = new Map<number, { deps: DependencyConfig[]; ids: number[] }>();
	private renderer: Promise<typeof import("./renderApply.svelte")> | null = null;
	/** The children each gr.render placeholder shows (by the placeholder's id), once its render ran. */
	rendered: Record<number, LayoutNode[]> = $state({});
	private running = new Map<number, Set<string>>();
	private queuedLast = new Map<number, Pending>();
	/**
	 * Streaming inputs (`.stream` listeners): per streaming component, the seconds its stream event has
	 * left (its `time_limit` as process_streaming says, null without one), shown by its streaming bar.
	 */
	streamLimits: Record<number, number | null> = $state({});
	/** Per `.stream` listener: its event taking chunks ("" while its join is on its way), and a stop asked meanwhile. */
	private streams = new Map<number, { eventId: string; closing: boolean }>();
	/** The props shown translated (gr.I18n markers): their text as sent and as last shown, per component. */
	translated = new Map<number, Map<string, { sent: unknown; shown: string }>>();

	constructor(config: AppConfig, base: string) {
		this.config = config;
		this.queue = new QueueClient(base);
		this.runs = new RunHistory(
			historyKey(typeof location === "undefined" ? "/" : location.pathname, config.username),
			config.run_history !== false,
		);
		const inputs = new Set(config.dependencies.flatMap((d) => d.inputs));
		const outputs = new Set(config.dependencies.flatMap((d) => d.outputs));
		const nodes: Record<number, NodeState> = {};
		for (const component of config.components) {
			nodes[component.id] = { id: component.id, type: component.type, props: this.initialProps(component, inputs, outputs) };
			rememberFirstValue(component.id, nodes[component.id].props.value);
		}
		this.nodes = nodes;
		onLocaleChange(() => this.relocalize());
		this.deps = config.dependencies;
		this.indexDependencies();
		if (config.dependencies.some((dep) => dep.render_id !== null && dep.render_id !== undefined)) {
			this.renderer = import("./renderApply.svelte");
		}
	}

	/** A component's props as first shown: the config's, with the defaults, translations and interactivity the page fills in. */
	initialProps(component: ComponentConfig, inputs: Set<number>, outputs: Set<number>): Record<string, unknown> {
		// The value and label the config leaves out, as Gradio's page fills them in ("" for a Textbox).
		const props = withDefaults(component.type, { ...component.props });
		// the default label the page filled in: some are shown in the page's language, as Gradio's
		if (component.props.label == null && typeof props.label === "string") props.label = defaultLabel(props.label);
		for (const key in props) props[key] = this.localize(component.id, component.type, key, props[key]);
		if (props.interactive === undefined || props.interactive === null) {
			props.interactive = inferInteractive(component.id, component.props.value, inputs, outputs);
		}
		return props;
	}

	/** Every listener the page knows: the app's, then those the latest run of each gr.render made. */
	allDependencies(): DependencyConfig[] {
		const all = [...this.deps];
		for (const run of this.renders.values()) all.push(...run.deps);
		return all;
	}

	/** Index the listeners by the trigger that fires them and by the listener they follow (.then). */
	indexDependencies(): void {
		this.byTarget.clear();
		this.byTriggerAfter.clear();
		for (const dep of this.allDependencies()) {
			for (const [target, event] of dep.targets) {
				const key = `${target}:${event}`;
				if (event === "then" || event === "success" || event === "failure") continue;
				const list = this.byTarget.get(key) ?? [];
				list.push(dep);
				this.byTarget.set(key, list);
			}
			if (dep.trigger_after !== null) {
				const list = this.byTriggerAfter.get(dep.trigger_after) ?? [];
				list.push(dep);
				this.byTriggerAfter.set(dep.trigger_after, list);
			}
		}
	}

	/**
	 * Show what a run of a gr.render made (see renderApply.ts). Its code is loaded only by apps that have
	 * a gr.render, as soon as the page starts, so it is there by the time a render's first answer comes.
	 */
	applyRender(config: RenderConfig): Promise<void> {
		this.renderer ??= import("./renderApply.svelte");
		return this.renderer.then(({ applyRender }) => applyRender(this, config));
	}

	/** The layout a container shows: a gr.render placeholder shows its latest run's blocks. */
	layoutOf(node: LayoutNode): LayoutNode {
		const children = this.rendered[node.id];
		return children === undefined ? node : { id: node.id, children };
	}

	/**
	 * The dispatch function handed to one component. As in Gradio's page, its "error" event (data: the
	 * message) shows an error toast, and so does its "share" event: sharing to a Hugging Face Spaces
	 * discussion works only on Spaces, and Trellis always behaves as off Spaces. A click on one of its
	 * custom corner buttons (a gr.Button given in its `buttons`) fires that Button's "click" listeners.
	 */
	dispatcher(id: number): Dispatch {
		return (event, data) => {
			const button = customButtonTarget(event, data);
			if (button !== null) {
				this.trigger(button, "click");
				return;
			}
			if (event === "error") this.toast("error", "Error", String(data));
			else if (event === "share") this.toast("error", "Error", SHARE_UNAVAILABLE);
			if (event === "input") this.setValidation(id, null);
			if (event === "close_stream") {
				this.closeStreams(id);
				return;
			}
			this.trigger(id, event, data);
		};
	}

	hasListener(id: number, event: string): boolean {
		return this.byTarget.has(`${id}:${event}`);
	}

	/** Fire every listener of `event` on component `id`. */
	trigger(id: number, event: string, eventData: unknown = null): void {
		for (const dep of this.byTarget.get(`${id}:${event}`) ?? []) void this.run(dep, eventData, id);
	}

	/** Fire the app's `load` listeners. */
	load(): void {
		this.trigger(this.config.layout.id, "load");
	}

	/**
	 * The outputs of `dep` that are tables shown read-only: the server sends a big value for one in
	 * windows (the rows in view, the rest fetched as the user scrolls) instead of whole.
	 */
	tableWindows(dep: DependencyConfig): number[] {
		return dep.outputs.filter((id) => {
			const node = this.nodes[id];
			return node?.type === "dataframe" && node.props.interactive !== true;
		});
	}

	/** Puts a saved run's inputs and outputs back into their components ("Load run"). */
	loadRun(run: Run): void {
		for (const { id, value } of [...run.inputs, ...run.outputs]) {
			const node = this.nodes[id];
			const shown = outputValue(value);
			if (node && node.type !== "state" && shown !== undefined) node.props.value = shown;
		}
	}

	toast(level: Toast["level"], title: string, message: string, duration: number | null = 10): void {
		const toast = { id: ++toastIds, level, title, message, duration };
		this.toasts.push(toast);
		if (duration !== null && duration > 0) setTimeout(() => this.dismiss(toast.id), duration * 1000);
	}

	/** Prop `key` of component `id` as shown (gr.I18n markers translated), remembered to translate again. */
	private localize(id: number, type: string, key: string, value: unknown): unknown {
		const shown = localizeProp(type, key, value);
		if (shown === value) {
			this.translated.get(id)?.delete(key);
			return value;
		}
		const keys = this.translated.get(id) ?? new Map<string, { sent: unknown; shown: string }>();
		keys.set(key, { sent: value, shown: JSON.stringify(shown) });
		this.translated.set(id, keys);
		return shown;
	}

	/** After a change of language: the translated props the user has not changed since, in the new language. */
	relocalize(): void {
		for (const [id, keys] of this.translated) {
			const node = this.nodes[id];
			if (!node) continue;
			for (const [key, entry] of keys) {
				if (JSON.stringify($state.snapshot(node.props[key])) !== entry.shown) {
					keys.delete(key);
					continue;
				}
				const shown = localizeProp(node.type, key, entry.sent);
				entry.shown = JSON.stringify(shown);
				node.props[key] = shown;
			}
		}
	}

	dismiss(id: number): void {
		this.toasts = this.toasts.filter((t) => t.id !== id);
	}

	private inputValue(id: number): unknown {
		const node = this.nodes[id];
		if (!node || node.type === "state") return null;
		return $state.snapshot(node.props.value);
	}

	private setOutputs(dep: DependencyConfig, data: unknown[]): void {
		dep.outputs.forEach((id, index) => {
			if (index >= data.length) return;
			const node = this.nodes[id];
			const value = data[index];
			if (!node || node.type === "state") return;
			if (isUpdate(value)) {
				for (const [key, prop] of Object.entries(value)) {
					if (key !== "__type__") reconcile(node.props, key, this.localize(id, node.type, key, prop));
				}
				if ("value" in value) this.valueSet(node);
			} else {
				// In place: an updated list keeps its unchanged items (and their rendering).
				reconcile(node.props, "value", this.localize(id, node.type, "value", value));
				this.valueSet(node);
			}
		});
	}

	/** An event set a component's value. A BrowserState announces every such set as a change, even of an
	 * equal value (as Gradio's page: it has no view to compare with); a component not drawn yet
	 * announces a new value once it is. */
	private valueSet(node: NodeState): void {
		if (node.type === "browserstate") this.trigger(node.id, "change");
		else noteValueSet(node.id);
	}

	/** Apply one process_generating message's edits to the tracked outputs and to the components. */
	private applyEdits(dep: DependencyConfig, current: unknown[], data: unknown[]): void {
		dep.outputs.forEach((id, index) => {
			const edits = data[index] as Edit[] | undefined;
			if (!edits || !edits.length) return;
			const slot = { value: current[index] };
			applyEditsInPlace(slot, edits);
			current[index] = slot.value;
			const node = this.nodes[id];
			if (!node || node.type === "state") return;
			if (isUpdate(slot.value)) {
				this.setOutputs({ ...dep, outputs: [id] }, [slot.value]);
				return;
			}
			// The same edits on the component's reactive value: only the touched strings re-render.
			applyEditsInPlace(node.props, edits, (v) =>
				typeof v === "object" && v !== null ? structuredClone(v) : v,
			);
		});
	}

	private statusTargets(dep: DependencyConfig): number[] {
		return dep.show_progress_on ?? dep.outputs;
	}

	private setStatus(dep: DependencyConfig, patch: Partial<LoadingStatus> | null): void {
		for (const id of this.statusTargets(dep)) {
			if (patch === null) {
				delete this.status[id];
				continue;
			}
			const current = this.status[id];
			this.status[id] = {
				status: "pending",
				showProgress: dep.show_progress,
				queuePosition: null,
				queueSize: null,
				eta: null,
				startedAt: current?.startedAt ?? performance.now(),
				progress: null,
				message: null,
				...current,
				...patch,
			};
		}
	}

	/** Stop every running event of a listener (``cancels=``, Stop buttons). */
	cancel(depId: number): void {
		const events = this.running.get(depId);
		this.queuedLast.delete(depId);
		if (!events) return;
		for (const eventId of events)
			if (!eventId.startsWith(DIRECT) && !eventId.startsWith(JOINING)) void this.queue.cancel(depId, eventId);
	}

	/**
	 * A `.stream` listener's next chunk: posted to its running event (dropped while its join is on its way).
	 * False when no event of it runs: the chunk then joins a new one (also after a time_limit ended the last).
	 */
	private feedStream(dep: DependencyConfig, eventData: unknown, triggerId: number | null): boolean {
		const stream = this.streams.get(dep.id);
		if (!stream) return false;
		if (stream.eventId && !stream.closing) {
			const inputs = this.streamInputs(dep, eventData, triggerId);
			const url = this.queue.url(`/stream/${encodeURIComponent(stream.eventId)}`);
			void postChunk(url, dep.id, this.queue.sessionHash, inputs, streamEventData(eventData));
		}
		return true;
	}

	/** A stream listener's inputs: the chunk stands for the streaming component's value. */
	private streamInputs(dep: DependencyConfig, eventData: unknown, triggerId: number | null): unknown[] {
		return dep.inputs.map((id) =>
			id === triggerId && isStreamChunk(eventData) ? eventData.value : this.inputValue(id),
		);
	}

	/** The component stopped streaming: close the stream events of its `.stream` listeners. */
	closeStreams(id: number): void {
		for (const dep of this.byTarget.get(`${id}:stream`) ?? []) {
			const stream = this.streams.get(dep.id);
			if (!stream || stream.closing) continue;
			stream.closing = true;
			if (stream.eventId) void postClose(this.queue.url(`/stream/${encodeURIComponent(stream.eventId)}/close`));
		}
		delete this.streamLimits[id];
	}

	/** The `stream_every` of the first `.stream` listener of component `id` (null when it has none). */
	streamEvery(id: number): number | null {
		const dep = this.byTarget.get(`${id}:stream`)?.[0];
		return dep ? dep.stream_every : null;
	}

	private streamTargets(dep: DependencyConfig): number[] {
		const ids: number[] = [];
		for (const [target, event] of dep.targets) if (event === "stream" && target !== null) ids.push(target);
		return ids;
	}

	async run(dep: DependencyConfig, eventData: unknown, triggerId: number | null): Promise<void> {
		const streamed = dep.connection === "stream" && dep.queue;
		if (streamed && this.feedStream(dep, eventData, triggerId)) return;
		const active = this.running.get(dep.id);
		if (active && active.size) {
			if (dep.trigger_mode === "once") return;
			if (dep.trigger_mode === "always_last") {
				this.queuedLast.set(dep.id, { eventData, triggerId });
				return;
			}
		}
		for (const other of dep.cancels) this.cancel(other);
		let inputs = streamed ? this.streamInputs(dep, eventData, triggerId) : dep.inputs.map((id) => this.inputValue(id));
		if (dep.js) {
			let result: unknown;
			try {
				result = await compileJs(dep.js)(...inputs);
			} catch (error) {
				this.toast("error", "Error", `js function failed: ${(error as Error).message}`);
				this.finished(dep, false);
				return;
			}
			if (!dep.backend_fn) {
				if (result !== undefined) {
					const values = dep.outputs.length === 1 ? [result] : result;
					if (Array.isArray(values)) this.setOutputs(dep, values);
				}
				this.finished(dep, true);
				return;
			}
			if (result !== undefined) {
				inputs = dep.inputs.length === 1 ? [result] : Array.isArray(result) ? result : inputs;
			}
		}
		if (!dep.backend_fn) {
			this.finished(dep, true);
			return;
		}
		// A new run clears its inputs' validator messages (and those of the outputs it is about to track).
		for (const id of [...dep.inputs, ...this.statusTargets(dep)]) this.setValidation(id, null);
		if (dep.show_progress !== "hidden") this.setStatus(dep, freshPending());
		const started = Date.now();
		const sent = inputs;
		// As Gradio's page, the app's own load listeners are not saved as runs.
		const fromLoad = triggerId === this.config.layout.id;
		const record = (outputs: unknown[] | null, error: string | null) => {
			if (!fromLoad) this.runs.record(dep, sent, outputs, error, started);
		};
		if (!dep.queue) {
			// Tracked like a queued event, so that trigger_mode (once / always_last) holds for direct calls too.
			const running = this.running.get(dep.id) ?? new Set<string>();
			this.running.set(dep.id, running);
			const token = `${DIRECT}${++directIds}`;
			running.add(token);
			await this.runDirect(dep, inputs, eventData, triggerId, () => running.delete(token), record);
			return;
		}
		const events = this.running.get(dep.id) ?? new Set<string>();
		this.running.set(dep.id, events);
		// Running from now on, not only once the join answers: a trigger meanwhile must see it (trigger_mode
		// "always_last" queues it, "once" drops it) instead of starting a second run whose answer may land last.
		const joining = `${JOINING}${++directIds}`;
		events.add(joining);
		let current: unknown[] | null = null;
		let eventId = "";
		let ended = false;
		const stream = streamed ? { eventId: "", closing: false } : null;
		if (stream) this.streams.set(dep.id, stream);
		const done = (success: boolean) => {
			ended = true;
			events.delete(joining);
			events.delete(eventId);
			if (stream && this.streams.get(dep.id) === stream) {
				this.streams.delete(dep.id);
				for (const id of this.streamTargets(dep)) delete this.streamLimits[id];
			}
			this.finished(dep, success);
		};
		const end = (outputs: unknown[] | null, error: string | null, cancelled = false) => {
			if (!cancelled) record(outputs, error);
			done(error === null && !cancelled);
		};
		try {
			eventId = await this.queue.submit(
				dep.id,
				inputs,
				streamed ? streamEventData(eventData) : eventData,
				triggerId,
				(message: QueueMessage) => {
					current = this.onMessage(dep, message, current, end);
				},
				this.tableWindows(dep),
			);
			// An event may end before its join answers (its messages came first on the open stream and were
			// delivered inside submit): it must not be counted as running afterwards, or trigger_mode "once"
			// would drop every later trigger of this listener.
			events.delete(joining);
			if (!ended) events.add(eventId);
			if (stream && !ended) {
				stream.eventId = eventId;
				// Stopped while the join was on its way: close it now.
				if (stream.closing) void postClose(this.queue.url(`/stream/${encodeURIComponent(eventId)}/close`));
			}
		} catch (error) {
			events.delete(joining);
			if (stream && this.streams.get(dep.id) === stream) this.streams.delete(dep.id);
			if (error instanceof ValidationRefusal) {
				this.refused(dep, error.entries);
				return;
			}
			this.setStatus(dep, { status: "error", message: (error as Error).message });
			this.toast("error", "Error", (error as Error).message);
			this.finished(dep, false);
		}
	}

	private onMessage(
		dep: DependencyConfig,
		message: QueueMessage,
		current: unknown[] | null,
		/** Ends the event with its outputs, or its error (a cancelled event is not saved as a run). */
		end: (outputs: unknown[] | null, error: string | null, cancelled?: boolean) => void,
	): unknown[] | null {
		const tracked = dep.show_progress !== "hidden";
		switch (message.msg) {
			case "estimation":
				if (tracked)
					this.setStatus(dep, {
						status: "pending",
						queuePosition: message.rank,
						queueSize: message.queue_size,
						eta: message.rank_eta,
					});
				return current;
			case "process_starts":
				// Running: Gradio's page reads this as position 0 of no known line ("processing |").
				if (tracked) this.setStatus(dep, { status: "pending", queuePosition: 0, queueSize: null, eta: message.eta });
				return current;
			case "progress":
				if (tracked) this.setStatus(dep, { progress: message.progress_data });
				return current;
			case "log":
				if (message.visible !== false) {
					this.toast(message.level, message.title, message.log, message.duration);
				}
				return current;
			case "process_generating": {
				const data = message.output.data;
				let next: unknown[];
				if (current === null) {
					// The first message carries full values: keep a private copy to apply later edits to.
					next = structuredClone(data);
					this.setOutputs(dep, data);
				} else {
					next = current;
					this.applyEdits(dep, next, data);
				}
				if (tracked) this.setStatus(dep, { status: "generating" });
				return next;
			}
			case "process_streaming": {
				// A stream event's outputs: whole values after each call (no edits).
				const data = message.output.data;
				this.setOutputs(dep, data);
				for (const id of message.output.changed_state_ids ?? []) this.trigger(id, "change");
				if (this.streams.get(dep.id)?.closing !== true)
					for (const id of this.streamTargets(dep)) this.streamLimits[id] = message.time_limit ?? null;
				// As Gradio's page: the outputs wait for the next call's result, their timer counting from now.
				if (tracked) this.setStatus(dep, freshPending());
				return structuredClone(data);
			}
			case "process_completed": {
				if (!message.success) {
					const output = errorOutput(message.output);
					const text = output.error ?? "An error occurred on the server. (Run with show_error=True to see it.)";
					this.setStatus(dep, { status: "error", message: text });
					// As Gradio's page: a toast only for an error with a message (a plain exception without
					// show_error sends `error: null`), closing after 10 s unless the error names its duration.
					if (output.error != null && output.visible !== false)
						this.toast("error", output.title ?? "Error", text, toastDuration(output));
					end(null, text, !("error" in message.output));
				} else {
					const output = outputData(message.output);
					if (isRenderConfig(output.render_config)) void this.applyRender(output.render_config);
					else if (Array.isArray(output.data)) this.setOutputs(dep, output.data);
					for (const id of output.changed_state_ids ?? []) this.trigger(id, "change");
					this.setStatus(dep, null);
					if (message.used_cache && message.cache_duration != null && tracked) this.noteCache(dep, message);
					end(Array.isArray(output.data) ? output.data : current, null);
				}
				return null;
			}
			case "unexpected_error":
				this.setStatus(dep, { status: "error", message: message.message });
				this.toast("error", "Error", message.message);
				end(null, message.message);
				return null;
			default:
				return current;
		}
	}

	private async runDirect(
		dep: DependencyConfig,
		inputs: unknown[],
		eventData: unknown,
		triggerId: number | null,
		release: () => void,
		record: (outputs: unknown[] | null, error: string | null) => void,
	) {
		try {
			const answer = await this.queue.run(dep.api_name, dep.id, inputs, eventData, triggerId, this.tableWindows(dep));
			release();
			if (answer.ok) {
				const { body } = answer;
				if (isRenderConfig(body.render_config)) void this.applyRender(body.render_config);
				else this.setOutputs(dep, body.data ?? []);
				for (const id of body.changed_state_ids ?? []) this.trigger(id, "change");
				this.setStatus(dep, null);
				record(body.data ?? [], null);
				this.finished(dep, true);
			} else {
				const { body } = answer;
				const text = body.error ?? body.detail ?? "An error occurred on the server.";
				this.setStatus(dep, { status: "error", message: String(text) });
				if ((body.error ?? body.detail) != null && body.visible !== false)
					this.toast("error", body.title ?? "Error", String(text), toastDuration(body));
				record(null, String(text));
				this.finished(dep, false);
			}
		} catch (error) {
			release();
			this.setStatus(dep, { status: "error", message: (error as Error).message });
			this.finished(dep, false);
		}
	}

	/**
	 * The listener's `validator` refused its inputs: as Gradio's page, its outputs go back to idle (no error,
	 * no toast, no chained listener) and each refused input shows its message.
	 */
	private refused(dep: DependencyConfig, entries: ValidationEntry[]): void {
		this.setStatus(dep, null);
		entries.forEach((entry, index) => {
			const id = dep.inputs[index];
			if (id !== undefined) this.setValidation(id, entry.is_valid ? null : entry.message || null);
		});
		const last = this.queuedLast.get(dep.id);
		if (last && !this.running.get(dep.id)?.size) {
			this.queuedLast.delete(dep.id);
			void this.run(dep, last.eventData, last.triggerId);
		}
	}

	/** As Gradio's page: a run answered from a cache says so in its outputs' corner (the tracker fades it). */
	private noteCache(dep: DependencyConfig, message: ProcessCompletedMessage): void {
		const duration = message.cache_duration ?? 0;
		const average = message.avg_time;
		const note: CacheNote = {
			label: message.used_cache === "full" ? "from cache" : "used cache",
			duration: duration.toFixed(1),
			average: average != null && average > duration && average > 0 ? average.toFixed(1) : null,
		};
		for (const id of dep.outputs) {
			if (this.status[id]) continue;
			this.status[id] = { ...settledStatus(dep.show_progress), cache: note };
		}
	}

	/** Show (or with `null`, clear) a validator's message by input `id`. */
	private setValidation(id: number, message: string | null): void {
		const current = this.status[id];
		if (message === null) {
			if (!current?.validation) return;
			if (current.validationOnly) delete this.status[id];
			else this.status[id] = { ...current, validation: null };
			return;
		}
		this.status[id] = current
			? { ...current, validation: message }
			: { ...settledStatus("hidden"), validation: message, validationOnly: true };
	}

	private finished(dep: DependencyConfig, success: boolean): void {
		// As Gradio: after a successful run, bring its first output into view if it is not.
		if (success && dep.scroll_to_output && dep.outputs.length) scrollToNode(dep.outputs[0]);
		for (const next of this.byTriggerAfter.get(dep.id) ?? []) {
			if (next.trigger_only_on_success && !success) continue;
			if (next.trigger_only_on_failure && success) continue;
			void this.run(next, null, null);
		}
		const last = this.queuedLast.get(dep.id);
		if (last && !this.running.get(dep.id)?.size) {
			this.queuedLast.delete(dep.id);
			void this.run(dep, last.eventData, last.triggerId);
		}
	}
}
