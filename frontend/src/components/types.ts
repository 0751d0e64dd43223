// The contract between the renderer and every component folder.

import type { Snippet } from "svelte";
import type { FileData, LayoutNode } from "../api/types";
import type { LoadingStatus, NodeState } from "../core/app.svelte";
import type { CommonProps } from "../generated/components";

/** What a component can ask of the app, besides its own props. */
export interface ComponentContext {
	/** Upload files to the server and get FileData payloads back. */
	upload(files: File[], onProgress?: (loaded: number, total: number) => void): Promise<FileData[]>;
	/** Whether some listener is attached to this component's `event`. */
	hasListener(event: string): boolean;
	/** Absolute URL of the app (no trailing slash). */
	root: string;
	/** The page's session (it owns what the server keeps for it, such as a big table's rows). */
	sessionHash: string;
	/** A streaming input's `.stream` listener's `stream_every` (seconds), or null when it has none. */
	streamEvery?: () => number | null;
	/** While it streams: the seconds its stream event has left (null: no time_limit); undefined otherwise. */
	streamLimit?: () => number | null | undefined;
}

/**
 * What the app adds to every component's props (see AppState): `interactive`, resolved where the server
 * left it None or out (an output that is no listener's input is read-only, as in Gradio).
 */
export interface AppAddedProps {
	interactive?: boolean | null;
}

/**
 * Props every component folder's Index.svelte receives, `P` being its generated props interface
 * (`ComponentProps<TextboxProps>`): there is no default, so an untyped view fails svelte-check.
 */
export interface ComponentProps<P extends CommonProps> {
	/** The component's reactive state; `node.props.value` is its value (bindable). */
	node: NodeState<P & AppAddedProps>;
	/** Fire an event (`"click"`, `"change"`, …) to the app's listeners. */
	dispatch: (event: string, data?: unknown) => void;
	/** Loading status of the listener writing to this component, if any. */
	status?: LoadingStatus;
	/** This component's place in the layout tree (containers render `layout.children`). */
	layout: LayoutNode;
	/** Renders one child layout node (for containers). */
	renderChild: Snippet<[LayoutNode]>;
	ctx: ComponentContext;
}
