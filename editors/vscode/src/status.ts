// The status bar item: "tlals: checking… 1234 states", "tlals ✓ 1234 states",
// "tlals ✗ invariant Inv (12 states)". Clicking it shows the trace.

import * as vscode from 'vscode';

export type Kind = 'idle' | 'busy' | 'ok' | 'fail' | 'error';

export class StatusItem implements vscode.Disposable {
	readonly item: vscode.StatusBarItem;
	private title: string | undefined;

	constructor() {
		this.item = vscode.window.createStatusBarItem('tlals.status', vscode.StatusBarAlignment.Left, 10);
		this.item.name = 'tlals';
		this.item.command = 'tlals.showTrace';
		this.item.show();
	}

	set(kind: Kind, text: string, tooltip?: string): void {
		const icon = { idle: '', busy: '$(sync~spin) ', ok: '$(check) ', fail: '$(error) ', error: '$(warning) ' }[kind];
		this.item.text = icon + text.replace(/^tlals ([✓✗]) /, 'tlals ');
		this.item.tooltip = tooltip ?? text;
		this.item.backgroundColor =
			kind === 'fail' || kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
		this.item.command = kind === 'error' ? 'tlals.showServerLog' : 'tlals.showTrace';
	}

	progress(title: string | undefined, message: string | undefined, pct: number | undefined): void {
		if (title) this.title = title;
		const t = this.title ?? 'working';
		const p = pct !== undefined ? ` ${Math.round(pct)}%` : '';
		this.set('busy', `tlals: ${/check/i.test(t) ? 'checking…' : t}${message ? ` ${message}` : ''}${p}`, [t, message].filter(Boolean).join(': '));
	}

	progressEnd(message: string | undefined): void {
		this.title = undefined;
		this.set('idle', message ? `tlals: ${message}` : 'tlals');
	}

	dispose(): void {
		this.item.dispose();
	}
}
