// Whether Gradio's page would have a node mounted: it leaves out the blocks under a `visible=False`
// parent and those of a Tab never opened (Trellis keeps them all mounted, only hidden). Render and
// TabItem put a getter in the context for their children; a Timer ticks only while it answers true.
import { getContext, setContext } from "svelte";

const SHOWN = Symbol("trellis:shown");

/** The getter the enclosing blocks put in the context (always true at the top). */
export function parentShown(): () => boolean {
	return getContext<(() => boolean) | undefined>(SHOWN) ?? (() => true);
}

/** Put the getter for the children of the component calling it. */
export function setShown(shown: () => boolean): void {
	setContext(SHOWN, shown);
}
