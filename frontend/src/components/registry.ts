// Component type → its Svelte component. Covers exactly the generated ComponentType union:
// a type missing here or an extra one fails `npm run check`.
//
// Layouts and the components of a typical form are bundled into the main chunk (a one-textbox
// page loads only the entry and its preloaded runtime chunk); the rest load on first use.

import type { Component } from "svelte";
import type { ComponentType } from "../generated/components";
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

export type AnyComponent = Component<ComponentProps<any>>;
export type Loader = () => AnyComponent | Promise<AnyComponent>;

const eager = (component: AnyComponent): Loader => () => component;
const lazy = (load: () => Promise<{ default: AnyComponent }>): Loader => () => load().then((m) => m.default);

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
	dataset: lazy(() => import("./dataset/Index.svelte")),
	datetime: lazy(() => import("./datetime/Index.svelte")),
	downloadbutton: lazy(() => import("./downloadbutton/Index.svelte")),
	dropdown: lazy(() => import("./dropdown/Index.svelte")),
	file: lazy(() => import("./file/Index.svelte")),
	form: eager(Form),
	gallery: lazy(() => import("./gallery/Index.svelte")),
	group: eager(Group),
	html: lazy(() => import("./html/Index.svelte")),
	image: lazy(() => import("./image/Index.svelte")),
	imageslider: lazy(() => import("./imageslider/Index.svelte")),
	json: lazy(() => import("./json/Index.svelte")),
	label: lazy(() => import("./label/Index.svelte")),
	markdown: lazy(() => import("./markdown/Index.svelte")),
	model3d: lazy(() => import("./model3d/Index.svelte")),
	multimodaltextbox: lazy(() => import("./multimodaltextbox/Index.svelte")),
	number: eager(NumberInput),
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
} satisfies Record<ComponentType, Loader>;

const resolved = new Map<string, AnyComponent>();

/** The component for `type`: returned directly once loaded, else a promise; `null` for unknown types. */
export function resolve(type: string): AnyComponent | Promise<AnyComponent> | null {
	const cached = resolved.get(type);
	if (cached) return cached;
	const loader = (registry as Record<string, Loader | undefined>)[type];
	if (!loader) return null;
	const result = loader();
	if (result instanceof Promise) {
		return result.then((component) => {
			resolved.set(type, component);
			return component;
		});
	}
	resolved.set(type, result);
	return result;
}
