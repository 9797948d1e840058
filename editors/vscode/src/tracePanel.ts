// The trace panel: a webview with the trace table (traceModel.ts). A row
// click or Enter jumps to the step's action (tlals.trace.goto, falling back
// to the location in the trace); arrows/j/k move. Pinned expressions are the
// tlals.pinnedExpressions setting: the server evaluates them at every step.

import * as vscode from 'vscode';
import type { Ctx } from './extension';
import { CheckResult, Methods, ServerCommands, SourceRange, TraceCursor } from './lsp_ext';
import { buildTable, renderTableHtml, TraceTable } from './traceModel';

const PINNED = 'pinnedExpressions';

function pinnedSetting(): string[] {
	return vscode.workspace.getConfiguration('tlals').get<string[]>(PINNED) ?? [];
}

export class TracePanel implements vscode.Disposable {
	private panel: vscode.WebviewPanel | undefined;
	private spec: vscode.Uri | undefined;
	private result: CheckResult | undefined;
	/** The result setResult last had (result may be the server's later copy). */
	private given: CheckResult | undefined;
	private table: TraceTable | undefined;
	private current = -1;
	/** What the panel's page was made of (render), to make it only anew. */
	private shown: string | undefined;

	constructor(private readonly ctx: Ctx) {}

	/** show asks the server for the trace of spec and opens the panel. */
	async show(spec: vscode.Uri): Promise<void> {
		await this.fetch(spec);
		this.open();
		this.render();
	}

	private async fetch(spec: vscode.Uri): Promise<void> {
		const c = this.ctx.client;
		if (c?.isRunning()) {
			try {
				const r = await c.sendRequest<CheckResult | null>(Methods.trace, { textDocument: { uri: spec.toString() } });
				// Another spec's result must not stay under this one's name.
				if (r) this.result = r;
				else if (!this.result || this.spec?.toString() !== spec.toString()) this.result = { outcome: 'not checked yet' };
			} catch (e) {
				this.ctx.reportError('Show trace', e);
				if (!this.result) this.result = { outcome: 'no trace (the server has none)' };
			}
		}
		this.spec = spec;
		if (typeof this.result?.current === 'number') this.current = this.result.current;
	}

	setResult(spec: vscode.Uri, r: CheckResult): void {
		const switched = this.spec?.toString() !== spec.toString();
		// The same result again (its file active again after the panel had
		// the focus) is shown already, refreshed, with the step gone to.
		if (this.panel && !switched && r === this.given) return;
		this.given = r;
		this.spec = spec;
		this.result = r;
		this.current = typeof r.current === 'number' ? r.current : -1;
		if (this.panel) {
			this.render();
			// A result kept from its run (the panel follows the active file)
			// lacks what came since: pinned expressions' values, the step.
			if (switched && r.trace?.length) void this.refresh(spec);
		} else if (r.trace?.length && vscode.workspace.getConfiguration('tlals').get<boolean>('tracePanel.openOnViolation')) void this.show(spec);
	}

	/** refresh shows the server's trace of spec, if the panel still shows spec. */
	private async refresh(spec: vscode.Uri): Promise<void> {
		const c = this.ctx.client;
		if (!c?.isRunning()) return;
		const r = await c.sendRequest<CheckResult | null>(Methods.trace, { textDocument: { uri: spec.toString() } }).catch(() => null);
		if (!r || this.spec?.toString() !== spec.toString()) return;
		this.result = r;
		this.current = typeof r.current === 'number' ? r.current : -1;
		this.render();
	}

	/** The step the trace of spec is on, when its trace is shown. */
	shownStep(spec: vscode.Uri): number | undefined {
		if (this.spec?.toString() !== spec.toString() || !this.result?.trace?.length || this.current < 0) return undefined;
		return this.current;
	}

	setCurrent(spec: vscode.Uri, step: number): void {
		if (this.spec?.toString() !== spec.toString()) return;
		this.current = step;
		void this.panel?.webview.postMessage({ type: 'current', step });
	}

	async pin(spec: vscode.Uri, expr: string): Promise<void> {
		await this.show(spec); // an open panel follows the setting's change
		const pinned = pinnedSetting();
		if (!pinned.includes(expr)) await this.setPinned([...pinned, expr]);
	}

