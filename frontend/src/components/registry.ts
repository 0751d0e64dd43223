// Component type → its Svelte component. Covers exactly the generated ComponentType union, and each
// entry's view must be typed with that type's own props (`ComponentProps<TextboxProps>` for
// "textbox"): a missing or extra type, or a view typed with other props, fails `npm run check`.
//
// Layouts and the components of a typical form are bundled into the main chunk (a one-textbox
// page loads only the entry and its preloaded runtime chunk); the rest load on first use.

import type { Component } from "svelte";
import type { NodeState } from "../core/app.svelte";
import { COMPONENT_TYPES, type CommonProps, type ComponentType, type PropsByType } from "../generated/components";
import type { ComponentProps } from "./types";

import Button from "./button/Index.svelte";
import Column from "./column/Index.svelte";
import Form from "./form/Index.svelte";
import Group from "./group/Index.svelte";
import NumberInput from "./number/Index.svelte";
import Row from "./row/Index.svelte";
import State from "./state/Index.svelte";
import Textbox from "./textbox/Index.svelte";
import Timer from "./timer/Index.svelte";

/** A component folder's Index.svelte, typed with its props interface `P`. */
export type View<P extends CommonProps> = Component<ComponentProps<P>>;
/** The view of a type known only at run time, which takes a node as the config gives it. */
export type NodeView = Component<Omit<ComponentProps<never>, "node"> & { node: NodeState }>;

/** Loads the view of one type. */
export interface Loader<P extends CommonProps> {
	(): View<P> | Promise<View<P>>;
}

/** What the registry holds: for each type string, the loader of a view typed with that type's props. */
export type Views = { [T in ComponentType]: Loader<PropsByType[T]> };

/** Whether `A` and `B` are one type (not merely assignable both ways, as two differing in optional props are). */
type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type PropsOf<L> = L extends Loader<infer P> ? P : never;
/**
 * `R` with `never` in each slot whose view is not typed with exactly that type's props. `Views` alone
 * takes a view typed with fewer props (Group's view in the "form" slot: FormProps has all of
 * GroupProps), since a view given more props than it reads accepts them.
 */
export type Exactly<R extends Views> = {
	[T in ComponentType]: Same<PropsOf<R[T]>, PropsByType[T]> extends true ? R[T] : never;
};

// `NoInfer`: `P` is the view's own props type, never taken from the registry slot it is put in.
/** A view bundled into the main chunk. */
export const eager =
	<P extends CommonProps>(view: View<P>): Loader<NoInfer<P>> =>
	() =>
		view;
/** A view loaded on first use. */
export const lazy =
	<P extends CommonProps>(load: () => Promise<{ default: View<P> }>): Loader<NoInfer<P>> =>
	() =>
		load().then((m) => m.default);

export const registry = {
	accordion: lazy(() => import("./accordion/Index.svelte")),
	annotatedimage: lazy(() => import("./annotatedimage/Index.svelte")),
	audio: lazy(() => import("./audio/Index.svelte")),
	browserstate: lazy(() => import("./browserstate/Index.svelte")),
	button: eager(Button),
	chatbot: lazy(() => import("./chatbot/Index.svelte")),
	checkbox: lazy(() => import("./checkbox/Index.svelte")),
	checkboxgroup: lazy(() => import("./checkboxgroup/Index.svelte")),
	code: lazy(() => import("./code/Index.svelte")),
	colorpicker: lazy(() => import("./colorpicker/Index.svelte")),
	column: eager(Column),
	dataframe: lazy(() => import("./dataframe/Index.svelte")),
	dataset: lazy(() => import("./dataset/Index.svelte")),
	draggable: lazy(() => import("./draggable/Index.svelte")),
	dialogue: lazy(() => import("./dialogue/Index.svelte")),
	datetime: lazy(() => import("./datetime/Index.svelte")),
	downloadbutton: lazy(() => import("./downloadbutton/Index.svelte")),
	dropdown: lazy(() => import("./dropdown/Index.svelte")),
	file: lazy(() => import("./file/Index.svelte")),
	fileexplorer: lazy(() => import("./fileexplorer/Index.svelte")),
	form: eager(Form),
	gallery: lazy(() => import("./gallery/Index.svelte")),
	group: eager(Group),
	highlightedtext: lazy(() => import("./highlightedtext/Index.svelte")),
	html: lazy(() => import("./html/Index.svelte")),
	image: lazy(() => import("./image/Index.svelte")),
	imageeditor: lazy(() => import("./imageeditor/Index.svelte")),
	imageslider: lazy(() => import("./imageslider/Index.svelte")),
	json: lazy(() => import("./json/Index.svelte")),
	label: lazy(() => import("./label/Index.svelte")),
	markdown: lazy(() => import("./markdown/Index.svelte")),
	model3d: lazy(() => import("./model3d/Index.svelte")),
	multimodaltextbox: lazy(() => import("./multimodaltextbox/Index.svelte")),
	nativeplot: lazy(() => import("./nativeplot/Index.svelte")),
	navbar: lazy(() => import("./navbar/Index.svelte")),
	number: eager(NumberInput),
	paramviewer: lazy(() => import("./paramviewer/Index.svelte")),
	plot: lazy(() => import("./plot/Index.svelte")),
	radio: lazy(() => import("./radio/Index.svelte")),
	row: eager(Row),
	sidebar: lazy(() => import("./sidebar/Index.svelte")),
	slider: lazy(() => import("./slider/Index.svelte")),
	state: eager(State),
	tabitem: lazy(() => import("./tabitem/Index.svelte")),
	tabs: lazy(() => import("./tabs/Index.svelte")),
	textbox: eager(Textbox),
	timer: eager(Timer),
	uploadbutton: lazy(() => import("./uploadbutton/Index.svelte")),
	video: lazy(() => import("./video/Index.svelte")),
	walkthrough: lazy(() => import("./walkthrough/Index.svelte")),
	walkthroughstep: lazy(() => import("./walkthroughstep/Index.svelte")),
} satisfies Views;
registry satisfies Exactly<typeof registry>;

function isComponentType(type: string): type is ComponentType {
	return COMPONENT_TYPES.some((known) => known === type);
}

/**
 * The one place where a config node meets the view of its type: the server sends the props of a node
 * of type `T` as `PropsByType[T]` (tests/unit/test_frontend_registry.py validates what real instances send
 * against the declarations these interfaces are generated from), so its view may take the node untyped.
 */
function forNodes(view: View<never>): NodeView {
	return view as NodeView;
}

const resolved = new Map<ComponentType, NodeView>();

/** The view for `type`: returned directly once loaded, else a promise; `null` for unknown types. */
export function resolve(type: string): NodeView | Promise<NodeView> | null {
	if (!isComponentType(type)) return null;
	const cached = resolved.get(type);
	if (cached) return cached;
	const result = registry[type]();
	if (result instanceof Promise) {
		return result.then((view) => {
			const forNode = forNodes(view);
			resolved.set(type, forNode);
			return forNode;
		});
	}
	const forNode = forNodes(result);
	resolved.set(type, forNode);
	return forNode;
}
