// The heat map of evaluation cost: the conjuncts the last check evaluated,
// shaded by the server's grade (tlals/heatMap), when tlals.heatMap.enable
// is on. Off by default; "tlals: Toggle heat map" flips the setting.

import * as vscode from 'vscode';
import type { Ctx } from './extension';
import { HeatMap, Methods } from './lsp_ext';

const SETTING = 'heatMap.enable';

/** The background of each grade, 1 (cheapest) to 5 (costliest). */
export const HEAT_COLORS = ['rgba(255, 160, 0, 0.10)', 'rgba(255, 130, 0, 0.18)', 'rgba(255, 100, 0, 0.27)', 'rgba(255, 60, 0, 0.37)', 'rgba(255, 0, 0, 0.48)'];

export class HeatMapView implements vscode.Disposable {
	private readonly types = HEAT_COLORS.map((c) => vscode.window.createTextEditorDecorationType({ backgroundColor: c, rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed }));
	private readonly subs: vscode.Disposable[] = [];

	constructor(private readonly ctx: Ctx) {
		this.subs.push(
			vscode.window.onDidChangeVisibleTextEditors(() => void this.refresh()),
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (e.affectsConfiguration(`tlals.${SETTING}`)) void this.refresh();
			}),
		);
	}

	enabled(): boolean {
		return vscode.workspace.getConfiguration('tlals').get<boolean>(SETTING) ?? false;
	}

	async toggle(): Promise<void> {
		const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
		await vscode.workspace.getConfiguration('tlals').update(SETTING, !this.enabled(), target);
		await this.refresh();
	}

	/** refresh asks the server for the heat map of every visible spec (after a run, a toggle). */
	async refresh(): Promise<void> {
		const on = this.enabled();
		for (const ed of vscode.window.visibleTextEditors) {
			if (ed.document.languageId !== 'tlaplus') continue;
			const hm = on ? await this.fetch(ed.document.uri) : undefined;
			this.types.forEach((t, i) => {
				const spots = hm?.spots.filter((s) => s.level === i + 1) ?? [];
				ed.setDecorations(t, spots.map((s) => ({
					range: new vscode.Range(s.range.start.line, s.range.start.character, s.range.end.line, s.range.end.character),
					hoverMessage: `tlals heat map (${hm!.model}): ${s.action}'s conjunct evaluated ${s.count.toLocaleString('en-US')} times (most: ${hm!.max.toLocaleString('en-US')})`,
				})));
			});
		}
	}

	private async fetch(uri: vscode.Uri): Promise<HeatMap | undefined> {
		const c = this.ctx.client;
		if (!c?.isRunning()) return undefined;
		try {
			return (await c.sendRequest<HeatMap | null>(Methods.heatMap, { textDocument: { uri: uri.toString() } })) ?? undefined;
		} catch (e) {
			this.ctx.log.appendLine(`heat map: ${String(e)}`);
			return undefined;
		}
	}

	dispose(): void {
		for (const t of this.types) t.dispose();
		for (const s of this.subs) s.dispose();
	}
}
