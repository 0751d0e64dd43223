// The run history, as Gradio 6's (`launch(run_history=True)`, the default): each finished call of a
// public endpoint is saved in this browser (localStorage, per page path and logged-in user) with its
// inputs, outputs, status and duration, newest first. The footer's "Runs" link shows them
// (RunsPage), and a run can be loaded back into the app. With `run_history=False` nothing is saved
// and what was saved is deleted.

import type { DependencyConfig } from "../api/types";

export interface RunValue {
	/** The component's id. */
	id: number;
	value: unknown;
}

export interface Run {
	id: string;
	/** The endpoint, e.g. "/greet". */
	endpoint: string;
	fn_index: number;
	inputs: RunValue[];
	/** Empty when the run failed. */
	outputs: RunValue[];
	status: "complete" | "error";
	error?: string;
	/** When it started (ms since the epoch). */
	time: number;
	/** How long it took (ms). */
	duration: number;
}

/** Runs kept per app; the oldest go first. */
export const RUN_LIMIT = 100;

/** The localStorage key of the runs of the app at `pathname` (of one user, when the app has a login). */
export function historyKey(pathname: string, username: string | null = null): string {
	return `trellis:run-history:${pathname}${username ? `:${encodeURIComponent(username)}` : ""}`;
}

function storage(): Storage | null {
	try {
		return typeof localStorage === "undefined" ? null : localStorage;
	} catch {
		return null; // storage blocked (a sandboxed frame, privacy settings)
	}
}

function isUpdate(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && (value as { __type__?: unknown }).__type__ === "update";
}

/** The value an output was set to: an update's `value` (undefined when the update has none). */
export function outputValue(value: unknown): unknown {
	return isUpdate(value) ? value.value : value;
}

export class RunHistory {
	runs: Run[] = $state([]);
	readonly enabled: boolean;
	readonly #key: string;

	constructor(key: string, enabled: boolean) {
		this.#key = key;
		this.enabled = enabled;
		if (!enabled) {
			storage()?.removeItem(key);
			return;
		}
		this.reload();
		// another tab of the same app saved a run
		if (typeof window !== "undefined") {
			window.addEventListener("storage", (event) => {
				if (event.key === key) this.reload();
			});
		}
	}

	/** Reads the saved runs again. */
	reload(): void {
		try {
			const saved: unknown = JSON.parse(storage()?.getItem(this.#key) ?? "[]");
			this.runs = Array.isArray(saved) ? (saved as Run[]) : [];
		} catch {
			this.runs = [];
		}
	}

	/** Saves a finished call of `dep` (only of a public, named endpoint). */
	record(
		dep: DependencyConfig,
		inputs: unknown[],
		outputs: unknown[] | null,
		error: string | null,
		started: number,
		now = Date.now(),
	): void {
		if (!this.enabled || !dep.api_name || dep.api_visibility !== "public") return;
		const ok = error === null;
		this.add({
			endpoint: `/${dep.api_name}`,
			fn_index: dep.id,
			inputs: dep.inputs.map((id, i) => ({ id, value: inputs[i] ?? null })),
			outputs: ok ? dep.outputs.map((id, i) => ({ id, value: outputs?.[i] ?? null })) : [],
			status: ok ? "complete" : "error",
			...(ok ? {} : { error }),
			time: started,
			duration: Math.max(0, now - started),
		});
	}

	add(run: Omit<Run, "id">): void {
		const id = typeof crypto !== "undefined" && crypto.randomUUID ? crypto.randomUUID() : `${run.time}-${Math.random()}`;
		this.#save([{ ...run, id }, ...this.runs].slice(0, RUN_LIMIT));
	}

	remove(id: string): void {
		this.#save(this.runs.filter((run) => run.id !== id));
	}

	clear(): void {
		this.#save([]);
	}

	#save(runs: Run[]): void {
		this.runs = runs;
		const store = storage();
		if (!store) return;
		// Over the browser's quota: keep the newer half, then none.
		for (const kept of [runs, runs.slice(0, Math.ceil(runs.length / 2)), []]) {
			try {
				store.setItem(this.#key, JSON.stringify(kept));
				return;
			} catch {
				continue;
			}
		}
	}
}
