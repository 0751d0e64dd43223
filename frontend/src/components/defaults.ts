// What a component shows and holds when the config leaves a prop out, as Gradio's page does: the server
// sends no `value` for an empty Textbox and no `label` for an unlabelled one, and the browser fills in
// the component's own default (an untouched Textbox sends "", a Number 0; an unlabelled Image reads
// "Image"). AppState applies these once, to the config's props.

import type { ComponentType } from "../generated/components";

type Props = Record<string, unknown>;

/** The value a component starts with when the config gives none. */
const INITIAL_VALUES: Partial<Record<ComponentType, () => unknown>> = {
	textbox: () => "",
	number: () => 0,
	code: () => "",
	imageslider: () => [null, null],
};

/** The label a component shows when the config gives none (types absent here show none). */
const DEFAULT_LABELS: Partial<Record<ComponentType, (props: Props) => string>> = {
	annotatedimage: () => "Annotated Image",
	audio: () => "Audio",
	chatbot: () => "Chatbot",
	checkbox: () => "Checkbox",
	checkboxgroup: () => "Checkbox Group",
	code: () => "Code",
	colorpicker: () => "Color Picker",
	dataset: () => "Examples",
	datetime: () => "Date",
	dropdown: (props) => (props.multiselect === true ? "Multiselect" : "Dropdown"),
	file: () => "File",
	gallery: () => "Gallery",
	image: () => "Image",
	imageslider: () => "Image",
	label: () => "Label",
	model3d: () => "3D Model",
	multimodaltextbox: () => "MultimodalTextbox",
	number: () => "Number",
	radio: () => "Radio",
	slider: () => "Slider",
	textbox: () => "Textbox",
	video: () => "Video",
};

function known<T>(table: Partial<Record<ComponentType, T>>, type: string): T | undefined {
	return Object.hasOwn(table, type) ? table[type as ComponentType] : undefined;
}

/** `props` of a `type` node with the value and label the config left out filled in (changed in place). */
export function withDefaults(type: string, props: Props): Props {
	const initial = known(INITIAL_VALUES, type);
	if (initial && props.value === undefined) props.value = initial();
	const label = known(DEFAULT_LABELS, type);
	if (label && (props.label === undefined || props.label === null)) props.label = label(props);
	return props;
}
