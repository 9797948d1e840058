// The launch configurations of the debugger (debug.ts); pure, unit-tested.

export const DEBUG_TYPE = 'tlals';

/** The launch arguments `tlals dap` reads (lsp/dap LaunchArguments). */
export interface LaunchConfig {
	type: string;
	request: string;
	name: string;
	spec?: string;
	model?: string;
	stopOnEntry?: boolean;
	searchPath?: string[];
	[key: string]: unknown;
}

/**
 * completeLaunch fills what a launch configuration leaves out: the spec is
 * the active one, the model the one chosen for it, the search path the
 * tlals.searchPath setting. Pure, unit-tested.
 */
export function completeLaunch(cfg: LaunchConfig, activeSpec: string | undefined, chosenModel: string | undefined, searchPath: string[]): { config: LaunchConfig } | { error: string } {
	const out: LaunchConfig = { ...cfg };
	if (!out.type) out.type = DEBUG_TYPE;
	if (!out.request) out.request = 'launch';
	if (!out.name) out.name = 'Debug model';
	if (!out.spec || out.spec === '${file}') {
		if (!activeSpec) return { error: 'tlals: open a .tla file to debug, or set "spec" in the launch configuration.' };
		out.spec = activeSpec;
	}
	if (!out.model && chosenModel) out.model = chosenModel;
	if (!out.searchPath && searchPath.length > 0) out.searchPath = searchPath;
	return { config: out };
}

