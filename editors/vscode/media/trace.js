// The trace panel's script: keyboard navigation and row activation. The
// table itself is rendered by the extension (src/traceModel.ts).
(function () {
	const vscode = acquireVsCodeApi();
	const rows = () => Array.from(document.querySelectorAll('#trace tbody tr.row'));
	let cur = Math.max(0, rows().findIndex((r) => r.classList.contains('current')));

	// focus: only for the user's own moves; the editor's stepping must not
	// take the focus from the editor (or from a quick input over it).
	function select(i, activate, focus) {
		const rs = rows();
		if (rs.length === 0) return;
		cur = Math.max(0, Math.min(rs.length - 1, i));
		rs.forEach((r, k) => r.classList.toggle('current', k === cur));
		if (focus) rs[cur].focus();
		rs[cur].scrollIntoView({ block: 'nearest' });
		if (activate) vscode.postMessage({ type: 'goto', step: cur });
	}

	document.addEventListener('click', (e) => {
		if (e.target.closest('summary')) return; // expanding a long value
		const tr = e.target.closest('tr.row');
		if (tr) select(Number(tr.dataset.step), true, true);
		const th = e.target.closest('th.pinned');
		if (th) vscode.postMessage({ type: 'unpin', expr: th.dataset.expr });
	});
	document.getElementById('pin')?.addEventListener('click', () => vscode.postMessage({ type: 'pin' }));
	document.addEventListener('keydown', (e) => {
		const n = rows().length;
		const moves = { ArrowDown: cur + 1, j: cur + 1, ArrowUp: cur - 1, k: cur - 1, Home: 0, g: 0, End: n - 1, G: n - 1 };
		if (e.key in moves) {
			select(moves[e.key], false, true);
			e.preventDefault();
		} else if (e.key === 'Enter' || e.key === ' ') {
			select(cur, true, true);
			e.preventDefault();
		}
	});
	window.addEventListener('message', (e) => {
		if (e.data && e.data.type === 'current') select(e.data.step, false, false);
	});
})();
