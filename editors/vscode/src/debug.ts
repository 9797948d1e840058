// The debugger: `tlals dap` (the Debug Adapter Protocol on stdio) as the
// adapter of debug type "tlals". A launch configuration names the spec and
// its model; "TLA+: Debug model" starts one for the active spec without a
// launch.json.

import * as vscode from 'vscode';

import { DEBUG_TYPE, LaunchConfig, completeLaunch } from './debugConfig';

export interface DebugHost {
	/** The tlals binary, or undefined (the error is shown). */
	serverPath(): string | undefined;
	activeSpec(): vscode.Uri | undefined;
	chosenModel(spec: vscode.Uri): string | undefined;
}

export function registerDebugger(ext: vscode.ExtensionContext, host: DebugHost): void {
	ext.subscriptions.push(
		vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, {
			createDebugAdapterDescriptor: () => {
				const p = host.serverPath();
				if (!p) return undefined;
				const env = vscode.workspace.getConfiguration('tlals').get<Record<string, string>>('server.env') ?? {};
				return new vscode.DebugAdapterExecutable(p, ['dap'], { env: { ...process.env, ...env } as Record<string, string> });
			},
		}),
		vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, {
			resolveDebugConfiguration: (folder, cfg) => {
				const spec = host.activeSpec();
				const model = spec ? host.chosenModel(spec) : undefined;
				const sp = (vscode.workspace.getConfiguration('tlals').get<string[]>('searchPath') ?? []).map((d) =>
					folder && !d.startsWith('/') ? vscode.Uri.joinPath(folder.uri, d).fsPath : d,
				);
				const r = completeLaunch(cfg as LaunchConfig, spec?.fsPath, model ? vscode.Uri.parse(model).fsPath : undefined, sp);
				if ('error' in r) {
					void vscode.window.showErrorMessage(r.error);
					return undefined;
				}
				return r.config as vscode.DebugConfiguration;
			},
		}),
		vscode.commands.registerCommand('tlals.debugModel', async (uri?: vscode.Uri) => {
			const spec = uri instanceof vscode.Uri ? uri : host.activeSpec();
			if (!spec) return void vscode.window.showWarningMessage('tlals: open a .tla file to debug.');
			const folder = vscode.workspace.getWorkspaceFolder(spec);
			const cfg: LaunchConfig = { type: DEBUG_TYPE, request: 'launch', name: 'Debug model', spec: spec.fsPath };
			const model = host.chosenModel(spec);
			if (model) cfg.model = vscode.Uri.parse(model).fsPath;
			await vscode.debug.startDebugging(folder, cfg as vscode.DebugConfiguration);
		}),
		vscode.commands.registerCommand('tlals.gotoState', async (state?: number) => {
			const s = vscode.debug.activeDebugSession;
			if (!s || s.type !== DEBUG_TYPE) return void vscode.window.showWarningMessage('tlals: no model is being debugged.');
			let n = state;
			if (typeof n !== 'number') {
				const v = await vscode.window.showInputBox({ prompt: 'Go to state # (as in the call stack: "State #N")', validateInput: (t) => (/^\d+$/.test(t.trim()) ? undefined : 'a state number') });
				if (v === undefined) return;
				n = Number(v.trim());
			}
			try {
				await s.customRequest('gotoState', { state: n });
			} catch (e) {
				void vscode.window.showErrorMessage(`tlals: ${e instanceof Error ? e.message : String(e)}`);
			}
		}),
	);
}
