// The tlals VS Code extension: starts `tlals lsp`, restarts it after a crash,
// and adds the model checking commands, the status bar item and the trace
// panel on top of the standard LSP features vscode-languageclient provides.

import { levelled } from './logLevel';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
	CloseAction,
	CodeLensRequest,
	DidChangeConfigurationNotification,
	CloseHandlerResult,
	ErrorAction,
	ErrorHandler,
	ErrorHandlerResult,
	ExecuteCommandRequest,
	LanguageClient,
	LanguageClientOptions,
	ServerOptions,
	ShowDocumentParams,
	ShowDocumentResult,
	State,
	WorkDoneProgress,
	WorkDoneProgressCreateRequest,
} from 'vscode-languageclient/node';
import { CheckResult, CheckResultParams, Methods, ServerCommands, TraceCursor, summarize } from './lsp_ext';
import { RestartPolicy } from './restart';
import { registerDebugger } from './debug';
import { registerEvaluate } from './evaluate';
import { HeatMapView } from './heatMap';
import { Found, findServer } from './serverPath';
import { StatusItem } from './status';
import { TracePanel } from './tracePanel';
import { restrictSettings } from './trust';

const SELECTOR = [
	{ scheme: 'file', language: 'tlaplus' },
	{ scheme: 'file', language: 'tlaplus-cfg' },
	{ scheme: 'untitled', language: 'tlaplus' },
];

export class Ctx {
	client: LanguageClient | undefined;
	// The server's stderr lines are logged at zap's level in each, not all
	// as [error] (logLevel.ts).
	readonly log: vscode.LogOutputChannel;
	readonly protocol: vscode.LogOutputChannel;
	readonly status: StatusItem;
	readonly policy = new RestartPolicy();
	readonly panel: TracePanel;
	readonly heat: HeatMapView;
	/** The model (.cfg) chosen per spec URI. */
	readonly models = new Map<string, string>();
	/** The spec the last check or trace was about. */
	lastSpec: vscode.Uri | undefined;
	/** The last result of each spec, so that the status bar and the trace panel follow the active file. */
	readonly results = new Map<string, CheckResult>();

