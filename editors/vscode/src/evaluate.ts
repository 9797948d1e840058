// Evaluate selection / Evaluate expression… and Export trace…: both ask the
// server (tlals.evaluate, tlals.exportTrace) about the active spec.

import * as vscode from 'vscode';
import type { Ctx } from './extension';
import { EvaluateArgs, EvaluateReply, ServerCommands, TraceFormats, evaluationText, traceFileName } from './lsp_ext';

/** The evaluations, one line each, for a look back. */
let output: vscode.OutputChannel | undefined;

export function registerEvaluate(ctx: Ctx, reg: (id: string, f: (...a: any[]) => unknown) => void, activeSpec: () => vscode.Uri | undefined): void {
	const evaluate = async (spec: vscode.Uri, args: EvaluateArgs): Promise<EvaluateReply | undefined> => {
		// In the state the trace is on when one is shown, else with the constants only.
		const step = ctx.panel.shownStep(spec);
		if (step !== undefined) args.step = step;
		const model = ctx.models.get(spec.toString());
		if (model) args.model = model;
		const r = await ctx.exec<EvaluateReply>(ServerCommands.evaluate, [spec.toString(), args]);
		if (!r) return undefined;
		const text = evaluationText(r);
		output ??= vscode.window.createOutputChannel('tlals: evaluate');
		output.appendLine(`[${r.model}] ${text}`);
		if (r.error !== undefined) void vscode.window.showWarningMessage(`tlals: ${text}`);
		else void vscode.window.showInformationMessage(`tlals: ${text}`);
		return r;
	};
	reg('tlals.evaluateSelection', async () => {
		const ed = vscode.window.activeTextEditor;
		if (!ed || ed.document.languageId !== 'tlaplus') return void vscode.window.showWarningMessage('tlals: select an expression in a .tla file.');
		let sel: vscode.Range = ed.selection;
		if (sel.isEmpty) {
			const word = ed.document.getWordRangeAtPosition(sel.start, /[A-Za-z0-9_]+/);
			if (!word) return void vscode.window.showWarningMessage('tlals: select an expression to evaluate.');
			sel = word;
		}
		const r = await evaluate(ed.document.uri, { range: { start: sel.start, end: sel.end } });
		// An error in the selection: the cursor goes to its place.
		const at = r?.location;
		if (at && at.uri === ed.document.uri.toString()) {
			const p = new vscode.Position(at.range.start.line, at.range.start.character);
			ed.selection = new vscode.Selection(p, p);
			ed.revealRange(new vscode.Range(p, p), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
		}
		return r;
	});
	reg('tlals.evaluateExpression', async (expr?: string) => {
		const spec = activeSpec();
		if (!spec) return void vscode.window.showWarningMessage('tlals: open a .tla file to evaluate in.');
		const e = typeof expr === 'string' ? expr : await vscode.window.showInputBox({ prompt: 'A TLA+ expression to evaluate with the spec\'s definitions and its model\'s constants (in the trace\'s current state, when a trace is shown)' });
		if (!e) return undefined;
		return evaluate(spec, { expression: e });
	});
	reg('tlals.exportTraceAs', async (format?: string, target?: vscode.Uri) => {
		const spec = activeSpec();
		if (!spec) return void vscode.window.showWarningMessage('tlals: open a .tla file whose trace to export.');
		const fmt = typeof format === 'string' ? format : (await vscode.window.showQuickPick(
			[
				{ label: 'tla', description: 'a TLA+ module defining the trace (as TLC\'s -dumpTrace tla)' },
				{ label: 'json', description: 'TLC\'s JSON trace' },
				{ label: 'itf', description: 'the Informal Trace Format of Apalache and Quint' },
			],
			{ placeHolder: 'The format of the exported trace' },
		))?.label;
		if (!fmt || !(TraceFormats as readonly string[]).includes(fmt)) return undefined;
		const to = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({
			defaultUri: spec.with({ path: traceFileName(spec.path, fmt) }),
			filters: fmt === 'tla' ? { 'TLA+ module': ['tla'] } : { JSON: ['json'] },
		});
		if (!to) return undefined;
		const r = await ctx.exec<{ path?: string; text?: string }>(ServerCommands.exportTrace, [spec.toString(), { format: fmt, path: to.fsPath }]);
		if (r?.text !== undefined) await vscode.workspace.fs.writeFile(to, Buffer.from(r.text, 'utf8'));
		if (r) void vscode.window.showInformationMessage(`tlals: trace written to ${r.path ?? to.fsPath}`);
		return r;
	});
}