	// The workspace's setting when there is a workspace, as the server reads
	// the section without a scope.
	private async setPinned(exprs: string[]): Promise<void> {
		const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
		await vscode.workspace.getConfiguration('tlals').update(PINNED, exprs, target);
	}

	/**
	 * pinnedChanged asks the server for the trace again, whose steps carry the
	 * new expressions' values. The server reads the settings on its own
	 * after didChangeConfiguration, so an answer may still lack them: retry.
	 */
	async pinnedChanged(): Promise<void> {
		if (!this.panel || !this.spec) return;
		for (let attempt = 0; attempt < 10; attempt++) {
			await this.fetch(this.spec);
			const step = this.result?.trace?.[0];
			if (!step || pinnedSetting().every((e) => step.pinned?.[e] !== undefined)) break;
			await new Promise((r) => setTimeout(r, 300));
		}
		this.render();
	}

	private open(): void {
		if (this.panel) {
			this.panel.reveal(vscode.ViewColumn.Beside, true);
			return;
		}
		const p = vscode.window.createWebviewPanel('tlals.trace', 'tlals trace', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
			enableScripts: true,
			retainContextWhenHidden: true,
			localResourceRoots: [vscode.Uri.joinPath(this.ctx.ext.extensionUri, 'media')],
		});
		p.onDidDispose(() => {
			this.panel = undefined;
			this.shown = undefined;
		});
		p.webview.onDidReceiveMessage((m) => this.onMessage(m));
		this.panel = p;
	}

	private async onMessage(m: { type: string; step?: number; expr?: string }): Promise<void> {
		if (!this.spec) return;
		if (m.type === 'goto' && typeof m.step === 'number') {
			this.current = m.step;
			const cur = await this.ctx.client
				?.sendRequest<TraceCursor>('workspace/executeCommand', { command: ServerCommands.traceGoto, arguments: [this.spec.toString(), m.step] })
				.catch(() => undefined);
			// The server moves the editor with window/showDocument; without it, we do.
			if (!cur) await this.reveal(this.table?.rows[m.step]?.location);
		} else if (m.type === 'unpin' && m.expr) {
			await this.setPinned(pinnedSetting().filter((e) => e !== m.expr));
		} else if (m.type === 'pin') {
			await vscode.commands.executeCommand('tlals.pinExpression');
		}
	}

	private async reveal(loc: SourceRange | undefined): Promise<void> {
		if (!loc) return;
		const uri = /^[a-z]+:/.test(loc.file) ? vscode.Uri.parse(loc.file) : vscode.Uri.file(loc.file);
		const r = new vscode.Range(loc.startLine - 1, loc.startColumn - 1, loc.endLine - 1, loc.endColumn);
		await vscode.window.showTextDocument(uri, { selection: r, viewColumn: vscode.ViewColumn.One, preserveFocus: false });
	}

	private render(): void {
		if (!this.panel || !this.result) return;
		const pinned = pinnedSetting();
		// A new page reloads the webview (rows, opened values and scrolling
		// go): only for a change, not for a refresh that brought nothing new.
		const shown = JSON.stringify([this.spec?.toString(), this.result, pinned, this.current]);
		if (shown === this.shown) return;
		this.shown = shown;
		this.table = buildTable(this.result, pinned, this.current);
		// The panel shows one spec's trace at a time: its name says which.
		const name = this.spec?.path.split('/').pop();
		this.panel.title = name ? `tlals trace: ${name}` : 'tlals trace';
		this.table.spec = name;
		const w = this.panel.webview;
		const media = (f: string) => w.asWebviewUri(vscode.Uri.joinPath(this.ctx.ext.extensionUri, 'media', f));
		const nonce = Math.random().toString(36).slice(2);
		w.html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${w.cspSource}; script-src 'nonce-${nonce}';">
<link rel="stylesheet" href="${media('trace.css')}"></head>
<body><div class="toolbar"><button id="pin" title="Show a TLA+ expression for every state">Pin expression…</button></div>
${renderTableHtml(this.table)}
<script nonce="${nonce}" src="${media('trace.js')}"></script></body></html>`;
	}

	dispose(): void {
		this.panel?.dispose();
	}
}