	constructor(readonly ext: vscode.ExtensionContext) {
		this.log = levelled(vscode.window.createOutputChannel('tlals', { log: true }));
		this.protocol = vscode.window.createOutputChannel('tlals (protocol)', { log: true });
		this.status = new StatusItem();
		this.panel = new TracePanel(this);
		this.heat = new HeatMapView(this);
		ext.subscriptions.push(this.log, this.protocol, this.status, this.panel, this.heat);
		for (const [k, v] of Object.entries(ext.workspaceState.get<Record<string, string>>('tlals.models') ?? {})) this.models.set(k, v);
		// Trust granted: the server pulls the settings again, automatic
		// checks included (see configuration in the middleware).
		ext.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null })));
	}

	/** findServer with the settings, the bundled binary made executable. */
	findServer(): Found {
		const cfg = vscode.workspace.getConfiguration('tlals');
		// A .vsix may not keep the executable bit of the bundled binary.
		const bundled = vscode.Uri.joinPath(this.ext.extensionUri, 'server', process.platform === 'win32' ? 'tlals.exe' : 'tlals').fsPath;
		try {
			if (fs.existsSync(bundled)) fs.chmodSync(bundled, 0o755);
		} catch {
			// read-only install: findServer reports it
		}
		const found = findServer(cfg.get<string>('server.path'), this.ext.extensionPath, {
			isExecutable: (p) => {
				try {
					fs.accessSync(p, fs.constants.X_OK);
					return fs.statSync(p).isFile();
				} catch {
					return false;
				}
			},
			env: process.env,
			platform: process.platform,
		});
		return found;
	}

	async start(): Promise<void> {
		const cfg = vscode.workspace.getConfiguration('tlals');
		const found = this.findServer();
		if ('error' in found) {
			this.log.appendLine(found.error);
			this.status.set('error', 'tlals: no server', found.error);
			void vscode.window.showErrorMessage(found.error, 'Open Settings').then((c) => {
				if (c) void vscode.commands.executeCommand('workbench.action.openSettings', 'tlals.server.path');
			});
			return;
		}
		this.log.appendLine(`starting ${found.path} lsp (from ${found.source})`);
		const args = ['lsp', ...(cfg.get<string[]>('server.extraArgs') ?? [])];
		const server: ServerOptions = {
			run: { command: found.path, args, options: { env: { ...process.env, ...(cfg.get<Record<string, string>>('server.env') ?? {}) } } },
			debug: { command: found.path, args: [...args, '-loglevel', 'debug'] },
		};
		const clientOptions: LanguageClientOptions = {
			documentSelector: SELECTOR,
			outputChannel: this.log,
			traceOutputChannel: this.protocol,
			errorHandler: this.errorHandler(),
			// configurationSection: a changed setting reaches the server (it then pulls the section).
			synchronize: { configurationSection: 'tlals', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{tla,cfg}') },
			initializationOptions: { client: 'vscode' },
			markdown: { isTrusted: false, supportHtml: false },
			middleware: {
				window: { showDocument: (params, token, next) => showStep(params, (p) => Promise.resolve(next(p, token) as ShowDocumentResult | Thenable<ShowDocumentResult>)) },
				// Restricted Mode: no check starts by itself (src/trust.ts).
				workspace: {
					configuration: async (params, token, next) => {
						const res = await next(params, token);
						if (vscode.workspace.isTrusted || !Array.isArray(res)) return res;
						return res.map((v, i) => (params.items[i]?.section === 'tlals' ? restrictSettings(v, false) : v));
					},
				},
			},
		};
		const client = new LanguageClient('tlals', 'tlals', server, clientOptions);
		this.client = client;
		client.onDidChangeState((e) => {
			if (e.newState === State.Running) this.status.set('idle', 'tlals', `tlals ${found.path}`);
			else if (e.newState === State.Starting) this.status.set('busy', 'tlals: starting');
			else if (e.newState === State.Stopped) this.status.set('error', 'tlals: stopped', 'The server is not running. Run "tlals: Restart Server".');
		});
		try {
			await client.start();
		} catch (e) {
			this.log.appendLine(`the server did not start: ${String(e)}`);
			this.status.set('error', 'tlals: failed', String(e));
			return;
		}
		this.hookProgress(client);
		client.onNotification(Methods.checkResult, (p: CheckResultParams) => this.onResult(vscode.Uri.parse(p.uri), p.result));
		void this.onActiveEditor(vscode.window.activeTextEditor);
	}

	private errorHandler(): ErrorHandler {
		return {
			error: (_e, _m, count): ErrorHandlerResult => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
			closed: (): CloseHandlerResult => {
				if (this.policy.crashed()) {
					this.log.appendLine('the server stopped; restarting it');
					return { action: CloseAction.Restart, message: undefined, handled: true };
				}
				const m = `The tlals server crashed ${this.policy.max} times in the last ${this.policy.windowMs / 60000} minutes and will not be restarted. See the "tlals" output.`;
				return { action: CloseAction.DoNotRestart, message: m };
			},
		};
	}

	// $/progress feeds the status bar; we also keep showing it as window
	// progress. Our create handler replaces the library's (one per method).
	private hookProgress(client: LanguageClient): void {
		client.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
			let finish: (() => void) | undefined;
			let report: ((m: string | undefined, pct: number | undefined) => void) | undefined;
			let last = 0;
			const done = new Promise<void>((r) => (finish = r));
			void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'tlals' }, (p) => {
				report = (message, pct) => {
					const inc = pct !== undefined ? pct - last : undefined;
					if (pct !== undefined) last = pct;
					p.report({ message, increment: inc });
				};
				return done;
			});
			const d = client.onProgress(WorkDoneProgress.type, token, (v) => {
				if (v.kind === 'end') {
					this.status.progressEnd(v.message);
					finish?.();
					d.dispose();
					return;
				}
				const title = v.kind === 'begin' ? v.title : undefined;
				this.status.progress(title, v.message, v.percentage);
				report?.([title, v.message].filter(Boolean).join(': '), v.percentage);
			});
		});
	}

	onResult(uri: vscode.Uri, r: CheckResult): void {
		this.results.set(uri.toString(), r);
		void this.heat.refresh();
		// A run of another spec (a background check on save) is kept for
		// when its file is active again; a .cfg shows its spec's runs.
		const active = vscode.window.activeTextEditor?.document;
		if (active && active.languageId === 'tlaplus' && active.uri.toString() !== uri.toString()) {
			this.refreshCodeLenses();
			return;
		}
		this.show(uri, r);
		this.refreshCodeLenses();
	}

	private show(uri: vscode.Uri, r: CheckResult): void {
		this.lastSpec = uri;
		const s = summarize(r);
		this.status.set(s.ok ? 'ok' : 'fail', `tlals ${s.text}`, r.message || s.text);
		this.panel.setResult(uri, r);
	}

	/**
	 * The status bar and the trace panel follow the active TLA+ file: its
	 * last result, else that it has none yet, or, quietly (no notification;
	 * the server's lens on its first line offers to write one), that it has
	 * no model.
	 */
	async onActiveEditor(e: vscode.TextEditor | undefined): Promise<void> {
		if (!e || e.document.languageId !== 'tlaplus') return;
		const uri = e.document.uri;
		const r = this.results.get(uri.toString());
		if (r) return this.show(uri, r);
		const name = uri.path.split('/').pop();
		this.lastSpec = uri;
		this.status.set('idle', 'tlals', `no check result for ${name} yet`);
		// The panel is told once, what the file lacks known: each result
		// remakes its page, and a second one at once replaced the first
		// under whoever was reading it.
		const missing = await this.modelMissing(uri);
		// Still the active file, and still without a result.
		if (vscode.window.activeTextEditor?.document.uri.toString() !== uri.toString() || this.results.has(uri.toString())) return;
		if (!missing) return this.panel.setResult(uri, { outcome: 'not checked yet', message: `save ${name} or run "tlals: Check model"` });
		this.status.set('idle', 'tlals: no model', `${missing} (the lens on its first line writes it)`);
		this.panel.setResult(uri, { outcome: 'no model', message: missing });
	}

	/**
	 * modelMissing is the server's "No model: create Spec.cfg" lens title when
	 * the spec has no model it can check (its rule: lsp/new_model.go), unless
	 * the user chose a model here.
	 */
	private async modelMissing(uri: vscode.Uri): Promise<string | undefined> {
		const c = this.client;
		if (!c?.isRunning() || this.models.has(uri.toString())) return undefined;
		for (let attempt = 0; attempt < 3; attempt++) {
			try {
				const lenses = await c.sendRequest(CodeLensRequest.type, { textDocument: { uri: c.code2ProtocolConverter.asUri(uri) } });
				return lenses?.find((l) => l.command?.command === ServerCommands.newModel)?.command?.title;
			} catch {
				await new Promise((r) => setTimeout(r, 500)); // not open in the server yet
			}
		}
		return undefined; // no claim
	}

	// The lenses show the last result and the trace's steps, but the server
	// sends no workspace/codeLens/refresh after a background run: ask again.
	private refreshCodeLenses(): void {
		const f = this.client?.getFeature(CodeLensRequest.method);
		const fired = new Set<unknown>();
		for (const ed of vscode.window.visibleTextEditors) {
			const p = f?.getProvider(ed.document);
			if (p && !fired.has(p)) {
				fired.add(p);
				p.onDidChangeCodeLensEmitter.fire();
			}
		}
	}

	async stop(): Promise<void> {
		const c = this.client;
		this.client = undefined;
		if (c) await c.stop(5000).catch(() => undefined);
	}

	/** exec sends workspace/executeCommand; failures are shown, not thrown. */
	async exec<T>(command: string, args: unknown[]): Promise<T | undefined> {
		const c = this.client;
		if (!c || !c.isRunning()) {
			void vscode.window.showWarningMessage('tlals: the server is not running.');
			return undefined;
		}
		try {
			return (await c.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) as T;
		} catch (e) {
			this.reportError(COMMAND_TITLES[command] ?? command, e);
			return undefined;
		}
	}

	reportError(what: string, e: unknown): void {
		const msg = e instanceof Error ? e.message : String(e);
		this.log.appendLine(`${what}: ${msg}`);
		const unsupported = /unknown command|not supported|unhandled method|method not found/i.test(msg);
		void vscode.window.showWarningMessage(unsupported ? `tlals: this server does not support ${what} yet.` : `tlals: ${what}: ${msg}`);
	}
}

