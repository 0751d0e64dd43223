// Checks that the generated types bite, run by svelte-check and never executed: each line after a
// `@ts-expect-error` must fail to type-check, and an unused `@ts-expect-error` is itself an error.
// So a misspelt or removed prop, a view typed with another component's props, a view with untyped
// props, or an unknown field of a queue message cannot type-check anywhere in the frontend.

import type { QueueMessage } from "../api/types";
import type { TextboxProps } from "../generated/components";
import Button from "./button/Index.svelte";
import Group from "./group/Index.svelte";
import { eager, lazy, registry, type Exactly, type Views } from "./registry";
import type { ComponentProps } from "./types";

declare const textbox: TextboxProps;
// @ts-expect-error a misspelt prop
void textbox.placeholdr;
// @ts-expect-error a removed prop: Textbox sends `buttons: ["copy"]`, not Gradio 4's show_copy_button
void textbox.show_copy_button;

declare const view: ComponentProps<TextboxProps>;
// @ts-expect-error a misspelt prop, read the way a view reads it (the app's `interactive` opens no hole)
void view.node.props.max_line;
void view.node.props.interactive;

// @ts-expect-error a view's props need their type: `ComponentProps<TextboxProps>`
export type Untyped = ComponentProps;
// @ts-expect-error only component props: FormProps and the like
export type NotProps = ComponentProps<{ name: string }>;

// @ts-expect-error Button's view in the "textbox" slot
void ({ ...registry, textbox: eager(Button) } satisfies Views);
// @ts-expect-error the same, loaded on first use
void ({ ...registry, textbox: lazy(() => import("./button/Index.svelte")) } satisfies Views);

// Group's view in the "form" slot fits `Views` (FormProps has every prop GroupProps has, so the view
// could be given a form's props), but not `Exactly`, which the registry also satisfies.
const groupAsForm = { ...registry, form: eager(Group) } satisfies Views;
// @ts-expect-error a view typed with fewer props than its slot's
void (groupAsForm satisfies Exactly<typeof groupAsForm>);
const formAsForm = { ...registry, form: lazy(() => import("./form/Index.svelte")) } satisfies Views;
void (formAsForm satisfies Exactly<typeof formAsForm>);

declare const message: QueueMessage;
if (message.msg === "estimation") {
	void message.rank;
	// @ts-expect-error an unknown field of a queue message (estimation has `rank`)
	void message.position;
}
// @ts-expect-error an unknown field in a queue message written by hand
export const heartbeat: QueueMessage = { msg: "heartbeat", event_id: null, at: 0 };
