// The link between Tabs and its TabItem children: each TabItem registers itself, Tabs draws the
// tab buttons from the registrations and tells each TabItem whether it is the selected one.

import { getContext, setContext } from "svelte";
import { SvelteMap } from "svelte/reactivity";

/** What a TabItem tells its Tabs. Getters read the TabItem's live props. */
export interface TabRegistration {
	/** Layout node id of the TabItem. */
	readonly nodeId: number;
	/** The tab's `id` prop (matched against Tabs' `selected`). */
	readonly tabId: string | number | null;
	readonly label: string;
	readonly visible: boolean;
	readonly interactive: boolean;
	readonly elemId: string | null;
	/** The side of the bar its button sits on (`alignment`). */
	readonly alignment: "left" | "right";
	/** Fire the TabItem's own `select` event. */
	onSelect(data: { index: number; value: string; selected: true }): void;
}

export interface TabsApi {
	register(tab: TabRegistration): () => void;
	isSelected(nodeId: number): boolean;
	buttonId(nodeId: number): string;
	panelId(nodeId: number): string;
}

const KEY = Symbol("trellis-tabs");

export class TabsState implements TabsApi {
	readonly tabs = new SvelteMap<number, TabRegistration>();
	private readonly prefix: string;
	private readonly selectedId: () => number | null;

	constructor(prefix: string, selectedId: () => number | null) {
		this.prefix = prefix;
		this.selectedId = selectedId;
	}

	register(tab: TabRegistration): () => void {
		this.tabs.set(tab.nodeId, tab);
		return () => {
			if (this.tabs.get(tab.nodeId) === tab) this.tabs.delete(tab.nodeId);
		};
	}

	isSelected(nodeId: number): boolean {
		return this.selectedId() === nodeId;
	}

	buttonId(nodeId: number): string {
		const elemId = this.tabs.get(nodeId)?.elemId;
		return elemId ? `${elemId}-button` : `${this.prefix}-tab-${nodeId}`;
	}

	/** The panel's DOM id: its `elem_id` if set. */
	panelId(nodeId: number): string {
		return this.tabs.get(nodeId)?.elemId ?? `${this.prefix}-panel-${nodeId}`;
	}
}

export function setTabsContext(api: TabsApi): void {
	setContext(KEY, api);
}

export function getTabsContext(): TabsApi | undefined {
	return getContext<TabsApi | undefined>(KEY);
}