const COMMAND_TITLES: Record<string, string> = {
	[ServerCommands.check]: 'Check model',
	[ServerCommands.translate]: 'Translate PlusCal',
	[ServerCommands.traceFirst]: 'trace stepping',
	[ServerCommands.traceNext]: 'trace stepping',
	[ServerCommands.tracePrev]: 'trace stepping',
	[ServerCommands.traceLast]: 'trace stepping',
	[ServerCommands.traceGoto]: 'trace stepping',
	[ServerCommands.exportStateGraph]: 'Export state graph',
	[ServerCommands.exportTrace]: 'Export trace',
	[ServerCommands.evaluate]: 'Evaluate',
};

/**
 * showStep handles the server's window/showDocument (a trace step's action).
 * The library's default would open the spec in the active group, which after a
 * click in the trace panel is the panel's own, and would leave the cursor at
 * the end of a multi-line action. Instead: the editor that already shows the
 * spec, the whole action selected, the cursor (and the view) on its first line.
 */
async function showStep(params: ShowDocumentParams, next: (p: ShowDocumentParams) => Promise<ShowDocumentResult>): Promise<ShowDocumentResult> {
	if (params.external || !params.selection) return next(params);
	const uri = vscode.Uri.parse(params.uri);
	const s = params.selection;
	const start = new vscode.Position(s.start.line, s.start.character);
	const end = new vscode.Position(s.end.line, s.end.character);
	const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
	try {
		const ed = await vscode.window.showTextDocument(uri, {
			viewColumn: shown?.viewColumn,
			preserveFocus: params.takeFocus !== true,
		});
		// The option takes a Range, which loses the direction: set it after.
		ed.selection = new vscode.Selection(end, start);
		ed.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
		return { success: true };
	} catch {
		return { success: false };
	}
}

let ctx: Ctx | undefined;

function activeSpec(): vscode.Uri | undefined {
	const ed = vscode.window.activeTextEditor;
	if (ed && ed.document.languageId === 'tlaplus') return ed.document.uri;
	if (ed && ed.document.languageId === 'tlaplus-cfg') return ed.document.uri.with({ path: ed.document.uri.path.replace(/\.cfg$/, '.tla') });
	return ctx?.lastSpec;
}

export async function activate(ext: vscode.ExtensionContext): Promise<Ctx> {
	const c = new Ctx(ext);
	ctx = c;
	ext.subscriptions.push(vscode.window.onDidChangeActiveTextEditor((e) => void c.onActiveEditor(e)));
	const reg = (id: string, f: (...a: any[]) => unknown) => ext.subscriptions.push(vscode.commands.registerCommand(id, f));

	reg('tlals.checkModel', async (uri?: vscode.Uri) => {
		const spec = uri instanceof vscode.Uri ? uri : activeSpec();
		if (!spec) return void vscode.window.showWarningMessage('tlals: open a .tla file to check.');
		// The bounds are the server's settings (tlals.checkMaxStates, ...); it checks
		// the texts of the open documents, so no save is needed.
		c.lastSpec = spec;
		c.status.set('busy', 'tlals: checking…');
		const model = c.models.get(spec.toString());
		const r = await c.exec<CheckResult | null>(ServerCommands.check, [spec.toString(), model ? { model } : {}]);
		if (r && typeof r === 'object' && 'outcome' in r) c.onResult(spec, r);
		else if (r === undefined) c.status.set('idle', 'tlals');
	});
	reg('tlals.chooseModel', async () => {
		const spec = activeSpec();
		if (!spec) return;
		const dir = vscode.Uri.joinPath(spec, '..');
		const rel = new vscode.RelativePattern(dir, '*.cfg');
		const cfgs = await vscode.workspace.findFiles(rel, undefined, 200);
		const pick = await vscode.window.showQuickPick(
			cfgs.map((u) => ({ label: u.path.split('/').pop()!, description: u.fsPath, uri: u })),
			{ placeHolder: 'The model (.cfg) to check this spec with' },
		);
		if (!pick) return;
		c.models.set(spec.toString(), pick.uri.toString());
		await ext.workspaceState.update('tlals.models', Object.fromEntries(c.models));
	});
	reg('tlals.translatePlusCal', async () => {
		const spec = activeSpec();
		if (!spec) return;
		await c.exec(ServerCommands.translate, [spec.toString()]);
	});
	const step = (cmd: string) => async () => {
		const spec = activeSpec();
		if (!spec) return;
		const cur = await c.exec<TraceCursor | null>(cmd, [spec.toString()]);
		if (cur && typeof cur.step === 'number') c.panel.setCurrent(spec, cur.step);
	};
	reg('tlals.traceFirst', step(ServerCommands.traceFirst));
	reg('tlals.traceNext', step(ServerCommands.traceNext));
	reg('tlals.tracePrevious', step(ServerCommands.tracePrev));
	reg('tlals.traceLast', step(ServerCommands.traceLast));
	reg('tlals.showTrace', async () => {
		const spec = activeSpec();
		if (spec) await c.panel.show(spec);
	});
	// Not tlals.exportStateGraph: the language client registers each server command
	// under its own name, and a clash stops the client from starting.
	reg('tlals.exportStateGraphAs', async () => {
		const spec = activeSpec();
		if (!spec) return;
		const target = await vscode.window.showSaveDialog({
			defaultUri: spec.with({ path: spec.path.replace(/\.tla$/, '.dot') }),
			filters: { 'Graphviz dot': ['dot'] },
		});
		if (!target) return;
		const r = await c.exec<{ path?: string; svgPath?: string; dot?: string } | null>(ServerCommands.exportStateGraph, [spec.toString(), { path: target.fsPath }]);
		if (r?.dot !== undefined) await vscode.workspace.fs.writeFile(target, Buffer.from(r.dot, 'utf8'));
		if (r) void vscode.window.showInformationMessage(`tlals: state graph written to ${r.path ?? target.fsPath}${r.svgPath ? ` and drawn in ${r.svgPath}` : ''}`);
	});
	reg('tlals.pinExpression', async (expr?: string) => {
		const spec = activeSpec();
		const e = typeof expr === 'string' ? expr : await vscode.window.showInputBox({ prompt: 'A TLA+ expression to show for every state of the trace' });
		if (spec && e) await c.panel.pin(spec, e);
	});
	registerEvaluate(c, reg, activeSpec);
	reg('tlals.toggleHeatMap', () => c.heat.toggle());
	reg('tlals.restartServer', async () => {
		c.policy.reset();
		await c.stop();
		await c.start();
	});
	registerDebugger(ext, {
		serverPath: () => {
			const found = c.findServer();
			if ('error' in found) {
				void vscode.window.showErrorMessage(found.error);
				return undefined;
			}
			return found.path;
		},
		activeSpec,
		chosenModel: (spec) => c.models.get(spec.toString()),
	});
	reg('tlals.showServerLog', () => c.log.show(true));
	reg('tlals.showProtocolTrace', () => c.protocol.show(true));

	ext.subscriptions.push(
		// Check and translate on save are the server's (tlals.checkOnSave,
		// tlals.translateOnSave): doing them here too would run them twice.
		vscode.workspace.onDidChangeConfiguration(async (e) => {
			if (e.affectsConfiguration('tlals.pinnedExpressions')) await c.panel.pinnedChanged();
			if (e.affectsConfiguration('tlals.server')) {
				const choice = await vscode.window.showInformationMessage('tlals: the server settings changed.', 'Restart Server');
				if (choice) await vscode.commands.executeCommand('tlals.restartServer');
			}
		}),
	);

	c.status.set('busy', 'tlals: starting');
	await c.start();
	return c;
}

export async function deactivate(): Promise<void> {
	await ctx?.stop();
}
